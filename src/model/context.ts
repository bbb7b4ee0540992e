/**
 * What every model pass reads: the pages in path order, a way to find a page by path, the docs set's default
 * namespace, and one place to report diagnostics against any page.
 */
import { createDiagnostic, type Diagnostic, type DiagnosticName, type Position } from "../diagnostics/index.js";
import type { PageModel } from "../parse/index.js";

export interface ModelOptions {
  /** The service root the docs' example URLs are written against: `https://graph.microsoft.com/beta`. */
  readonly baseUrl: string;
}

/** How much of what the pages document made it into the model, for the report. */
export interface Coverage {
  /** Data rows of the Properties and Relationships tables of the types the model declares. */
  propertyRows: number;
  /** Those rows that became a member (of the type, or of its base type for a restated inherited member). */
  propertyRowsRead: number;
  /** Type cells of every table read (properties, relationships, request bodies), and those naming a known type. */
  typeCells: number;
  typeCellsKnown: number;
}

export class ModelContext {
  readonly coverage: Coverage = { propertyRows: 0, propertyRowsRead: 0, typeCells: 0, typeCellsKnown: 0 };
  readonly pages: PageModel[];
  readonly pageByFile: ReadonlyMap<string, PageModel>;
  /** The namespace of pages that state none: the one most pages state. */
  readonly defaultNamespace: string;
  readonly diagnostics: Diagnostic[] = [];
  /** The last segment of the base URL's path (`beta`, `v1.0`): a syntax line may repeat it, the client must not. */
  readonly versionSegment: string | undefined;
  /** The base URL's path without a trailing slash (`/beta`). */
  readonly basePath: string;

  constructor(
    pages: readonly PageModel[],
    readonly options: ModelOptions,
  ) {
    const sorted = [...pages].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const byFile = new Map(sorted.map((page) => [page.file, page]));
    this.pages = sorted.map((page) => this.withIncludes(page, byFile));
    this.pageByFile = new Map(this.pages.map((page) => [page.file, page]));
    const counts = new Map<string, number>();
    for (const page of this.pages) {
      const namespace = page.namespace?.text;
      if (namespace) counts.set(namespace, (counts.get(namespace) ?? 0) + 1);
    }
    this.basePath = new URL(options.baseUrl).pathname.replace(/\/+$/, "");
    this.versionSegment = this.basePath.split("/").pop() || undefined;
    this.defaultNamespace = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? "default";
  }

  /**
   * The page with the tables of the files it INCLUDEs, as if written where the INCLUDE line stands (newer pages
   * include their permissions table). An INCLUDE of a file outside the docs set is reported and skipped.
   */
  private withIncludes(page: PageModel, byFile: ReadonlyMap<string, PageModel>): PageModel {
    if (page.includes.length === 0) return page;
    const tables = [...page.tables];
    for (const include of page.includes) {
      const included = include.page ? byFile.get(include.page) : undefined;
      if (!included) {
        this.report(page.file, "includeUnresolved", { line: include.line }, include.url);
        continue;
      }
      for (const table of included.tables)
        tables.push({ ...table, section: include.section, file: table.file ?? included.file });
    }
    return tables.length === page.tables.length ? page : { ...page, tables };
  }

  report(file: string, name: DiagnosticName, position: Position, ...args: ReadonlyArray<string | number>): void {
    this.diagnostics.push(createDiagnostic(name, file, position, ...args));
  }
}
