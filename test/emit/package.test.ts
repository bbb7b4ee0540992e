/**
 * The emitter's golden files: the package generated from test/fixtures/docs is committed under
 * test/fixtures/golden and reviewed in the diff (UPDATE=1 rewrites it). The same package must compile under
 * strict, its example tests must pass, and formatting it again must change nothing.
 */
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import * as prettier from "prettier";
import { resolveConfig } from "../../src/run/config.js";
import { emitPackage } from "../../src/emit/index.js";
import { renderAll } from "../../src/emit/render.js";
import {
  buildFixtureModel,
  compilePackage,
  expectGolden,
  failures,
  fixtureBaseUrl,
  fixtures,
  listFiles,
  runPackageTests,
  tempDir,
  updating,
} from "../helpers.js";

const golden = join(fixtures, "golden");

/** The fixture package, its files rendered. */
async function emitFixture(): Promise<{ files: Map<string, string> }> {
  const config = resolveConfig(process.cwd());
  const emitted = emitPackage(buildFixtureModel(), {
    packageName: "widget-store",
    packageVersion: "1.0.0",
    baseUrl: fixtureBaseUrl,
    docsLabel: "test/fixtures/docs",
    typescriptVersion: config.typescriptVersion,
    typesNodeVersion: config.typesNodeVersion,
  });
  // Without a memo every file is described.
  return { files: await renderAll(emitted.files.map((file) => ("content" in file ? file : assert.fail(file.path)))) };
}

const emitted = await emitFixture();

test("every emitted file matches its golden file", () => {
  for (const [path, content] of emitted.files) expectGolden(join(golden, path), content);
  if (!updating) {
    const goldenFiles = listFiles(golden);
    assert.deepEqual(goldenFiles, [...emitted.files.keys()].sort(), "golden files that are no longer emitted");
  }
});

test("emitting twice gives the same bytes", async () => {
  const again = await emitFixture();
  assert.deepEqual([...again.files], [...emitted.files]);
});

test("formatting the output again changes nothing", async () => {
  for (const [path, content] of emitted.files) {
    if (!path.endsWith(".ts")) continue;
    assert.equal(await prettier.format(content, { parser: "typescript", printWidth: 100 }), content, path);
  }
});

test("the package compiles under strict and its example tests pass", async () => {
  const dir = tempDir("fixture-package");
  for (const [path, content] of emitted.files) {
    const target = join(dir, ...path.split("/"));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  // A consumer of what the types promise: relationship navigation, item paths, namespaced names.
  writeFileSync(
    join(dir, "test", "consumer.ts"),
    `import { createClient, type CallRecords, type CollectionPage, type Part } from "../src/index.js";

const client = createClient();
export const part = client.widgets.byId("w 1").parts.byId("p1").toGetRequest().url;
export const parts: () => Promise<CollectionPage<Part>> = () => client.widgets.byId("w1").parts.get();
export const byPath = client.drive.root.byPath("a/b c.txt").content.toGetRequest().url;
export const record: CallRecords.Widget = { callId: "c", priority: "high" };
// @ts-expect-error a relationship that no page documents can be read, not written
export const post = () => client.widgets.byId("w1").parts.post({});
`,
  );
  await compilePackage(dir, join(dir, "dist"));
  const consumer = (await import(pathToFileURL(join(dir, "dist", "test", "consumer.js")).href)) as Record<
    string,
    string
  >;
  assert.equal(consumer["part"], "https://graph.microsoft.com/v1.0/widgets/w%201/parts/p1");
  assert.equal(consumer["byPath"], "https://graph.microsoft.com/v1.0/drive/root:/a/b%20c.txt:/content");
  const run = await runPackageTests(join(dir, "dist"));
  assert.equal(run.fail, 0, failures(run.output));
  // get, 404 error, list, create, update, delete, paint, a function with a literal, $count, delta, $ref, a photo's
  // bytes, two items by path; the damaged page is skipped.
  assert.equal(run.pass, 14);
  assert.equal(run.skipped, 1);
});

test("the interfaces say what the docs say", () => {
  const widget = emitted.files.get("src/models/widget.ts")!;
  assert.match(widget, /export interface Widget extends Entity \{/);
  assert.match(widget, /readonly createdDateTime\?: string \| null;/);
  // Listed values are offered, and any string accepted: the service may add values.
  assert.match(widget, /size\?: "small" \| "large" \| "unknownFutureValue" \| \(string & \{\}\) \| null;/);
  assert.match(widget, /gadgets\?: Gadget\[\] \| null;/);
  assert.match(widget, /extra\?: unknown;/);
  const requests = emitted.files.get("src/requests/widgets.ts")!;
  const options = "options\\?: QueryOptions<Selectable<Widget>, keyof WidgetNavigation & string>,?";
  assert.match(requests, new RegExp(`get\\(\\s*${options}\\s*\\): Promise<CollectionPage<Widget>>;`));
  assert.match(requests, new RegExp(`iterate\\(\\s*${options}\\s*\\): PageIterator<Widget>;`));
  assert.match(requests, new RegExp(`post\\(\\s*body: Widget,\\s*${options}\\s*\\): Promise<Widget>;`));
  assert.match(requests, /delete\(options\?: QueryOptions\): Promise<void>;/);
  // A body of parameters is an interface of its own: a member a line, required as the table says.
  assert.match(requests, /post\(body: WidgetsItemPaintPostBody, options\?: QueryOptions\): Promise<void>;/);
  assert.match(
    requests,
    /export interface WidgetsItemPaintPostBody \{\s*\[annotation: `\$\{string\}@\$\{string\}`\]: unknown;\s*\/\*\*[^/]*\*\/\s*color: Color \| null;\s*\/\*\*[^/]*\*\/\s*coats\?: number \| null;\s*\}/,
  );
  const reports = emitted.files.get("src/requests/reports.ts")!;
  assert.match(
    reports,
    /getWidgetUsage\(parameters: \{\s*period\?: string;\s*date\?: number \| boolean \| Literal;?\s*\}\)/,
  );
});
