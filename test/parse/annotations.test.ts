import assert from "node:assert/strict";
import { test } from "node:test";
import { readAnnotation } from "../../src/parse/annotations.js";

test("reads the keys docs2ts uses and ignores the rest", () => {
  const read = readAnnotation(`<!-- {
    "blockType": "response",
    "truncated": "true",
    "@odata.type": "microsoft.graph.user",
    "isCollection": true,
    "scope": "unknown key",
    "name": ["get_user", "get_user_2"],
  } -->`);
  assert.equal(read.kind, "annotation");
  if (read.kind !== "annotation") return;
  assert.deepEqual(read.annotation, {
    blockType: "response",
    names: ["get_user", "get_user_2"],
    odataType: "microsoft.graph.user",
    isCollection: true,
    truncated: true,
  });
  assert.deepEqual(read.repairs, ["trailing comma"]);
  assert.equal(read.pageLevel, false);
});

test("reads resource annotations", () => {
  const read = readAnnotation(
    '<!--{"blockType": "resource", "baseType": "microsoft.graph.entity", "openType": true, "abstract": false, "keyProperty": "id", "optionalProperties": ["a", 2]}-->',
  );
  assert.ok(read.kind === "annotation");
  assert.deepEqual(read.annotation, {
    blockType: "resource",
    names: [],
    baseType: "microsoft.graph.entity",
    keyProperty: "id",
    openType: true,
    abstract: false,
    optionalProperties: ["a"],
  });
});

test("tells page annotations, plain comments and broken JSON apart", () => {
  const page = readAnnotation('<!-- { "type": "#page.annotation", "description": "x" } -->');
  assert.ok(page.kind === "annotation" && page.pageLevel);
  assert.deepEqual(readAnnotation("<!-- CRUD Methods -->"), { kind: "none" });
  assert.deepEqual(readAnnotation("<div>html</div>"), { kind: "none" });
  assert.equal(readAnnotation('<!-- { "blockType": } -->').kind, "invalid");
});
