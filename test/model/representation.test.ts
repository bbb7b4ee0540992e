/**
 * What a resource page's JSON representation and the docs' paths settle about its type (test/fixtures/representation):
 * Type cells the representation resolves or corrects, members only it or only a path documents, tables of something
 * else. Each rule reads structure: none is keyed to a page or type name.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { readRepresentation } from "../../src/parse/representation.js";
import { listDocsFiles, readDocsFile } from "../../src/run/docs-set.js";
import type { ApiModel, ObjectType } from "../../src/model/index.js";
import { fixtures, modelOfTexts } from "../helpers.js";

const docsRoot = join(fixtures, "representation");
const model: ApiModel = modelOfTexts(
  new Map(listDocsFiles(docsRoot).map((file) => [file, readDocsFile(docsRoot, file).text])),
);

function typeOf(qualifiedName: string): ObjectType {
  const found = model.types.find((type) => type.qualifiedName === qualifiedName);
  assert.ok(found, qualifiedName);
  return found;
}

function member(type: string, name: string) {
  return typeOf(type).properties.find((property) => property.name === name);
}

function diagnostics(code: string): string[] {
  return model.diagnostics
    .filter((diagnostic) => diagnostic.code === code)
    .map((diagnostic) => `${diagnostic.file}:${diagnostic.line}`);
}

test("a representation is read by lines and brackets: members at depth one, with the shape of their samples", () => {
  const members = readRepresentation(
    [
      "{",
      '  "name": "string",',
      '  "when": "String (timestamp)", // a comment',
      '  "owner": { "@odata.type": "#microsoft.graph.person", "nested": { "deep": 1 } },',
      '  "people": [',
      '    {"@odata.type": "microsoft.graph.person"}',
      "  ],",
      '  "count": 3,',
      '  "flag": false,',
      '  "note": "a } inside a string",',
      '  "after": null',
      "}",
    ].join("\n"),
    10,
  );
  assert.deepEqual(
    members.map((entry) => [entry.name, entry.line, entry.value]),
    [
      ["name", 11, { kind: "string", text: "string" }],
      ["when", 12, { kind: "string", text: "String (timestamp)" }],
      ["owner", 13, { kind: "object", odataType: "microsoft.graph.person" }],
      ["people", 14, { kind: "array", of: { kind: "object", odataType: "microsoft.graph.person" } }],
      ["count", 17, { kind: "number" }],
      ["flag", 18, { kind: "boolean" }],
      ["note", 19, { kind: "string", text: "a } inside a string" }],
      ["after", 20, { kind: "null" }],
    ],
  );
});

test("a sample nested thousands deep is not read, and costs no stack", () => {
  // Found by the fuzz campaign: the shape of `[[[[...` was read recursively, and a type of it printed so.
  const deep = `{\n  "name": "string",\n  "x": ${"[".repeat(5000)}"string"${"]".repeat(5000)}\n}`;
  const members = readRepresentation(deep, 1);
  assert.deepEqual(
    members.map((entry) => entry.name),
    ["name", "x"],
  );
  let depth = 0;
  for (let value = members[1]?.value; value?.kind === "array"; value = value.of) depth++;
  assert.ok(depth <= 10, `read ${depth} levels deep`);
});

test("an annotation's `@type` names the type as `@odata.type` does", () => {
  typeOf("microsoft.graph.person");
  typeOf("microsoft.graph.systemFacet");
});

test("a Type cell that names nothing known takes the type the representation names", () => {
  assert.deepEqual(member("microsoft.graph.folder", "system")?.type, {
    kind: "named",
    qualifiedName: "microsoft.graph.systemFacet",
  });
  assert.ok(diagnostics("DT238").includes("resources/folder.md:43"));
});

test("the representation settles whether a member is one or many", () => {
  // The table says one person; the representation shows an array.
  assert.deepEqual(member("microsoft.graph.folder", "children")?.type, {
    kind: "collection",
    of: { kind: "named", qualifiedName: "microsoft.graph.person" },
  });
  // The table says a collection of strings; the representation shows one string.
  assert.deepEqual(member("microsoft.graph.folder", "labels")?.type, { kind: "primitive", name: "string" });
});

test("a primitive's name wins over the page its link explains the format on", () => {
  assert.deepEqual(member("microsoft.graph.folder", "createdDateTime")?.type, {
    kind: "primitive",
    name: "string",
    format: "DateTimeOffset",
  });
});

test("a member only the representation lists is read where its sample names a type, and reported", () => {
  assert.deepEqual(member("microsoft.graph.folder", "owner")?.type, {
    kind: "named",
    qualifiedName: "microsoft.graph.person",
  });
  assert.deepEqual(diagnostics("DT237"), ["resources/folder.md:25"]);
  // A sample value (`true`, `"Contoso blue"`) names no type: those are not guessed; nor is a primitive's placeholder
  // (`"string"`), which outlives a removed row.
  assert.equal(member("microsoft.graph.folder", "isShared"), undefined);
  assert.equal(member("microsoft.graph.folder", "color"), undefined);
  assert.equal(member("microsoft.graph.folder", "nickname"), undefined);
  // An open type's sample shows an instance's keys.
  assert.deepEqual(
    typeOf("microsoft.graph.bag").properties.map((property) => property.name),
    ["kind"],
  );
});

test("a second properties table that names none of the representation's members is not read as members", () => {
  assert.equal(member("microsoft.graph.folder", "Version"), undefined);
  assert.equal(member("microsoft.graph.folder", "MaxDepth"), undefined);
  assert.deepEqual(diagnostics("DT239"), ["resources/folder.md:49"]);
});

test("a relationship only a path documents becomes a navigation property of the type its parent path answers", () => {
  assert.deepEqual(member("microsoft.graph.folder", "viewers"), {
    name: "viewers",
    type: { kind: "collection", of: { kind: "named", qualifiedName: "microsoft.graph.person" } },
    readOnly: false,
    navigation: true,
    source: { file: "api/folder-list-viewers.md", line: 14 },
  });
  assert.deepEqual(diagnostics("DT240"), ["api/folder-list-viewers.md:14"]);
  // Not a function's page (titled by its name), nor a name the docs call as a function, nor a query's answer.
  assert.equal(member("microsoft.graph.folder", "recent"), undefined);
  assert.equal(member("microsoft.graph.folder", "delta"), undefined);
  assert.equal(member("microsoft.graph.person", "viewers"), undefined);
  // A member a derived type documents is not the base's, though a path reaches it through the base's answer.
  assert.equal(member("microsoft.graph.folder", "sealers"), undefined);
});

test("a relationship documented as one object whose items the docs address by key is a collection", () => {
  assert.deepEqual(member("microsoft.graph.folder", "items")?.type, {
    kind: "collection",
    of: { kind: "named", qualifiedName: "microsoft.graph.person" },
  });
  assert.deepEqual(diagnostics("DT241"), ["resources/folder.md:59"]);
  // The same call documented with and without a key: the key names a variant (a size), not an item.
  assert.equal(member("microsoft.graph.folder", "cover")?.type.kind, "named");
  // A key placeholder under an object without an `id` stands for a member's name, not an item.
  assert.deepEqual(member("microsoft.graph.folder", "options")?.type, {
    kind: "named",
    qualifiedName: "microsoft.graph.bag",
  });
});
