#!/usr/bin/env node
/**
 * `npm run generate [-- options]`: regenerate the client package from the docs set. Thin: it resolves options,
 * runs the pipeline, writes (or checks) the output, and prints diagnostics and a summary.
 * Exit codes: 0 done; 1 `--check` found the output stale, or `--strict` found warnings or errors; 2 bad usage or
 * a failure to read the docs or write the output.
 */
import { realpathSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { displayPath, resolveConfig, type Docs2tsConfig } from "./config.js";
import { formatDiagnostic } from "./diagnostics/index.js";
import { generate, type GenerateResult } from "./generate.js";
import { diffOutput, OutputError, writeOutput } from "./output.js";
import { renderHtmlReport } from "./html-report.js";
import { buildReport, type Report } from "./report.js";

const usage = `Usage: npm run generate -- [options]

Reads the markdown pages of a docs set and writes a typed TypeScript client package.

Options:
  --input DIR         docs set to read (default: "docs2ts.input" of package.json, else docs-input)
  --out DIR           package directory to write (default: "docs2ts.out", else generated)
  --base-url URL      service root the docs' examples use (default: "docs2ts.baseUrl")
  --package-name NAME name of the generated package (default: "docs2ts.packageName")
  --report FILE       write a JSON report: pages, operations with permissions, totals, diagnostics
  --html FILE         write the docs health report, one static HTML page for doc writers
  --check             write nothing; exit 1 if the output would change
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
        check: { type: "boolean", default: false },
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
  let result: GenerateResult;
  try {
    result = await generate(config, inputLabel);
  } catch (error) {
    io.err.write(`docs2ts: ${(error as Error).message}\n`);
    return 2;
  }
  if (!args.quiet) {
    const prefix = inputLabel === "." ? "" : `${inputLabel}/`;
    for (const diagnostic of result.diagnostics) {
      if (args.verbose || diagnostic.severity !== "info") io.err.write(`${formatDiagnostic(diagnostic, prefix)}\n`);
    }
  }
  let outcome: string;
  let exitCode = 0;
  try {
    if (args.check) {
      const diff = diffOutput(config.out, result.emitted.files);
      const stale = [...diff.changed, ...diff.added, ...diff.removed];
      outcome = stale.length === 0 ? `${outLabel}/ is up to date` : `${outLabel}/ is stale: ${describeDiff(diff)}`;
      if (stale.length > 0) exitCode = 1;
    } else {
      const written = writeOutput(config.out, result.emitted.files);
      outcome = `${written.written} files written to ${outLabel}/ (${written.changed} changed, ${written.removed} removed)`;
    }
  } catch (error) {
    if (!(error instanceof OutputError)) throw error;
    io.err.write(`docs2ts: ${error.message}\n`);
    return 2;
  }
  const report = buildReport(result);
  try {
    if (args.report) writeFileSync(resolve(cwd, args.report), `${JSON.stringify(report, null, 1)}\n`);
    if (args.html) writeFileSync(resolve(cwd, args.html), renderHtmlReport(report, `Docs health: ${inputLabel}`));
  } catch (error) {
    io.err.write(`docs2ts: could not write the report: ${(error as Error).message}\n`);
    return 2;
  }
  io.out.write(summary(result, report, inputLabel, outcome, performance.now() - started));
  if (args.strict && result.diagnostics.some((diagnostic) => diagnostic.severity !== "info")) exitCode = exitCode || 1;
  return exitCode;
}

function describeDiff(diff: { changed: string[]; added: string[]; removed: string[] }): string {
  const parts = [
    ...diff.changed.map((path) => `changed ${path}`),
    ...diff.added.map((path) => `new ${path}`),
    ...diff.removed.map((path) => `removed ${path}`),
  ];
  return parts.length > 5 ? `${parts.slice(0, 5).join(", ")} and ${parts.length - 5} more` : parts.join(", ");
}

function summary(result: GenerateResult, report: Report, inputLabel: string, outcome: string, elapsed: number): string {
  const { totals } = report;
  const { coverage } = totals;
  const bySeverity = { error: 0, warning: 0, info: 0 };
  const severityOf = new Map<string, string>();
  for (const diagnostic of result.diagnostics) {
    bySeverity[diagnostic.severity]++;
    severityOf.set(diagnostic.code, diagnostic.severity);
  }
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
      .map(([code, count]) => `    ${code} ${severityOf.get(code)} ${count}`),
    `  ${outcome} in ${(elapsed / 1000).toFixed(1)}s`,
  ];
  return `${lines.join("\n")}\n`;
}

// Run when executed (`node --import tsx src/cli.ts`), not when imported by tests.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`docs2ts: internal error: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
