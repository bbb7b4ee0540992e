import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { deserialize } from "node:v8";
import type { PendingFile } from "../../src/emit/files.js";
import { StructureKind } from "../../src/emit/structure-kinds.js";
import type { PageModel } from "../../src/parse/index.js";
import { WorkerPool } from "../../src/run/workers/pool.js";
import { tempDir } from "../helpers.js";

test("a closed pool refuses jobs and starts no workers, and closing it again waits for the same", async () => {
  const pool = new WorkerPool(1);
  const [bytes] = await pool.parse([{ file: "api/thing-get.md", text: "# Get thing\n" }]);
  assert.equal((deserialize(bytes!) as PageModel).file, "api/thing-get.md");
  // A job under way is dropped: generate closes the pool when nothing is left to render, while the worker loads
  // the printers, and its caller closes it again.
  void pool.prepareRendering(false);
  const closing = pool.close();
  assert.equal(pool.close(), closing);
  await closing;
  await assert.rejects(pool.parse([{ file: "api/other.md", text: "# Other\n" }]), /the worker pool is closed/);
  pool.grow(2);
  assert.equal(pool.size, 1);
});

test("workers keep V8's code cache of the modules they load, and render the same with it", async () => {
  const dir = tempDir("code-cache");
  const file: PendingFile = {
    path: "src/thing.ts",
    content: {
      kind: "structure",
      structure: { statements: [{ kind: StructureKind.Interface, name: "Thing", isExported: true }] },
    },
  };
  const page = { file: "api/thing-get.md", text: "# Get thing\n" };
  const renderTwice = async (): Promise<string[]> => {
    const pool = new WorkerPool(1, { codeCache: dir });
    try {
      const texts = await pool.render([file]);
      // Jobs run one after another: once the next has answered, the cache the first render wrote is on disk.
      await pool.parse([page]);
      return texts;
    } finally {
      await pool.close();
    }
  };
  const cacheFiles = (): Map<string, number> =>
    new Map(readdirSync(dir).map((name) => [name, statSync(join(dir, name)).mtimeMs]));

  const first = await renderTwice();
  const written = cacheFiles();
  // ts-morph, the TypeScript compiler it bundles, and what they require; nothing left half-written.
  assert.ok(written.size >= 2, `cache files: ${[...written.keys()].join(", ")}`);
  assert.ok([...written.keys()].every((name) => name.endsWith(".v8")));
  // A second worker takes the cache as it is (V8 accepts it: nothing is written again) and renders the same text.
  assert.deepEqual(await renderTwice(), first);
  assert.deepEqual(cacheFiles(), written);

  // A damaged file fails its checksum: the module compiles as without a cache, and the file is written again.
  const [damaged] = [...written.keys()].sort((a, b) => statSync(join(dir, b)).size - statSync(join(dir, a)).size);
  const bytes = readFileSync(join(dir, damaged!));
  const middle = bytes.length >> 1;
  bytes[middle] = bytes[middle]! ^ 0xff;
  writeFileSync(join(dir, damaged!), bytes);
  assert.deepEqual(await renderTwice(), first);
  assert.notDeepEqual(readFileSync(join(dir, damaged!)), bytes);
});

test("a worker asked to load the printers while it parses finishes the parse first", async () => {
  const pool = new WorkerPool(1);
  try {
    const settled: string[] = [];
    // As after a small change: the pages go out, and the printers are asked for at once, beside the queue.
    const parsed = pool.parse([{ file: "api/thing-get.md", text: "# Get thing\n" }]).then(() => settled.push("parse"));
    const prepared = pool.prepareRendering(false).then(() => settled.push("prepare"));
    await Promise.all([parsed, prepared]);
    assert.deepEqual(settled, ["parse", "prepare"]);
  } finally {
    await pool.close();
  }
});
