/**
 * The API surface file (`api.md` at the package root), in the spirit of API Extractor's API report: every exported
 * type with its members and their types, every documented operation with its method, path, parameters, body and
 * response, one line each and in name order, so that a pull request of regenerated code shows an API change as a few
 * lines. Each type and operation names the page it comes from (a member, where another page documents it), which the
 * changelog (changelog.ts) cites; the file is read back by `parseSurface` to compare two versions of a package.
 */
import type { ObjectType, Operation, RequestBody, TypeRef } from "../model/index.js";
import type { HttpMethod } from "../parse/index.js";
import { functionParameterType } from "./builders.js";
import { printString } from "./literals.js";
import { propertyKey } from "./names.js";
import { memberKey, type EmitPlan, type NavigationNode } from "./plan.js";
import { exportedName } from "./type-names.js";
import { tsArray, tsNullable, tsUnion } from "./type-text.js";

export const surfacePath = "api.md";

/** One exported type or operation: its header line and its member lines, by member key. */
export interface SurfaceEntry {
  /** `interface User extends Entity`, `type RunState`, `GET /users/{id}`. */
  readonly header: string;
  /** The page that documents it. */
  readonly page: string;
  /** Member key -> the member's line (`displayName?: string | null`) and the page that documents it. */
  readonly members: ReadonlyMap<string, { readonly line: string; readonly page: string }>;
}

export interface Surface {
  /** By exported name. */
  readonly types: ReadonlyMap<string, SurfaceEntry>;
  /** By `METHOD /path`, keys written `{}` and lower case: the identity of an operation, whatever its keys are named. */
  readonly operations: ReadonlyMap<string, SurfaceEntry>;
}

const verbOrder: HttpMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];
const pageMark = " // ";
const surfaceTitle = "# API surface of ";

/** The text of `api.md`. */
export function apiSurface(plan: EmitPlan, packageName: string): string {
  const types: Array<{ readonly name: string; readonly lines: string[] }> = [];
  for (const declaration of plan.declarations.values()) {
    const name = exportedName(plan, declaration.qualifiedName);
    if (declaration.kind === "enum") {
      const members = declaration.members.map((member) => `  | ${printString(member.name)}`).sort();
      types.push({ name, lines: [`type ${name} =${pageMark}${declaration.source.file}`, ...members] });
      continue;
    }
    types.push({ name, lines: objectTypeLines(declaration, name, plan) });
  }
  for (const [body, { name, node }] of plan.bodyNames) {
    if (body.kind !== "parameters") continue;
    const operation = [...node.operations.values()].find((candidate) => candidate.requestBody === body);
    types.push({ name, lines: bodyLines(body, name, operation?.source.file ?? "", plan) });
  }
  types.sort((a, b) => compare(a.name, b.name));
  // A megabyte of lines on big docs sets: pushed one by one into the lines of the file, never spread or copied.
  const lines = [
    `${surfaceTitle}${packageName}`,
    "",
    "Written by docs2ts: every exported type with its members, every documented operation with its parameters, body",
    "and response, one line each, so that a change of the API shows in a diff as a few lines. `// page` names the",
    "page that documents it. `CHANGELOG.md` says what changed from one version to the next.",
    "",
    "## Types",
    "",
    "```ts",
  ];
  for (const type of types) for (const line of type.lines) lines.push(line);
  lines.push("```", "", "## Operations", "", "```ts");
  // The OData functions on the way to a path: their parameters are the operation's.
  const visit = (node: NavigationNode, functions: readonly NavigationNode[]): void => {
    const through = node.segment.kind === "function" ? [...functions, node] : functions;
    for (const method of verbOrder) {
      const operation = node.operations.get(method);
      if (operation) operationLines(lines, node, through, method, operation, plan);
    }
    if (node.children.size === 0) return;
    for (const next of [...node.children.values()].sort((a, b) => compare(a.path, b.path))) visit(next, through);
  };
  visit(plan.root, []);
  lines.push("```", "");
  return lines.join("\n");
}

function objectTypeLines(type: ObjectType, name: string, plan: EmitPlan): string[] {
  const base = type.baseType ? ` extends ${exportedName(plan, type.baseType)}` : "";
  const page = type.source.file;
  const members: Array<{ readonly key: string; readonly line: string }> = [];
  for (const property of type.properties) {
    if (type.baseType && property.name === "@odata.type") continue;
    const key = propertyKey(property.name);
    const from = property.source.file === page ? "" : `${pageMark}${property.source.file}`;
    const readOnly = property.readOnly ? "readonly " : "";
    members.push({ key, line: `  ${readOnly}${key}?: ${tsNullable(surfaceType(property.type, plan, true))}${from}` });
  }
  members.sort((a, b) => compare(a.key, b.key));
  const lines = [`interface ${name}${base}${pageMark}${page}`];
  for (const member of members) lines.push(member.line);
  return lines;
}

function bodyLines(body: Extract<RequestBody, { kind: "parameters" }>, name: string, page: string, plan: EmitPlan) {
  const resource =
    body.resource && plan.declarations.has(body.resource) ? exportedName(plan, body.resource) : undefined;
  const documented = tsUnion(body.parameters.map((parameter) => printString(parameter.name)));
  const members = body.parameters
    .map((parameter) => ({
      key: memberKey(parameter.name),
      line: `${memberKey(parameter.name)}${parameter.required ? "" : "?"}: ${tsNullable(surfaceType(parameter.type, plan, true))}`,
    }))
    .sort((a, b) => compare(a.key, b.key));
  return [
    `interface ${name}${resource ? ` extends Omit<${resource}, ${documented}>` : ""}${pageMark}${page}`,
    ...members.map((member) => `  ${member.line}`),
  ];
}

/** Adds an operation's header line and its member lines (in order) to `lines`. */
function operationLines(
  lines: string[],
  node: NavigationNode,
  functions: readonly NavigationNode[],
  method: HttpMethod,
  operation: Operation,
  plan: EmitPlan,
): void {
  const members: string[] = [];
  for (const function_ of functions)
    for (const [name, seen] of function_.parameters) {
      const optional = seen.count < function_.variants ? "?" : "";
      members.push(
        `parameter ${function_.member}.${memberKey(name)}${optional}: ${functionParameterType(seen, new Set())}`,
      );
    }
  for (const parameter of operation.parameters) {
    if (parameter.in !== "query" || /^\$(select|expand|filter|orderby|top|skip|search|count)$/i.test(parameter.name))
      continue;
    const type = parameter.type?.kind === "primitive" ? parameter.type.name : "string";
    members.push(`query ${memberKey(parameter.name)}?: ${type}`);
  }
  if (method === "POST" || method === "PUT" || method === "PATCH") members.push(bodyLine(operation.requestBody, plan));
  members.push(`response: ${operation.response.status} ${responseText(operation, plan)}`);
  lines.push(`${method} ${node.path || "/"}${pageMark}${operation.source.file}`);
  for (const member of members.sort()) lines.push(`  ${member}`);
}

function bodyLine(body: RequestBody | undefined, plan: EmitPlan): string {
  if (!body) return "body?: RequestBody";
  if (body.kind === "type") return `body: ${surfaceType(body.type, plan, true)}`;
  return `body: ${plan.bodyNames.get(body)?.name ?? "unknown"}`;
}

function responseText(operation: Operation, plan: EmitPlan): string {
  const { response } = operation;
  if (response.type === undefined) return response.status === 204 ? "void" : "unknown";
  const type = surfaceType(response.type, plan, false);
  return response.collection ? `CollectionPage<${type}>` : type;
}

/** A type as the package's index exports it (`CallRecords.Session`); `accepted` as a member declared so takes it. */
export function surfaceType(ref: TypeRef, plan: EmitPlan, accepted: boolean): string {
  switch (ref.kind) {
    case "primitive":
      return ref.name;
    case "named": {
      if (!plan.declarations.has(ref.qualifiedName)) return "unknown";
      const name = exportedName(plan, ref.qualifiedName);
      return accepted && plan.derivedTypes.has(ref.qualifiedName) ? `${name}.OrDerived` : name;
    }
    case "literals":
      return tsUnion(ref.values.map((value) => printString(value)));
    case "collection":
      return tsArray(surfaceType(ref.of, plan, accepted));
    case "union":
      return tsUnion(ref.of.map((of) => surfaceType(of, plan, accepted)));
    case "json":
    case "unknown":
      return "unknown";
  }
}

/** Reads `api.md` back; undefined when the text is not one. */
export function parseSurface(text: string): Surface | undefined {
  const blocks = surfaceBlocks(text);
  return blocks && surfaceOfBlocks(blocks);
}

/** Whether a text is an API surface file (`parseSurface` reads it). */
export function isSurface(text: string): boolean {
  return text.startsWith(surfaceTitle);
}

/**
 * Where each type's and operation's entry stands in the text of `api.md`, by the key `parseSurface` gives the entry:
 * from its header line to the end of its last member line (the lines between that are not its own, blank lines or
 * fences, are skipped in the same way wherever the span stands). Two entries of the same span text are the same
 * entry, so diffSurfaceTexts reads neither. A key given twice is the last entry's, in the place of the first.
 */
export interface SurfaceBlocks {
  readonly text: string;
  readonly types: Map<string, EntrySpan>;
  readonly operations: Map<string, EntrySpan>;
}

/** An entry's span of the text: [start, end). */
export interface EntrySpan {
  readonly start: number;
  end: number;
}

/**
 * `api.md` cut into the spans of its entries, without a string made of each line (a megabyte of text on big docs
 * sets, compared with the last run's after every edit); undefined when the text is not one.
 */
export function surfaceBlocks(text: string): SurfaceBlocks | undefined {
  if (!isSurface(text)) return undefined;
  return { text, ...entrySpans(text, 0, text.length, { section: undefined, inCode: false }) };
}

/**
 * The blocks of two surfaces where they differ: the entries of the lines from where their texts first differ (back
 * to the header of that entry) to where they last differ (on to the next header). The entries around those lines
 * are the same in both, and an edit of one page changes a few entries of thousands: a megabyte is compared, not
 * scanned line by line. Where a fence or a section heading differs, every entry after it is read otherwise: both
 * are then cut whole. A key given twice, once among the lines cut and once after them, is read from the lines cut
 * (surfaceBlocks takes the last; docs2ts writes no key twice). Undefined unless both are surfaces.
 */
export function differingBlocks(before: string, after: string): [SurfaceBlocks, SurfaceBlocks] | undefined {
  if (!isSurface(before) || !isSurface(after)) return undefined;
  const prefix = commonPrefixLength(before, after);
  const suffix = commonSuffixLength(before, after, Math.min(before.length, after.length) - prefix);
  const marksBefore = landmarks(before);
  const marksAfter = landmarks(after);
  // The text before `start` is the same in both, and so is the state a scan reaches there.
  let start = lineStartAt(before, prefix);
  while (start > 0 && !isHeader(before, start, marksBefore)) start = lineStartAt(before, start - 1);
  // From the first line start past the last difference on, the texts are the same (shifted by `shift`).
  const shift = after.length - before.length;
  let end = nextLineStart(before, before.length - suffix);
  while (end < before.length && !isHeader(before, end, marksBefore)) end = nextLineStart(before, end);
  // A line at `start` that is no header in `after` belongs to the entry before it there, and a fence or heading
  // that differs changes how the lines after `end` read: then both are cut whole.
  const stateBefore = stateAt(end, marksBefore);
  const stateAfter = stateAt(end + shift, marksAfter);
  if (
    (start > 0 && !isHeader(after, start, marksAfter)) ||
    stateBefore.inCode !== stateAfter.inCode ||
    stateBefore.section !== stateAfter.section
  )
    return [surfaceBlocks(before)!, surfaceBlocks(after)!];
  const initial = stateAt(start, marksBefore);
  return [
    { text: before, ...entrySpans(before, start, end, initial) },
    { text: after, ...entrySpans(after, start, end + shift, initial) },
  ];
}

/** Where a scan of the entries stands before a line: in which section, and whether inside a code block. */
interface ScanState {
  readonly section: "types" | "operations" | undefined;
  readonly inCode: boolean;
}

/** The spans of the entries whose header lines start in [from, to), the scan starting in `state` at `from`. */
function entrySpans(
  text: string,
  from: number,
  to: number,
  state: ScanState,
): Pick<SurfaceBlocks, "types" | "operations"> {
  const types = new Map<string, EntrySpan>();
  const operations = new Map<string, EntrySpan>();
  let section = state.section === "types" ? types : state.section === "operations" ? operations : undefined;
  let inCode = state.inCode;
  let current: EntrySpan | undefined;
  for (let start = from; start < to || (start === to && to === text.length);) {
    const end = endOfLine(text, start);
    const line = start;
    start = end + 1;
    if (lineIs(text, line, end, "## Types")) section = types;
    else if (lineIs(text, line, end, "## Operations")) section = operations;
    if (isFence(text, line, end)) {
      inCode = !inCode;
      continue;
    }
    if (!inCode || !section || isBlank(text, line, end)) continue;
    if (!isMemberLine(text, line, end)) {
      const header = text.slice(line, end);
      const mark = header.lastIndexOf(pageMark);
      const content = mark >= 0 ? header.slice(0, mark) : header;
      current = { start: line, end };
      section.set(section === types ? typeNameOf(content) : operationKey(content), current);
    } else if (current) current.end = end;
  }
  return { types, operations };
}

/** The lines of a surface that change a scan's state: its fences and its section headings (a handful), in order. */
interface Landmarks {
  readonly fences: readonly number[];
  readonly sections: ReadonlyArray<{ readonly line: number; readonly section: "types" | "operations" }>;
}

function landmarks(text: string): Landmarks {
  const lineStart = (at: number) => at === 0 || text.charCodeAt(at - 1) === 10;
  const fences: number[] = [];
  for (let at = text.indexOf("```"); at >= 0; at = text.indexOf("```", at + 3)) if (lineStart(at)) fences.push(at);
  const sections: Array<{ line: number; section: "types" | "operations" }> = [];
  for (let at = text.indexOf("## "); at >= 0; at = text.indexOf("## ", at + 3)) {
    if (!lineStart(at)) continue;
    const end = endOfLine(text, at);
    if (lineIs(text, at, end, "## Types")) sections.push({ line: at, section: "types" });
    else if (lineIs(text, at, end, "## Operations")) sections.push({ line: at, section: "operations" });
  }
  return { fences, sections };
}

/** The state of a scan from the text's start when it comes to the line starting at `line` (`through`: after it). */
function stateAt(line: number, { fences, sections }: Landmarks, through = false): ScanState {
  const before = (at: number) => at < line || (through && at === line);
  const fencesBefore = fences.filter(before).length;
  const section = sections.filter(({ line: at }) => before(at)).at(-1)?.section;
  return { section, inCode: fencesBefore % 2 === 1 };
}

/** Whether the line starting at `line` is an entry's header, as a scan from the text's start reads it. */
function isHeader(text: string, line: number, marks: Landmarks): boolean {
  const end = endOfLine(text, line);
  if (isFence(text, line, end) || isBlank(text, line, end) || isMemberLine(text, line, end)) return false;
  const { section, inCode } = stateAt(line, marks, true);
  return inCode && section !== undefined;
}

/** The start of the line that holds `at`. */
function lineStartAt(text: string, at: number): number {
  return at <= 0 ? 0 : text.lastIndexOf("\n", at - 1) + 1;
}

/** The start of the line after the one that holds `at` (the text's length for its last line). */
function nextLineStart(text: string, at: number): number {
  const end = endOfLine(text, at);
  return end === text.length ? end : end + 1;
}

/** Where the line that holds `at` ends: its newline, or the text's end. */
function endOfLine(text: string, at: number): number {
  const newline = text.indexOf("\n", at);
  return newline < 0 ? text.length : newline;
}

/**
 * Whether an entry's line is a member's (indented by two spaces) rather than a header: one rule for the scan and for
 * differingBlocks, whose cut is sound only where it reads headers as the scan does.
 */
function isMemberLine(text: string, line: number, end: number): boolean {
  return text.startsWith("  ", line) && end - line >= 2;
}

function commonPrefixLength(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  // Halved till the slices agree: a comparison of flat strings is a memory compare, a loop of char codes is not.
  let low = 0;
  let high = limit;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (a.slice(low, middle) === b.slice(low, middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}

function commonSuffixLength(a: string, b: string, limit: number): number {
  let low = 0;
  let high = limit;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (a.slice(a.length - middle, a.length - low) === b.slice(b.length - middle, b.length - low)) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * The header and member lines of an entry: the lines of its span that surfaceBlocks gave it, by the same rules (a
 * fence opens or closes the code, blank lines and lines outside the code are not the entry's).
 */
function entryLines(text: string, span: EntrySpan): string[] {
  const lines: string[] = [];
  let inCode = true;
  for (let start = span.start; start <= span.end;) {
    const newline = text.indexOf("\n", start);
    const end = newline < 0 || newline > span.end ? span.end : newline;
    const line = start;
    start = end + 1;
    if (line !== span.start && isFence(text, line, end)) inCode = !inCode;
    else if (inCode && !isBlank(text, line, end)) lines.push(text.slice(line, end));
  }
  return lines;
}

/** Whether the line opens or closes a code block. */
function isFence(text: string, start: number, end: number): boolean {
  return end - start >= 3 && text.startsWith("```", start);
}

function lineIs(text: string, start: number, end: number, expected: string): boolean {
  return end - start === expected.length && text.startsWith(expected, start);
}

/** Whether the line holds nothing but white space (as `trim` reads it). */
function isBlank(text: string, start: number, end: number): boolean {
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code === 32 || (code >= 9 && code <= 13)) continue;
    if (code < 128 || text[index]!.trim() !== "") return false;
  }
  return true;
}

/** Whether two entries have the same text, and so the same lines. */
export function sameEntry(a: SurfaceBlocks, spanA: EntrySpan, b: SurfaceBlocks, spanB: EntrySpan): boolean {
  return (
    spanA.end - spanA.start === spanB.end - spanB.start &&
    a.text.slice(spanA.start, spanA.end) === b.text.slice(spanB.start, spanB.end)
  );
}

/** The entries of blocks, read. */
export function surfaceOfBlocks(blocks: SurfaceBlocks): Surface {
  const entries = (section: ReadonlyMap<string, EntrySpan>) =>
    new Map([...section].map(([key, span]) => [key, surfaceEntry(entryLines(blocks.text, span))]));
  return { types: entries(blocks.types), operations: entries(blocks.operations) };
}

/** An entry from its lines: the header, then a line per member. */
function surfaceEntry(lines: readonly string[]): SurfaceEntry {
  const members = new Map<string, { line: string; page: string }>();
  let header = "";
  let page = "";
  lines.forEach((line, index) => {
    const mark = line.lastIndexOf(pageMark);
    const content = mark >= 0 ? line.slice(0, mark) : line;
    const from = mark >= 0 ? line.slice(mark + pageMark.length) : "";
    if (index === 0) {
      header = content;
      page = from;
      return;
    }
    const member = content.trim();
    members.set(memberKeyOf(member), { line: member, page: from });
  });
  return { header, page, members };
}

/** `interface CallRecords.Session extends Entity` -> `CallRecords.Session`. */
function typeNameOf(header: string): string {
  return header.split(" ")[1] ?? header;
}

/** `GET /users/{id}/messages` -> `get /users/{}/messages`. */
export function operationKey(header: string): string {
  return header.replace(/\{[^}]*\}/g, "{}").toLowerCase();
}

/**
 * The key of a member line: an enum's value, a property's name (`readonly` left out), an operation's `body`,
 * `response`, `parameter f.name` or `query name`.
 */
function memberKeyOf(line: string): string {
  if (line.startsWith("| ")) return line.slice(2);
  const body = line.replace(/^readonly /, "");
  const match = /^((?:parameter |query )?(?:"(?:[^"\\]|\\.)*"|[^?:]+))\??:/.exec(body);
  return match ? match[1]! : body;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
