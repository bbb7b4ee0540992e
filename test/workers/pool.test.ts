import assert from "node:assert/strict";
import { test } from "node:test";
import { deserialize } from "node:v8";
import type { PageModel } from "../../src/parse/index.js";
import { WorkerPool } from "../../src/run/workers/pool.js";

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
