import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { listDocsFiles } from "../../src/run/docs-set.js";
import { parsePage, type PageModel } from "../../src/parse/index.js";
import { expectGolden, fixtureDocs, fixtures } from "../helpers.js";

function parseFixture(file: string): PageModel {
  return parsePage(file, readFileSync(join(fixtureDocs, file), "utf8"));
}

function codesAt(page: PageModel): string[] {
  return page.diagnostics.map((diagnostic) => `${diagnostic.line} ${diagnostic.code}`);
}

// Golden PageModels: one fixture page per variant of the format, its whole PageModel reviewed in the diff.
for (const file of listDocsFiles(fixtureDocs)) {
  test(`PageModel of ${file} matches its golden file`, () => {
    expectGolden(
      join(fixtures, "parsed", file.replace(/\.md$/, ".json")),
      `${JSON.stringify(parseFixture(file), null, 2)}\n`,
    );
  });
}

test("a resource page: kind, title, namespace, tables by kind, inheritance, annotation", () => {
  const page = parseFixture("v1.0/resources/widget.md");
  assert.equal(page.kind, "resource");
  assert.deepEqual(page.title, { line: 7, text: "widget resource type" });
  assert.deepEqual(page.namespace, { line: 9, text: "microsoft.graph" });
  assert.deepEqual(
    page.tables.map((table) => table.kind),
    ["methods", "properties", "relationships"],
  );
  assert.equal(page.inheritsFrom?.value.page, "v1.0/resources/entity.md");
  assert.equal(page.resourceAnnotation?.value.baseType, "microsoft.graph.entity");
  const properties = page.tables[1]!;
  assert.deepEqual(properties.columns, ["name", "type", "description"]);
  // The bold section row "Dimensions" is not a property.
  assert.ok(!properties.rows.some((row) => row.cells[0]!.text === "Dimensions"));
  const tag = properties.rows.find((row) => row.cells[0]!.text === "tag")!;
  assert.deepEqual(tag.cells[1]!.links, [{ text: "tag", url: "tag.md", page: "v1.0/resources/tag.md" }]);
  const size = properties.rows.find((row) => row.cells[0]!.text === "size")!;
  assert.deepEqual(size.cells[2]!.code, ["small", "large", "unknownFutureValue"]);
  assert.deepEqual(codesAt(page), ["54 DT111"]);
});

test("enum pages: one member table, or several under `x values` headings", () => {
  const color = parseFixture("v1.0/resources/color.md");
  assert.equal(color.kind, "enum");
  assert.deepEqual(
    color.tables.map((table) => [table.kind, table.rows.length]),
    [["enumMembers", 4]],
  );
  const shapes = parseFixture("v1.0/resources/enums-shapes.md");
  assert.deepEqual(
    shapes.tables.map((table) => [table.kind, shapes.sections[table.section]!.title, table.rows.length]),
    [
      ["enumMembers", "shape values", 2],
      ["enumMembers", "finish values", 2],
      ["enumMembers", "texture values", 2],
    ],
  );
  const priority = parseFixture("v1.0/resources/priority.md");
  assert.deepEqual(priority.tables[0]!.columns, ["name", "value", "description"]);
  // A resource page may document an enum under an `x values` heading; the property links it by anchor.
  const gadget = parseFixture("v1.0/resources/gadget.md");
  assert.deepEqual(
    gadget.tables.map((table) => table.kind),
    ["properties", "enumMembers"],
  );
  assert.deepEqual(gadget.tables[0]!.rows[3]!.cells[1]!.links, [
    { text: "gadgetKind", url: "#gadgetkind-values", page: "v1.0/resources/gadget.md" },
  ]);
});

test("a doc_type the structure contradicts is overruled and reported", () => {
  const sticker = parseFixture("v1.0/resources/sticker.md");
  assert.equal(sticker.kind, "resource");
  assert.deepEqual(codesAt(sticker), ["1 DT105"]);
});

test("damaged pages: an unclosed fence is closed before the next heading; empty sections and INCLUDEs are noted", () => {
  const page = parseFixture("v1.0/api/damaged-fence.md");
  assert.deepEqual(
    page.httpSyntax[0]!.lines.map((line) => line.path),
    ["/gizmos"],
  );
  assert.match(page.responseProse!.text, /200 OK/);
  assert.deepEqual(page.includes, [
    { line: 10, section: 0, name: "missing", url: "../../includes/not-there.md", page: "includes/not-there.md" },
  ]);
  assert.deepEqual(codesAt(page), ["12 DT106", "16 DT148"]);
});

test("syntax variants: interactive blocks, version prefixes, namespaced functions, $value, $count, $ref, item paths", () => {
  const paths = (file: string): string[] =>
    parseFixture(file).httpSyntax.flatMap((block) => block.lines.map((line) => `${line.method} ${line.path}`));
  assert.deepEqual(paths("v1.0/api/widget-delta.md"), ["GET /v1.0/widgets/microsoft.graph.delta()"]);
  assert.deepEqual(paths("v1.0/api/widget-get-photo.md"), ["GET /beta/widgets/{id}/photo/$value"]);
  assert.deepEqual(paths("v1.0/api/widget-count.md"), ["GET /widgets/$count"]);
  assert.deepEqual(paths("v1.0/api/widget-add-part-ref.md"), ["POST /widgets/{id}/parts/$ref"]);
  assert.deepEqual(paths("v1.0/api/drive-get-item.md"), [
    "GET /drive/items/{item-id}",
    "GET /drive/root:/{item-path}",
    "GET /drive/root:/{item-path}:/content",
  ]);
  const ref = parseFixture("v1.0/api/widget-add-part-ref.md");
  assert.equal(ref.examples[0]!.request!.url, "https://graph.microsoft.com/v1.0/widgets/w1/parts/$ref");
  assert.deepEqual(
    ref.includes.map((include) => include.page),
    ["includes/widget-permissions.md"],
  );
  assert.deepEqual(
    ref.tables.map((table) => table.kind),
    ["pathParameters", "requestBody"],
  );
});

test("an API page: permissions, syntax lines, prose, examples across tab markers", () => {
  const page = parseFixture("v1.0/api/widget-get.md");
  assert.equal(page.kind, "api");
  assert.deepEqual(
    page.tables.map((table) => table.kind),
    ["permissions", "requestHeaders"],
  );
  assert.deepEqual(
    page.httpSyntax[0]!.lines.map((line) => line.path),
    ["/widgets/{id}", "/users/{id | userPrincipalName}/widgets/{id}"],
  );
  assert.match(page.responseProse!.text, /200 OK response code and a widget object/);
  assert.equal(page.responseProse!.links[0]!.value.page, "v1.0/resources/widget.md");
  assert.deepEqual(
    page.examples.map((example) => [example.name, example.request?.method, example.response?.status]),
    [
      ["get_widget", "GET", 200],
      ["get_user_widget", "GET", 404],
    ],
  );
  assert.equal(page.examples[0]!.request!.url, "https://graph.microsoft.com/v1.0/widgets/w1?$select=displayName,size");
  assert.deepEqual(page.examples[0]!.response!.body!.json, { displayName: "Sprocket", size: "small" });
  assert.deepEqual(codesAt(page), []);
});

test("examples without annotations are paired by order under Request and Response headings", () => {
  const page = parseFixture("v1.0/api/widget-update.md");
  assert.equal(page.examples.length, 1);
  assert.equal(page.examples[0]!.request?.method, "PATCH");
  assert.equal(page.examples[0]!.response?.status, 200);
  assert.equal(page.examples[0]!.response?.body?.jsonLines?.["/displayName"], 62);
  assert.deepEqual(codesAt(page), ["4 DT102", "14 DT120", "23 DT130"]);
});

test("tolerant bodies: repairs are reported, not fatal", () => {
  const page = parseFixture("v1.0/api/widget-create.md");
  assert.deepEqual(page.examples[0]!.request!.body!.json, { displayName: "Sprocket", count: 3, labels: ["new"] });
  assert.deepEqual(codesAt(page), ["39 DT146", "42 DT143"]);
});

test("a damaged page yields every readable part and a diagnostic per defect", () => {
  const page = parseFixture("v1.0/api/damaged.md");
  assert.equal(page.kind, "api");
  assert.equal(page.title?.text, "Get gizmo");
  assert.deepEqual(
    page.httpSyntax[0]!.lines.map((line) => line.path),
    ["/gizmos/{id}"],
  );
  assert.equal(page.examples[0]!.request?.url, "https://graph.microsoft.com/v1.0/gizmos/g1");
  assert.equal(page.examples[0]!.response?.status, 200);
  assert.equal(page.examples[0]!.response?.body?.json, undefined);
  assert.deepEqual(codesAt(page), [
    "1 DT103", // doc_type lost with the broken front matter; the page is read by its structure
    "2 DT101", // front matter YAML
    "15 DT121", // a row with more cells than the header
    "20 DT111", // trailing comma in an annotation
    "23 DT131", // a syntax line that is not METHOD /path
    "26 DT111", // a missing comma in an annotation...
    "26 DT113", // ...followed by no code block before the next annotation
    "30 DT112", // an annotation separated from its block by a heading
    "38 DT112", // and one separated by a paragraph
    "50 DT102", // template text
    "52 DT144", // an unreadable JSON body
  ]);
});

test("the sample page: each flaw the parse stage can see, at its line", () => {
  const text = readFileSync(
    join(fixtures, "..", "..", "docs-input", "beta", "api", "update-devicerunstates.md"),
    "utf8",
  );
  const page = parsePage("beta/api/update-devicerunstates.md", text);
  assert.deepEqual(codesAt(page), ["5 DT102", "22 DT120", "35 DT130", "81 DT146", "108 DT102", "113 DT146"]);
  assert.deepEqual(page.httpSyntax, [{ line: 35, section: 2, lines: [] }]);
  assert.ok(Array.isArray(page.examples[0]!.request!.body!.json));
});
