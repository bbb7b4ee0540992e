#!/usr/bin/env node
/**
 * `npm run generate [-- options]`: regenerate the client package from the docs set. Thin: it resolves options,
 * runs the pipeline, writes (or checks) the output, and prints diagnostics and a summary.
 * Exit codes: 0 done; 1 `--check` found the output stale, or `--strict` found warnings or errors; 2 bad usage or
 * a failure to read the docs or write the output.
 */
import { randomBytes } from "node:crypto";
import { realpathSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual, parseArgs } from "node:util";
import { displayPath, docsLabel, resolveConfig, type Docs2tsConfig } from "./run/config.js";
import { definitionsByCode, formatDiagnostic } from "./diagnostics/index.js";
import { listDocsFiles, readInput, stampDocsSet, type DocsStamp } from "./run/docs-set.js";
import type { RunStats } from "./run/generate.js";
import type { Release } from "./run/release.js";
import { Progress } from "./run/progress.js";
import { Cache, cacheScope } from "./run/cache.js";
import {
  diffOutput,
  OutputStaging,
  outputMatches,
  packOutputRecord,
  unpackOutputRecord,
  type PackedOutputRecord,
} from "./run/output.js";
import { projectRoot } from "./run/project-root.js";
import { minimumPoolJobs, WorkerPool } from "./run/workers/pool.js";
import { docs2tsVersion } from "./run/version.js";
import { buildReport, reportDiagnostics, reportTotals, type Report, type ReportTotals } from "./report/report.js";

const usage = `Usage: npm run generate -- [options]

Reads the markdown pages of a docs set and writes a typed TypeScript client package.

Options:
  --input DIR         docs set to read (default: "docs2ts.input" of package.json, else docs-input)
  --out DIR           package directory to write (default: "docs2ts.out", else generated)
  --base-url URL      service root the docs' examples use (default: "docs2ts.baseUrl")
  --package-name NAME name of the generated package (default: "docs2ts.packageName")
  --report FILE       write a JSON report: pages, operations with permissions, totals, diagnostics
  --html FILE         write the docs health report, one static HTML page for doc writers
  --cache DIR         keep the cache in DIR (default: node_modules/.cache/docs2ts of docs2ts)
  --no-cache          neither read nor write the cache
  --workers N         worker threads for parsing and rendering (default: one per core; 0: none)
  --check             write nothing; exit 1 if the output would change
  --allow-breaking    with --check, do not fail because the API change is breaking (the output may still be stale)
  --strict            exit 1 if there are warnings or errors
  --verbose           print infos too (by default only errors and warnings are printed; the summary counts all)
  --quiet             print the summary only, not each diagnostic
  --help              show this help`;

/** Where the CLI prints; tests pass their own. */
export interface Io {
  readonly out: { write(text: string): unknown };
  readonly err: { write(text: string): unknown };
}

export async function main(
  argv: string[],
  cwd = process.cwd(),
  io: Io = { out: process.stdout, err: process.stderr },
  /** The docs2ts version, when the caller has computed it already (launch.mjs names its bundle by it). */
  knownVersion?: string,
): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        input: { type: "string" },
        out: { type: "string" },
        "base-url": { type: "string" },
        "package-name": { type: "string" },
        report: { type: "string" },
        html: { type: "string" },
        cache: { type: "string" },
        "no-cache": { type: "boolean", default: false },
        workers: { type: "string" },
        check: { type: "boolean", default: false },
        "allow-breaking": { type: "boolean", default: false },
        strict: { type: "boolean", default: false },
        quiet: { type: "boolean", default: false },
        verbose: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
      allowPositionals: false,
    }).values;
  } catch (error) {
    io.err.write(`docs2ts: ${(error as Error).message}\n\n${usage}\n`);
    return 2;
  }
  if (args.help) {
    io.out.write(`${usage}\n`);
    return 0;
  }
  let config: Docs2tsConfig;
  try {
    config = resolveConfig(cwd, {
      ...(args.input ? { input: args.input } : {}),
      ...(args.out ? { out: args.out } : {}),
      ...(args["base-url"] ? { baseUrl: args["base-url"] } : {}),
      ...(args["package-name"] ? { packageName: args["package-name"] } : {}),
    });
  } catch (error) {
    io.err.write(`docs2ts: ${(error as Error).message}\n`);
    return 2;
  }
  const started = performance.now();
  const inputLabel = displayPath(cwd, config.input);
  const outLabel = displayPath(cwd, config.out);
  const version = knownVersion ?? docs2tsVersion();
  const cache = args["no-cache"]
    ? Cache.disabled(version)
    : Cache.open(
        args.cache ? resolve(cwd, args.cache) : join(projectRoot(), "node_modules", ".cache", "docs2ts"),
        version,
      );
  const workers = args.workers === undefined ? undefined : Number(args.workers);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 0)) {
    io.err.write(`docs2ts: --workers takes a whole number, not ${args.workers}\n`);
    return 2;
  }
  const progress = new Progress(io.err, { quiet: args.quiet });
  // The whole report is needed to print infos or write it; else the run record's totals and notices will do.
  const needsReport = args.verbose || args.report !== undefined || args.html !== undefined;
  let totals: ReportTotals;
  let printed: Report["diagnostics"];
  let report: Report | undefined;
  let stats: RunStats;
  let outcome: string;
  let released: Release | undefined;
  let exitCode = 0;
  let pool: WorkerPool | undefined;
  try {
    const scope = cacheScope(config);
    const listed = listDocsFiles(config.input);
    // A docs set big enough for workers gets its first one now, to start up while this thread reads the last run's
    // record and stats the pages; a run that finds nothing changed stops it unused.
    if (workers !== 0 && listed.length >= minimumPoolJobs) pool = new WorkerPool(1);
    const stored = cache.read<RunRecord>(scope.run);
    const previous = stored && { ...stored, ...unpackPages(stored.pages), record: unpackOutputRecord(stored.record) };
    const stamp = stampDocsSet(config.input, listed);
    const settings = JSON.stringify(config);
    // The pages are read only when `stat` does not show them as the last run left them.
    const sameStamp = previous !== undefined && isDeepStrictEqual(previous.stamp, stamp);
    const known = previous ? { stamp: previous.stamp, keys: previous.keys, current: stamp } : undefined;
    const read = sameStamp ? undefined : readInput(config, version, listed, known);
    const upToDate =
      previous &&
      previous.settings === settings &&
      (sameStamp || previous.fingerprint === read?.fingerprint) &&
      outputMatches(config.out, previous.record);
    const kept = upToDate && needsReport && previous.report ? cache.read<KeptReport>(scope.report) : undefined;
    const previousReport = kept?.run === previous?.report ? kept?.report : undefined;
    if (upToDate && (!needsReport || previousReport)) {
      // Nothing changed since the last run, and its output is as it left it.
      totals = previous.totals;
      printed = needsReport ? previousReport!.diagnostics : previous.notices;
      report = previousReport;
      stats = {
        ...previous.stats,
        pagesFromCache: previous.stats.pages,
        filesFromCache: previous.stats.files,
        timings: {},
      };
      outcome = args.check ? `${outLabel}/ is up to date` : `${outLabel}/ is up to date, nothing written`;
    } else {
      const input = read ?? readInput(config, version, listed);
      const { generate } = await import("./run/generate.js");
      // Files are staged as they are rendered; nothing replaces the output before the run has succeeded.
      const staging = args.check ? undefined : new OutputStaging(config.out, previous?.record);
      const { result, written } = await withStaging(staging, async () => {
        const result = await generate(
          config,
          docsLabel(cwd, config.input),
          {
            cache,
            ...(workers === undefined ? {} : { workers }),
            progress: (event) => progress.update(event),
            ...(previous ? { changedOnDisk: changedSince(previous.stamp, stamp) } : {}),
            ...(pool ? { pool } : {}),
            ...(staging
              ? {
                  onFile: (path: string, text: string) => staging.add(path, text),
                  holds: (path: string, key: string) => staging.hold(path, key),
                }
              : {}),
          },
          input,
        );
        progress.done();
        return { result, written: await staging?.commit(result.files, { held: result.held, keys: result.fileKeys }) };
      });
      // Without infos to print or a report to write, the totals and the errors and warnings are all it takes.
      report = needsReport ? buildReport(result) : undefined;
      totals = report?.totals ?? reportTotals(result);
      printed =
        report?.diagnostics ??
        reportDiagnostics(result.diagnostics.filter((diagnostic) => diagnostic.severity !== "info"));
      stats = result.stats;
      released = result.release;
      if (args.check && result.release.breaking > 0 && !args["allow-breaking"]) exitCode = 1;
      if (!written) {
        const diff = diffOutput(config.out, result.files);
        const stale = [...diff.changed, ...diff.added, ...diff.removed];
        outcome = stale.length === 0 ? `${outLabel}/ is up to date` : `${outLabel}/ is stale: ${describeDiff(diff)}`;
        if (stale.length > 0) exitCode = 1;
      } else {
        // The whole report is kept by a run that needed it, for the next such run to find if nothing changes.
        const run = report ? randomBytes(8).toString("hex") : undefined;
        cache.write(scope.run, {
          settings,
          pages: packPages(stamp, result.keys),
          fingerprint: input.fingerprint,
          record: packOutputRecord(written.record),
          totals,
          notices: printed.filter((diagnostic) => diagnostic.severity !== "info"),
          stats,
          ...(run ? { report: run } : {}),
        } satisfies RunRecord);
        if (run && report) cache.write(scope.report, { run, report } satisfies KeptReport);
        outcome = `${written.written} files written to ${outLabel}/ (${written.changed} changed, ${written.removed} removed)`;
      }
    }
  } catch (error) {
    progress.done();
    io.err.write(`docs2ts: ${(error as Error).message}\n`);
    return 2;
  } finally {
    await pool?.close();
  }
  if (!args.quiet) {
    const prefix = inputLabel === "." ? "" : `${inputLabel}/`;
    for (const diagnostic of printed) {
      if (args.verbose || diagnostic.severity !== "info") io.err.write(`${formatDiagnostic(diagnostic, prefix)}\n`);
    }
  }
  try {
    if (args.report) writeFileSync(resolve(cwd, args.report), `${JSON.stringify(report!, null, 1)}\n`);
    if (args.html) {
      const { renderHtmlReport } = await import("./report/html-report.js");
      writeFileSync(resolve(cwd, args.html), renderHtmlReport(report!, `Docs health: ${docsLabel(cwd, config.input)}`));
    }
  } catch (error) {
    io.err.write(`docs2ts: could not write the report: ${(error as Error).message}\n`);
    return 2;
  }
  if (released && released.kind !== "none")
    outcome = `${args.check ? "would release" : "released"} ${released.summary}${released.breaking > 0 && args.check && !args["allow-breaking"] ? " (breaking: --allow-breaking accepts it)" : ""}\n  ${outcome}`;
  io.out.write(summary(totals, stats, inputLabel, outcome, performance.now() - started, args.verbose));
  if (args.strict && printed.some((diagnostic) => diagnostic.severity !== "info")) exitCode = exitCode || 1;
  return exitCode;
}

function packPages(stamp: DocsStamp, keys: Record<string, string>): RunRecord["pages"] {
  const files = Object.keys(stamp);
  return { files, stamps: files.map((file) => stamp[file]!), keys: files.map((file) => keys[file] ?? null) };
}

function unpackPages(pages: RunRecord["pages"]): { stamp: DocsStamp; keys: Record<string, string> } {
  const stamp: DocsStamp = {};
  const keys: Record<string, string> = {};
  pages.files.forEach((file, index) => {
    stamp[file] = pages.stamps[index]!;
    const key = pages.keys[index];
    if (key) keys[file] = key;
  });
  return { stamp, keys };
}

/** The pages whose `stat` differs from the stamp of the last run, new pages included. */
function changedSince(previous: DocsStamp, stamp: DocsStamp): Set<string> {
  return new Set(Object.keys(stamp).filter((file) => previous[file] !== stamp[file]));
}

/**
 * Runs `work`, which writes into `staging`, and removes the staging directory if the work fails or the process
 * is interrupted (Ctrl-C): only a committed run touches the output, and none leaves its staging behind.
 */
async function withStaging<T>(staging: OutputStaging | undefined, work: () => Promise<T>): Promise<T> {
  if (!staging) return work();
  const onSignal = (signal: NodeJS.Signals): void => {
    staging.abort();
    process.kill(process.pid, signal);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    return await work();
  } catch (error) {
    staging.abort();
    throw error;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

/**
 * What the cache keeps of a run, to tell the next one that nothing changed and print what this one printed. The
 * whole report (a few MB on a big docs set) is kept apart, written and read only by runs that print infos or write
 * it.
 */
interface RunRecord {
  /** The resolved configuration, as JSON. */
  readonly settings: string;
  /**
   * Each page's stamp, and its key, which a page whose stat is unchanged keeps without being read: a list per
   * field, like the output record, which V8 reads back faster than an object with a property per page.
   */
  readonly pages: { readonly files: string[]; readonly stamps: string[]; readonly keys: Array<string | null> };
  readonly fingerprint: string;
  readonly record: PackedOutputRecord;
  readonly totals: ReportTotals;
  /** The errors and warnings, which every run prints. */
  readonly notices: Report["diagnostics"];
  readonly stats: RunStats;
  /** The id of the run's report, when the run kept it. */
  readonly report?: string;
}

/** A run's whole report, with the id its run record names it by: a report some other run kept is not taken. */
interface KeptReport {
  readonly run: string;
  readonly report: Report;
}

function describeDiff(diff: { changed: string[]; added: string[]; removed: string[] }): string {
  const parts = [
    ...diff.changed.map((path) => `changed ${path}`),
    ...diff.added.map((path) => `new ${path}`),
    ...diff.removed.map((path) => `removed ${path}`),
  ];
  return parts.length > 5 ? `${parts.slice(0, 5).join(", ")} and ${parts.length - 5} more` : parts.join(", ");
}

function summary(
  totals: ReportTotals,
  stats: RunStats,
  inputLabel: string,
  outcome: string,
  elapsed: number,
  verbose: boolean,
): string {
  const { coverage } = totals;
  const bySeverity = { error: 0, warning: 0, info: 0 };
  for (const [code, count] of Object.entries(totals.diagnosticsByCode))
    bySeverity[definitionsByCode.get(code)!.severity] += count;
  const kinds = Object.entries(totals.pagesByKind)
    .sort()
    .map(([kind, count]) => `${kind} ${count}`)
    .join(", ");
  const percent = (share: number): string => `${(share * 100).toFixed(2)}%`;
  const lines = [
    `docs2ts: ${totals.pages} pages in ${inputLabel} (${kinds})`,
    `  types ${totals.types} (properties ${totals.properties}), enums ${totals.enums}, operations ${totals.operations} (paths ${totals.paths}), examples ${totals.examples} (tests ${totals.tests}, skipped ${totals.skipped})`,
    `  coverage: property rows ${coverage.propertyRowsRead}/${coverage.propertyRows} (${percent(coverage.propertyRowShare)}), type cells known ${coverage.typeCellsKnown}/${coverage.typeCells} (${percent(coverage.typeCellShare)}), API pages with an operation ${coverage.apiPagesWithOperation}/${coverage.apiPages} (${percent(coverage.apiPageShare)}), JSON bodies read ${coverage.jsonBodiesRead}/${coverage.jsonBodies} (${percent(coverage.jsonBodyShare)})`,
    `  diagnostics: ${bySeverity.error} errors, ${bySeverity.warning} warnings, ${bySeverity.info} infos`,
    ...Object.entries(totals.diagnosticsByCode)
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([code, count]) => `    ${code} ${definitionsByCode.get(code)!.severity} ${count}`),
    `  cache: ${stats.pagesFromCache} of ${stats.pages} pages and ${stats.filesFromCache} of ${stats.files} files from the cache`,
    ...(verbose && Object.keys(stats.timings).length > 0
      ? [
          `  time: ${Object.entries(stats.timings)
            .map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(2)}s`)
            .join(", ")}`,
        ]
      : []),
    `  ${outcome} in ${(elapsed / 1000).toFixed(1)}s`,
  ];
  return `${lines.join("\n")}\n`;
}

/** Runs the command line on this process's arguments and sets its exit code. */
export function runProgram(knownVersion?: string): void {
  main(process.argv.slice(2), undefined, undefined, knownVersion).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`docs2ts: internal error: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 2;
    },
  );
}

// Run when executed directly (`node --import tsx src/cli.ts`; launch.mjs calls runProgram), not when imported.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) runProgram();
