/**
 * The YAML front matter of a page (`title`, `description`, `doc_type`). Template generators leave values such as
 * `"$(metadata.owner)"` behind; those are found by the template-text scan, not here.
 */
import { parseDocument } from "yaml";
import type { FrontMatter, PageKind } from "./page-model.js";

export interface FrontMatterRead {
  readonly frontMatter: FrontMatter;
  readonly error?: { readonly message: string; readonly line: number };
}

/** `yaml` is the text between the `---` lines; `line` is the line of the opening `---`. */
export function readFrontMatter(yaml: string | undefined, line: number): FrontMatterRead {
  if (yaml === undefined) return { frontMatter: { line } };
  let record: Record<string, unknown> | undefined = readFlatStrings(yaml);
  if (!record) {
    const document = parseDocument(yaml, { prettyErrors: false, uniqueKeys: false });
    const firstError = document.errors[0];
    if (firstError) {
      const errorLine = firstError.linePos?.[0]?.line ?? 0;
      return {
        frontMatter: { line },
        error: { message: firstError.message.split("\n")[0]!, line: line + 1 + Math.max(errorLine - 1, 0) },
      };
    }
    let data: unknown;
    try {
      // Aliases are resolved here: one used before its anchor, or one that expands past yaml's bound, throws.
      data = document.toJS();
    } catch (error) {
      return { frontMatter: { line }, error: { message: (error as Error).message.split("\n")[0]!, line: line + 1 } };
    }
    record = data !== null && typeof data === "object" ? (data as Record<string, unknown>) : {};
  }
  const text = (key: string): string | undefined => {
    const value = record[key];
    return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
  };
  const title = text("title");
  const description = text("description");
  const docType = text("doc_type");
  return {
    frontMatter: {
      line,
      ...(title ? { title } : {}),
      ...(description ? { description } : {}),
      ...(docType ? { docType } : {}),
    },
  };
}

/** The page kind a `doc_type` value names, tolerating quotes and stray suffixes (`resourcePageType_`). */
export function pageKindOfDocType(docType: string | undefined): PageKind | undefined {
  const value = docType?.toLowerCase() ?? "";
  if (value.startsWith("apipagetype")) return "api";
  if (value.startsWith("resourcepagetype")) return "resource";
  if (value.startsWith("enumpagetype")) return "enum";
  if (value.startsWith("conceptualpagetype")) return "conceptual";
  return undefined;
}

/**
 * Front matter that is nothing but `key: value` lines with plain words or simple quoted strings (nearly
 * every page's) read without the YAML parser, which costs more than the rest of a page's reading. Undefined for
 * anything else (other scalars, escapes, `: ` in a value, repeated keys, comments, nesting): YAML reads that.
 */
function readFlatStrings(yaml: string): Record<string, string> | undefined {
  const record: Record<string, string> = {};
  for (const line of yaml.split("\n")) {
    const entry = /^([A-Za-z_][\w.-]*):[ ]+("[^"\\]*"|'[^']*'|[A-Za-z][\w .,()/-]*?)[ ]*$/.exec(line);
    if (!entry || entry[1]! in record) return undefined;
    const value = entry[2]!;
    if (value.startsWith('"') || value.startsWith("'")) record[entry[1]!] = value.slice(1, -1);
    else if (/^(true|false|null|y|yes|n|no|on|off)$/i.test(value)) return undefined;
    else record[entry[1]!] = value;
  }
  return record;
}
