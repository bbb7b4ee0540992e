/**
 * `docs2ts --watch`: one run as usual, then a run after every change of the docs (debounced), printing only what
 * changed: the files written and the diagnostics that appeared or went away. A broken page is a diagnostic like any
 * other; a failed run (an output that cannot be written) is printed and the watcher goes on. Each run is an
 * incremental one: pages, model derivations and files come from the cache unless the change touched them.
 */
import { watch as watchDirectory, type FSWatcher } from "node:fs";
import { isAbsolute, relative, sep } from "node:path";
import type { ReportedDiagnostic } from "../api.js";
import { execute, resolveOptions, type ExecuteResult } from "./run.js";
import { failure, printDiagnostics, summary, type CliFlags, type Io } from "../cli.js";
import { displayPath } from "./config.js";
import { formatDiagnostic } from "../diagnostics/index.js";
import { changedPages, listDocsFiles, stampDocsSet, type DocsStamp } from "./docs-set.js";

/** How long the docs must stay still after a change before a run starts (an editor writes a file in steps). */
export const debounceMs = 100;
/** How often the fallback looks at the pages' stat, where the file system cannot report changes. */
const pollMs = 500;

export async function watch(flags: CliFlags, io: Io, signal?: AbortSignal, version?: string): Promise<number> {
  const cwd = flags.options.cwd ?? process.cwd();
  let input: string;
  try {
    input = resolveOptions(cwd, flags.options).input;
  } catch (error) {
    io.err.write(`docs2ts: ${failure(error)}\n`);
    return 2;
  }
  const context = { needsReport: flags.verbose, ...(version ? { version } : {}) };
  const prefix = displayPath(cwd, input) === "." ? "" : `${displayPath(cwd, input)}/`;
  let last: ExecuteResult | undefined;

  /** Runs once; returns false when the run failed (printed). */
  const runOnce = async (changed: readonly string[]): Promise<void> => {
    const started = performance.now();
    let run: ExecuteResult;
    try {
      run = await execute(flags.options, context);
    } catch (error) {
      io.err.write(`docs2ts: ${failure(error)} Watching for the next change.\n`);
      return;
    }
    if (!last) {
      printDiagnostics(run, flags, io);
      io.out.write(
        summary(
          run.totals,
          run.stats,
          displayPath(cwd, input),
          firstOutcome(run, cwd),
          run.timings.total,
          flags.verbose,
        ),
      );
      io.out.write(`docs2ts: watching ${displayPath(cwd, input)}/ for changes (Ctrl-C stops)\n`);
    } else {
      const lines = describeChange(last, run, changed, flags.verbose ? undefined : "info");
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      if (lines.files.length === 0 && lines.appeared.length === 0 && lines.gone.length === 0) {
        if (changed.length > 0)
          io.out.write(`docs2ts: ${describePages(changed)}: the package is unchanged (${seconds}s)\n`);
      } else {
        io.out.write(
          `docs2ts: ${describePages(changed)}: ${lines.files.length > 0 ? `${lines.files.length} file${lines.files.length === 1 ? "" : "s"} written (${listSome(lines.files)})` : "no file changed"} (${seconds}s)\n`,
        );
        for (const diagnostic of lines.appeared) io.err.write(`+ ${formatDiagnostic(diagnostic, prefix)}\n`);
        for (const diagnostic of lines.gone) io.err.write(`- ${formatDiagnostic(diagnostic, prefix)}\n`);
      }
    }
    // A run that found nothing changed knows no file keys: the last ones still hold.
    last = run.files.keys || !last ? run : { ...run, files: { ...run.files, keys: last.files.keys } };
  };

  // Changes are gathered while a run is under way, and start one run after it.
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const schedule = (file: string | undefined): void => {
    if (file !== undefined) pending.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => void start(), debounceMs);
  };
  const start = async (): Promise<void> => {
    if (running) return;
    const changed = [...pending].sort();
    pending = new Set();
    running = runOnce(changed);
    await running;
    running = undefined;
    if (pending.size > 0 && !signal?.aborted) schedule(undefined);
  };

  await runOnce([]);
  const out = last?.config.out ?? resolveOptions(cwd, flags.options).out;
  const stop = startWatching(input, schedule, out);
  if (signal?.aborted) stop();
  else
    await new Promise<void>((resolve) => {
      const finish = (): void => {
        stop();
        clearTimeout(timer);
        signal?.removeEventListener("abort", finish);
        process.off("SIGINT", finish);
        resolve();
      };
      signal?.addEventListener("abort", finish, { once: true });
      process.once("SIGINT", finish);
    });
  await running;
  return 0;
}

/**
 * Reports each change of a page (its path relative to `input`) to `changed`: through fs.watch, recursive, where the
 * platform has it, else by polling the pages' stat. Changes the docs set does not read are left out: files other
 * than pages, hidden entries and node_modules (which listDocsFiles skips), and the output when it lies inside the
 * docs. Returns the function that stops watching.
 */
export function startWatching(input: string, changed: (file: string | undefined) => void, out?: string): () => void {
  const output = out && relative(input, out).split(sep).join("/");
  const inOutput = (file: string): boolean =>
    output !== undefined &&
    output !== "" &&
    !output.startsWith("..") &&
    !isAbsolute(output) &&
    (file === output || file.startsWith(`${output}/`));
  const relevant = (file: string | null): boolean => {
    if (file === null) return true;
    const segments = file.split("/");
    if (segments.some((segment) => segment.startsWith(".") || segment === "node_modules") || inOutput(file))
      return false;
    // A page, or a directory (renamed or removed with the pages in it).
    return /\.md$/i.test(file) || !segments[segments.length - 1]!.includes(".");
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watchDirectory(input, { recursive: true }, (_event, file) => {
      const name = file === null ? null : String(file).split("\\").join("/");
      if (relevant(name)) changed(name ?? undefined);
    });
    watcher.on("error", () => undefined);
    return () => watcher?.close();
  } catch {
    let stamp: DocsStamp = safeStamp(input);
    const interval = setInterval(() => {
      const now = safeStamp(input);
      for (const file of changedPages(stamp, now)) changed(file);
      stamp = now;
    }, pollMs);
    return () => clearInterval(interval);
  }
}

function safeStamp(input: string): DocsStamp {
  try {
    return stampDocsSet(input, listDocsFiles(input));
  } catch {
    return { files: [], stats: new Float64Array() };
  }
}

/** What differs between two runs: files of the package whose key changed, diagnostics that appeared or went. */
export function describeChange(
  before: ExecuteResult,
  after: ExecuteResult,
  _changed: readonly string[],
  leaveOut?: "info",
): { files: string[]; appeared: ReportedDiagnostic[]; gone: ReportedDiagnostic[] } {
  const files: string[] = [];
  const beforeKeys = before.files.keys;
  const afterKeys = after.files.keys;
  if (beforeKeys && afterKeys) {
    for (const [path, key] of afterKeys) if (beforeKeys.get(path) !== key) files.push(path);
    for (const path of beforeKeys.keys()) if (!afterKeys.has(path)) files.push(path);
    files.sort();
  } else if (!after.files.upToDate) {
    files.push(...Array.from({ length: after.files.changed }, () => "?"));
  }
  const shown = (run: ExecuteResult): ReportedDiagnostic[] =>
    (leaveOut ? run.diagnostics : (run.report?.diagnostics ?? run.diagnostics)).filter(
      (diagnostic) => diagnostic.severity !== leaveOut,
    );
  const id = (diagnostic: ReportedDiagnostic): string =>
    `${diagnostic.file}:${diagnostic.line}:${diagnostic.col} ${diagnostic.code} ${diagnostic.message}`;
  const beforeIds = new Set(shown(before).map(id));
  const afterIds = new Set(shown(after).map(id));
  return {
    files: after.files.upToDate && !after.files.keys ? [] : files,
    appeared: shown(after).filter((diagnostic) => !beforeIds.has(id(diagnostic))),
    gone: shown(before).filter((diagnostic) => !afterIds.has(id(diagnostic))),
  };
}

function describePages(changed: readonly string[]): string {
  if (changed.length === 0) return "after a change";
  return `after a change to ${listSome(changed)}`;
}

function listSome(items: readonly string[]): string {
  if (items.every((item) => item === "?")) return `${items.length} files`;
  return items.length > 5 ? `${items.slice(0, 5).join(", ")} and ${items.length - 5} more` : items.join(", ");
}

function firstOutcome(run: ExecuteResult, cwd: string): string {
  const outLabel = displayPath(cwd, run.config.out);
  return run.files.upToDate
    ? `${outLabel}/ is up to date, nothing written`
    : `${run.files.written} files written to ${outLabel}/ (${run.files.changed} changed, ${run.files.removed} removed)`;
}
