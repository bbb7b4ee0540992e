import assert from "node:assert/strict";
import { test } from "node:test";
import type { EnumType, ObjectType, Property, TypeRef } from "../../src/model/index.js";
import { checkRequestBody, checkResponseBody, type TypeTable } from "../../src/model/example-checks.js";

const property = (name: string, type: TypeRef, readOnly = false): Property => ({
  name,
  type,
  readOnly,
  navigation: false,
  source: { file: "x.md", line: 1 },
});
const object = (name: string, properties: Property[], baseType?: string): ObjectType => ({
  kind: "object",
  name,
  namespace: "ns",
  qualifiedName: `ns.${name}`,
  ...(baseType ? { baseType } : {}),
  abstract: false,
  openType: false,
  properties,
  source: { file: `${name}.md`, line: 1 },
  origin: "resource",
});
const string: TypeRef = { kind: "primitive", name: "string" };
const named = (name: string): TypeRef => ({ kind: "named", qualifiedName: `ns.${name}` });
const color: EnumType = {
  kind: "enum",
  name: "color",
  namespace: "ns",
  qualifiedName: "ns.color",
  members: [{ name: "red" }, { name: "blue" }],
  source: { file: "color.md", line: 1 },
};
const types: TypeTable = {
  objects: new Map(
    [
      object("item", [
        property("id", string, true),
        property("name", string),
        property("color", named("color")),
        property("tags", { kind: "collection", of: string }),
      ]),
      object("file", [property("size", { kind: "primitive", name: "number", format: "Int64" })], "ns.item"),
      object("box", [property("content", named("item")), property("count", { kind: "primitive", name: "number" })]),
    ].map((type) => [type.qualifiedName, type]),
  ),
  enums: new Map([["ns.color", color]]),
};

test("a sound body passes whole and typed", () => {
  const check = checkRequestBody(
    { name: "a", color: "red", tags: ["x"], "@odata.type": "#ns.item", "parent@odata.bind": "u" },
    { kind: "type", type: named("item") },
    types,
    true,
  );
  assert.deepEqual(check.defects, []);
  assert.deepEqual(check.sound, {
    name: "a",
    color: "red",
    tags: ["x"],
    "@odata.type": "#ns.item",
    "parent@odata.bind": "u",
  });
  assert.equal(check.complete, true);
});

test("defects are reported by JSON pointer and left out of the sound part", () => {
  const check = checkRequestBody(
    { id: "1", name: 5, color: "green", extra: true, tags: ["x", 2] },
    { kind: "type", type: named("item") },
    types,
    true,
  );
  assert.deepEqual(check.defects, [
    { kind: "readOnly", pointer: "/id", name: "id" },
    { kind: "wrongType", pointer: "/name", expected: "string", actual: "number" },
    { kind: "enumValue", pointer: "/color", value: "green", type: "color" },
    { kind: "unknownMember", pointer: "/extra", name: "extra", type: "item" },
    { kind: "wrongType", pointer: "/tags/1", expected: "string", actual: "number" },
  ]);
  assert.deepEqual(check.sound, { tags: ["x"] });
});

test("a value whose @odata.type names a derived type is checked as that type, and marked for a cast", () => {
  const check = checkRequestBody(
    { content: { "@odata.type": "#ns.file", name: "f", size: 3 }, count: 1 },
    { kind: "type", type: named("box") },
    types,
    true,
  );
  assert.deepEqual(check.defects, []);
  assert.deepEqual(check.derived, { "/content": "ns.file" });
  const union = checkRequestBody(
    { "@odata.type": "#ns.file", size: 3 },
    { kind: "type", type: { kind: "union", of: [named("box"), named("file")] } },
    types,
    true,
  );
  assert.deepEqual([union.defects, union.derived], [[], { "": "ns.file" }]);
});

test("a flags enum's member list fits the docs and is marked loose for the types", () => {
  const check = checkRequestBody({ color: "red,blue" }, { kind: "type", type: named("item") }, types, true);
  assert.deepEqual([check.defects, check.loose], [[], ["/color"]]);
});

test("parameters: required ones left out make the body incomplete", () => {
  const body = {
    kind: "parameters" as const,
    parameters: [
      { name: "to", type: string, required: true },
      { name: "note", type: string, required: false },
    ],
  };
  const check = checkRequestBody({ note: "n" }, body, types, false);
  assert.deepEqual(check.defects, [{ kind: "missingRequired", pointer: "", name: "to" }]);
  assert.equal(check.complete, false);
});

test("responses: each member of a collection is checked; read-only members are fine", () => {
  assert.deepEqual(checkResponseBody({ value: [{ id: "1" }, { id: 2 }] }, named("item"), true, types), [
    { kind: "wrongType", pointer: "/value/1/id", expected: "string", actual: "number" },
  ]);
});
