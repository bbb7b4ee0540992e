import assert from "node:assert/strict";
import { test } from "node:test";
import { deserialize } from "node:v8";
import type { PageModel } from "../../src/parse/index.js";
import { WorkerPool } from "../../src/workers/pool.js";

test("a closed pool fails the jobs under way, refuses new ones and starts no workers", async () => {
  const pool = new WorkerPool(1);
  const [bytes] = await pool.parse([{ file: "api/thing-get.md", text: "# Get thing\n" }]);
  assert.equal((deserialize(bytes!) as PageModel).file, "api/thing-get.md");
  const preparing = pool.prepareRendering(false);
  const closing = pool.close();
  // Generate closes the pool when nothing is left to render, and its caller closes it again.
  assert.equal(pool.close(), closing);
  await assert.rejects(preparing, /the worker pool is closed/);
  await closing;
  await assert.rejects(pool.parse([{ file: "api/other.md", text: "# Other\n" }]), /the worker pool is closed/);
  pool.grow(2);
  assert.equal(pool.size, 1);
});
