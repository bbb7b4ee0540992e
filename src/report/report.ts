/**
 * The run report (`--report FILE`): per page what was emitted from it, every operation with its permissions, totals,
 * and every diagnostic. Figures count what was emitted, not what was parsed. Paths are relative to the docs root.
 */
import type { MetadataAudit } from "../audit/audit-types.js";
import type { Diagnostic } from "../diagnostics/index.js";
import type { GenerateResult } from "../run/generate.js";
import type { PageReport, Report, ReportTotals } from "./report-types.js";

export type { OperationReport, PageReport, Report, ReportTotals } from "./report-types.js";
import { addTo } from "../util/group.js";

export function buildReport(result: GenerateResult, audit?: MetadataAudit): Report {
  const { model, diagnostics } = result;
  const byFile = <T>(items: T[], fileOf: (item: T) => string): Map<string, T[]> => {
    const map = new Map<string, T[]>();
    for (const item of items) addTo(map, fileOf(item), item);
    return map;
  };
  const typesByFile = byFile(model.types, (type) => type.source.file);
  const enumsByFile = byFile(model.enums, (type) => type.source.file);
  const operationsByFile = byFile(model.operations, (operation) => operation.source.file);
  const diagnosticsByFile = byFile(diagnostics, (diagnostic) => diagnostic.file);
  const kinds = pageKinds(result);
  const pageReports: PageReport[] = [...kinds].map(([path, kind]) => {
    const operations = operationsByFile.get(path) ?? [];
    return {
      path,
      kind,
      types: (typesByFile.get(path) ?? []).map((type) => type.qualifiedName),
      enums: (enumsByFile.get(path) ?? []).map((type) => type.qualifiedName),
      operations: operations.flatMap((operation) =>
        operation.paths.map((path) => `${operation.method} ${path.template}`),
      ),
      examples: operations.reduce((count, operation) => count + operation.examples.length, 0),
      diagnostics: (diagnosticsByFile.get(path) ?? []).length,
    };
  });
  return {
    pages: pageReports,
    operations: model.operations.map((operation) => ({
      method: operation.method,
      paths: operation.paths.map((path) => path.template),
      file: operation.source.file,
      line: operation.source.line,
      title: operation.title,
      permissions: operation.permissions.map((permission) => ({ kind: permission.kind, scopes: permission.scopes })),
    })),
    totals: reportTotals(result, kinds),
    ...(audit ? { metadata: audit } : {}),
    diagnostics: reportDiagnostics(diagnostics),
  };
}

/** The report's totals alone (what a run prints in its summary and keeps in its record), without the rest. */
export function reportTotals(result: GenerateResult, kinds = pageKinds(result)): ReportTotals {
  const { model, pages } = result;
  const pagesByKind: Record<string, number> = {};
  for (const kind of kinds.values()) pagesByKind[kind] = (pagesByKind[kind] ?? 0) + 1;
  // Counted without making the infos deferred (GenerateResult.reported).
  const diagnosticsByCode: Record<string, number> = {};
  for (const diagnostic of result.reported)
    diagnosticsByCode[diagnostic.code] = (diagnosticsByCode[diagnostic.code] ?? 0) + 1;
  for (const [code, count] of Object.entries(result.deferred))
    diagnosticsByCode[code] = (diagnosticsByCode[code] ?? 0) + count;
  const byCode = Object.fromEntries(Object.entries(diagnosticsByCode).sort(([a], [b]) => (a < b ? -1 : 1)));

  const apiPages = pages.filter((page) => page.kind === "api");
  const examples = pages.flatMap((page) => page.examples);
  const jsonBodies = examples.reduce((count, example) => count + example.jsonBodies, 0);
  const share = (part: number, whole: number): number => (whole === 0 ? 1 : Math.round((part / whole) * 10000) / 10000);
  const { coverage } = model;
  const withOperation = new Set(model.operations.map((operation) => operation.source.file));
  const apiPagesWithOperation = apiPages.filter((page) => withOperation.has(page.file)).length;
  const jsonBodiesRead = examples.reduce((count, example) => count + example.jsonBodiesRead, 0);
  return {
    pages: kinds.size,
    pagesByKind,
    types: model.types.length,
    properties: model.types.reduce((count, type) => count + type.properties.length, 0),
    enums: model.enums.length,
    operations: model.operations.length,
    paths: model.operations.reduce((count, operation) => count + operation.paths.length, 0),
    examples: examples.length,
    tests: result.emitted.counts.tests,
    skipped: examples.length - result.emitted.counts.tests,
    diagnosticsByCode: byCode,
    coverage: {
      propertyRows: coverage.propertyRows,
      propertyRowsRead: coverage.propertyRowsRead,
      propertyRowShare: share(coverage.propertyRowsRead, coverage.propertyRows),
      typeCells: coverage.typeCells,
      typeCellsKnown: coverage.typeCellsKnown,
      typeCellShare: share(coverage.typeCellsKnown, coverage.typeCells),
      apiPages: apiPages.length,
      apiPagesWithOperation,
      apiPageShare: share(apiPagesWithOperation, apiPages.length),
      jsonBodies,
      jsonBodiesRead,
      jsonBodyShare: share(jsonBodiesRead, jsonBodies),
    },
  };
}

/** Diagnostics as the report lists them. */
export function reportDiagnostics(diagnostics: readonly Diagnostic[]): Report["diagnostics"] {
  return diagnostics.map(({ file, line, col, severity, code, message }) => ({
    file,
    line,
    col,
    severity,
    code,
    message,
  }));
}

/** Every page of the report by path, in path order, with its kind: the pages read, and files only diagnosed. */
function pageKinds(result: GenerateResult): Map<string, PageReport["kind"]> {
  const kinds = new Map<string, PageReport["kind"]>(result.pages.map((page) => [page.file, page.kind]));
  // The deferred infos are of pages read.
  for (const diagnostic of result.reported) if (!kinds.has(diagnostic.file)) kinds.set(diagnostic.file, "unreadable");
  return new Map([...kinds].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
