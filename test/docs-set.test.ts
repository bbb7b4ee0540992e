/**
 * Reading the docs set: every page keyed by its text, except a page whose stat is as the last run saw it, which
 * keeps the key that run gave it without being read.
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import type { Docs2tsConfig } from "../src/run/config.js";
import { changedPages, listDocsFiles, readInput, readPage, stampDocsSet } from "../src/run/docs-set.js";
import { tempDir } from "./helpers.js";

function docsSet(): { config: Docs2tsConfig; files: string[] } {
  const input = tempDir("docs-set");
  writeFileSync(join(input, "a.md"), "# A\n");
  writeFileSync(join(input, "b.md"), "# B\n");
  return { config: { input } as Docs2tsConfig, files: listDocsFiles(input) };
}

test("a page whose stat is unchanged keeps its last key unread; a page whose stat moved is read", () => {
  const { config, files } = docsSet();
  const first = readInput(config, "v1", files);
  assert.deepEqual(
    first.files.map((page) => page.text),
    ["# A\n", "# B\n"],
  );
  const stamp = stampDocsSet(config.input, files);
  const keys = Object.fromEntries(first.files.map((page) => [page.file, page.key]));

  // The last run's stamp of b.md no longer matches: b.md is read, a.md is not.
  const last = { files: stamp.files, stats: Float64Array.from(stamp.stats) };
  last.stats[1 * 3 + 2] = last.stats[1 * 3 + 2]! - 1000;
  const known = { keys: { ...keys, "a.md": "key-from-last-run" }, changed: changedPages(last, stamp) };
  assert.deepEqual([...known.changed], ["b.md"]);
  const second = readInput(config, "v1", files, known);
  assert.deepEqual(second.files, [
    { file: "a.md", key: "key-from-last-run" },
    { file: "b.md", key: keys["b.md"], text: "# B\n" },
  ]);
  // Taken on trust, the key still decides the fingerprint.
  assert.notEqual(second.fingerprint, first.fingerprint);
  assert.equal(readInput(config, "v1", files, { keys, changed: new Set() }).fingerprint, first.fingerprint);
});

test("a page that cannot be read becomes a diagnostic", () => {
  const { config } = docsSet();
  const read = readPage(config.input, "missing.md");
  assert.ok(!("text" in read));
  assert.equal(read.code, "DT100");
  assert.equal(read.file, "missing.md");
});

test("a page gone between listing and stat has no stamp, and is reported unreadable rather than stopping the run", () => {
  const { config, files } = docsSet();
  const listed = [...files, "gone.md"];
  const stamp = stampDocsSet(config.input, listed);
  assert.deepEqual([...stamp.stats.subarray(2 * 3)], [-1, -1, -1], "gone.md");
  assert.equal(stamp.stats[0], 4, "the size of a.md");
  const read = readInput(config, "v1", listed, { keys: {}, changed: changedPages(stamp, stamp) });
  assert.deepEqual(
    read.files.map((page) => page.file),
    ["a.md", "b.md"],
  );
  assert.deepEqual(
    read.unreadable.map((diagnostic) => [diagnostic.file, diagnostic.code]),
    [["gone.md", "DT100"]],
  );
});

test("the pages changed between two stamps: those whose stat moved, those added and those gone", () => {
  const { config, files } = docsSet();
  const stamp = stampDocsSet(config.input, files);
  assert.deepEqual([...changedPages(stamp, stampDocsSet(config.input, files))], []);
  // Each of size, modification time and change time counts.
  for (const field of [0, 1, 2]) {
    const moved = { files: stamp.files, stats: Float64Array.from(stamp.stats) };
    moved.stats[3 + field] = moved.stats[3 + field]! + 1;
    assert.deepEqual([...changedPages(stamp, moved)], ["b.md"], `field ${field}`);
  }
  writeFileSync(join(config.input, "c.md"), "# C\n");
  const added = stampDocsSet(config.input, listDocsFiles(config.input));
  assert.deepEqual([...changedPages(stamp, added)], ["c.md"]);
  const dropped = stampDocsSet(config.input, ["b.md", "c.md"]);
  assert.deepEqual([...changedPages(added, dropped)].sort(), ["a.md"]);
  // The same pages listed in another order are not changed.
  assert.deepEqual([...changedPages(added, stampDocsSet(config.input, ["c.md", "b.md", "a.md"]))], []);
});
