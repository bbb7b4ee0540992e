/**
 * The literal printers must spell values as prettier does, or fit.ts would keep text prettier changes: each
 * printed literal is checked against prettier's own output for it, and against the value it stands for.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import * as prettier from "prettier";
import { printInlineObject, printKey, printNumber, printString } from "../../src/emit/literals.js";

async function prettierKeeps(code: string): Promise<void> {
  const statement = `x = ${code};\n`;
  assert.equal(await prettier.format(statement, { parser: "babel-ts", printWidth: 100 }), statement);
}

test("strings take the quote that needs fewer escapes, and mean the same", async () => {
  for (const value of [
    "plain",
    'say "hi"',
    "it's",
    `it's "both"`,
    `"''"`,
    "back\\slash",
    "line\nbreak\ttab",
    "déjà vu",
    "\u2028",
    "",
    // Every ASCII character between two letters: most strings are printed without looking at their quotes.
    ...Array.from({ length: 128 }, (_, code) => `a${String.fromCharCode(code)}b`),
  ]) {
    const code = printString(value);
    await prettierKeeps(code);
    assert.equal((0, eval)(code), value, code);
  }
});

test("numbers in prettier's spelling", async () => {
  for (const value of [0, 7, -1, 1.5, 0.1, 1e21, 1.5e-7, 123456789.125]) {
    const code = printNumber(value);
    await prettierKeeps(code);
    assert.equal(Number(code), value);
  }
  assert.equal(printNumber(1e21), "1e21");
});

test("keys are bare where they are identifier names", async () => {
  assert.equal(printKey("displayName"), "displayName");
  assert.equal(printKey("default"), "default");
  assert.equal(printKey("@odata.type"), '"@odata.type"');
  assert.equal(printKey("1st"), '"1st"');
  await prettierKeeps(
    printInlineObject([
      ["a", "1"],
      ["@odata.type", printString("#x")],
      ["if", "true"],
    ]),
  );
  assert.equal(printInlineObject([]), "{}");
});
