/** structure-kinds.ts restates ts-morph's enum values so that emitting does not load ts-morph; they must agree. */
import assert from "node:assert/strict";
import { test } from "node:test";
import * as tsMorph from "ts-morph";
import { ModuleDeclarationKind, StructureKind, VariableDeclarationKind } from "../../src/emit/structure-kinds.js";

test("the restated structure kinds are ts-morph's", () => {
  for (const [name, value] of Object.entries(StructureKind)) {
    assert.equal(value, tsMorph.StructureKind[name as keyof typeof tsMorph.StructureKind], name);
  }
  assert.equal(VariableDeclarationKind.Const, tsMorph.VariableDeclarationKind.Const);
  assert.equal(ModuleDeclarationKind.Namespace, tsMorph.ModuleDeclarationKind.Namespace);
});
