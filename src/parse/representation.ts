/**
 * A resource page's JSON representation: the members the block lists and the shape of each sample value. Read by
 * lines and brackets rather than as JSON, because the block is a sketch more often than JSON (`"birthday": "String
 * (timestamp)"`, comments, trailing commas, a `// more` line): only what sits at depth one is read, and a member
 * whose value cannot be told is left out rather than guessed.
 */
import type { RepresentationMember, RepresentationValue } from "./page-model.js";

export function readRepresentation(content: string, firstLine: number): RepresentationMember[] {
  const members: RepresentationMember[] = [];
  const lines = content.split("\n");
  let depth = 0;
  for (const [index, line] of lines.entries()) {
    const startDepth = depth;
    depth += bracketBalance(line);
    if (startDepth !== 1) continue;
    const match = /^\s*"([@A-Za-z_$][\w.@$-]*)"\s*:\s*(.*)$/.exec(line);
    if (!match) continue;
    // A value may open on this line and go on below (`"x": [` then items): read it with the lines that follow.
    const rest = [match[2]!, ...lines.slice(index + 1, index + 6)].join("\n");
    const value = readValue(rest);
    if (value) members.push({ name: match[1]!, line: firstLine + index, value });
  }
  return members;
}

/**
 * The shape of the sample value at the start of `text`. Arrays nest a few levels in real samples; one nested deeper
 * is no sample of a type, and is not read (a recursion thousands deep would exhaust the stack).
 */
function readValue(text: string, depth = 0): RepresentationValue | undefined {
  if (depth > maximumDepth) return undefined;
  const trimmed = text.trimStart();
  if (trimmed.startsWith('"')) {
    const end = /^"((?:[^"\\\n]|\\.)*)"/.exec(trimmed);
    return end ? { kind: "string", text: end[1]! } : undefined;
  }
  if (/^(true|false)\b/.test(trimmed)) return { kind: "boolean" };
  if (/^-?\d/.test(trimmed)) return { kind: "number" };
  if (/^null\b/.test(trimmed)) return { kind: "null" };
  if (trimmed.startsWith("{")) {
    const odataType = /^\{\s*"@odata\.type"\s*:\s*"#?([A-Za-z_][\w.]*)"/.exec(trimmed)?.[1];
    return odataType ? { kind: "object", odataType } : { kind: "object" };
  }
  if (trimmed.startsWith("[")) {
    const inner = trimmed.slice(1).trimStart();
    if (inner.startsWith("]")) return { kind: "array" };
    const item = readValue(inner, depth + 1);
    return item ? { kind: "array", of: item } : { kind: "array" };
  }
  return undefined;
}

const maximumDepth = 8;

/** Opening minus closing brackets of a line, outside strings. */
function bracketBalance(line: string): number {
  let balance = 0;
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (inString) {
      if (char === "\\") i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "{" || char === "[") balance++;
    else if (char === "}" || char === "]") balance--;
    else if (char === "/" && line[i + 1] === "/") break;
  }
  return balance;
}
