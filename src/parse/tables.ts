/**
 * Property tables and their relatives. A GFM table becomes rows of cells (text plus links) with a role for each
 * column and a kind for the whole table, from its header row and the heading it sits under.
 */
import type { Definition, PhrasingContent, Table as MdastTable, TableCell } from "mdast";
import { toString } from "mdast-util-to-string";
import { toLink } from "./links.js";
import type { Cell, ColumnRole, Link, PageKind, Table, TableKind, TableRow } from "./page-model.js";

export interface TableContext {
  readonly file: string;
  readonly pageKind: PageKind;
  /** Titles of the enclosing sections, nearest first. */
  readonly headings: string[];
  readonly section: number;
  readonly definitions: ReadonlyMap<string, Definition>;
}

export interface TableRead {
  readonly table: Table;
  /** Rows whose cell count differs from the header's. */
  readonly ragged: { readonly line: number; readonly cells: number }[];
}

export function readTable(node: MdastTable, context: TableContext): TableRead {
  const [headerRow, ...bodyRows] = node.children;
  const header = (headerRow?.children ?? []).map((cell) => normalizeHeader(toString(cell)));
  const columns = header.map(columnRole);
  const rows: TableRow[] = [];
  const ragged: { line: number; cells: number }[] = [];
  for (const row of bodyRows) {
    const line = row.position?.start.line ?? 0;
    const cells = row.children.map((cell) => readCell(cell, context));
    if (cells.length !== header.length && cells.length > 1) ragged.push({ line, cells: cells.length });
    if (isSectionRow(row.children, cells, header.length)) continue;
    while (cells.length < header.length) cells.push({ text: "", links: [], code: [], col: 0 });
    rows.push({ line, cells });
  }
  const kind = classifyTable(header, columns, context);
  return {
    table: { kind, line: node.position?.start.line ?? 0, section: context.section, header, columns, rows },
    ragged,
  };
}

function readCell(cell: TableCell, context: TableContext): Cell {
  const links: Link[] = [];
  collectLinks(cell.children, context, links);
  const code: string[] = [];
  collectInlineCode(cell.children, code);
  return { text: cleanText(toString(cell)), links, code, col: cell.position?.start.column ?? 0 };
}

function collectInlineCode(nodes: PhrasingContent[], into: string[]): void {
  for (const node of nodes) {
    if (node.type === "inlineCode") into.push(node.value.trim());
    else if ("children" in node) collectInlineCode(node.children as PhrasingContent[], into);
  }
}

export function collectLinks(
  nodes: PhrasingContent[],
  context: Pick<TableContext, "file" | "definitions">,
  into: Link[],
): void {
  for (const node of nodes) {
    if (node.type === "link") {
      into.push(toLink(cleanText(toString(node)), node.url, context.file));
    } else if (node.type === "linkReference") {
      const definition = context.definitions.get(node.identifier.toLowerCase());
      if (definition) into.push(toLink(cleanText(toString(node)), definition.url, context.file));
    } else if ("children" in node) {
      collectLinks(node.children as PhrasingContent[], context, into);
    }
  }
}

/** Non-breaking spaces and runs of whitespace read as one space. */
export function cleanText(text: string): string {
  return text.replace(/[\u00a0\u202f\s]+/g, " ").trim();
}

/** A row that only groups the rows below it: a bold (or lone) first cell and nothing in the others. */
function isSectionRow(cells: TableCell[], read: Cell[], headerLength: number): boolean {
  if (read.every((cell) => cell.text === "")) return true;
  if (headerLength <= 1) return false;
  const rest = read.slice(1);
  if (!rest.every((cell) => cell.text === "")) return false;
  const first = cells[0]?.children ?? [];
  return read.length === 1 || (first.length === 1 && first[0]!.type === "strong");
}

function normalizeHeader(text: string): string {
  return cleanText(text).replace(/[*_`]/g, "").toLowerCase();
}

function columnRole(header: string): ColumnRole {
  if (
    /^(property|property name|name|parameter|parameter name|relationship|relationship name|member|members|header|method|methods|permission type|key)$/.test(
      header,
    )
  ) {
    return "name";
  }
  if (/^(type|return type|data type|value type)$/.test(header)) return "type";
  if (/^(description|details|notes|remarks)$/.test(header)) return "description";
  if (/^(value|int value|values)$/.test(header)) return "value";
  if (/^(required|optional|required\?)$/.test(header)) return "required";
  if (header.startsWith("permissions")) return "permissions";
  return "other";
}

function classifyTable(header: string[], columns: ColumnRole[], context: TableContext): TableKind {
  const first = header[0] ?? "";
  const nearest = (context.headings[0] ?? "").toLowerCase();
  const chain = context.headings.map((heading) => heading.toLowerCase());
  const hasNameAndType = columns[0] === "name" && columns.includes("type");
  if (first === "permission type" || columns.includes("permissions")) return "permissions";
  if (first === "method" || first === "methods") return "methods";
  if (first === "relationship" || first === "relationship name") return "relationships";
  if (first === "member" || first === "members") return "enumMembers";
  if (/request headers?$/.test(nearest) || (first === "header" && !columns.includes("type"))) return "requestHeaders";
  if (/path parameters?$/.test(nearest)) return "pathParameters";
  if (/function parameters?$/.test(nearest)) return "functionParameters";
  if (/query parameters?$/.test(nearest)) return "queryParameters";
  if (chain.some((heading) => /^request body/.test(heading)) && columns.includes("type")) return "requestBody";
  if (/^relationships?$/.test(nearest) && hasNameAndType) return "relationships";
  if (/properties$/.test(nearest) && hasNameAndType) return "properties";
  if (/^methods$/.test(nearest)) return "methods";
  if (context.pageKind === "enum" && (columns[0] === "name" || columns[0] === "value")) return "enumMembers";
  if (
    /(members|values)$/.test(nearest) &&
    (columns[0] === "name" || columns[0] === "value") &&
    !columns.includes("type")
  ) {
    return "enumMembers";
  }
  if (context.pageKind === "resource" && hasNameAndType) return "properties";
  return "other";
}
