/**
 * The HTTP blocks of a page: syntax blocks (`GET /me/messages`, one way to call the operation per line) and example
 * messages (a request line or status line, headers, a blank line, a body). Real pages bend the layout: blank lines
 * before the headers, bodies with no blank line before them, `Name:value` headers, URLs over several lines,
 * `HTTP 1.1 200 OK`. The readers accept these and name each irregularity in `layout`.
 */
import type { HttpHeader, HttpMethod, HttpSyntaxLine } from "./page-model.js";

const methodPattern = /^(GET|POST|PUT|PATCH|DELETE)\s+(.+?)\s*$/i;
const headerPattern = /^([A-Za-z][A-Za-z0-9-]*)\s*:(?!\/\/)\s*(.*?)\s*$/;
const statusPattern = /^HTTP(\/|\s+)?(?:\d(?:\.\d)?)?\s+(\d{3})\b/i;

export interface SyntaxBlockRead {
  readonly lines: HttpSyntaxLine[];
  readonly invalid: { readonly line: number; readonly text: string }[];
  /** Lines whose path lacks its leading slash (`GET policies/x`), read as if it had one. */
  readonly relative: { readonly line: number; readonly path: string }[];
}

/** Reads a syntax block; `firstLine` is the line of the block's first content line. */
export function readSyntaxBlock(content: string, firstLine: number): SyntaxBlockRead {
  const lines: HttpSyntaxLine[] = [];
  const invalid: { line: number; text: string }[] = [];
  const relative: { line: number; path: string }[] = [];
  content.split("\n").forEach((raw, index) => {
    const text = raw.trim();
    const line = firstLine + index;
    if (text === "" || text.startsWith("#") || text.startsWith("//")) return;
    const match = methodPattern.exec(text);
    if (!match) {
      invalid.push({ line, text });
      return;
    }
    const target = stripProtocolSuffix(match[2]!);
    let { path, query } = splitTarget(target);
    if (!path.startsWith("/")) {
      if (!/^[A-Za-z$]/.test(path)) {
        invalid.push({ line, text });
        return;
      }
      relative.push({ line, path });
      path = `/${path}`;
    }
    lines.push({ line, method: match[1]!.toUpperCase() as HttpMethod, path, ...(query ? { query } : {}) });
  });
  return { lines, invalid, relative };
}

/** Whether every non-blank line of a block is `METHOD /path` with no host: a syntax block, whatever its annotation says. */
export function looksLikeSyntax(content: string): boolean {
  const lines = content
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  return lines.length > 0 && lines.every((line) => /^(GET|POST|PUT|PATCH|DELETE)\s+\/(?!\/)/i.test(line));
}

/** Splits a request target into path and query; an absolute URL keeps only its path. */
export function splitTarget(target: string): { path: string; query?: string } {
  let rest = target.trim();
  const absolute = /^https?:\/\/[^/?#\s]*/i.exec(rest);
  if (absolute) rest = rest.slice(absolute[0].length);
  const queryStart = indexOfQuery(rest);
  const path = queryStart < 0 ? rest : rest.slice(0, queryStart);
  const query = queryStart < 0 ? undefined : rest.slice(queryStart + 1);
  return { path: path.trim(), ...(query ? { query } : {}) };
}

/** The `?` that starts the query, ignoring any inside `(...)` or `{...}` (function parameters, placeholders). */
function indexOfQuery(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "(" || ch === "{") depth++;
    else if ((ch === ")" || ch === "}") && depth > 0) depth--;
    else if (ch === "?" && depth === 0) return i;
  }
  return -1;
}

function stripProtocolSuffix(target: string): string {
  return target.replace(/\s+HTTP\/\d(?:\.\d)?$/i, "").trim();
}

export interface MessageRead {
  readonly headers: HttpHeader[];
  readonly body?: { readonly line: number; readonly text: string };
  readonly layout: string[];
}

export type RequestRead =
  | ({
      readonly kind: "request";
      readonly line: number;
      readonly method: HttpMethod;
      readonly url: string;
    } & MessageRead)
  | { readonly kind: "invalid"; readonly line: number; readonly text: string };

export type ResponseRead =
  | ({ readonly kind: "response"; readonly line: number; readonly status: number } & MessageRead)
  | { readonly kind: "invalid"; readonly line: number; readonly text: string };

/** Reads an example request block; `firstLine` is the line of the block's first content line. */
export function readRequest(content: string, firstLine: number): RequestRead {
  const lines = content.split("\n").map((line) => line.replace(/\r$/, ""));
  let i = skipBlank(lines, 0);
  const requestLine = lines[i]?.trim() ?? "";
  const match = methodPattern.exec(requestLine);
  if (!match)
    return { kind: "invalid", line: firstLine + Math.min(i, Math.max(lines.length - 1, 0)), text: requestLine };
  const line = firstLine + i;
  const layout: string[] = [];
  let url = match[2]!;
  // A long URL is sometimes wrapped onto the following lines.
  while (i + 1 < lines.length && isUrlContinuation(lines[i + 1]!, url)) {
    url += lines[i + 1]!.trim();
    i++;
    if (!layout.includes("a URL spanning several lines")) layout.push("a URL spanning several lines");
  }
  url = stripProtocolSuffix(url);
  return {
    kind: "request",
    line,
    method: match[1]!.toUpperCase() as HttpMethod,
    url,
    ...readMessage(lines, i + 1, firstLine, layout),
  };
}

/** Reads an example response block; `firstLine` is the line of the block's first content line. */
export function readResponse(content: string, firstLine: number): ResponseRead {
  const lines = content.split("\n").map((line) => line.replace(/\r$/, ""));
  const i = skipBlank(lines, 0);
  const statusLine = lines[i]?.trim() ?? "";
  const match = statusPattern.exec(statusLine);
  if (!match)
    return { kind: "invalid", line: firstLine + Math.min(i, Math.max(lines.length - 1, 0)), text: statusLine };
  const layout: string[] = [];
  if (match[1] !== "/") layout.push(`a status line written \`${statusLine}\``);
  return {
    kind: "response",
    line: firstLine + i,
    status: Number(match[2]),
    ...readMessage(lines, i + 1, firstLine, layout),
  };
}

export function looksLikeRequest(content: string): boolean {
  const lines = content.split("\n");
  return methodPattern.test(lines[skipBlank(lines, 0)]?.trim() ?? "");
}

export function looksLikeResponse(content: string): boolean {
  const lines = content.split("\n");
  return statusPattern.test(lines[skipBlank(lines, 0)]?.trim() ?? "");
}

function readMessage(lines: string[], start: number, firstLine: number, layout: string[]): MessageRead {
  const headers: HttpHeader[] = [];
  let i = start;
  // Headers normally follow the start line directly; some pages put a blank line first.
  const afterBlank = skipBlank(lines, i);
  if (afterBlank > i && afterBlank < lines.length && headerPattern.test(lines[afterBlank]!.trim())) {
    layout.push("a blank line before the headers");
    i = afterBlank;
  }
  for (; i < lines.length; i++) {
    const text = lines[i]!.trim();
    if (text === "") break;
    const header = headerPattern.exec(text);
    if (!header) {
      layout.push("a body with no blank line before it");
      break;
    }
    if (!/:\s/.test(text) && header[2] !== "") addOnce(layout, "a header with no space after the colon");
    headers.push({ name: header[1]!, value: header[2]! });
  }
  const bodyStart = skipBlank(lines, i);
  let bodyEnd = lines.length;
  while (bodyEnd > bodyStart && lines[bodyEnd - 1]!.trim() === "") bodyEnd--;
  if (bodyStart >= bodyEnd) return { headers, layout };
  return { headers, body: { line: firstLine + bodyStart, text: lines.slice(bodyStart, bodyEnd).join("\n") }, layout };
}

function isUrlContinuation(next: string, url: string): boolean {
  const text = next.trim();
  if (text === "" || headerPattern.test(text) || /^[{[<]/.test(text)) return false;
  return /^[&?/$%=]/.test(text) || /[&?=,(/]$/.test(url);
}

function skipBlank(lines: string[], from: number): number {
  let i = from;
  while (i < lines.length && lines[i]!.trim() === "") i++;
  return i;
}

function addOnce(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}
