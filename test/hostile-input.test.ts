/**
 * Hostile and broken pages (test/fixtures/hostile, each the small form of a crasher the fuzz campaign found, or of
 * one the issue reported): nesting thousands deep in JSON, annotations, lists, block quotes and emphasis is read
 * to a bound and reported, never a lost page; members named like the members every object has (`valueOf`) give
 * types that object literals fit; a header below a stray blank line is no JSON body; descriptions that would end
 * a comment or a string stay text; a page of 50 MB is refused with a diagnostic without being read.
 */
import assert from "node:assert/strict";
import { readFileSync, truncateSync, writeFileSync, mkdirSync, cpSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { resolveConfig } from "../src/run/config.js";
import { generate } from "../src/run/generate.js";
import { writeOutput } from "../src/run/output.js";
import { maxPageBytes } from "../src/run/docs-set.js";
import { scanForMarkers } from "./fuzz/scan.js";
import { compilePackage, failures, fixtures, root, runPackageTests, tempDir } from "./helpers.js";

const docs = join(fixtures, "hostile");
const dir = tempDir("hostile");
const out = join(dir, "pkg");
const config = resolveConfig(root, {
  input: docs,
  out,
  baseUrl: "https://graph.microsoft.com/v1.0",
  packageName: "hostile",
});
const result = await generate(config, "hostile", { workers: 0 });
await writeOutput(out, result.files);

const diagnostics = (code: string): string[] =>
  result.diagnostics
    .filter((diagnostic) => diagnostic.code === code)
    .map((diagnostic) => `${diagnostic.file}:${diagnostic.line} ${diagnostic.message}`);

test("no page is lost to nesting thousands deep; the part past the bound is reported", () => {
  assert.deepEqual(diagnostics("DT100"), []);
  assert.deepEqual(diagnostics("DT109"), []);
  assert.deepEqual(
    diagnostics("DT144").filter((line) => line.includes("deep")),
    [
      "api/gadget-get-deep-json.md:34 Example response body could not be read as JSON: array nests deeper than 64 levels.",
    ],
  );
  assert.deepEqual(diagnostics("DT110"), [
    "api/gadget-get-deep-annotation.md:24 Annotation is not valid JSON and is ignored: object nests deeper than 64 levels.",
  ]);
  assert.deepEqual(diagnostics("DT107"), [
    "api/gadget-get-deep-list.md:24 Markdown nests deeper than 64 levels here; what lies deeper is read as plain text.",
    "api/gadget-get-deep-list.md:26 Markdown nests deeper than 64 levels here; what lies deeper is read as plain text.",
  ]);
  // The rest of each page is read: its operation and its example are there.
  for (const name of ["deep_json", "deep_list"]) {
    assert.ok(
      result.model.operations.some((operation) => operation.examples.some((example) => example.name === name)),
      name,
    );
  }
});

test("front matter whose alias comes before its anchor is reported, and the page read", () => {
  assert.deepEqual(diagnostics("DT101"), [
    "alias-front-matter.md:2 Front matter is not valid YAML: Unresolved alias (the anchor must be set before the alias): name.",
  ]);
  assert.ok(result.pages.some((page) => page.file === "alias-front-matter.md"));
});

test("a key of `..` in an example URL matches no path, since no URL can carry it", () => {
  assert.deepEqual(diagnostics("DT220"), [
    "api/gadget-get-dots.md:26 Example URL path `/gadgets/../parts` matches no path of the operation.",
  ]);
});

test("a header below a stray blank line is no JSON body", () => {
  assert.deepEqual(
    diagnostics("DT144").filter((line) => line.includes("update")),
    ["api/gadget-update.md:33 Example request body could not be read as JSON: unexpected `Content-leng`."],
  );
});

test("members named like Object's take the inherited member too", () => {
  const gadget = readFileSync(join(out, "src", "models", "gadget.ts"), "utf8");
  assert.match(gadget, /valueOf\?: string \| null \| Object\["valueOf"\];/);
  assert.match(gadget, /constructor\?: string \| null \| Object\["constructor"\];/);
});

test("an annotation a type declares as a member of its own is checked against it", () => {
  assert.deepEqual(diagnostics("DT227"), [
    "api/gizmo-create.md:33 Example request body gives `@odata.type` a JSON string where the docs say array.",
    "api/gizmo-create.md:33 Example request body gives `part.@odata.type` a JSON number where the docs say string.",
  ]);
});

test("descriptions that would end a comment or a string stay text", () => {
  const isMarker = (identifier: string): boolean => identifier.startsWith("FUZZPWN");
  for (const [path, text] of result.files) {
    if (path.endsWith(".ts")) assert.deepEqual(scanForMarkers(text, isMarker), [], path);
  }
});

test("the package compiles under strict and its tests pass", { timeout: 5 * 60_000 }, async () => {
  const compiled = join(dir, "compiled");
  await compilePackage(out, compiled);
  const run = await runPackageTests(compiled);
  assert.equal(run.fail, 0, failures(run.output));
  assert.ok(run.pass >= 3, run.output);
});

test("a page of 50 MB is refused without being read", async () => {
  const big = join(tempDir("big-page"), "docs");
  mkdirSync(join(big, "resources"), { recursive: true });
  cpSync(join(docs, "resources", "gadget.md"), join(big, "resources", "gadget.md"));
  writeFileSync(join(big, "resources", "huge.md"), "");
  truncateSync(join(big, "resources", "huge.md"), 50 * 1024 * 1024);
  const started = performance.now();
  const run = await generate({ ...config, input: big }, "big", { workers: 0 });
  assert.ok(performance.now() - started < 30_000);
  assert.ok(50 * 1024 * 1024 > maxPageBytes);
  assert.deepEqual(
    run.diagnostics
      .filter((diagnostic) => diagnostic.code === "DT108")
      .map((diagnostic) => `${diagnostic.file} ${diagnostic.message}`),
    ["resources/huge.md Page is 50 MB, more than the 4 MB a page may have; it is left out."],
  );
  assert.ok(run.model.types.some((type) => type.name === "gadget"));
});
