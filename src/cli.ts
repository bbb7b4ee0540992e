#!/usr/bin/env node
/**
 * `npm run generate [-- options]`: regenerate the client package from the docs set. Thin: it resolves options,
 * runs the pipeline, writes (or checks) the output, and prints diagnostics and a summary.
 * Exit codes: 0 done; 1 `--check` found the output stale, or `--strict` found warnings or errors; 2 bad usage or
 * a failure to read the docs or write the output.
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { displayPath, resolveConfig, type Docs2tsConfig } from "./config.js";
import { formatDiagnostic } from "./diagnostics/index.js";
import { generate, type GenerateResult } from "./generate.js";
import { diffOutput, OutputError, writeOutput } from "./output.js";

const usage = `Usage: npm run generate -- [options]

Reads the markdown pages of a docs set and writes a typed TypeScript client package.

Options:
  --input DIR         docs set to read (default: "docs2ts.input" of package.json, else docs-input)
  --out DIR           package directory to write (default: "docs2ts.out", else generated)
  --base-url URL      service root the docs' examples use (default: "docs2ts.baseUrl")
  --package-name NAME name of the generated package (default: "docs2ts.packageName")
  --check             write nothing; exit 1 if the output would change
  --strict            exit 1 if there are warnings or errors
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
        check: { type: "boolean", default: false },
        strict: { type: "boolean", default: false },
        quiet: { type: "boolean", default: false },
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
    for (const diagnostic of result.diagnostics) io.err.write(`${formatDiagnostic(diagnostic, prefix)}\n`);
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
  io.out.write(summary(result, inputLabel, outcome, performance.now() - started));
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

function summary(result: GenerateResult, inputLabel: string, outcome: string, elapsed: number): string {
  const { model, emitted, diagnostics } = result;
  const byKind = new Map<string, number>();
  for (const page of model.pages) byKind.set(page.kind, (byKind.get(page.kind) ?? 0) + 1);
  const examples = model.operations.reduce((count, operation) => count + operation.examples.length, 0);
  const bySeverity = { error: 0, warning: 0, info: 0 };
  const byCode = new Map<string, { severity: string; count: number }>();
  for (const diagnostic of diagnostics) {
    bySeverity[diagnostic.severity]++;
    const entry = byCode.get(diagnostic.code) ?? { severity: diagnostic.severity, count: 0 };
    entry.count++;
    byCode.set(diagnostic.code, entry);
  }
  const kinds = [...byKind]
    .sort()
    .map(([kind, count]) => `${kind} ${count}`)
    .join(", ");
  const lines = [
    `docs2ts: ${model.pages.length} pages in ${inputLabel} (${kinds})`,
    `  types ${model.types.length}, enums ${model.enums.length}, operations ${model.operations.length}, examples ${examples} (tests ${emitted.counts.tests}, skipped ${emitted.counts.skipped})`,
    `  diagnostics: ${bySeverity.error} errors, ${bySeverity.warning} warnings, ${bySeverity.info} infos`,
    ...[...byCode]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([code, entry]) => `    ${code} ${entry.severity} ${entry.count}`),
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
