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

export class ModelContext {
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
    this.pages = [...pages].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
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

  report(file: string, name: DiagnosticName, position: Position, ...args: ReadonlyArray<string | number>): void {
    this.diagnostics.push(createDiagnostic(name, file, position, ...args));
  }
}
