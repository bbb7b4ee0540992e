/**
 * A planned file (files.ts) -> its text: structures printed with ts-morph's code writer (print-structure.ts), test
 * modules written with it, both laid out as prettier would (fit.ts), other text formatted by prettier. This runs in
 * the worker threads, and only for files whose description changed since the last run.
 */
import { fitToPrintWidth, type FormatSource } from "./fit.js";
import type { PendingFile } from "./files.js";
import { CodeBlockWriter, printSourceFile } from "./print-structure.js";
import { writeTestModule } from "./test-module.js";

/** The formatting every generated file gets, whatever the project's own prettier configuration says. */
export const prettierOptions = { printWidth: 100 } as const;

// Loaded once, on first use: a file in a hundred needs prettier, and a process that renders nothing never loads it.
let prettierModule: Promise<typeof import("prettier")> | undefined;
const loadPrettier = (): Promise<typeof import("prettier")> => (prettierModule ??= import("prettier"));

/**
 * With `formatter`, loads prettier ahead of the files that will need it, so that a worker can do it while it would
 * otherwise wait (the files of a cold run); the few files of a small change seldom need it.
 */
export async function prepareRendering(formatter: boolean): Promise<void> {
  if (formatter) await loadPrettier();
}

/** `file`'s text; the TypeScript that needs prettier's layout goes through `formatTypeScript`. */
export async function renderFile(
  file: PendingFile,
  formatTypeScript: FormatSource = (source) => format(source, "typescript"),
): Promise<string> {
  const content = file.content;
  const fit = (text: string): Promise<string> => fitToPrintWidth(text, prettierOptions.printWidth, formatTypeScript);
  switch (content.kind) {
    case "text":
      if (content.format === "as-is") return content.text;
      // The runtime's modules are written prettier-clean (templates.test.ts), so fitting them changes nothing.
      return content.format === "typescript" ? fit(content.text) : format(content.text, content.format);
    case "structure":
      return fit(printSourceFile(content.structure));
    case "tests": {
      const writer = new CodeBlockWriter({ indentNumberOfSpaces: 2 });
      writeTestModule(writer, content.module);
      return fit(writer.toString());
    }
  }
}

/**
 * The texts of several files, rendered together. A call to prettier costs milliseconds before it reads a
 * character (its options are normalized and its parser set up on every call), and most files that need it need
 * a line or two laid out. So what the files send prettier waits until every file has sent its part or finished,
 * and goes in one call (FormatBatch).
 */
export function renderFiles(files: readonly PendingFile[]): Promise<string[]> {
  const batch = new FormatBatch(files.length);
  return Promise.all(files.map((file) => batch.run(() => renderFile(file, batch.format))));
}

interface FormatRequest {
  readonly source: string;
  readonly resolve: (text: string) => void;
  readonly reject: (error: unknown) => void;
}

/** Holds the sources renders send to prettier until every render is waiting or done, then formats them at once. */
class FormatBatch {
  private readonly waiting: FormatRequest[] = [];

  constructor(
    /** Renders neither waiting for prettier nor done. */
    private running: number,
  ) {}

  async run<T>(render: () => Promise<T>): Promise<T> {
    try {
      return await render();
    } finally {
      this.running--;
      this.flushWhenAllWait();
    }
  }

  readonly format: FormatSource = (source) =>
    new Promise((resolve, reject) => {
      this.waiting.push({ source, resolve, reject });
      this.running--;
      this.flushWhenAllWait();
    });

  private flushWhenAllWait(): void {
    if (this.running > 0 || this.waiting.length === 0) return;
    const requests = this.waiting.splice(0);
    this.running += requests.length;
    void formatTogether(requests.map((request) => request.source)).then((results) =>
      results.forEach((result, index) =>
        result.status === "fulfilled" ? requests[index]!.resolve(result.value) : requests[index]!.reject(result.reason),
      ),
    );
  }
}

/** Ends each source in a joint call; no line the printers write is a comment at the margin. */
const endOfSource = "// docs2ts: end of source";

/**
 * Each source as prettier formats it, from one call for all. Prettier lays out top-level statements independently
 * of their neighbours, and a comment line between two keeps its line, so the result cut at the comment lines is
 * what a call per source gives. When the joint call fails (one source cannot be read), or its result does not cut
 * into as many sources, each source is formatted on its own.
 */
async function formatTogether(sources: readonly string[]): Promise<Array<PromiseSettledResult<string>>> {
  const alone = (): Promise<Array<PromiseSettledResult<string>>> =>
    Promise.allSettled(sources.map((source) => format(source, "typescript")));
  if (sources.length === 1) return alone();
  let joint: string;
  try {
    joint = await format(sources.map((source) => source.replace(/\n+$/, "")).join(`\n${endOfSource}\n`), "typescript");
  } catch {
    return alone();
  }
  const cut: string[][] = [[]];
  for (const line of joint.replace(/\n$/, "").split("\n")) {
    if (line === endOfSource) cut.push([]);
    else cut[cut.length - 1]!.push(line);
  }
  if (cut.length !== sources.length) return alone();
  return cut.map((lines) => ({ status: "fulfilled", value: `${trimBlankLines(lines).join("\n")}\n` }));
}

function trimBlankLines(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start] === "") start++;
  while (end > start && lines[end - 1] === "") end--;
  return lines.slice(start, end);
}

/** TypeScript is read with prettier's babel-ts parser: the same printer as its typescript parser, a third faster. */
async function format(text: string, parser: "typescript" | "json" | "markdown"): Promise<string> {
  const prettier = await loadPrettier();
  return prettier.format(text, { ...prettierOptions, parser: parser === "typescript" ? "babel-ts" : parser });
}

/** Every file rendered on this thread, by path (for tests and small runs; generate.ts uses workers for more). */
export async function renderAll(files: readonly PendingFile[]): Promise<Map<string, string>> {
  const texts = await renderFiles(files);
  return new Map(files.map((file, index) => [file.path, texts[index]!]));
}
