/**
 * The library API (`generate` of src/index.ts) and what the command line adds over it: explain, the CI formats, the
 * usage errors that exit 2 with one sentence naming the culprit, and watch mode.
 */
import assert from "node:assert/strict";
import { appendFileSync, cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { main } from "../src/cli.js";
import { generate, UsageError } from "../src/index.js";
import { configSchema } from "../src/run/config.js";
import { cli } from "./run-cli.js";
import { fixtureBaseUrl, fixtureDocs, root, tempDir } from "./helpers.js";

test("src/index.ts exports the library API and nothing else", async () => {
  assert.deepEqual(Object.keys(await import("../src/index.js")).sort(), ["UsageError", "generate"]);
});

test("generate() writes the package and returns the report, the files written and the timings", async () => {
  const dir = tempDir("api");
  const result = await generate({ cwd: dir, input: fixtureDocs, out: "pkg", baseUrl: fixtureBaseUrl, cache: false });
  assert.ok(existsSync(join(dir, "pkg", "src", "index.ts")));
  assert.equal(result.files.out, join(dir, "pkg"));
  assert.equal(result.files.written, result.stats.files);
  assert.equal(result.report.totals.pages, 25);
  assert.equal(result.report.operations.length, 14);
  assert.ok(result.report.pages.some((page) => page.path === "v1.0/api/widget-update.md"));
  assert.ok(result.report.diagnostics.some((diagnostic) => diagnostic.severity === "info"));
  assert.ok(result.diagnostics.every((diagnostic) => diagnostic.severity !== "info"));
  assert.ok(result.diagnostics.some((diagnostic) => diagnostic.code === "DT130"));
  assert.ok(result.timings.total > 0);
  // Checking an output as written finds it up to date.
  const checked = await generate({
    cwd: dir,
    input: fixtureDocs,
    out: "pkg",
    baseUrl: fixtureBaseUrl,
    check: true,
    cache: false,
  });
  assert.equal(checked.files.upToDate, true);
  assert.deepEqual(checked.files.stale, { changed: [], added: [], removed: [] });
});

test("generate() rejects with a UsageError naming the missing input, a bad config key or a bad option", async () => {
  const dir = tempDir("api-errors");
  await assert.rejects(generate({ cwd: dir, input: "missing" }), (error: unknown) => {
    assert.ok(error instanceof UsageError);
    assert.equal(error.message, "The input directory missing does not exist.");
    return true;
  });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ docs2ts: { input: fixtureDocs, outDir: "pkg" } }));
  await assert.rejects(generate({ cwd: dir }), /unknown key "outDir"/);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ docs2ts: { input: ["docs"] } }));
  await assert.rejects(
    generate({ cwd: dir }),
    /"docs2ts\.input" in package\.json must be a non-empty string, not an array/,
  );
  await assert.rejects(generate({ cwd: dir, input: fixtureDocs, workers: -1 }), /workers takes a whole number/);
});

test("the config schema is the README's table of the docs2ts key", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const listed = [...readme.matchAll(/^\| `docs2ts\.(\w+)` \| (\w+) \|/gm)].map((match) => [match[1], match[2]]);
  assert.deepEqual(
    listed,
    Object.entries(configSchema).map(([key, { type }]) => [key, type]),
  );
});

test("bad usage exits 2 with one sentence naming the culprit", async () => {
  const dir = tempDir("usage");
  const missing = await cli(["--input", "missing"], dir);
  assert.equal(missing.code, 2);
  assert.equal(missing.err, "docs2ts: The input directory missing does not exist.\n");
  const unknown = await cli(["--bogus"], dir);
  assert.equal(unknown.code, 2);
  assert.equal(unknown.err, "docs2ts: Unknown option '--bogus' (docs2ts --help lists the options).\n");
  const format = await cli(["--format", "xml"], dir);
  assert.equal(format.code, 2);
  assert.match(format.err, /^docs2ts: --format takes text, json, github, not xml\.\n$/);
  // An output under a file cannot be written.
  writeFileSync(join(dir, "a-file"), "");
  const unwritable = await cli(["--input", fixtureDocs, "--out", "a-file/pkg", "--quiet"], dir);
  assert.equal(unwritable.code, 2);
  assert.equal(unwritable.err, "docs2ts: The output a-file/pkg cannot be written: a parent of it is a file.\n");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ docs2ts: { input: fixtureDocs, baseURL: "x" } }));
  const config = await cli([], dir);
  assert.equal(config.code, 2);
  assert.match(
    config.err,
    /^docs2ts: The "docs2ts" key of package\.json has an unknown key "baseURL" \(known: [^)]+\)\.\n$/,
  );
});

test("explain prints a code's meaning, an example and the fix; an unknown code exits 2", async () => {
  const dir = tempDir("explain");
  const known = await cli(["explain", "DT226"], dir);
  assert.equal(known.code, 0);
  assert.match(known.out, /^DT226 \(warning\)/);
  assert.match(known.out, /How to fix the page:/);
  const unknown = await cli(["explain", "DT999"], dir);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /DT999 is not a docs2ts diagnostic code/);
});

test("--format json prints one JSON object a line, --format github workflow commands, on stdout", async () => {
  const dir = tempDir("format");
  const args = ["--input", fixtureDocs, "--out", "pkg", "--base-url", fixtureBaseUrl, "--no-cache"];
  const json = await cli([...args, "--format", "json"], dir);
  assert.equal(json.code, 0, json.err);
  const lines = json.out
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  assert.ok(lines.length > 5);
  assert.ok(
    lines.some(
      (line) =>
        line["code"] === "DT130" &&
        line["severity"] === "warning" &&
        line["line"] === 23 &&
        String(line["file"]).endsWith("v1.0/api/widget-update.md"),
    ),
  );
  // The summary goes to stderr, so that stdout is JSON lines only.
  assert.match(json.err, /25 pages in/);
  const github = await cli([...args, "--format", "github"], dir);
  assert.match(
    github.out,
    /^::warning file=[^,]*v1\.0\/api\/widget-update\.md,line=23,col=1,title=DT130::DT130 HTTP syntax block is empty\.$/m,
  );
});

test(
  "--watch regenerates after a page changes, prints what changed, and survives a broken page",
  { timeout: 60_000 },
  async () => {
    const dir = tempDir("watch");
    const docs = join(dir, "docs");
    cpSync(fixtureDocs, docs, { recursive: true });
    const controller = new AbortController();
    let out = "";
    let err = "";
    const io = { out: { write: (text: string) => (out += text) }, err: { write: (text: string) => (err += text) } };
    const waitFor = async (condition: () => boolean, what: string): Promise<void> => {
      const until = Date.now() + 30_000;
      while (!condition()) {
        if (Date.now() > until) assert.fail(`timed out waiting for ${what}; stdout:\n${out}\nstderr:\n${err}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const running = main(
      ["--watch", "--input", "docs", "--out", "pkg", "--base-url", fixtureBaseUrl, "--cache", "cache"],
      dir,
      io,
      undefined,
      controller.signal,
    );
    await waitFor(() => out.includes("watching docs/"), "the first run");
    const model = join(dir, "pkg", "src", "models", "widget.ts");
    assert.doesNotMatch(readFileSync(model, "utf8"), /sparkle/);
    // A property row added to a resource page.
    const page = join(docs, "v1.0", "resources", "widget.md");
    const text = readFileSync(page, "utf8");
    writeFileSync(page, text.replace(/(\| *id *\|[^\n]*\n)/, "$1| sparkle | Boolean | Whether it sparkles. |\n"));
    await waitFor(() => /sparkle/.test(readFileSync(model, "utf8")), "the new property in the output");
    await waitFor(
      () =>
        /after a change to v1\.0\/resources\/widget\.md: \d+ files written \([^)]*src\/models\/widget\.ts/.test(out),
      "the report of the change",
    );
    // The property's description edited: one file changes, and the report says so in the singular.
    writeFileSync(page, readFileSync(page, "utf8").replace("Whether it sparkles.", "Whether it sparkles brightly."));
    await waitFor(
      () => /after a change to v1\.0\/resources\/widget\.md: 1 file written \(src\/models\/widget\.ts\)/.test(out),
      "the report of the description edited",
    );
    // A broken page: its diagnostic appears, and the watcher goes on.
    appendFileSync(join(docs, "v1.0", "api", "widget-get.md"), "\n```http\nGET /never/closed\n");
    await waitFor(() => /^\+ docs\/v1\.0\/api\/widget-get\.md:\d+:\d+ warning DT148/m.test(err), "the new diagnostic");
    controller.abort();
    assert.equal(await running, 0);
  },
);
