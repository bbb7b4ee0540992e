/**
 * All PageModels -> ApiModel. The passes run in a fixed order: declarations (types and enums, which every later
 * pass links to), then operations (with path recovery, the members only paths document, and examples). Each pass reports into the shared context.
 */
import {
  compareDiagnostics,
  withDeferredDiagnostics,
  type DeferringDiagnostics,
  type Diagnostic,
} from "../diagnostics/index.js";
import type { PageModel } from "../parse/index.js";
import type { ApiModel } from "./api-model.js";
import { includeInfos, ModelContext, type ModelOptions, type PageSource, type UnresolvedIncludes } from "./context.js";
import { checkRequestBodyTables } from "./conflicts.js";
import { buildDeclarations } from "./declarations.js";
import { checkLinks } from "./links.js";
import { buildOperations } from "./operations.js";

/**
 * The model with its diagnostics, the INCLUDE infos (DT200) made only when `diagnostics` is read. A function of its
 * own, so that the getter holds the INCLUDEs and not the context (on a big docs set, every PageModel a derivation
 * loaded).
 */
function withDiagnostics(
  model: Omit<ApiModel, keyof DeferringDiagnostics>,
  reported: Diagnostic[],
  unresolved: UnresolvedIncludes,
): ApiModel {
  const count = unresolved.reduce((sum, [, includes]) => sum + includes.length, 0);
  return withDeferredDiagnostics(model, reported, count > 0 ? { DT200: count } : {}, () => includeInfos(unresolved));
}

export function buildApiModel(pages: readonly PageModel[] | PageSource, options: ModelOptions): ApiModel {
  const context = new ModelContext(pages, options);
  const declarations = buildDeclarations(context);
  checkRequestBodyTables(context, declarations);
  checkLinks(context);
  const { operations, types, shapeKey, typesKey } = buildOperations(context, declarations);
  const reported = [...context.pages.flatMap((page) => page.diagnostics), ...context.diagnostics].sort(
    compareDiagnostics,
  );
  const model = {
    types,
    enums: declarations.enums,
    operations,
    pages: context.pages.map((page) => ({ file: page.file, kind: page.kind })),
    defaultNamespace: context.defaultNamespace,
    coverage: context.coverage,
    shapeKey,
    typesKey,
    ...(context.memoKeys ? { memoKeys: context.memoKeys } : {}),
  };
  return withDiagnostics(model, reported, context.unresolvedIncludes);
}
