/**
 * The lines that open and close a fenced code block, as the line scans before the parse read them (opaque-code.ts
 * blanks code blocks, repeated-blocks.ts cuts pages between blocks): CommonMark's fences, at most three spaces in.
 */

const opening = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const closing = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

export interface FenceOpening {
  /** The spaces before the fence. */
  readonly indent: string;
  /** The fence itself: three backticks or tildes or more. */
  readonly fence: string;
}

/** The fence `line` opens, or undefined. A backtick fence's info string holds no backtick: that line is inline code. */
export function openingFence(line: string): FenceOpening | undefined {
  if (!mayBeFence(line)) return undefined;
  const match = opening.exec(line);
  if (!match || (match[2]![0] === "`" && match[3]!.includes("`"))) return undefined;
  return { indent: match[1]!, fence: match[2]! };
}

/** Whether `line` closes the block `fence` opened: the same character, as many or more, then only spaces. */
export function closesFence(line: string, fence: string): boolean {
  const match = mayBeFence(line) ? closing.exec(line) : null;
  return match !== null && match[1]![0] === fence[0] && match[1]!.length >= fence.length;
}

/** A fence line starts with a space, a backtick or a tilde: most lines are told apart without a pattern. */
function mayBeFence(line: string): boolean {
  const first = line.charCodeAt(0);
  return first === 0x20 || first === 0x60 || first === 0x7e;
}
