/**
 * The pipeline: read the docs set, parse every page, link the pages into an ApiModel, emit the package in memory.
 * A page that cannot be read or parsed becomes a diagnostic, never a crash of the run.
 */
import { compareDiagnostics, createDiagnostic, type Diagnostic } from "./diagnostics/index.js";
import type { Docs2tsConfig } from "./config.js";
import { listDocsFiles, readDocsFile } from "./docs-set.js";
import { emitPackage, type EmittedPackage } from "./emit/index.js";
import { buildApiModel, type ApiModel } from "./model/index.js";
import { parsePage, type PageModel } from "./parse/index.js";

export interface GenerateResult {
  readonly pages: PageModel[];
  readonly model: ApiModel;
  readonly emitted: EmittedPackage;
  /** Every diagnostic of the run, in file and position order. */
  readonly diagnostics: Diagnostic[];
}

export async function generate(config: Docs2tsConfig, displayInput = "docs"): Promise<GenerateResult> {
  const unreadable: Diagnostic[] = [];
  const pages: PageModel[] = [];
  for (const file of listDocsFiles(config.input)) {
    try {
      const { text } = readDocsFile(config.input, file);
      pages.push(parsePage(file, text));
    } catch (error) {
      unreadable.push(createDiagnostic("pageUnreadable", file, { line: 1 }, (error as Error).message));
    }
  }
  const model = buildApiModel(pages, { baseUrl: config.baseUrl });
  const emitted = await emitPackage(model, {
    packageName: config.packageName,
    packageVersion: config.packageVersion,
    baseUrl: config.baseUrl,
    docsLabel: displayInput,
    typescriptVersion: config.typescriptVersion,
    typesNodeVersion: config.typesNodeVersion,
  });
  const diagnostics = [...unreadable, ...model.diagnostics, ...emitted.diagnostics].sort(compareDiagnostics);
  return { pages, model, emitted, diagnostics };
}
