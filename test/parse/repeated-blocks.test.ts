import assert from "node:assert/strict";
import { test } from "node:test";
import type { Root } from "mdast";
import remarkFrontmatter from "remark-frontmatter";
import remarkParse from "remark-parse";
import { unified } from "unified";
import remarkGfmTable from "../../src/parse/gfm-table.js";
import { parseByRuns, RunCache, runStarts } from "../../src/parse/repeated-blocks.js";

const processor = unified().use(remarkParse).use(remarkGfmTable).use(remarkFrontmatter, ["yaml"]).freeze();

/** Parses each text in turn through one cache, checks every tree against a plain parse, returns what was parsed. */
function parseInTurn(...texts: string[]): string[] {
  const cache = new RunCache();
  const parsed: string[] = [];
  for (const text of texts) {
    const tree = parseByRuns(
      text,
      (markdown) => {
        parsed.push(markdown);
        return processor.parse(markdown);
      },
      cache,
    );
    assert.deepEqual(tree, processor.parse(text));
  }
  return parsed;
}

const headers = [
  "## Request headers",
  "",
  "| Name | Description |",
  "|:--|:--|",
  "| Authorization | Bearer {token}. Required. |",
  "",
].join("\n");

test("a run seen twice is kept, and copied to where it stands in a later page", () => {
  const first = `# widget: get\n\nGets a widget, and says a little more of what it gets.\n\n${headers}\n## Response\n\nReturns \`200 OK\`.\n`;
  const later = `# gadget: update\n\nUpdates a gadget, with a longer first paragraph than the widget's.\n\n${headers}\n## Request body\n\nNone.\n`;
  const parsed = parseInTurn(first, first, later);
  assert.equal(parsed.length, 3);
  assert.ok(parsed[1]!.includes("Bearer {token}"), "the second sighting is parsed");
  assert.ok(!parsed[2]!.includes("Bearer {token}"), "the third is copied");
  assert.ok(parsed[2]!.includes("# gadget: update") && parsed[2]!.includes("## Request body"));
});

test("a page is cut at blank lines before blocks at the margin", () => {
  const text = `# widget\n\n${"Long paragraph of prose. ".repeat(4)}\n\n${headers}\n## Response\n`;
  assert.deepEqual(
    runStarts(text).map((offset) => text.slice(offset).split("\n")[0]),
    ["## Request headers", "## Response"],
  );
});

/** Text long enough that a cut is worth making before `block`, which starts at the margin after a blank line. */
const before = (block: string): string => `${"Some prose of the page. ".repeat(4)}\n\n${block}`;
/** Long enough that a run starting with it could be cut after it. */
const long = "words ".repeat(12).trim();

const uncut: ReadonlyArray<readonly [string, string, string]> = [
  ["a list going on after a blank line", before(`- ${long}\n\n- two\n\n  more of two\n`), "- two"],
  ["an ordered list", before(`1. ${long}\n\n2) two\n`), "2) two"],
  ["a quote", before(`> ${long}\n\n> two\n`), "> two"],
  ["indented code", before(`Para.\n\n    ${long}\n\n    more code\n`), "    more code"],
  ["a fence holding blank lines", before(`\`\`\`json\n${long}\n\nnot after\n\`\`\`\n`), "not after"],
  ["a tilde fence under a list", before(`- item\n\n   ~~~\n   ${long}\n\nb\n   ~~~\n`), "b"],
  ["an HTML comment over a blank line", before(`<!--\n${long}\n\nstill note\n-->\n`), "still note"],
  ["a pre block over a blank line", before(`<pre>\n${long}\n\nmore\n</pre>\n`), "more"],
  ["a CDATA block", before(`<![CDATA[\n${long}\n\ny\n]]>\n`), "y"],
];

test("a cut after a list, a quote or an HTML block (closed lines after a blank) leaves them as a plain parse reads them", () => {
  const text = before(
    `- one\n- two\n\nAfter the list ${long}\n\n> quoted\n\nAfter the quote ${long}\n\n<div>\n${long}\n\nAfter the div ${long}\n\n<!--\n${long}\n\nstill a comment\n-->\n\nAfter the comment ${long}\n`,
  );
  const starts = runStarts(text).map((offset) => text.slice(offset, text.indexOf(" words", offset + 1)));
  assert.deepEqual(starts, [
    "After the list",
    "After the quote",
    "<div>\nwords",
    "After the div",
    "<!--\nwords",
    "After the comment",
  ]);
  parseInTurn(text, text, text);
});

for (const [variant, text, line] of uncut) {
  test(`no cut inside ${variant}`, () => {
    const starts = runStarts(text).map((offset) => text.slice(offset).split("\n")[0]);
    assert.ok(!starts.includes(line), `cut before ${JSON.stringify(line)}`);
    parseInTurn(text, text, text);
  });
}

// `</pre>` opens an HTML block that takes the fence-like line after it: the fence the line scan sees closing
// there opens one, which runs to the end of the page.
const misread = `</pre>\n\`\`\` http\nPOST /widgets/${long}\n\n{ "a": 1 }\n\`\`\`\n\n`;
const response = `## Response\n\n${long}\n`;

test("where the line scan misreads the page, the page is parsed whole", () => {
  // The Response run, kept from another page, must not stand in for what the open fence takes here.
  const other = before(`Another page. ${long}\n\n${response}`);
  parseInTurn(other, other, before(`${misread}${long}\n\n${response}`));
});

test("a run ending in a fence left open is not kept: on a page where a run follows, the fence takes it", () => {
  const last = before(misread);
  parseInTurn(last, last, last, before(`${misread}${response}`));
});

test("front matter is never cut, whatever blank lines it holds", () => {
  const text = `---\ntitle: widget\n\ndescription: a widget\n---\n\n# widget\n\n${"Prose. ".repeat(12)}\n\n## Properties\n`;
  const starts = runStarts(text).map((offset) => text.slice(offset).split("\n")[0]);
  assert.deepEqual(starts, ["## Properties"]);
  parseInTurn(text, text, text);
});

test("pages with link reference definitions, carriage returns or a byte order mark are parsed whole", () => {
  const body = `# widget\n\n${"See [the docs][docs]. ".repeat(4)}\n\n## More\n\n`;
  for (const text of [`${body}[docs]: https://example.com\n`, body.replace(/\n/g, "\r\n"), `\uFEFF${body}`]) {
    assert.deepEqual(runStarts(text), []);
    assert.equal(parseInTurn(text, text, text).length, 3);
  }
  // Without the definition the same page is cut.
  assert.notDeepEqual(runStarts(body), []);
});

test("a run that is the whole rest of the page ends the root where the page ends", () => {
  const text = `# widget\n\n${"Prose. ".repeat(12)}\n\n## Last\n\n   \n`;
  const tree: Root = parseByRuns(text, (markdown) => processor.parse(markdown), new RunCache());
  assert.deepEqual(tree.position, processor.parse(text).position);
});
