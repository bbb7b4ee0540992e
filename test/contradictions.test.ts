/**
 * Docs that contradict themselves still give a package that compiles under strict and whose tests pass: docs2ts
 * decides, says so at the page line, and writes code that compiles (test/fixtures/contradictions, one page per case).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { resolveConfig } from "../src/run/config.js";
import { generate } from "../src/run/generate.js";
import { writeOutput } from "../src/run/output.js";
import { compilePackage, failures, fixtures, root, runPackageTests, tempDir } from "./helpers.js";

const docs = join(fixtures, "contradictions");
const out = join(tempDir("contradictions"), "pkg");
const result = await generate(
  resolveConfig(root, { input: docs, out, baseUrl: "https://graph.microsoft.com/v1.0", packageName: "contradictions" }),
  "contradictions",
);
await writeOutput(out, result.files);

const diagnostics = (code: string): string[] =>
  result.diagnostics
    .filter((diagnostic) => diagnostic.code === code)
    .map((diagnostic) => `${diagnostic.file}:${diagnostic.line} ${diagnostic.message}`);

test("a base-type cycle is broken at one type, reported at its page", () => {
  assert.deepEqual(diagnostics("DT209"), [
    "resources/egg.md:22 Base type `hen` of `egg` leads back to `egg` (egg -> hen -> egg); the type is emitted without it.",
  ]);
  const egg = result.model.types.find((type) => type.name === "egg")!;
  const hen = result.model.types.find((type) => type.name === "hen")!;
  assert.equal(egg.baseType, undefined);
  assert.equal(hen.baseType, "microsoft.graph.egg");
});

test("a derived type named before `inherits from` is not taken for the base", () => {
  const target = result.model.types.find((type) => type.name === "target")!;
  assert.equal(target.baseType, undefined);
  assert.ok(!diagnostics("DT204").some((diagnostic) => diagnostic.startsWith("resources/target.md")));
});

test("a base type that names an enum is dropped and reported", () => {
  assert.deepEqual(diagnostics("DT204"), [
    "resources/shade.md:7 Base type `tint` of `shade` names no documented type; the type is emitted without it.",
  ]);
  assert.equal(result.model.types.find((type) => type.name === "shade")!.baseType, undefined);
});

test("a null where the TypeScript types allow none is left out of the typed body", () => {
  assert.deepEqual(diagnostics("DT227"), [
    "api/selectable-post.md:35 Example request body gives `labels[1]` a JSON null where the docs say string.",
  ]);
  const test = readFileSync(join(out, "test", "examples", "selectable-post.ts"), "utf8");
  assert.match(test, /labels: \["a"\],\n\s*shade: null,\n\s*\} satisfies/);
});

test("names of the runtime and of TypeScript's type operators are not taken by documented types", async () => {
  const index = readFileSync(join(out, "src", "models", "index.ts"), "utf8");
  assert.match(index, /selectable-type\.js/);
  const requests = readFileSync(join(out, "src", "requests", "selectables.ts"), "utf8");
  assert.match(requests, /byId\(key: string\)/);
});

test("a segment named like a builder's member, or like such a member's escape, keeps a member of its own", () => {
  const requests = readFileSync(join(out, "src", "requests", "folders.ts"), "utf8");
  assert.match(requests, /readonly delete_: FoldersItemDeleteRequests;/);
  assert.match(requests, /readonly delete__: FoldersItemDeleteRequests2;/);
  const cases = readFileSync(join(out, "test", "examples", "folder-delete-purge.ts"), "utf8");
  assert.match(
    cases,
    /client\.folders\.byId\("f1"\)\.delete__;[^]*url: "https:\/\/graph\.microsoft\.com\/v1\.0\/folders\/f1\/delete_"/,
  );
});

test("a call of the service root is a verb of the root builder, which imports what it names", () => {
  const root = readFileSync(join(out, "src", "requests", "index.ts"), "utf8");
  assert.match(root, /import type \{ Folder \} from "\.\.\/models\/folder\.js";/);
  assert.match(root, /get\(\s*options\?: QueryOptions<Selectable<Folder>, never>,?\s*\): Promise<Folder>;/);
});

test("instance annotations of any namespace are allowed in bodies", () => {
  const example = result.model.operations
    .flatMap((operation) => operation.examples)
    .find((candidate) => candidate.name === "create_folder_renaming")!;
  assert.equal(example.partial, undefined);
  assert.equal(example.test?.bodyTyped, true);
  assert.deepEqual(diagnostics("DT226"), []);
  const model = readFileSync(join(out, "src", "models", "folder.ts"), "utf8");
  assert.match(model, /\[annotation: `\$\{string\}@\$\{string\}`\]: unknown;/);
  const test = readFileSync(join(out, "test", "examples", "folder-post-children.ts"), "utf8");
  assert.match(test, /"@microsoft\.graph\.conflictBehavior": "rename",\n[^\n]*\n\s*\} satisfies/);
});

test("an example that sends no body where its call requires parameters is reported at the request, and compiles", () => {
  assert.deepEqual(diagnostics("DT236"), [
    "api/folder-seal.md:32 Example request body leaves out the required parameter `until`.",
  ]);
  const test = readFileSync(join(out, "test", "examples", "folder-seal.ts"), "utf8");
  assert.match(test, /at\(client\)\.post\(undefined as never\)/);
});

test("an example that sends no body to a verb whose signature requires one still compiles", () => {
  const test = readFileSync(join(out, "test", "examples", "folder-archiving.ts"), "utf8");
  assert.match(test, /at\(client\)\.post\(undefined as never\)/);
  // The escape is visible, with its reason.
  assert.match(test, /\/\/ Untyped \(as never\): the example sends no body where the verb asks for one\.\ntest\(/);
});

test("the package compiles under strict and every example test passes", async () => {
  await compilePackage(out, join(out, "dist"));
  const run = await runPackageTests(join(out, "dist"));
  assert.equal(run.fail, 0, failures(run.output));
  assert.equal(run.pass, 6);
});
