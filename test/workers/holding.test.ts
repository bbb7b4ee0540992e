/**
 * What a run lets go of as it goes, so that a big docs set (50,000 pages: `npm run bench -- --scale`) stays within
 * its memory bound: a page's text once the page is parsed.
 * Cheap stand-ins for the bench, which is too slow for every run of the suite.
 */
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { resolveConfig } from "../../src/run/config.js";
import { readInput } from "../../src/run/docs-set.js";
import { generate } from "../../src/run/generate.js";
import { root, tempDir } from "../helpers.js";

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
