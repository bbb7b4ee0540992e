import assert from "node:assert/strict";
import { test } from "node:test";
import { utf8Text } from "../src/util/text.js";

test("UTF-8 bytes read as the text they encode, ASCII or not", () => {
  for (const text of ["plain ASCII\n", "Caf\u00e9 \u201cquoted\u201d, \u65e5\u672c \ud83d\ude00", ""])
    assert.equal(utf8Text(Buffer.from(text, "utf8")), text);
});
