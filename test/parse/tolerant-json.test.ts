import assert from "node:assert/strict";
import { test } from "node:test";
import { readTolerantJson } from "../../src/parse/tolerant-json.js";

test("strict JSON reads without repairs", () => {
  const read = readTolerantJson('{"a": [1, 2.5, -3e2], "b": {"c": null, "d": true, "e": "x\\"y\\u00e9"}}');
  assert.deepEqual(read.value, { a: [1, 2.5, -300], b: { c: null, d: true, e: 'x"yé' } });
  assert.deepEqual(read.repairs, []);
  assert.equal(read.error, undefined);
});

const repairs: Array<[string, string, unknown, string]> = [
  ["trailing commas", '{"a": [1, 2,], "b": 3,}', { a: [1, 2], b: 3 }, "trailing comma"],
  ["line and block comments", '{\n  // the id\n  "id": 1 /* one */\n}', { id: 1 }, "comment"],
  ["non-breaking spaces", '{\u00a0"a":\u00a01}', { a: 1 }, "non-breaking space"],
  ["smart quotes", "{\u201ca\u201d: \u201cb\u201d}", { a: "b" }, "smart quotes"],
  ["single quotes", "{'a': 'b'}", { a: "b" }, "single quotes"],
  ["raw newlines in strings", '{"a": "line 1\nline 2"}', { a: "line 1\nline 2" }, "raw newline in string"],
  ["missing commas", '{"a": 1\n "b": 2}', { a: 1, b: 2 }, "missing comma"],
  ["ellipsis placeholders", '{"value": [{"id": 1}, ...], "more": ...}', { value: [{ id: 1 }] }, "`...` placeholder"],
  ["text after the value", '{"a": 1}\nHTTP/1.1 200 OK', { a: 1 }, "text after the value"],
  ["unquoted keys", "{a: 1}", { a: 1 }, "unquoted key"],
];

for (const [what, text, value, repair] of repairs) {
  test(`repairs ${what}`, () => {
    const read = readTolerantJson(text);
    assert.equal(read.error, undefined, read.error?.message);
    assert.ok(read.repairs.includes(repair as never), `repairs: ${read.repairs.join(", ")}`);
    assert.deepEqual(read.value, value);
  });
}

test("reports what it cannot read, with the offset", () => {
  const read = readTolerantJson('{"a": 1, "b": }');
  assert.equal(read.value, undefined);
  assert.equal(read.error?.offset, 14);
  assert.match(read.error?.message ?? "", /unexpected `}`/);
  assert.match(readTolerantJson('{"a": [1, 2').error?.message ?? "", /not closed/);
  assert.match(readTolerantJson('{"a": "open').error?.message ?? "", /string is not closed/);
});

test("keeps the offset of every value by JSON pointer when asked", () => {
  const text = '{\n  "a": {\n    "b/c": [10, 20]\n  }\n}';
  const read = readTolerantJson(text, { offsets: true });
  assert.equal(text.slice(read.offsets!["/a/b~1c/1"]!).slice(0, 2), "20");
  assert.equal(read.offsets![""], 0);
  assert.equal(readTolerantJson(text).offsets, undefined);
});
