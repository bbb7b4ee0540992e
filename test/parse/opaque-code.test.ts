import assert from "node:assert/strict";
import { test } from "node:test";
import type { Root } from "mdast";
import remarkFrontmatter from "remark-frontmatter";
import remarkParse from "remark-parse";
import { unified } from "unified";
import remarkGfmTable from "../../src/parse/gfm-table.js";
import { blankFencedCode, parseWithOpaqueCode } from "../../src/parse/opaque-code.js";

const processor = unified().use(remarkParse).use(remarkGfmTable).use(remarkFrontmatter, ["yaml"]).freeze();

/** The tree of the opaque-code parse, which must be the plain parse's, and how many parses it took. */
function parseBothWays(text: string): { tree: Root; parses: number } {
  let parses = 0;
  const tree = parseWithOpaqueCode(text, (markdown) => {
    parses++;
    return processor.parse(markdown);
  });
  assert.deepEqual(tree, processor.parse(text));
  return { tree, parses };
}

const page = [
  "# widget",
  "",
  "```http",
  "GET /widgets/{id}",
  "```",
  "",
  "Some *prose* with a [link](widget.md).",
  "",
  "~~~~json",
  '{ "a": "```" }',
  "",
  "~~~",
  "  [not a link](x.md) | not | a table",
  "~~~~~",
  "",
  "| Property | Type |",
  "|:--|:--|",
  "| id | String |",
  "",
  "```",
  "```",
  "",
  "```json",
  "",
  "```",
  "Trailing paragraph.",
].join("\n");

test("closed, unindented fences go to the parser blank and come back as written, offsets and all", () => {
  const scan = blankFencedCode(page);
  assert.deepEqual(
    scan.blocks.map((block) => [block.openLine, block.closeLine, block.value]),
    [
      [3, 5, "GET /widgets/{id}"],
      [9, 14, '{ "a": "```" }\n\n~~~\n  [not a link](x.md) | not | a table'],
      [23, 25, ""],
    ],
  );
  assert.equal(scan.text.split("\n").length, page.split("\n").length, "no line moves");
  const { tree, parses } = parseBothWays(page);
  assert.equal(parses, 1);
  const last = tree.children.at(-1)!;
  assert.equal(page.slice(last.position!.start.offset, last.position!.end.offset), "Trailing paragraph.");
});

test("a fence the parser does not see (inside an HTML comment) makes the page be parsed as written", () => {
  const text = ["<!--", "```", "-->", "", "# heading", "", "```", "", "text"].join("\n");
  assert.equal(blankFencedCode(text).blocks.length, 1);
  assert.equal(parseBothWays(text).parses, 2);
});

test("indented fences, unclosed fences and backticks in an info string are left to the parser", () => {
  const listed = ["- item", "", "  ```json", "  { }", "  ```", "", "```", "code", "```"].join("\n");
  assert.deepEqual(
    blankFencedCode(listed).blocks.map((block) => block.openLine),
    [7],
  );
  assert.equal(parseBothWays(listed).parses, 1);

  const unclosed = ["# title", "", "```json", "{", "", "## next"].join("\n");
  assert.equal(blankFencedCode(unclosed).blocks.length, 0);
  parseBothWays(unclosed);

  const inline = ["```not `a fence```", "", "```", "code", "```"].join("\n");
  assert.deepEqual(
    blankFencedCode(inline).blocks.map((block) => block.openLine),
    [3],
  );
  assert.equal(parseBothWays(inline).parses, 1);
});
