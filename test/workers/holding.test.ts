/**
 * What a run lets go of as it goes, so that a big docs set (50,000 pages: `npm run bench -- --scale`) stays within
 * its memory bound: a file's description once the file is rendered, and a page's text once the page is parsed.
 * Cheap stand-ins for the bench, which is too slow for every run of the suite.
 */
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import type { PendingFile } from "../../src/emit/files.js";
import { resolveConfig } from "../../src/run/config.js";
import { readInput } from "../../src/run/docs-set.js";
import { generate } from "../../src/run/generate.js";
import { Jobs } from "../../src/run/workers/jobs.js";
import { minimumPoolJobs } from "../../src/run/workers/pool.js";
import { root, tempDir } from "../helpers.js";

const textFiles = (count: number): PendingFile[] =>
  Array.from({ length: count }, (_, index) => ({
    path: `data/file${index}.json`,
    content: { kind: "text", format: "as-is", text: `${index}\n` },
  }));

for (const workers of [0, 1]) {
  test(`the renderer lets go of each description once its text is reported (${workers} workers)`, async () => {
    // Enough files for the pool, when there is one.
    const count = 2 * minimumPoolJobs;
    const files = textFiles(count);
    const jobs = new Jobs(0, { workers }, undefined);
    const texts: string[] = [];
    try {
      await jobs.renderer(files)((file, text, index) => {
        assert.equal(file.path, `data/file${index}.json`);
        assert.ok(index in files, "the description is there till its text is reported");
        texts[index] = text;
      });
    } finally {
      await jobs.close();
    }
    assert.deepEqual(
      texts,
      Array.from({ length: count }, (_, index) => `${index}\n`),
    );
    assert.equal(Object.keys(files).length, 0, "no description is held once every file is rendered");
  });
}

for (const workers of [0, 1]) {
  test(`parsing keeps the PageModels' bytes only for a cache to keep (${workers} workers)`, async () => {
    const pages = Array.from({ length: minimumPoolJobs }, (_, index) => {
      const text = `# Get thing${index}\n`;
      return { file: `api/thing${index}-get.md`, text, key: String(index) };
    });
    const jobs = new Jobs(0, { workers }, undefined);
    try {
      const kept = await jobs.parse(pages, true);
      assert.ok(kept.every(({ page, bytes }) => bytes instanceof Uint8Array && page.file.startsWith("api/thing")));
      const dropped = await jobs.parse(pages, false);
      assert.ok(dropped.every((parsed) => !("bytes" in parsed)));
      assert.deepEqual(
        dropped.map(({ page }) => page),
        kept.map(({ page }) => page),
      );
    } finally {
      await jobs.close();
    }
  });
}

test("a run lets go of the pages' texts once they are parsed", async () => {
  const dir = tempDir("holding");
  const docs = join(dir, "docs");
  mkdirSync(join(docs, "resources"), { recursive: true });
  writeFileSync(
    join(docs, "resources", "widget.md"),
    "# widget resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n",
  );
  const config = resolveConfig(root, { input: docs, out: join(dir, "out") });
  const input = readInput(config, "test");
  assert.ok(input.files.every((page) => page.text !== undefined));
  const result = await generate(config, "docs", { workers: 0 }, input);
  assert.ok(result.files.has("src/models/widget.ts"));
  assert.deepEqual(
    input.files.map((page) => Object.keys(page).sort()),
    [["file", "key"]],
  );
});
