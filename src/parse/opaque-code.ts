/**
 * The contents of fenced code blocks (a fifth of a Graph page: the JSON of the examples) mean nothing to the
 * markdown parser, yet micromark reads them a character at a time. So a fenced block that a line scan sees whole,
 * from an unindented opening fence to its closing fence, goes to the parser with its lines left blank; its text is
 * put back into the tree afterwards, and the offsets of everything after it are moved back to the page's.
 *
 * The scan only proposes: every blanked block must come back from the parser as a top-level code block at exactly
 * the lines the scan found. When one does not (the fence sat in an HTML comment, or in another block's code), the
 * page is parsed again as written. Either way the tree is the one a plain parse of the page builds.
 */
import type { Code, Nodes, Root } from "mdast";
import { closesFence, openingFence } from "./fence-lines.js";

/** A fenced block whose content lines were blanked. */
interface OpaqueBlock {
  /** 1-based lines of the opening and the closing fence. */
  readonly openLine: number;
  readonly closeLine: number;
  /** The content as written: the lines between the fences. */
  readonly value: string;
  /** Where the blanked content ends in the blanked text, and how much shorter than the page's that text is there. */
  readonly blankedEnd: number;
  readonly shift: number;
}

export function parseWithOpaqueCode(text: string, parse: (text: string) => Root): Root {
  const scan = blankFencedCode(text);
  if (scan.blocks.length === 0) return parse(text);
  const root = parse(scan.text);
  const codeByLine = new Map<number, Code>();
  for (const child of root.children) if (child.type === "code") codeByLine.set(child.position!.start.line, child);
  for (const block of scan.blocks) {
    const code = codeByLine.get(block.openLine);
    const blankLines = block.closeLine - block.openLine - 1;
    if (code?.position?.end.line !== block.closeLine || code.value !== "\n".repeat(blankLines - 1)) return parse(text);
    code.value = block.value;
  }
  shiftOffsets(root, scan.blocks);
  return root;
}

/** The text with the content of every unindented, closed fenced block blanked, and those blocks. */
export function blankFencedCode(text: string): { text: string; blocks: OpaqueBlock[] } {
  const blocks: OpaqueBlock[] = [];
  const parts: string[] = [];
  let copiedTo = 0;
  let shift = 0;
  let line = 1;
  let start = 0;
  while (start < text.length) {
    const end = lineEnd(text, start);
    const opening = openingFence(text.slice(start, end));
    if (!opening) {
      start = end + 1;
      line++;
      continue;
    }
    const { fence } = opening;
    let closeStart = end + 1;
    let closeLine = line + 1;
    let closed = false;
    while (closeStart < text.length) {
      const closeEnd = lineEnd(text, closeStart);
      if (closesFence(text.slice(closeStart, closeEnd), fence)) {
        closed = true;
        break;
      }
      closeStart = closeEnd + 1;
      closeLine++;
    }
    // An unclosed fence runs to the end of the page (or of its container): left to the parser as written.
    if (!closed) break;
    const contentLines = closeLine - line - 1;
    // Indented fences (in a list item, say) have their indentation stripped from the content: kept as written.
    if (opening.indent === "" && contentLines > 0) {
      const contentStart = end + 1;
      const contentEnd = closeStart - 1;
      const blank = "\n".repeat(contentLines - 1);
      parts.push(text.slice(copiedTo, contentStart), blank);
      copiedTo = contentEnd;
      shift += contentEnd - contentStart - blank.length;
      blocks.push({
        openLine: line,
        closeLine,
        value: text.slice(contentStart, contentEnd),
        blankedEnd: contentEnd - shift,
        shift,
      });
    }
    start = lineEnd(text, closeStart) + 1;
    line = closeLine + 1;
  }
  if (blocks.length === 0) return { text, blocks };
  parts.push(text.slice(copiedTo));
  return { text: parts.join(""), blocks };
}

function lineEnd(text: string, start: number): number {
  const end = text.indexOf("\n", start);
  return end < 0 ? text.length : end;
}

/** Moves every offset at or after a blanked block's end by what the blanking took out before it. */
function shiftOffsets(root: Root, blocks: readonly OpaqueBlock[]): void {
  const shiftAt = (offset: number): number => {
    let shift = 0;
    for (const block of blocks) {
      if (block.blankedEnd > offset) break;
      shift = block.shift;
    }
    return shift;
  };
  const visit = (node: Nodes): void => {
    const position = node.position;
    if (position) {
      if (position.start.offset !== undefined) position.start.offset += shiftAt(position.start.offset);
      if (position.end.offset !== undefined) position.end.offset += shiftAt(position.end.offset);
    }
    if ("children" in node) for (const child of node.children) visit(child);
  };
  visit(root);
}
