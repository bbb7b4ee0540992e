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
  const document = parseDocument(yaml, { prettyErrors: false, uniqueKeys: false });
  const firstError = document.errors[0];
  if (firstError) {
    const errorLine = firstError.linePos?.[0]?.line ?? 0;
    return {
      frontMatter: { line },
      error: { message: firstError.message.split("\n")[0]!, line: line + 1 + Math.max(errorLine - 1, 0) },
    };
  }
  const data: unknown = document.toJS();
  const record = data !== null && typeof data === "object" ? (data as Record<string, unknown>) : {};
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
