/**
 * The hand-written modules shipped in every package (templates/) are copied as they are, laid out by fit.ts,
 * which only reformats overlong lines: so they must already be what prettier makes of them.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import * as prettier from "prettier";
import { prettierOptions } from "../src/emit/render.js";
import { listFiles, root } from "./helpers.js";

test("the templates are formatted as prettier formats them", async () => {
  const dir = join(root, "templates");
  const files = listFiles(dir).filter((file) => file.endsWith(".ts"));
  assert.ok(files.length > 0);
  for (const file of files) {
    const text = readFileSync(join(dir, file), "utf8");
    assert.equal(await prettier.format(text, { ...prettierOptions, parser: "typescript" }), text, `templates/${file}`);
  }
});
