/**
 * A code fence that is never closed swallows the rest of the page. The page is repaired by closing the fence at the
 * first heading after it that follows a blank line: the blank line becomes the closing fence, so no line moves.
 */
import type { Code, Root } from "mdast";

export interface FenceRepair {
  /** The line of the opening fence. */
  readonly line: number;
  /** The line of the heading the fence is closed before, or undefined when none was found. */
  readonly closedBefore?: number;
  /** The repaired text, when a place to close the fence was found. */
  readonly text?: string;
}

export function findUnclosedFence(text: string, root: Root): FenceRepair | undefined {
  const last = root.children.at(-1);
  if (last?.type !== "code" || !isUnclosed(text, last)) return undefined;
  const start = last.position!.start;
  const opening = /^\s*(`{3,}|~{3,})/.exec(text.slice(start.offset!, start.offset! + 200))?.[1] ?? "```";
  const lines = text.split("\n");
  for (let i = start.line; i < lines.length - 1; i++) {
    // lines[i] is line i + 1; a blank line followed by a heading.
    if (lines[i]!.trim() === "" && /^#{1,6}\s+\S/.test(lines[i + 1]!)) {
      const repaired = [...lines.slice(0, i), opening, ...lines.slice(i + 1)].join("\n");
      return { line: start.line, closedBefore: i + 2, text: repaired };
    }
  }
  return { line: start.line };
}

/** A fenced block whose last line is not a closing fence ran to the end of the page. */
function isUnclosed(text: string, node: Code): boolean {
  const { start, end } = node.position!;
  const source = text.slice(start.offset!, end.offset!);
  const lines = source.split("\n");
  const fence = /^\s*(`{3,}|~{3,})/.exec(lines[0] ?? "")?.[1];
  if (!fence) return false;
  if (lines.length < 2) return true;
  const closing = lines.at(-1)!.trim();
  return !(closing.startsWith(fence[0]!.repeat(fence.length)) && /^(`+|~+)$/.test(closing));
}
