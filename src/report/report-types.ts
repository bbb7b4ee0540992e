/**
 * The shape of the run report (`--report FILE`, and the library's result): plain data, with no reference to the
 * pipeline's own types, so that the library's declarations stay small.
 */
import type { MetadataAudit } from "../audit/audit-types.js";
import type { Severity } from "../diagnostics/codes.js";
import type { PageKind } from "../parse/page-model.js";

export interface Report {
  readonly pages: PageReport[];
  readonly operations: OperationReport[];
  readonly totals: ReportTotals;
  /** With `--metadata`: how the docs agree with the service's metadata, and every finding. */
  readonly metadata?: MetadataAudit;
  readonly diagnostics: Array<{
    file: string;
    line: number;
    col: number;
    severity: Severity;
    code: string;
    message: string;
  }>;
}

export interface PageReport {
  readonly path: string;
  readonly kind: PageKind | "unreadable";
  /** Names of the types, enums and operations (`GET /users/{id}`) emitted from the page. */
  readonly types: string[];
  readonly enums: string[];
  readonly operations: string[];
  readonly examples: number;
  readonly diagnostics: number;
}

export interface OperationReport {
  readonly method: string;
  readonly paths: string[];
  readonly file: string;
  readonly line: number;
  readonly title: string;
  readonly permissions: Array<{ kind: string; scopes: string[] }>;
}

export interface ReportTotals {
  readonly pages: number;
  readonly pagesByKind: Record<string, number>;
  readonly types: number;
  readonly properties: number;
  readonly enums: number;
  readonly operations: number;
  readonly paths: number;
  /** Every documented example (a request, a response, or both). */
  readonly examples: number;
  /** Examples that became a generated test (of the whole example, or of its sound parts). */
  readonly tests: number;
  /** Examples that got no test; each has a DT224 diagnostic saying why. */
  readonly skipped: number;
  readonly diagnosticsByCode: Record<string, number>;
  /** How much of the docs reached the package, as counts and shares (0..1). */
  readonly coverage: {
    readonly propertyRows: number;
    readonly propertyRowsRead: number;
    readonly propertyRowShare: number;
    readonly typeCells: number;
    readonly typeCellsKnown: number;
    readonly typeCellShare: number;
    readonly apiPages: number;
    readonly apiPagesWithOperation: number;
    readonly apiPageShare: number;
    readonly jsonBodies: number;
    readonly jsonBodiesRead: number;
    readonly jsonBodyShare: number;
  };
}
