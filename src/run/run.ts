/**
 * One run of docs2ts, as the library (api.ts), the command line and the watcher start it: options resolved and
 * checked, the last run's record looked up (a run that finds nothing changed ends there), the pipeline
 * (generate.ts) run into a staging directory that replaces the output whole, the record kept for the next run, the
 * reports written.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { serialize, setFlagsFromString } from "node:v8";
import { UsageError, type FilesOutcome, type GenerateOptions, type GenerateResult } from "../api.js";
import { ConfigError, displayPath, docsLabel, resolveConfig, type Docs2tsConfig } from "./config.js";
import { changedPages, listDocsFiles, readInput, stampDocsSet, type DocsStamp } from "./docs-set.js";
import type { RunStats } from "./stats.js";
import { Cache, cacheScope } from "./cache.js";
import { PipelineCache } from "./pipeline-cache.js";
import {
  diffOutput,
  OutputStaging,
  outputMatches,
  OutputError,
  packOutputRecord,
  unpackOutputRecord,
  type OutputRecord,
  type OutputSurvey,
  type PackedOutputRecord,
} from "./output.js";
import { minimumPoolJobs, WorkerPool } from "./workers/pool.js";
import { docs2tsVersion } from "./version.js";
import type { MetadataAudit } from "../audit/audit-types.js";
import type { ServiceMetadata } from "../audit/csdl.js";
import type { ApiModel } from "../model/index.js";
import { compareDiagnostics, type Diagnostic } from "../diagnostics/index.js";
import { buildReport, reportDiagnostics, reportTotals, type Report, type ReportTotals } from "../report/report.js";

/** What a run needs beyond the options: the command line and the watcher ask for less, or bring their own. */
export interface ExecuteContext {
  /** Build the whole report (else only totals and errors and warnings, which is cheaper on a big docs set). */
  readonly needsReport: boolean;
  /** The docs2ts version, when the caller has it (launch.mjs names its bundle by it). */
  readonly version?: string;
  /** A pool kept by the caller across runs (the watcher); closed by the caller. */
  readonly pool?: WorkerPool;
}

export type ExecuteResult = Omit<GenerateResult, "report"> & { readonly report: Report | undefined };

export async function execute(options: GenerateOptions, context: ExecuteContext): Promise<ExecuteResult> {
  const started = performance.now();
  const cwd = resolve(options.cwd ?? process.cwd());
  const config = resolveOptions(cwd, options);
  const service = options.metadata === undefined ? undefined : await readServiceMetadata(cwd, options.metadata);
  const version = context.version ?? docs2tsVersion();
  const cache =
    options.cache === false
      ? Cache.disabled(version)
      : Cache.open(options.cache ? resolve(cwd, options.cache) : defaultCacheDirectory(cwd), version);
  const workers = options.workers;
  const needsReport = context.needsReport || options.report !== undefined || options.html !== undefined;
  const outLabel = displayPath(cwd, config.out);
  let pool = context.pool;
  const ownPool = (size: number): WorkerPool | undefined => (pool ??= new WorkerPool(size));
  try {
    const scope = cacheScope(config);
    const listed = listDocsFiles(config.input);
    boundHeapGrowth(listed.length);
    // A docs set big enough for workers gets its first one now, to start up while this thread reads the last run's
    // record and stats the pages; a run that finds nothing changed stops it unused.
    if (workers !== 0 && listed.length >= minimumPoolJobs) ownPool(1);
    const stored = cache.read<RunRecord>(scope.run);
    const previous = stored && { ...stored, keys: keysOf(stored.pages), record: unpackOutputRecord(stored.record) };
    const stamp = stampDocsSet(config.input, listed);
    const settings = JSON.stringify(config);
    // The pages are read only when `stat` does not show them as the last run left them.
    const changed = stored ? changedPages(stored.pages, stamp) : undefined;
    const sameStamp = changed?.size === 0;
    const known = previous && changed ? { keys: previous.keys, changed } : undefined;
    // Unless the pages are as the last run left them, the worker reads the cache entries the pipeline reads whole
    // (sixteen megabytes in seven hundred files on the Graph docs) and checks them as soon as it is up (it is still
    // starting), while this thread reads the pages changed.
    if (pool && !sameStamp && cache.directory)
      cache.readAheadFrom(pool.fetch(cache.directory, PipelineCache.entriesRead(config)));
    // Unless the pages are as the last run left them (the output then most likely is too, which outputMatches
    // checks), the worker surveys the output while this thread builds the model: commit takes the survey instead
    // of a stat of every file it keeps.
    const survey = stored && pool && !sameStamp && !options.check ? pool.survey(config.out, stored.record) : undefined;
    void survey?.catch(() => undefined);
    const read = sameStamp ? undefined : readInput(config, version, listed, known);
    const upToDate =
      previous &&
      previous.settings === settings &&
      (sameStamp || previous.fingerprint === read?.fingerprint) &&
      outputMatches(config.out, previous.record) &&
      // An audit reads the model, which a run that finds nothing changed does not build.
      service === undefined;
    const kept = upToDate && needsReport && previous.report ? cache.read<KeptReport>(scope.report) : undefined;
    const previousReport = kept?.run === previous?.report ? kept?.report : undefined;
    const keptNotices = upToDate && !needsReport ? cache.read<KeptNotices>(scope.notices) : undefined;
    const previousNotices = keptNotices?.key === previous?.notices ? keptNotices?.notices : undefined;
    let result: Omit<ExecuteResult, "config" | "timings">;
    if (upToDate && (previousReport || previousNotices)) {
      // Nothing changed since the last run, and its output is as it left it.
      const report = previousReport;
      result = {
        report,
        diagnostics: (report?.diagnostics ?? previousNotices!).filter((diagnostic) => diagnostic.severity !== "info"),
        totals: previous.totals,
        files: { out: config.out, written: 0, changed: 0, removed: 0, upToDate: true },
        stats: {
          ...previous.stats,
          pagesFromCache: previous.stats.pages,
          filesFromCache: previous.stats.files,
          timings: {},
        },
      };
    } else {
      const input = read ?? readInput(config, version, listed);
      const { generate: runPipeline } = await import("./generate.js");
      // Files are staged as they are rendered; nothing replaces the output before the run has succeeded.
      const staging = options.check ? undefined : stage(config.out, outLabel, previous?.record, survey);
      const staged = await withStaging(staging, outLabel, async () => {
        const generated = await runPipeline(
          config,
          docsLabel(cwd, config.input),
          {
            cache,
            ...(workers === undefined ? {} : { workers }),
            ...(options.onProgress ? { progress: options.onProgress } : {}),
            ...(changed ? { changedOnDisk: changed } : {}),
            ...(pool ? { pool } : {}),
            ...(staging
              ? {
                  onFile: (path: string, text: string) => staging.add(path, text),
                  holds: (path: string, key: string) => staging.hold(path, key),
                  outputFiles: () => staging.outputFiles(),
                }
              : {}),
          },
          input,
        );
        const written = await staging?.commit(generated.files, { held: generated.held, keys: generated.fileKeys });
        return { generated, written };
      });
      const { written } = staged;
      let { generated } = staged;
      // The audit's findings join the run's diagnostics; the package was written without it.
      const audited = service ? await auditAgainst(generated.model, service) : undefined;
      const audit = audited?.audit;
      if (audited) {
        generated = {
          ...generated,
          diagnostics: [...generated.diagnostics, ...audited.diagnostics].sort(compareDiagnostics),
          reported: [...generated.reported, ...audited.diagnostics].sort(compareDiagnostics),
        };
      }
      // Without infos to print or a report to write, the totals and the errors and warnings are all it takes.
      const report = needsReport ? buildReport(generated, audit) : undefined;
      const totals = report?.totals ?? reportTotals(generated);
      // The infos deferred are not read: a run that prints none need not make them.
      const notices = reportDiagnostics(generated.reported.filter((diagnostic) => diagnostic.severity !== "info"));
      const keys = generated.fileKeys ? { keys: generated.fileKeys } : {};
      let files: FilesOutcome;
      if (!written) {
        const diff = diffOutput(config.out, generated.files);
        const stale = diff.changed.length + diff.added.length + diff.removed.length > 0;
        files = {
          out: config.out,
          written: 0,
          changed: diff.changed.length + diff.added.length,
          removed: diff.removed.length,
          upToDate: !stale,
          stale: diff,
          ...keys,
        };
      } else {
        // The whole report is kept by a run that needed it, for the next such run to find if nothing changes.
        const run = report ? randomBytes(8).toString("hex") : undefined;
        // The notices are kept apart, written when they change: only a run that finds nothing changed reads them.
        const noticesKey = createHash("sha1").update(serialize(notices)).digest("hex");
        cache.write(scope.run, {
          settings,
          pages: packPages(stamp, generated.keys),
          fingerprint: input.fingerprint,
          record: packOutputRecord(written.record),
          totals,
          notices: noticesKey,
          stats: generated.stats,
          ...(run ? { report: run } : {}),
        } satisfies RunRecord);
        if (noticesKey !== previous?.notices)
          cache.write(scope.notices, { key: noticesKey, notices } satisfies KeptNotices);
        if (run && report) cache.write(scope.report, { run, report } satisfies KeptReport);
        files = {
          out: config.out,
          written: written.written,
          changed: written.changed,
          removed: written.removed,
          upToDate: false,
          ...keys,
        };
      }
      const { kind, previousVersion, breaking, summary } = generated.release;
      const release = {
        kind,
        version: generated.release.version,
        ...(previousVersion ? { previousVersion } : {}),
        breaking,
        summary,
      };
      result = {
        report,
        diagnostics: notices,
        totals,
        files,
        stats: generated.stats,
        release,
        ...(audit ? { audit } : {}),
      };
    }
    await writeReports(cwd, config, options, result.report);
    return { ...result, config, timings: { ...result.stats.timings, total: performance.now() - started } };
  } finally {
    if (pool !== context.pool) await pool?.close();
  }
}

/** The audit of the model against the service, and its findings as diagnostics; loaded only by a run that audits. */
async function auditAgainst(
  model: ApiModel,
  service: ServiceMetadata,
): Promise<{ readonly audit: MetadataAudit; readonly diagnostics: Diagnostic[] }> {
  const { auditDiagnostics, auditModel } = await import("../audit/audit.js");
  const audit = auditModel(model, service);
  return { audit, diagnostics: auditDiagnostics(audit) };
}

/** The service's metadata, read before anything is generated: a file that is not CSDL is a UsageError naming it. */
async function readServiceMetadata(cwd: string, file: string): Promise<ServiceMetadata> {
  const { readMetadata } = await import("../audit/csdl.js");
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), "utf8");
  } catch {
    throw new UsageError(`The metadata file ${file} cannot be read.`);
  }
  try {
    return readMetadata(text);
  } catch (error) {
    throw new UsageError(`The metadata file ${file} is not CSDL: ${(error as Error).message}.`);
  }
}

/** The options checked and resolved into a complete configuration; a bad one is a UsageError naming it. */
export function resolveOptions(cwd: string, options: GenerateOptions): Docs2tsConfig {
  if (options.workers !== undefined && !(Number.isInteger(options.workers) && options.workers >= 0))
    throw new UsageError(`workers takes a whole number, not ${String(options.workers)}.`);
  for (const name of ["input", "out", "baseUrl", "packageName", "report", "html", "metadata"] as const) {
    const value = options[name];
    if (value !== undefined && (typeof value !== "string" || value === ""))
      throw new UsageError(`${name} takes a non-empty string, not ${JSON.stringify(value)}.`);
  }
  let config: Docs2tsConfig;
  try {
    config = resolveConfig(cwd, {
      ...(options.input ? { input: options.input } : {}),
      ...(options.out ? { out: options.out } : {}),
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      ...(options.packageName ? { packageName: options.packageName } : {}),
    });
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  const inputLabel = displayPath(cwd, config.input);
  if (!existsSync(config.input)) throw new UsageError(`The input directory ${inputLabel} does not exist.`);
  if (!statSync(config.input).isDirectory()) throw new UsageError(`The input ${inputLabel} is not a directory.`);
  if (existsSync(config.out) && !statSync(config.out).isDirectory())
    throw new UsageError(`The output ${displayPath(cwd, config.out)} is a file, not a directory.`);
  return config;
}

/**
 * The cache of the project docs2ts runs in: node_modules/.cache/docs2ts of the nearest directory from `cwd` up with
 * a package.json, never inside docs2ts's own installed files; outside any project, docs2ts-cache in the system's
 * temporary directory.
 */
export function defaultCacheDirectory(cwd: string): string {
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return join(dir, "node_modules", ".cache", "docs2ts");
    if (dirname(dir) === dir) return join(tmpdir(), "docs2ts-cache");
  }
}

function stage(
  out: string,
  outLabel: string,
  previous: OutputRecord | undefined,
  survey: Promise<OutputSurvey> | undefined,
): OutputStaging {
  try {
    return new OutputStaging(out, previous, survey);
  } catch (error) {
    if (error instanceof OutputError) throw new UsageError(`${sentence(error.message)}.`);
    throw new UsageError(`The output ${outLabel} cannot be written: ${reason(error)}.`);
  }
}

const sentence = (text: string): string => `${text[0]!.toUpperCase()}${text.slice(1)}`.replace(/\.$/, "");

function reason(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EROFS") return "the file system is read-only";
  if (code === "ENOTDIR" || code === "EEXIST") return "a parent of it is a file";
  return message.replace(/\.$/, "");
}

async function writeReports(
  cwd: string,
  config: Docs2tsConfig,
  options: GenerateOptions,
  report: Report | undefined,
): Promise<void> {
  const write = (file: string, text: string): void => {
    try {
      writeFileSync(resolve(cwd, file), text);
    } catch (error) {
      throw new UsageError(`The report ${file} cannot be written: ${reason(error)}.`);
    }
  };
  if (options.report) write(options.report, `${JSON.stringify(report!, null, 1)}\n`);
  if (options.html) {
    const { renderHtmlReport } = await import("../report/html-report.js");
    write(options.html, renderHtmlReport(report!, `Docs health: ${docsLabel(cwd, config.input)}`));
  }
}

function packPages(stamp: DocsStamp, keys: Record<string, string>): RunRecord["pages"] {
  return { ...stamp, keys: stamp.files.map((file) => keys[file] ?? null) };
}

function keysOf(pages: RunRecord["pages"]): Record<string, string> {
  const keys: Record<string, string> = {};
  pages.files.forEach((file, index) => {
    const key = pages.keys[index];
    if (key) keys[file] = key;
  });
  return keys;
}

/**
 * Runs `work`, which writes into `staging`, and removes the staging directory if the work fails or the process
 * is interrupted (Ctrl-C): only a committed run touches the output, and none leaves its staging behind. A failure
 * to write the output is a UsageError naming it.
 */
async function withStaging<T>(
  staging: OutputStaging | undefined,
  outLabel: string,
  work: () => Promise<T>,
): Promise<T> {
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
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof OutputError) throw new UsageError(`${sentence(error.message)}.`);
    if (typeof code === "string" && /^E[A-Z]+$/.test(code))
      throw new UsageError(`The output ${outLabel} cannot be written: ${reason(error)}.`);
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
  readonly pages: DocsStamp & { readonly keys: Array<string | null> };
  readonly fingerprint: string;
  readonly record: PackedOutputRecord;
  readonly totals: ReportTotals;
  /** The key of the errors and warnings, which every run prints: kept apart (KeptNotices) under this key. */
  readonly notices: string;
  readonly stats: RunStats;
  /** The id of the run's report, when the run kept it. */
  readonly report?: string;
}

/** A run's errors and warnings, with the key its run record names them by. */
interface KeptNotices {
  readonly key: string;
  readonly notices: Report["diagnostics"];
}

/** A run's whole report, with the id its run record names it by: a report some other run kept is not taken. */
interface KeptReport {
  readonly run: string;
  readonly report: Report;
}

/**
 * A docs set this big, with pages in the tens of thousands, collects each heap (this thread's and every worker's) once
 * it has grown by 30%. On a machine with a few gigabytes, V8 lets a heap grow to up to four times what it held after
 * its last full collection before collecting again, and such a run is mostly short-lived garbage: at 50,000 pages the
 * process peaked at 1.86 GB over some 500 MB live, 1.1 GB with this. A smaller docs set is left to V8's pacing, which
 * is faster (a sixth of a cold run of the Graph v1.0 docs, 3,341 pages): it fits either way. V8 reads the setting at
 * each collection, so it holds from here on, for the workers started after too.
 */
function boundHeapGrowth(pages: number): void {
  if (pages >= largeDocsSet) setFlagsFromString("--heap-growing-percent=30");
}

const largeDocsSet = 20_000;
