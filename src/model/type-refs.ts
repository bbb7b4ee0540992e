/**
 * Type cells -> TypeRef. Reads the spellings real pages use (`String`, `Edm.Int32`, `[identitySet](identityset.md)`,
 * `String collection`, `Collection(microsoft.graph.x)`, `string (url)`, `A or B`) and never guesses: a spelling that
 * names no primitive and no documented type becomes `unknown`, which the caller diagnoses with the cell text.
 */
import type { Cell, Link } from "../parse/index.js";
import type { TypeRef } from "./api-model.js";

/** What the model knows of the documented types, for resolving names and links. */
export interface TypeLookup {
  /** The type or enum a page documents (an enum page with several tables is told apart by the link's fragment). */
  byPage(page: string, url: string): string | undefined;
  /** A type or enum by simple or qualified name, preferring `namespace`. */
  byName(name: string, namespace: string): string | undefined;
  /** A hash of what the answers follow from: it changes whenever an answer may, for keys of what used them. */
  readonly key: string;
}

const primitives = new Map<string, TypeRef>();
for (const [names, ref] of [
  [["string", "str", "text", "url", "uri"], { kind: "primitive", name: "string" }],
  [["boolean", "bool"], { kind: "primitive", name: "boolean" }],
  [["int16", "short"], { kind: "primitive", name: "number", format: "Int16" }],
  [["int32", "int", "integer"], { kind: "primitive", name: "number", format: "Int32" }],
  [["int64", "long"], { kind: "primitive", name: "number", format: "Int64" }],
  [["single", "float"], { kind: "primitive", name: "number", format: "Single" }],
  [["double", "number", "numeric"], { kind: "primitive", name: "number", format: "Double" }],
  [["decimal"], { kind: "primitive", name: "number", format: "Decimal" }],
  [["byte", "sbyte"], { kind: "primitive", name: "number", format: "Byte" }],
  [["guid", "uuid"], { kind: "primitive", name: "string", format: "Guid" }],
  [["datetimeoffset", "datetime", "timestamp"], { kind: "primitive", name: "string", format: "DateTimeOffset" }],
  [["date"], { kind: "primitive", name: "string", format: "Date" }],
  [["timeofday"], { kind: "primitive", name: "string", format: "TimeOfDay" }],
  [["duration", "timespan"], { kind: "primitive", name: "string", format: "Duration" }],
  [["binary", "base64", "base64url"], { kind: "primitive", name: "string", format: "Binary" }],
  [["stream"], { kind: "primitive", name: "string", format: "Stream" }],
  [["json"], { kind: "json" }],
] as const satisfies ReadonlyArray<readonly [readonly string[], TypeRef]>) {
  for (const name of names) primitives.set(name, ref);
}

export function readTypeCell(cell: Cell, namespace: string, lookup: TypeLookup): TypeRef {
  return readTypeText(cell.text, cell.links, namespace, lookup);
}

export function readTypeText(rawText: string, links: readonly Link[], namespace: string, lookup: TypeLookup): TypeRef {
  // A link whose markdown is broken (`[x](x.md` with no closing parenthesis) reads as its text.
  const text = rawText
    .replace(/^\[([^\]]+)\]\([^)\s]*\)?$/, "$1")
    .replace(/\bEdm\./gi, "")
    .replace(/[`*]/g, "")
    .trim();
  if (/^(untyped\s+)?json(\s+object)?$/i.test(text)) return { kind: "json" };
  const collection = unwrapCollection(text);
  if (collection !== undefined) {
    const inner = readTypeText(collection, links, namespace, lookup);
    return inner.kind === "unknown" ? { kind: "unknown", text: rawText } : { kind: "collection", of: inner };
  }
  const alternatives = text.split(/\s+or\s+|\s*\|\s*/i).filter((part) => part !== "");
  if (alternatives.length > 1) {
    const refs = alternatives.map((part) =>
      readTypeText(
        part,
        links.filter((link) => part.includes(link.text)),
        namespace,
        lookup,
      ),
    );
    if (refs.some((ref) => ref.kind === "unknown")) return { kind: "unknown", text: rawText };
    return { kind: "union", of: dedupe(refs) };
  }
  // A primitive's name links to a page that explains the format (`[DateTimeOffset](timestamp.md)`): the name wins.
  const exactPrimitive = primitives.get(text.toLowerCase());
  if (exactPrimitive && links.length > 0) return exactPrimitive;
  for (const link of links) {
    const byPage = link.page ? lookup.byPage(link.page, link.url) : undefined;
    const resolved = byPage ?? lookup.byName(link.text, namespace);
    if (resolved) return { kind: "named", qualifiedName: resolved };
  }
  const primitive = primitives.get(headWord(text).toLowerCase());
  if (primitive && links.length === 0) return primitive;
  const named = lookup.byName(text, namespace);
  if (named) return { kind: "named", qualifiedName: named };
  if (primitive) return primitive;
  return { kind: "unknown", text: rawText };
}

/** `Collection(x)`, `x collection`, `collection of x`, `x[]`. */
function unwrapCollection(text: string): string | undefined {
  const call = /^collection\s*\(\s*(.+?)\s*\)$/i.exec(text);
  if (call) return call[1];
  const suffix = /^(.+?)\s+collection$/i.exec(text);
  if (suffix) return suffix[1];
  const prefix = /^collection\s+of\s+(.+)$/i.exec(text);
  if (prefix) return prefix[1];
  const brackets = /^(.+?)\s*\[\]$/.exec(text);
  return brackets?.[1];
}

/** The leading word of `string (url)`, `String, maximum size 20`, `Int32.`. */
function headWord(text: string): string {
  return /^[A-Za-z][A-Za-z0-9]*/.exec(text)?.[0] ?? text;
}

function dedupe(refs: TypeRef[]): TypeRef[] {
  const seen = new Set<string>();
  return refs.filter((ref) => {
    const key = JSON.stringify(ref);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A type in the words of a diagnostic: `` `microsoft.graph.systemFacet` ``, `a collection of DateTimeOffset`,
 * `one of \`a\`, \`b\``. Shared by the model's diagnostics and the audit's findings.
 */
export function typeRefWords(type: TypeRef): string {
  switch (type.kind) {
    case "primitive":
      return type.format ?? type.name;
    case "named":
      return `\`${type.qualifiedName}\``;
    case "literals":
      return `one of ${type.values.map((value) => `\`${value}\``).join(", ")}`;
    case "collection":
      return `a collection of ${typeRefWords(type.of)}`;
    case "union":
      return type.of.map(typeRefWords).join(" or ");
    case "json":
      return "free-form JSON";
    case "unknown":
      return `\`${type.text}\` (unresolved)`;
  }
}
