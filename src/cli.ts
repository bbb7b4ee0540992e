#!/usr/bin/env node
/**
 * `docs2ts [options]` (`npm run generate -- [options]` in this repository): regenerate the client package from the
 * docs set. Thin: it turns the arguments into the library's options (api.ts), runs it once or, with `--watch`, after
 * every change of the docs, and prints diagnostics and a summary. `docs2ts explain CODE` prints what a diagnostic
 * code means and how to fix the page.
 * Exit codes: 0 done; 1 `--check` found the output stale, or `--strict` found warnings or errors; 2 bad usage or
 * a failure to read the docs or write the output (one sentence naming the culprit).
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { UsageError, type GenerateOptions, type ReportedDiagnostic } from "./api.js";
import { execute, type ExecuteResult } from "./run/run.js";
import { displayPath } from "./run/config.js";
import { definitionsByCode, explainCode, formatDiagnostic } from "./diagnostics/index.js";
import type { RunStats } from "./run/stats.js";
import { Progress } from "./run/progress.js";
import type { ReportTotals } from "./report/report.js";

const usage = `Usage: docs2ts [options]          (in this repository: npm run generate -- [options])
       docs2ts explain CODE      what a diagnostic code means, a page that triggers it, how to fix it

Reads the markdown pages of a docs set and writes a typed TypeScript client package.

Options:
  --input DIR         docs set to read (default: "docs2ts.input" of package.json, else docs-input)
  --out DIR           package directory to write (default: "docs2ts.out", else generated)
  --base-url URL      service root the docs' examples use (default: "docs2ts.baseUrl")
  --package-name NAME name of the generated package (default: "docs2ts.packageName")
  --report FILE       write a JSON report: pages, operations with permissions, totals, diagnostics
  --html FILE         write the docs health report, one static HTML page for doc writers
  --metadata FILE     audit the docs against the service's metadata (CSDL): report where they disagree
  --cache DIR         keep the cache in DIR (default: node_modules/.cache/docs2ts of the project)
  --no-cache          neither read nor write the cache
  --workers N         worker threads for parsing and rendering (default: one per core; 0: none)
  --check             write nothing; exit 1 if the output would change, or if its API change is breaking
  --allow-breaking    with --check, do not fail because the API change is breaking (the output may still be stale)
  --strict            exit 1 if there are warnings or errors
  --format FORMAT     how diagnostics print: text (default), json (one JSON object a line, on stdout) or github
                      (workflow commands, ::warning file=...,line=...,col=...::message, on stdout)
  --watch             regenerate after every change of the docs, printing what changed; Ctrl-C stops
  --verbose           print infos too (by default only errors and warnings are printed; the summary counts all)
  --quiet             print the summary only, not each diagnostic
  --help              show this help`;

const formats = ["text", "json", "github"] as const;
type Format = (typeof formats)[number];

/** Where the CLI prints; tests pass their own. */
export interface Io {
  readonly out: { write(text: string): unknown };
  readonly err: { write(text: string): unknown };
}

/** The command line's flags, parsed and checked. */
export interface CliFlags {
  readonly options: GenerateOptions;
  readonly strict: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
  readonly format: Format;
  readonly watch: boolean;
}

export async function main(
  argv: string[],
  cwd = process.cwd(),
  io: Io = { out: process.stdout, err: process.stderr },
  /** The docs2ts version, when the caller has computed it already (launch.mjs names its bundle by it). */
  knownVersion?: string,
  /** Stops a watcher (tests); without it, the watcher runs till the process is interrupted. */
  signal?: AbortSignal,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        input: { type: "string" },
        out: { type: "string" },
        "base-url": { type: "string" },
        "package-name": { type: "string" },
        report: { type: "string" },
        html: { type: "string" },
        metadata: { type: "string" },
        cache: { type: "string" },
        "no-cache": { type: "boolean", default: false },
        workers: { type: "string" },
        check: { type: "boolean", default: false },
        "allow-breaking": { type: "boolean", default: false },
        strict: { type: "boolean", default: false },
        format: { type: "string", default: "text" },
        watch: { type: "boolean", default: false },
        quiet: { type: "boolean", default: false },
        verbose: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
      allowPositionals: true,
    });
  } catch (error) {
    // Node's messages name the option, and then go on with advice for another case: the first sentence will do.
    const message = (error as Error).message.replace(/^(Unknown option '[^']+')\..*$/s, "$1");
    io.err.write(`docs2ts: ${sentence(message).replace(/\.$/, "")} (docs2ts --help lists the options).\n`);
    return 2;
  }
  const args = parsed.values;
  if (args.help) {
    io.out.write(`${usage}\n`);
    return 0;
  }
  const [command, ...rest] = parsed.positionals;
  if (command === "explain") {
    if (rest.length !== 1) {
      io.err.write(`docs2ts: explain takes one diagnostic code, such as docs2ts explain DT226.\n`);
      return 2;
    }
    const text = explainCode(rest[0]!);
    if (!text) {
      io.err.write(`docs2ts: ${rest[0]} is not a docs2ts diagnostic code (they run from DT100 to DT499).\n`);
      return 2;
    }
    io.out.write(text);
    return 0;
  }
  if (command !== undefined) {
    io.err.write(
      `docs2ts: unknown command ${command} (the one command is explain; docs2ts --help lists the options).\n`,
    );
    return 2;
  }
  const workers = args.workers === undefined ? undefined : Number(args.workers);
  if (workers !== undefined && !(args.workers !== "" && Number.isInteger(workers) && workers >= 0)) {
    io.err.write(`docs2ts: --workers takes a whole number, not ${args.workers}.\n`);
    return 2;
  }
  if (!(formats as readonly string[]).includes(args.format)) {
    io.err.write(`docs2ts: --format takes ${formats.join(", ")}, not ${args.format}.\n`);
    return 2;
  }
  if (args.watch && args.check) {
    io.err.write(`docs2ts: --watch writes the package, --check writes nothing; give one of them.\n`);
    return 2;
  }
  const flags: CliFlags = {
    options: {
      cwd,
      ...(args.input !== undefined ? { input: args.input } : {}),
      ...(args.out !== undefined ? { out: args.out } : {}),
      ...(args["base-url"] !== undefined ? { baseUrl: args["base-url"] } : {}),
      ...(args["package-name"] !== undefined ? { packageName: args["package-name"] } : {}),
      ...(args.report !== undefined ? { report: args.report } : {}),
      ...(args.html !== undefined ? { html: args.html } : {}),
      ...(args.metadata !== undefined ? { metadata: args.metadata } : {}),
      ...(args["no-cache"] ? { cache: false as const } : args.cache !== undefined ? { cache: args.cache } : {}),
      ...(workers === undefined ? {} : { workers }),
      check: args.check,
    },
    strict: args.strict,
    quiet: args.quiet,
    verbose: args.verbose,
    format: args.format as Format,
    watch: args.watch,
  };
  if (flags.watch) {
    const { watch } = await import("./run/watch.js");
    return watch(flags, io, signal, knownVersion);
  }
  const progress = new Progress(io.err, { quiet: args.quiet || flags.format !== "text" });
  let run: ExecuteResult;
  try {
    run = await execute(
      { ...flags.options, onProgress: (event) => progress.update(event) },
      // The whole report is needed to print infos; else the run record's totals and notices will do.
      { needsReport: args.verbose, ...(knownVersion ? { version: knownVersion } : {}) },
    );
  } catch (error) {
    progress.done();
    io.err.write(`docs2ts: ${failure(error)}\n`);
    return 2;
  }
  progress.done();
  printDiagnostics(run, flags, io);
  const summaryStream = flags.format === "text" ? io.out : io.err;
  summaryStream.write(
    summary(
      run.totals,
      run.stats,
      displayPath(cwd, run.config.input),
      outcome({ ...run, checked: flags.options.check === true, allowBreaking: args["allow-breaking"] }, cwd),
      run.timings.total,
      args.verbose,
    ),
  );
  if (run.audit) {
    const { describeAudit } = await import("./audit/audit.js");
    summaryStream.write(
      `${describeAudit(run.audit)
        .map((line, index) => `  ${index === 0 ? "against the service: " : "  "}${line}`)
        .join("\n")}\n`,
    );
  }
  let exitCode = flags.options.check && !run.files.upToDate ? 1 : 0;
  if (flags.options.check && (run.release?.breaking ?? 0) > 0 && !args["allow-breaking"]) exitCode = 1;
  if (args.strict && run.diagnostics.length > 0) exitCode = exitCode || 1;
  return exitCode;
}

/** A failure's one sentence: a UsageError's message as it is, anything else as what docs2ts could not do. */
export function failure(error: unknown): string {
  if (error instanceof UsageError) return error.message;
  return sentence((error as Error).message);
}

const sentence = (text: string): string => {
  const trimmed = text.trim().replace(/\.$/, "");
  return `${trimmed[0]?.toUpperCase() ?? ""}${trimmed.slice(1)}.`;
};

/** The run's diagnostics, in the chosen format: errors and warnings, infos too with --verbose. */
export function printDiagnostics(
  run: Pick<ExecuteResult, "report" | "diagnostics" | "config">,
  flags: CliFlags,
  io: Io,
): void {
  if (flags.quiet && flags.format === "text") return;
  const cwd = flags.options.cwd ?? process.cwd();
  const inputLabel = displayPath(cwd, run.config.input);
  const prefix = inputLabel === "." ? "" : `${inputLabel}/`;
  const all = flags.verbose && run.report ? run.report.diagnostics : run.diagnostics;
  // Written a chunk at a time, not a line at a time: a docs set has thousands of warnings, and a write to a pipe is a
  // system call that wakes its reader.
  const stream = flags.format === "text" ? io.err : io.out;
  let chunk = "";
  for (const diagnostic of all) {
    if (!flags.verbose && diagnostic.severity === "info") continue;
    if (flags.format === "json") chunk += `${JSON.stringify(diagnosticJson(diagnostic, prefix))}\n`;
    else if (flags.format === "github") chunk += `${githubAnnotation(diagnostic, prefix)}\n`;
    else chunk += `${formatDiagnostic(diagnostic, prefix)}\n`;
    if (chunk.length >= printChunk) {
      stream.write(chunk);
      chunk = "";
    }
  }
  if (chunk) stream.write(chunk);
}

const printChunk = 256 * 1024;

/** One diagnostic as a JSON line: the path as given from the working directory, the rest as reported. */
export function diagnosticJson(diagnostic: ReportedDiagnostic, prefix: string): ReportedDiagnostic {
  return { ...diagnostic, file: `${prefix}${diagnostic.file}` };
}

/**
 * A GitHub Actions workflow command, which the runner shows as an annotation at the page line: errors as
 * `::error`, warnings as `::warning`, infos as `::notice`; the code is the title.
 */
export function githubAnnotation(diagnostic: ReportedDiagnostic, prefix: string): string {
  const level = diagnostic.severity === "info" ? "notice" : diagnostic.severity;
  const property = (text: string): string =>
    text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/:/g, "%3A").replace(/,/g, "%2C");
  const data = (text: string): string => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  return `::${level} file=${property(`${prefix}${diagnostic.file}`)},line=${diagnostic.line},col=${diagnostic.col},title=${diagnostic.code}::${data(`${diagnostic.code} ${diagnostic.message}`)}`;
}

function outcome(
  run: ExecuteResult & { readonly checked: boolean; readonly allowBreaking?: boolean },
  cwd: string,
): string {
  const { release } = run;
  const files = filesOutcome(run, cwd);
  if (!release || release.kind === "none") return files;
  const held =
    release.breaking > 0 && run.checked && !run.allowBreaking ? " (breaking: --allow-breaking accepts it)" : "";
  return `${run.checked ? "would release" : "released"} ${release.summary}${held}\n  ${files}`;
}

function filesOutcome(run: ExecuteResult & { readonly checked: boolean }, cwd: string): string {
  const outLabel = displayPath(cwd, run.config.out);
  const { files } = run;
  if (files.stale)
    return files.upToDate ? `${outLabel}/ is up to date` : `${outLabel}/ is stale: ${describeDiff(files.stale)}`;
  if (files.upToDate) return run.checked ? `${outLabel}/ is up to date` : `${outLabel}/ is up to date, nothing written`;
  return `${files.written} files written to ${outLabel}/ (${files.changed} changed, ${files.removed} removed)`;
}

function describeDiff(diff: { changed: string[]; added: string[]; removed: string[] }): string {
  const parts = [
    ...diff.changed.map((path) => `changed ${path}`),
    ...diff.added.map((path) => `new ${path}`),
    ...diff.removed.map((path) => `removed ${path}`),
  ];
  return parts.length > 5 ? `${parts.slice(0, 5).join(", ")} and ${parts.length - 5} more` : parts.join(", ");
}

export function summary(
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

/** Runs the command line on this process's arguments, and ends the process with its exit code. */
export function runProgram(knownVersion?: string): void {
  main(process.argv.slice(2), undefined, undefined, knownVersion).then(exitWhenPrinted, (error: unknown) => {
    process.stderr.write(`docs2ts: internal error: ${(error as Error).stack ?? String(error)}\n`);
    exitWhenPrinted(2);
  });
}

/**
 * Ends the process once what it printed is out (a write's callback comes after the writes before it), rather than
 * when its event loop is empty: that exit first takes the heap apart, some 25 ms after a run that holds the model of a
 * big docs set, for memory the system takes back anyway. The run is over: its files are written, its workers stopped.
 */
function exitWhenPrinted(code: number): void {
  process.exitCode = code;
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}

// Run when executed directly (`node --import tsx src/cli.ts`; launch.mjs calls runProgram), not when imported.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) runProgram();
