/**
 * Prettier's layout for printed TypeScript at a fraction of its cost. ts-morph's printer and code writer already
 * write what prettier writes (two-space indents, double quotes, semicolons, objects and members one a line) except
 * where a line runs past the print width, a body is empty, or a key is beyond ASCII. Long lines of the shapes the
 * emitters print most are laid out by own-layout.ts, or known to be kept as they are; only the other places go
 * through prettier, all of a file's in one call: a statement whole, or, in a block (an interface, a test, an object), just
 * the members or inner statements that need it, between the block's own first and last line. Prettier lays out
 * top-level statements, and the members and statements of a block, independently of their neighbours, so the
 * result is the text prettier would make of the whole file (fit.test.ts and identical-output.test.ts hold it to
 * that). Formatting whole files is several times slower, and a generated package is megabytes of TypeScript.
 */

import { keptByPrettier, layOutLine } from "./own-layout.js";

/** Formats a complete TypeScript source with prettier. */
export type FormatSource = (source: string) => Promise<string>;

/** `text` as prettier lays it out at `printWidth`, reformatting only the statements or members that need it. */
export async function fitToPrintWidth(text: string, printWidth: number, format: FormatSource): Promise<string> {
  const lines = joinEmptyBodies(text.split("\n")).flatMap((line) =>
    line.length > printWidth && !isComment(line) && !hasWideKey(line) && !keptByPrettier(line)
      ? (layOutLine(line, printWidth) ?? [line])
      : [line],
  );
  const needsLayout = (line: string): boolean =>
    (widthAtMost(line) > printWidth || hasWideKey(line)) && !isComment(line) && !keptByPrettier(line);
  const plan: Piece[] = [];
  for (const statement of unitsAt(lines, 0) ?? [{ start: 0, end: lines.length }]) {
    const body = lines.slice(statement.start, statement.end);
    plan.push(body.some(needsLayout) ? sendStatement(body, needsLayout) : { kind: "kept", lines: body });
  }
  const sent = plan.filter((piece) => piece.kind !== "kept");
  if (sent.length === 0) return lines.join("\n");
  const source = sent.flatMap(sourceOf);
  const formatted = (await format(`${source.join("\n")}\n`)).replace(/\n$/, "").split("\n");
  const laidOut = readBack(formatted, sent, 0);
  // Prettier did something the printers' code cannot tell apart: lay out the whole file instead.
  if (!laidOut) return format(text);
  let next = 0;
  return plan.flatMap((piece) => (piece.kind === "kept" ? piece.lines : laidOut[next++]!)).join("\n");
}

/**
 * What becomes of a stretch of printed code: kept as printed, sent to prettier whole, or (a block) sent as its
 * first and last line around the units inside that need layout, the rest of them kept.
 */
type Piece =
  | { readonly kind: "kept"; readonly lines: string[] }
  | { readonly kind: "whole"; readonly lines: string[] }
  | { readonly kind: "block"; readonly first: string; readonly units: Piece[]; readonly last: string };

/** Stands for the body of a block whose first line alone needs layout: an interface member, a statement. */
const standIn = "_;";

function sendStatement(body: string[], needsLayout: (line: string) => boolean): Piece {
  const block = splitBlock(body, 2, needsLayout);
  if (block) return block;
  // Only the first line of a block needs layout: it is sent above a stand-in for the body (not an object's).
  const units = blockUnits(body, 2);
  if (units && !body[0]!.endsWith("= {") && !needsLayout(body[body.length - 1]!)) {
    return {
      kind: "block",
      first: body[0]!,
      units: [{ kind: "kept", lines: body.slice(1, -1) }],
      last: body[body.length - 1]!,
    };
  }
  return { kind: "whole", lines: body };
}

/**
 * A block with units that need layout, split: those units are sent (split further where they are blocks
 * themselves whose first line is fine), the others kept. Objects are split too (prettier keeps an expanded object
 * expanded, whatever its members); arrays are not (whether one breaks depends on all its items).
 */
function splitBlock(body: string[], depth: number, needsLayout: (line: string) => boolean): Piece | undefined {
  const units = blockUnits(body, depth);
  if (!units || needsLayout(body[body.length - 1]!)) return undefined;
  const pieces = units.map((unit): Piece => {
    const lines = body.slice(unit.start, unit.end);
    if (!lines.some(needsLayout)) return { kind: "kept", lines };
    return (!needsLayout(lines[0]!) && splitBlock(lines, depth + 2, needsLayout)) || { kind: "whole", lines };
  });
  if (!pieces.some((piece) => piece.kind !== "kept")) return undefined;
  return { kind: "block", first: body[0]!, units: pieces, last: body[body.length - 1]! };
}

function sourceOf(piece: Piece): string[] {
  if (piece.kind !== "block") return piece.lines;
  const inner = piece.units.filter((unit) => unit.kind !== "kept");
  const indent = " ".repeat(indentOf(piece.first) + 2);
  return [piece.first, ...(inner.length > 0 ? inner.flatMap(sourceOf) : [`${indent}${standIn}`]), piece.last];
}

/**
 * Prettier's lines for each sent piece, read back by the same rule that split the printed code into units (a
 * unit starts at its depth; deeper lines and closing lines continue it). Undefined where the counts disagree.
 */
function readBack(lines: string[], pieces: Piece[], depth: number): string[][] | undefined {
  const units = unitsAt(lines, depth, true);
  if (!units || units.length !== pieces.length) return undefined;
  const result: string[][] = [];
  for (const [index, piece] of pieces.entries()) {
    const unitLines = lines.slice(units[index]!.start, units[index]!.end);
    if (piece.kind !== "block") {
      result.push(unitLines);
      continue;
    }
    // The first line may have broken into several; it ends where the block opens.
    const opened = unitLines.findIndex((line) => line.endsWith("{"));
    if (opened < 0 || unitLines.length < opened + 2) return undefined;
    const inner = piece.units.filter((unit) => unit.kind !== "kept");
    const body = unitLines.slice(opened + 1, -1);
    const laidOut =
      inner.length > 0
        ? readBack(body, inner, depth + 2)
        : body.length === 1 && body[0]!.trim() === standIn
          ? []
          : undefined;
    if (!laidOut) return undefined;
    let next = 0;
    result.push([
      ...unitLines.slice(0, opened + 1),
      ...piece.units.flatMap((unit) => (unit.kind === "kept" ? unit.lines : laidOut[next++]!)),
      unitLines[unitLines.length - 1]!,
    ]);
  }
  return result;
}

interface Range {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

/**
 * Lines split into units at `depth`: a unit starts at a line `depth` deep and runs on over deeper lines (the body
 * of a block, the rest of a comment) and closing lines (`}`, `)`, `]`, `>`) at its depth. Blank lines are units of
 * their own. Undefined where a line is shallower than `depth`, or, with `strict`, is blank.
 */
function unitsAt(lines: readonly string[], depth: number, strict = false): Range[] | undefined {
  const units: Array<{ start: number; end: number }> = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const indent = indentOf(line);
    if (line === "" && strict) return undefined;
    const previous = units[units.length - 1];
    if (
      line !== "" &&
      previous &&
      lines[previous.start] !== "" &&
      (indent > depth || (indent === depth && /[}\])>]/.test(line[depth]!)))
    ) {
      previous.end = index + 1;
    } else if (line === "" || indent === depth) {
      units.push({ start: index, end: index + 1 });
    } else {
      return undefined;
    }
  }
  return units;
}

/**
 * The units of a block (`interface X {` ... `}`, `test(..., () => {` ... `});`, `body: {` ... `},`) whose
 * first line is `depth - 2` deep: its members or inner statements. Undefined when `body` is not such a block.
 */
function blockUnits(body: readonly string[], depth: number): Range[] | undefined {
  const outer = depth - 2;
  if (body.length < 3 || !body[0]!.endsWith("{") || indentOf(body[0]!) !== outer) return undefined;
  const last = body[body.length - 1]!;
  if (indentOf(last) !== outer || last[outer] !== "}") return undefined;
  return unitsAt(body.slice(1, -1), depth)?.map((unit) => ({ start: unit.start + 1, end: unit.end + 1 }));
}

/**
 * A bound on the width prettier measures: East Asian wide characters take two columns to it. A line that may be
 * too wide goes to prettier, which knows.
 */
function widthAtMost(line: string): number {
  if (!/[^\x00-\x7f]/.test(line)) return line.length;
  let width = 0;
  for (const character of line) width += character.codePointAt(0)! >= 0x1100 ? 2 : 1;
  return width;
}

function isComment(line: string): boolean {
  return /^\s*(\/\/|\/\*|\*)/.test(line);
}

/** A quoted key beyond ASCII (`"déjà": 1`): prettier unquotes those that are identifiers, the printers do not. */
function hasWideKey(line: string): boolean {
  return /["'][^"']*[^\x00-\x7f][^"']*["']\??:/.test(line);
}

/** `interface X {` directly followed by `}` is `interface X {}` to prettier. */
function joinEmptyBodies(lines: string[]): string[] {
  const joined: string[] = [];
  for (const line of lines) {
    const previous = joined[joined.length - 1];
    if (
      previous !== undefined &&
      previous.endsWith(" {") &&
      line.trim() === "}" &&
      indentOf(previous) === indentOf(line)
    ) {
      joined[joined.length - 1] = `${previous}}`;
    } else {
      joined.push(line);
    }
  }
  return joined;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}
