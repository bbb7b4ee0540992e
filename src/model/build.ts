/**
 * All PageModels -> ApiModel. The passes run in a fixed order: declarations (types and enums, which every later
 * pass links to), then operations (with path recovery, the members only paths document, and examples). Each pass reports into the shared context.
 */
import { compareDiagnostics, type Diagnostic } from "../diagnostics/index.js";
import type { PageModel } from "../parse/index.js";
import type { ApiModel } from "./api-model.js";
import { ModelContext, type ModelOptions, type PageSource } from "./context.js";
import { checkRequestBodyTables } from "./conflicts.js";
import { buildDeclarations } from "./declarations.js";
import { checkLinks } from "./links.js";
import { buildOperations } from "./operations.js";

export function buildApiModel(pages: readonly PageModel[] | PageSource, options: ModelOptions): ApiModel {
  const context = new ModelContext(pages, options);
  const declarations = buildDeclarations(context);
  checkRequestBodyTables(context, declarations);
  checkLinks(context);
  const { operations, types, shapeKey, typesKey } = buildOperations(context, declarations);
  const reported = [...context.pages.flatMap((page) => page.diagnostics), ...context.diagnostics].sort(
    compareDiagnostics,
  );
  let diagnostics: Diagnostic[] | undefined;
  return {
    types,
    enums: declarations.enums,
    operations,
    pages: context.pages.map((page) => ({ file: page.file, kind: page.kind })),
    defaultNamespace: context.defaultNamespace,
    get diagnostics(): Diagnostic[] {
      return (diagnostics ??= [...reported, ...context.includeInfos()].sort(compareDiagnostics));
    },
    reported,
    deferred: context.includeInfoCount > 0 ? { DT200: context.includeInfoCount } : {},
    coverage: context.coverage,
    shapeKey,
    typesKey,
    ...(context.memoKeys ? { memoKeys: context.memoKeys } : {}),
  };
}
