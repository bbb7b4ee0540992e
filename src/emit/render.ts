/**
 * A planned file (files.ts) -> its text: structures printed by ts-morph, test modules by its code writer, both
 * laid out as prettier would (fit.ts), other text formatted by prettier. This is the expensive part of emitting
 * (ts-morph loads TypeScript, prettier formats), so it runs in the worker threads, and only for files whose
 * description changed since the last run.
 */
import { fitToPrintWidth } from "./fit.js";
import type { PendingFile } from "./files.js";
import { StructureKind } from "./structure-kinds.js";
import { writeTestModule } from "./test-module.js";

/** The formatting every generated file gets, whatever the project's own prettier configuration says. */
export const prettierOptions = { printWidth: 100 } as const;

// Loaded once, on first use: a process that renders nothing (a warm run) never loads them, and an import per
// file costs a round trip to the module loader (a thread of its own under tsx).
let tsMorph: Promise<typeof import("ts-morph")> | undefined;
let prettierModule: Promise<typeof import("prettier")> | undefined;
const loadTsMorph = (): Promise<typeof import("ts-morph")> => (tsMorph ??= import("ts-morph"));
const loadPrettier = (): Promise<typeof import("prettier")> => (prettierModule ??= import("prettier"));

/** Loads what rendering needs, so that a worker can do it while it would otherwise wait. */
export async function prepareRendering(): Promise<void> {
  await Promise.all([loadTsMorph(), loadPrettier()]);
}

export async function renderFile(file: PendingFile): Promise<string> {
  const content = file.content;
  switch (content.kind) {
    case "text":
      if (content.format === "as-is") return content.text;
      // The runtime's modules are written prettier-clean (templates.test.ts), so fitting them changes nothing.
      return content.format === "typescript" ? fitTypeScript(content.text) : format(content.text, content.format);
    case "structure": {
      const { printStructure } = await loadTsMorph();
      return fitTypeScript(
        printStructure({ ...content.structure, kind: StructureKind.SourceFile }, { indentNumberOfSpaces: 2 }),
      );
    }
    case "tests": {
      const { CodeBlockWriter } = await loadTsMorph();
      const writer = new CodeBlockWriter({ indentNumberOfSpaces: 2 });
      writeTestModule(writer, content.module);
      return fitTypeScript(writer.toString());
    }
  }
}

/** Printed TypeScript, laid out as prettier would lay out the whole file (fit.ts). */
function fitTypeScript(text: string): Promise<string> {
  return fitToPrintWidth(text, prettierOptions.printWidth, (source) => format(source, "typescript"));
}

/** TypeScript is read with prettier's babel-ts parser: the same printer as its typescript parser, a third faster. */
async function format(text: string, parser: "typescript" | "json" | "markdown"): Promise<string> {
  const prettier = await loadPrettier();
  return prettier.format(text, { ...prettierOptions, parser: parser === "typescript" ? "babel-ts" : parser });
}

/** Every file rendered on this thread, by path (for tests and small runs; generate.ts uses workers for more). */
export async function renderAll(files: readonly PendingFile[]): Promise<Map<string, string>> {
  const rendered = new Map<string, string>();
  for (const file of files) rendered.set(file.path, await renderFile(file));
  return rendered;
}
