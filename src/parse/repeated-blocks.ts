/**
 * The pages of a docs set repeat whole blocks: the Request headers table, the OData query parameters paragraph,
 * the same permissions table on every page of a feature. In the Graph docs a third of the markdown micromark reads
 * (code blocks aside) is such a repeat. So a page is cut at the blank lines after which nothing before can go on
 * (a paragraph, table or heading starting at the margin, with no list, quote, fence or HTML block left open), each
 * run of blocks between two cuts is parsed on its own, and a run parsed before is copied with its positions moved
 * instead of parsed again.
 *
 * Only what cannot differ is cut. A blank line ends paragraphs, tables and the HTML blocks that a blank line ends;
 * a line at the margin that is neither a list item nor a quote ends every list and quote. What a blank line does
 * not end (a fence, an HTML comment, a `<pre>`) keeps the run going until it is closed. A page that may hold a link
 * reference definition (which reaches across the page: any `]:`), a byte order mark or a carriage return is parsed
 * whole.
 *
 * The line scan cannot see everything the parser sees (a fence-like line inside an HTML block is no fence), so the
 * parse checks it: a run must end with its own nodes, none running on or left open. Where one does, the page is
 * parsed whole and nothing of it kept; and a run that ends open at the end of its page is never kept for another.
 */
import type { Nodes, Root, RootContent } from "mdast";
import { closesFence, openingFence } from "./fence-lines.js";
type Position = NonNullable<Root["position"]>;

/** Runs shorter than this are parsed every time: a copy of a tiny tree saves nothing. */
const shortestRun = 64;

/**
 * Runs parsed so far, by their text: one worker's memory of the pages it parsed. A run is kept once it is seen a
 * second time (most runs are seen once, and keeping one costs a copy). Both memories are bounded in the text they
 * hold; a kept run's nodes take about ten times its text.
 */
export class RunCache {
  /** The top-level nodes of each run kept, positioned as if the run were a page of its own. */
  readonly kept = new Map<string, RootContent[]>();
  private readonly seen = new Set<string>();
  private seenText = 0;
  private keptText = 0;

  constructor(
    private readonly seenBudget = 16 * 2 ** 20,
    private readonly keptBudget = 4 * 2 ** 20,
  ) {}

  /** Whether `run`, just parsed, is worth keeping: it was seen before. */
  parsed(run: string): boolean {
    if (this.seen.has(run)) return true;
    if (this.seenText + run.length <= this.seenBudget) {
      this.seenText += run.length;
      this.seen.add(run);
    }
    return false;
  }

  keep(run: string, nodes: RootContent[]): void {
    if (this.keptText + run.length > this.keptBudget) return;
    this.keptText += run.length;
    this.kept.set(run, nodes);
  }
}

interface Run {
  readonly text: string;
  /** Where the run starts in its page: offset and 1-based line. */
  readonly offset: number;
  readonly line: number;
}

/**
 * The tree of `text`, as `parse` builds it: the runs kept in `cache` are copied from it, the others parsed
 * together in one call (a call to the parser costs as much as a short page, however little it reads).
 */
export function parseByRuns(text: string, parse: (text: string) => Root, cache: RunCache): Root {
  const runs = splitRuns(text);
  if (runs.length <= 1) return parse(text);
  const missing = runs.filter((run) => !cache.kept.has(run.text));
  const joint = missing.length === runs.length ? text : missing.map((run) => run.text).join("");
  const parsed = missing.length === 0 ? [] : parse(joint).children;
  // The parsed nodes of each missing run, moved from where they stood in the text parsed to where they stand here.
  const nodesOf = new Map<Run, RootContent[]>();
  const placed: Array<{ run: Run; nodes: RootContent[]; offset: number; line: number; closed: boolean }> = [];
  let child = 0;
  let parsedOffset = 0;
  let parsedLine = 1;
  for (const run of missing) {
    const nodes: RootContent[] = [];
    const end = parsedOffset + run.text.length;
    while (child < parsed.length && parsed[child]!.position!.start.offset! < end) nodes.push(parsed[child++]!);
    // A run without a node, with one running past its end, or ending in a fence or HTML block left open (which
    // would run on into the page's next run), was cut where something went on after all: a construct the line
    // scan cannot see, such as a fence-like line inside an HTML block. The page is parsed whole, nothing kept.
    const last = nodes[nodes.length - 1];
    if (!last || last.position!.end.offset! > end) return parse(text);
    const closed = !leftOpen(last, joint);
    if (!closed && run !== runs[runs.length - 1]) return parse(text);
    placed.push({ run, nodes, offset: parsedOffset, line: parsedLine, closed });
    parsedOffset = end;
    parsedLine += lineCount(run.text);
  }
  for (const { run, nodes, offset, line, closed } of placed) {
    if (closed && cache.parsed(run.text))
      cache.keep(
        run.text,
        nodes.map((node) => copy(node, 1 - line, -offset)),
      );
    for (const node of nodes) shift(node, run.line - line, run.offset - offset);
    nodesOf.set(run, nodes);
  }
  const children: RootContent[] = [];
  for (const run of runs) {
    const kept = cache.kept.get(run.text);
    const nodes = nodesOf.get(run) ?? kept!.map((node) => copy(node, run.line - 1, run.offset));
    for (const node of nodes) children.push(node);
  }
  const lastLine = text.lastIndexOf("\n");
  return {
    type: "root",
    children,
    position: {
      start: { line: 1, column: 1, offset: 0 },
      end: {
        line: runs.at(-1)!.line + lineCount(runs.at(-1)!.text),
        column: text.length - lastLine,
        offset: text.length,
      },
    },
  };
}

/** The page cut into runs at `runStarts`. */
function splitRuns(text: string): Run[] {
  const runs: Run[] = [];
  let offset = 0;
  let line = 1;
  for (const cut of [...runStarts(text), text.length]) {
    const run = text.slice(offset, cut);
    runs.push({ text: run, offset, line });
    line += lineCount(run);
    offset = cut;
  }
  return runs;
}

function lineCount(text: string): number {
  let count = 0;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) count++;
  return count;
}

const listItemOrQuote = /^(?:[*+>-]|\d{1,9}[.)])/;
const openers: ReadonlyArray<readonly [RegExp, RegExp]> = [
  [/<!--/g, /-->/g],
  [/<\?/g, /\?>/g],
  [/<!\[CDATA\[/g, /\]\]>/g],
  [/<![A-Za-z]/g, />/g],
  [/<(?:script|pre|style|textarea)(?=[\s>]|$)/gi, /<\/(?:script|pre|style|textarea)>/gi],
];

/**
 * Offsets of the lines where a run may start: each follows a blank line, starts at the margin with neither a list
 * marker nor a quote, and nothing before it is left open.
 */
export function runStarts(text: string): number[] {
  if (text.includes("\r") || text.includes("\uFEFF") || text.includes("]:")) return [];
  let start = 0;
  // Front matter (`---` ... `---`) may hold blank lines: the first run takes it whole.
  if (text.startsWith("---")) {
    const close = /\n---[ \t]*(?:\n|$)/.exec(text);
    if (!close) return [];
    start = close.index + close[0].length;
  }
  const cuts: number[] = [];
  let runStart = 0;
  const html = new HtmlBlocks();
  let fence: string | undefined;
  let afterBlank = false;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const first = text.charCodeAt(start);
    if (fence !== undefined) {
      if (closesFence(text.slice(start, end), fence)) fence = undefined;
    } else if (/^[ \t]*$/.test(text.slice(start, end))) {
      afterBlank = true;
    } else {
      if (
        afterBlank &&
        first !== 0x20 &&
        first !== 0x09 &&
        !listItemOrQuote.test(text.slice(start, start + 11)) &&
        start - runStart >= shortestRun &&
        !html.leftOpen(text, start)
      ) {
        cuts.push(start);
        runStart = start;
        html.reset(start);
      }
      afterBlank = false;
      fence = openingFence(text.slice(start, end))?.fence;
    }
    start = end + 1;
  }
  return cuts;
}

/**
 * Whether an HTML block that a blank line does not end may be open in the current run: one is where the run's
 * last opener of a kind comes after its last closer of that kind. Read line by line as the run grows (no opener or
 * closer spans lines), so that a page with an unclosed comment and many blank lines is still read once.
 */
class HtmlBlocks {
  private readFrom = 0;
  private readonly lastOpened = openers.map(() => -1);
  private readonly lastClosed = openers.map(() => -1);

  reset(at: number): void {
    this.readFrom = at;
    this.lastOpened.fill(-1);
    this.lastClosed.fill(-1);
  }

  /** Whether one may be open in the run up to `end`. */
  leftOpen(text: string, end: number): boolean {
    const added = text.slice(this.readFrom, end);
    if (added.includes("<") || added.includes(">")) {
      openers.forEach(([open, close], kind) => {
        const opened = lastMatch(open, added);
        const closed = lastMatch(close, added);
        if (opened >= 0) this.lastOpened[kind] = this.readFrom + opened;
        if (closed >= 0) this.lastClosed[kind] = this.readFrom + closed;
      });
    }
    this.readFrom = end;
    return this.lastOpened.some((opened, kind) => opened > this.lastClosed[kind]!);
  }
}

function lastMatch(pattern: RegExp, text: string): number {
  pattern.lastIndex = 0;
  let last = -1;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) last = match.index;
  return last;
}

/**
 * Whether `node` (a run's last, positioned in `text`) is a fenced code block or an HTML block that the end of the
 * text closed rather than its own closing line: on a page, it would go on into what follows.
 */
function leftOpen(node: RootContent, text: string): boolean {
  const start = node.position!.start.offset!;
  const end = node.position!.end.offset!;
  if (node.type === "code") {
    const newline = text.indexOf("\n", start);
    const firstLineEnd = newline < 0 || newline > end ? end : newline;
    const opening = openingFence(text.slice(start, firstLineEnd));
    if (!opening) return false;
    const lastLine = text.slice(text.lastIndexOf("\n", end - 1) + 1, end);
    return end <= firstLineEnd || !closesFence(lastLine, opening.fence);
  }
  return node.type === "html" && new HtmlBlocks().leftOpen(text.slice(start, end), end - start);
}

/** A deep copy of `tree` with every position `lines` lines and `offset` characters further on. */
function copy<T>(tree: T, lines: number, offset: number): T {
  const clone = (value: unknown): unknown => {
    if (typeof value !== "object" || value === null) return value;
    if (Array.isArray(value)) return value.map(clone);
    const result: Record<string, unknown> = {};
    for (const key in value) {
      const field = (value as Record<string, unknown>)[key];
      result[key] = key === "position" ? moved(field as Position, lines, offset) : clone(field);
    }
    return result;
  };
  return clone(tree) as T;
}

/** Moves every position of `tree` in place. */
function shift(tree: Nodes, lines: number, offset: number): void {
  if (lines === 0 && offset === 0) return;
  const visit = (node: Nodes): void => {
    if (node.position) node.position = moved(node.position, lines, offset);
    if ("children" in node) for (const child of node.children) visit(child);
  };
  visit(tree);
}

function moved(position: Position, lines: number, offset: number): Position {
  return {
    start: {
      line: position.start.line + lines,
      column: position.start.column,
      offset: position.start.offset! + offset,
    },
    end: { line: position.end.line + lines, column: position.end.column, offset: position.end.offset! + offset },
  };
}
