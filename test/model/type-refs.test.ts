import assert from "node:assert/strict";
import { test } from "node:test";
import type { TypeRef } from "../../src/model/index.js";
import { readTypeText, type TypeLookup } from "../../src/model/type-refs.js";
import type { Link } from "../../src/parse/index.js";

const lookup: TypeLookup = {
  byPage: (page) =>
    ({
      "v1.0/resources/identityset.md": "microsoft.graph.identitySet",
      "v1.0/resources/runstate.md": "microsoft.graph.runState",
    })[page],
  byName: (name) =>
    ({ identityset: "microsoft.graph.identitySet", "microsoft.graph.identityset": "microsoft.graph.identitySet" })[
      name.toLowerCase()
    ],
  key: "fixed",
};
const identitySetLink: Link = { text: "identitySet", url: "identityset.md", page: "v1.0/resources/identityset.md" };
const string: TypeRef = { kind: "primitive", name: "string" };
const identitySet: TypeRef = { kind: "named", qualifiedName: "microsoft.graph.identitySet" };

const cases: Array<[string, Link[], TypeRef]> = [
  ["String", [], string],
  ["string", [], string],
  ["Edm.String", [], string],
  ["Boolean", [], { kind: "primitive", name: "boolean" }],
  ["Int32", [], { kind: "primitive", name: "number", format: "Int32" }],
  ["Edm.Int64", [], { kind: "primitive", name: "number", format: "Int64" }],
  ["Integer", [], { kind: "primitive", name: "number", format: "Int32" }],
  ["Single", [], { kind: "primitive", name: "number", format: "Single" }],
  ["Double", [], { kind: "primitive", name: "number", format: "Double" }],
  ["Decimal", [], { kind: "primitive", name: "number", format: "Decimal" }],
  ["Byte", [], { kind: "primitive", name: "number", format: "Byte" }],
  ["Int16", [], { kind: "primitive", name: "number", format: "Int16" }],
  ["Guid", [], { kind: "primitive", name: "string", format: "Guid" }],
  ["DateTimeOffset", [], { kind: "primitive", name: "string", format: "DateTimeOffset" }],
  ["Date", [], { kind: "primitive", name: "string", format: "Date" }],
  ["TimeOfDay", [], { kind: "primitive", name: "string", format: "TimeOfDay" }],
  ["Duration", [], { kind: "primitive", name: "string", format: "Duration" }],
  ["Binary", [], { kind: "primitive", name: "string", format: "Binary" }],
  ["Stream", [], { kind: "primitive", name: "string", format: "Stream" }],
  ["Json", [], { kind: "json" }],
  ["`String`", [], string],
  ["string (url)", [], string],
  ["String, maximum size 20", [], string],
  ["String collection", [], { kind: "collection", of: string }],
  ["Collection(String)", [], { kind: "collection", of: string }],
  ["identitySet", [identitySetLink], identitySet],
  ["identitySet collection", [identitySetLink], { kind: "collection", of: identitySet }],
  ["Collection(identitySet)", [identitySetLink], { kind: "collection", of: identitySet }],
  ["microsoft.graph.identitySet", [], identitySet],
  ["String or identitySet", [identitySetLink], { kind: "union", of: [string, identitySet] }],
];

for (const [text, links, expected] of cases) {
  test(`Type cell \`${text}\`${links.length > 0 ? " with a link" : ""}`, () => {
    assert.deepEqual(readTypeText(text, links, "microsoft.graph", lookup), expected);
  });
}

test("a spelling that names nothing known is unknown, never guessed", () => {
  assert.deepEqual(readTypeText("Object", [], "microsoft.graph", lookup), { kind: "unknown", text: "Object" });
  assert.deepEqual(readTypeText("widget collection", [], "microsoft.graph", lookup), {
    kind: "unknown",
    text: "widget collection",
  });
  assert.deepEqual(readTypeText("String or Thing", [], "microsoft.graph", lookup), {
    kind: "unknown",
    text: "String or Thing",
  });
  const dangling: Link = { text: "gizmo", url: "gizmo.md", page: "v1.0/resources/gizmo.md" };
  assert.deepEqual(readTypeText("gizmo", [dangling], "microsoft.graph", lookup), { kind: "unknown", text: "gizmo" });
});
