/**
 * The library API, `import { generate } from "docs2ts"`: one call that reads a docs set, writes (or checks) its
 * package, and returns the report, the files written and the timings. The command line (cli.ts) and the watcher
 * (run/watch.ts) are thin layers over the same run (run/run.ts). A problem with the options, the docs directory or
 * the output directory rejects with a `UsageError`, whose message is one sentence naming the culprit (the command
 * line exits 2 with it); problems in the docs are diagnostics in the result, never errors.
 * This module holds the public surface only, and imports types from leaf modules alone, so that the declarations a
 * consumer of the library type-checks stay small.
 */
import type { Docs2tsConfig } from "./run/config.js";
import type { ProgressEvent, RunStats, Timings } from "./run/stats.js";
import type { Report, ReportTotals } from "./report/report-types.js";
import type { MetadataAudit } from "./audit/audit-types.js";

export type { Docs2tsConfig } from "./run/config.js";
export type { ProgressEvent, RunStats, Timings } from "./run/stats.js";
export type { Report, ReportTotals, PageReport, OperationReport } from "./report/report-types.js";
export type { AuditFigures, AuditFinding, FindingKind, MemberFigures, MetadataAudit } from "./audit/audit-types.js";

/** The command line's options, as an object. Relative paths resolve against `cwd`. */
export interface GenerateOptions {
  /** The project directory: relative paths resolve against it, and its package.json "docs2ts" key gives defaults. */
  readonly cwd?: string;
  /** The docs set (default: "docs2ts.input", else docs-input). */
  readonly input?: string;
  /** The package to write (default: "docs2ts.out", else generated). */
  readonly out?: string;
  readonly baseUrl?: string;
  readonly packageName?: string;
  /** Write nothing; the result says whether the output would change (`stale`). */
  readonly check?: boolean;
  /** Write the JSON report to this file. */
  readonly report?: string;
  /** Write the docs health report (HTML) to this file. */
  readonly html?: string;
  /**
   * Audit the docs against the service's metadata (a CSDL document, `$metadata`) in this file: the result's `audit`,
   * the report's `metadata` section and DT4xx diagnostics. The package is the same with or without it.
   */
  readonly metadata?: string;
  /** The cache directory (default: node_modules/.cache/docs2ts of the project), or false for none. */
  readonly cache?: string | false;
  /** Worker threads for parsing and rendering (default: one per core; 0: none). */
  readonly workers?: number;
  readonly onProgress?: (event: ProgressEvent) => void;
}

/** A diagnostic as reported: `file` is relative to the docs directory. */
export type ReportedDiagnostic = Report["diagnostics"][number];

export interface GenerateResult {
  /** Pages, operations, totals and every diagnostic (infos included). */
  readonly report: Report;
  /** The errors and warnings of the run. */
  readonly diagnostics: ReportedDiagnostic[];
  /** The report's totals (what the summary prints). */
  readonly totals: ReportTotals;
  readonly files: FilesOutcome;
  readonly stats: RunStats;
  /** Milliseconds per phase, and in all. */
  readonly timings: Timings & { readonly total: number };
  /** The resolved configuration (absolute paths). */
  readonly config: Docs2tsConfig;
  /** With `metadata`: how the docs agree with the service, and every finding. */
  readonly audit?: MetadataAudit;
  /** How the package compares with the one it replaces, when the run generated one: its version and what changed. */
  readonly release?: ReleaseSummary;
}

export interface ReleaseSummary {
  /** `first`: no previous package; `api`: the API changed; `docs`: only other files did; `none`: nothing did. */
  readonly kind: "first" | "api" | "docs" | "none";
  readonly version: string;
  readonly previousVersion?: string;
  /** How many of the changes are breaking. */
  readonly breaking: number;
  /** One line: `0.1.0 -> 0.2.0: 3 operations added, 1 breaking change`. */
  readonly summary: string;
}

export interface FilesOutcome {
  /** The output directory, absolute. */
  readonly out: string;
  /** Files of the package (all of them, when the package was written). */
  readonly written: number;
  /** Files whose bytes changed (or would change, with `check`). */
  readonly changed: number;
  readonly removed: number;
  /** True when nothing needed writing: the output was as the last run left it. */
  readonly upToDate: boolean;
  /** With `check`: the paths that would change, be added or be removed. */
  readonly stale?: { readonly changed: string[]; readonly added: string[]; readonly removed: string[] };
  /** The cache key of each file of the package by path, when the cache is on and the run generated. */
  readonly keys?: ReadonlyMap<string, string>;
}

/** A problem with the options or the directories, not with the docs; `message` is one sentence naming it. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Generates the package of a docs set: see GenerateOptions. */
export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const { execute } = await import("./run/run.js");
  const run = await execute(options, { needsReport: true });
  return { ...run, report: run.report! };
}
