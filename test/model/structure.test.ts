/**
 * Docs sets of their own (test/fixtures/structure/<case>): pages read by their structure where front matter, headings
 * or link spellings mislead, each case a small docs set so that the shared fixture's counts stay as they are.
 */
import assert from "node:assert/strict";
import { cpSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { main } from "../../src/cli.js";
import { listDocsFiles, readDocsFile } from "../../src/run/docs-set.js";
import type { ApiModel, Operation } from "../../src/model/index.js";
import {
  compilePackage,
  failures,
  fixtureBaseUrl,
  fixtures,
  modelOfTexts,
  runPackageTests,
  tempDir,
} from "../helpers.js";

/** A case's docs set as text, by path. */
function textsOf(name: string): Map<string, string> {
  const docsRoot = join(fixtures, "structure", name);
  return new Map(listDocsFiles(docsRoot).map((file) => [file, readDocsFile(docsRoot, file).text]));
}

function codes(model: ApiModel, file: string): string[] {
  return model.diagnostics
    .filter((diagnostic) => diagnostic.file === file)
    .map((diagnostic) => `${diagnostic.line} ${diagnostic.code}`);
}

function operationsOf(model: ApiModel, file: string): Operation[] {
  return model.operations.filter((operation) => operation.source.file === file);
}

function typeOf(model: ApiModel, qualifiedName: string) {
  const found = model.types.find((type) => type.qualifiedName === qualifiedName);
  assert.ok(found, qualifiedName);
  return found;
}

test("page links resolve whatever their case: type cells, inheritance, Methods tables, INCLUDEs, prose", () => {
  const texts = textsOf("link-case");
  for (const model of [modelOfTexts(texts), modelOfTexts(texts, new Map())]) {
    const bolt = typeOf(model, "microsoft.graph.bolt");
    // `Inherits from [entity](Entity.md)`: `id` is inherited, so it is not repeated.
    assert.equal(bolt.baseType, "microsoft.graph.entity");
    assert.deepEqual(
      bolt.properties.map((property) => [property.name, property.type]),
      [
        ["thread", { kind: "named", qualifiedName: "microsoft.graph.threadKind" }],
        ["nut", { kind: "named", qualifiedName: "microsoft.graph.nut" }],
      ],
    );
    const [get] = operationsOf(model, "v1.0/api/bolt-get.md");
    // The Response prose links `BOLT.md`; the permissions come from `Bolt-Permissions.md`, an INCLUDE.
    assert.deepEqual(get!.response.type, { kind: "named", qualifiedName: "microsoft.graph.bolt" });
    assert.deepEqual(get!.permissions[2], { kind: "Application", scopes: ["Bolt.Read.All"] });
    // The update page's empty syntax block is recovered from its sibling in the Methods table (`Bolt-Update.md`).
    const [update] = operationsOf(model, "v1.0/api/bolt-update.md");
    assert.deepEqual(
      update!.paths.map((path) => path.template),
      ["/bolts/{id}"],
    );
    // The create page's Request body prose (`Bolt.md`) names the type it sends.
    const [create] = operationsOf(model, "v1.0/api/bolt-create.md");
    assert.deepEqual(create!.requestBody, {
      kind: "type",
      type: { kind: "named", qualifiedName: "microsoft.graph.bolt" },
    });
    // No link is reported as naming a missing page, and no INCLUDE as unresolved.
    assert.deepEqual(
      model.diagnostics.filter((diagnostic) => diagnostic.code === "DT234" || diagnostic.code === "DT200"),
      [],
    );
  }
});

test("a page link matching a file name exactly wins over one that differs only in case", () => {
  const texts = textsOf("link-case").set(
    "v1.0/resources/Nut.md",
    "---\ndoc_type: resourcePageType\n---\n\n# nutCap resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| color | String | The color of the cap. |\n",
  );
  const model = modelOfTexts(texts);
  const nut = typeOf(model, "microsoft.graph.bolt").properties.find((property) => property.name === "nut");
  assert.deepEqual(nut?.type, { kind: "named", qualifiedName: "microsoft.graph.nutCap" });
});

test("a page whose HTTP request section holds syntax lines is an API page, whatever its doc_type says", () => {
  const model = modelOfTexts(textsOf("kind-by-structure"));
  const kinds = Object.fromEntries(model.pages.map((page) => [page.file, page.kind]));
  assert.deepEqual(kinds, {
    "v1.0/api/gear-update.md": "api",
    "v1.0/resources/gear-overview.md": "conceptual",
    "v1.0/resources/gear.md": "resource",
  });
  assert.deepEqual(codes(model, "v1.0/api/gear-update.md"), ["1 DT105"]);
  const [update] = operationsOf(model, "v1.0/api/gear-update.md");
  assert.equal(update!.method, "PATCH");
  assert.deepEqual(
    update!.paths.map((path) => path.template),
    ["/gears/{id}"],
  );
  assert.deepEqual(update!.examples[0]!.test?.arguments, ["g1"]);
  assert.deepEqual(typeOf(model, "microsoft.graph.gear").properties.length, 2);
});

const pathsOf = (operations: Operation[]): string[][] =>
  operations.map((operation) => operation.paths.map((path) => `${operation.method} ${path.template}`));

test("a section per path: each request-annotated block of `METHOD /path` is a path and, answered, a test", () => {
  const model = modelOfTexts(textsOf("syntax-by-structure"));
  const list = operationsOf(model, "v1.0/api/sprocket-list.md");
  assert.deepEqual(pathsOf(list), [
    ["GET /groups/{groupId}/sprockets"],
    ["GET /sites/{siteId}/sprockets"],
    ["GET /users/{userId}/sprockets"],
    ["GET /me/sprockets"],
  ]);
  // The response names all four requests: it answers each of them.
  assert.deepEqual(
    list.map((operation) => operation.examples.map((example) => [example.name, example.test?.response?.status])),
    [
      [["group-list-sprockets", 200]],
      [["site-list-sprockets", 200]],
      [["user-list-sprockets", 200]],
      [["my-sprockets", 200]],
    ],
  );
  assert.deepEqual(list[0]!.examples[0]!.test?.arguments, ["{groupId}"]);
  // The shared response is checked once: one DT233 (truncated), not one per request it answers.
  assert.deepEqual(codes(model, "v1.0/api/sprocket-list.md"), ["55 DT233"]);
});

test("a page with no HTTP request heading takes its paths from the `METHOD /path` blocks of its sections", () => {
  const model = modelOfTexts(textsOf("syntax-by-structure"));
  const get = operationsOf(model, "v1.0/api/sprocket-get.md");
  assert.deepEqual(pathsOf(get), [
    ["GET /sprockets/root"],
    ["GET /sprockets/{hostname}:/{sprocket-path}"],
    ["GET /groups/{group-id}/sprockets/root"],
  ]);
  assert.deepEqual(get[0]!.examples[0]!.test?.path, "/sprockets/root");
  // Neither DT132 (no syntax block) nor DT210 (paths recovered from elsewhere).
  assert.deepEqual(codes(model, "v1.0/api/sprocket-get.md"), []);
});

test("beside an HTTP request section, only request-annotated blocks for new paths add paths", () => {
  const model = modelOfTexts(textsOf("syntax-by-structure"));
  const teeth = operationsOf(model, "v1.0/api/sprocket-list-teeth.md");
  // The Remarks block shows another call, and the `$top` request repeats the listed path: neither adds a path.
  assert.deepEqual(pathsOf(teeth), [["GET /sprockets/{sprocket-id}/teeth"]]);
  // The request-annotated syntax line is answered by the response that follows it: an example of its own.
  assert.deepEqual(
    teeth[0]!.examples.map((example) => [example.name, example.test?.query, example.test?.response?.status]),
    [
      ["list-teeth", [], 200],
      ["list-few-teeth", [["$top", "2"]], undefined],
    ],
  );
  assert.deepEqual(codes(model, "v1.0/api/sprocket-list-teeth.md"), ["35 DT145"]);
});

test("a page without syntax lines takes its paths from its example requests written as paths", () => {
  const model = modelOfTexts(textsOf("paths-from-examples"), new Map());
  assert.equal(model.pages.find((page) => page.file === "v1.0/api/cog-list.md")?.kind, "api");
  const [list, ...more] = operationsOf(model, "v1.0/api/cog-list.md");
  assert.equal(more.length, 0);
  // One path per distinct example path: `{group-id}` and `{groupId}` name the same key.
  assert.deepEqual(pathsOf([list!]), [["GET /me/cogs", "GET /groups/{group-id}/cogs"]]);
  assert.equal(list!.recoveredFrom, "its example requests");
  assert.deepEqual(
    list!.examples.map((example) => [example.name, example.test?.path, example.test?.arguments, example.test?.query]),
    [
      ["list-my-cogs", "/me/cogs", [], []],
      ["list-group-cogs", "/groups/{group-id}/cogs", ["{group-id}"], []],
      ["list-few-group-cogs", "/groups/{group-id}/cogs", ["{groupId}"], [["$top", "1"]]],
    ],
  );
  assert.deepEqual(codes(model, "v1.0/api/cog-list.md"), ["1 DT103", "6 DT132", "23 DT210", "39 DT210"]);
  assert.match(
    model.diagnostics.find((diagnostic) => diagnostic.file === "v1.0/api/cog-list.md" && diagnostic.line === 23)!
      .message,
    /`GET \/me\/cogs` recovered from its example request/,
  );
  const [create] = operationsOf(model, "v1.0/api/cog-create.md");
  assert.deepEqual(pathsOf([create!]), [["POST /me/cogs"]]);
  assert.deepEqual(create!.examples[0]!.test?.body, { kind: "json", value: { size: 4 } });
  // A stub whose example URL has no path still gets its path from its siblings in the Methods table.
  const [update] = operationsOf(model, "v1.0/api/cog-update.md");
  assert.deepEqual(pathsOf([update!]), [["PATCH /me/cogs/{cog-id}"]]);
  assert.match(update!.recoveredFrom ?? "", /Methods table of `v1.0\/resources\/cog.md`/);
});

test("the cases together generate a package that compiles and passes the tests made of their examples", async () => {
  const dir = tempDir("structure");
  const input = join(dir, "docs");
  for (const name of readdirSync(join(fixtures, "structure")))
    cpSync(join(fixtures, "structure", name), input, { recursive: true });
  const out = join(dir, "pkg");
  let err = "";
  const sink = { write: (text: string) => (err += text) };
  const args = ["--input", input, "--out", out, "--base-url", fixtureBaseUrl, "--no-cache", "--quiet"];
  assert.equal(await main(args, dir, { out: sink, err: sink }), 0, err);
  await compilePackage(out, join(out, "dist"));
  const run = await runPackageTests(join(out, "dist"));
  assert.equal(run.fail, 0, failures(run.output));
  // bolt-update, gear-update, sprocket-list 4, sprocket-get 1, teeth 2, cog-list 3, cog-create, cog-update.
  assert.equal(run.pass, 14);
});
