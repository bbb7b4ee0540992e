/**
 * print-structure.ts promises ts-morph's text for the structures the emitters build, without loading ts-morph. The
 * promise is checked against ts-morph's own printStructure: on every structure file of the fixture package, of
 * docs-input's package and of the v1.0 corpus's package, and on hand-made structures that use what the printer
 * knows beyond what the emitters build today.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { test } from "node:test";
import {
  printStructure,
  StructureKind as TsMorphKind,
  type OptionalKind,
  type SourceFileStructure,
  type StatementStructures,
} from "ts-morph";
import { pendingOf } from "../../src/emit/files.js";
import { emitPackage } from "../../src/emit/index.js";
import { printSourceFile } from "../../src/emit/print-structure.js";
import { ModuleDeclarationKind, StructureKind, VariableDeclarationKind } from "../../src/emit/structure-kinds.js";
import { buildApiModel } from "../../src/model/index.js";
import { corpus, fixtureBaseUrl, fixtureDocs, readPages, root } from "../helpers.js";
import { join } from "node:path";

type File = OptionalKind<SourceFileStructure>;

const theirs = (file: File): string =>
  printStructure({ ...file, kind: TsMorphKind.SourceFile }, { indentNumberOfSpaces: 2 });

/** Every structure file of the package generated from `docs`, with its path. */
function structuresOf(docs: string): Array<{ path: string; structure: File }> {
  const emitted = emitPackage(buildApiModel(readPages(docs), { baseUrl: fixtureBaseUrl }), {
    packageName: "printed",
    packageVersion: "1.0.0",
    baseUrl: fixtureBaseUrl,
    docsLabel: "docs",
    typescriptVersion: "5.9.0",
    typesNodeVersion: "20.0.0",
  });
  return emitted.files.flatMap((file) => {
    const { path, content } = pendingOf(file);
    return content.kind === "structure" ? [{ path, structure: content.structure }] : [];
  });
}

function expectTsMorphText(docs: string): void {
  const structures = structuresOf(docs);
  assert.ok(structures.length > 0, `no structure file in the package of ${docs}`);
  for (const { path, structure } of structures) assert.equal(printSourceFile(structure), theirs(structure), path);
}

test("every structure of the fixture package prints as ts-morph prints it", () => expectTsMorphText(fixtureDocs));

test("every structure of docs-input's package prints as ts-morph prints it", () =>
  expectTsMorphText(join(root, "docs-input")));

test(
  "every structure of the v1.0 corpus's package prints as ts-morph prints it",
  { skip: existsSync(corpus) ? false : `the corpus is not at ${corpus}`, timeout: 10 * 60_000 },
  () => expectTsMorphText(corpus),
);

test("what the printer knows beyond today's emitters prints as ts-morph prints it", () => {
  const statements: Array<string | StatementStructures> = [
    { kind: StructureKind.ImportDeclaration, defaultImport: "widgets", moduleSpecifier: "./widgets.js" },
    {
      kind: StructureKind.ImportDeclaration,
      defaultImport: "parts",
      namedImports: ["Part", { name: "Gadget", alias: "Thing" }],
      moduleSpecifier: "./parts.js",
    },
    {
      kind: StructureKind.ImportDeclaration,
      namespaceImport: "store",
      moduleSpecifier: "./store.js",
      leadingTrivia: ["// One line of trivia,", "// and another."],
      trailingTrivia: [" // after,", "// and below."],
    },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: "./side-effect.js" },
    {
      kind: StructureKind.ImportDeclaration,
      namedImports: [{ name: "Only", isTypeOnly: true }, "Other"],
      moduleSpecifier: "./only.js",
    },
    { kind: StructureKind.ExportDeclaration },
    { kind: StructureKind.ExportDeclaration, namespaceExport: "all", moduleSpecifier: "./all.js" },
    { kind: StructureKind.ExportDeclaration, namedExports: [{ name: "a", alias: "b" }, "c"] },
    {
      kind: StructureKind.Interface,
      name: "Box",
      isExported: true,
      typeParameters: ["T", { name: "K", constraint: "keyof T", default: "never" }],
      extends: ["Base<T>", "Other"],
      docs: [{ description: "A box.\n\nOf things.", tags: [{ tagName: "deprecated", text: "Use Crate." }] }],
      indexSignatures: [{ keyName: "name", keyType: "string", returnType: "unknown", isReadonly: true }],
      properties: [
        { name: "size", type: "number", hasQuestionToken: true, docs: ["Its size."] },
        { name: '"odd-name"', type: "string", isReadonly: true, leadingTrivia: "// a comment" },
      ],
      methods: [
        {
          name: "open",
          typeParameters: [{ name: "U", constraint: "T" }],
          parameters: [
            { name: "how", type: "U" },
            { name: "force", hasQuestionToken: true },
            { name: "rest", isRestParameter: true, type: "string[]" },
          ],
          returnType: "Promise<void>",
          docs: ["Opens it.", { description: "With tags.", tags: [{ tagName: "param", text: "how - how" }] }],
        },
      ],
    },
    { kind: StructureKind.Interface, name: "Empty" },
    { kind: StructureKind.TypeAlias, name: "Alias", type: "Box<string>", typeParameters: ["T"], isExported: true },
    {
      kind: StructureKind.Module,
      name: "Box",
      declarationKind: ModuleDeclarationKind.Namespace,
      isExported: true,
      statements: [
        { kind: StructureKind.TypeAlias, name: "Inner", type: "string", isExported: true },
        { kind: StructureKind.Function, name: "make", hasDeclareKeyword: true, returnType: "Box<string>" },
      ],
    },
    {
      kind: StructureKind.Function,
      name: "build",
      isExported: true,
      isAsync: true,
      parameters: [
        { name: "input", type: "string", initializer: '"x"' },
        { name: "options", type: "{ a: number, }" },
      ],
      returnType: "Promise<string>",
      statements: ["const text = input;", "return text;"],
      trailingTrivia: " // built",
    },
    {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      isExported: true,
      docs: ["Two of them."],
      declarations: [
        { name: "first", type: "number", initializer: "1" },
        { name: "second", hasExclamationToken: true, type: "string" },
        { name: "url", initializer: '"https://example.com/a//b"' },
      ],
    },
    { kind: StructureKind.VariableStatement, declarations: [{ name: "plain", initializer: "{ a: 1 }" }] },
    "export default Box;",
  ];
  const file: File = { statements, leadingTrivia: "// Leading.\n" };
  assert.equal(printSourceFile(file), theirs(file));
});

test("a structure the printer does not know fails by name, not with a wrong text", () => {
  const file = (statement: unknown): File => ({ statements: [statement as StatementStructures] });
  assert.throws(() => printSourceFile(file({ kind: 2 /* Class */, name: "Widget" })), /no printer for a statement/);
  assert.throws(
    () => printSourceFile(file({ kind: StructureKind.Interface, name: "I", callSignatures: [{ returnType: "void" }] })),
    /no printer for call or construct signatures/,
  );
  // ts-morph puts a comma before a comment that ends an item; without TypeScript's scanner, this printer refuses.
  const commented = {
    kind: StructureKind.Function,
    name: "f",
    parameters: [{ name: "a", type: "string /* first */" }, { name: "b" }],
    statements: [],
  };
  assert.throws(() => printSourceFile(file(commented)), /comment at the end of a comma-separated item/);
});
