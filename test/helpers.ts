/**
 * Shared by the tests: fixture locations, golden-file comparison (rewritten when UPDATE=1 is set, then reviewed in
 * the diff), and building or running a generated package with the project's own TypeScript.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { listDocsFiles, readDocsFile } from "../src/run/docs-set.js";
import { buildApiModel, type ApiModel, type ModelMemo } from "../src/model/index.js";
import { parsePage, type PageModel } from "../src/parse/index.js";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const fixtures = join(root, "test", "fixtures");
export const fixtureDocs = join(fixtures, "docs");
export const fixtureBaseUrl = "https://graph.microsoft.com/v1.0";
export const corpora = join(root, "..", "shared", "corpus", "graph-docs-2021");
export const corpus = join(corpora, "v1.0");
export const betaCorpus = join(corpora, "beta");
export const updating = process.env["UPDATE"] === "1";

const run = promisify(execFile);

export function readPages(docsRoot: string): PageModel[] {
  return listDocsFiles(docsRoot).map((file) => parsePage(file, readDocsFile(docsRoot, file).text));
}

export function buildFixtureModel(): ApiModel {
  return buildApiModel(readPages(fixtureDocs), { baseUrl: fixtureBaseUrl });
}

/** The fixture docs set as text, by path: for tests that edit a page and build again. */
export const fixtureTexts: ReadonlyMap<string, string> = new Map(
  listDocsFiles(fixtureDocs).map((file) => [file, readDocsFile(fixtureDocs, file).text]),
);

/** The fixture docs set with `from` replaced by `to` in `file` (which must change the page). */
export function editFixture(file: string, from: string, to: string): Map<string, string> {
  const text = fixtureTexts.get(file)!;
  const edited = text.replace(from, to);
  assert.notEqual(edited, text, `${from} is not in ${file}`);
  return new Map(fixtureTexts).set(file, edited);
}

/** The model of a docs set given as text, by path. */
export function modelOfTexts(texts: ReadonlyMap<string, string>, memo?: Map<string, unknown>): ApiModel {
  const pages = [...texts].map(([file, text]) => parsePage(file, text));
  if (!memo) return buildApiModel(pages, { baseUrl: fixtureBaseUrl });
  // Kept as the cache keeps it: as JSON.
  const modelMemo: ModelMemo = {
    get: (key) => memo.get(key),
    set: (key, value) => memo.set(key, JSON.parse(JSON.stringify(value)) as unknown),
  };
  const pageKeys = new Map(
    [...texts].map(([file, text]) => [file, createHash("sha1").update(file).update(text).digest("hex")]),
  );
  return buildApiModel(pages, { baseUrl: fixtureBaseUrl, memo: modelMemo, pageKeys });
}

/** A model as the memo tests compare it: without the memo keys of its objects. */
export function withoutMemoKeys(model: ApiModel): Omit<ApiModel, "memoKeys"> {
  const { memoKeys: _, ...rest } = model;
  return rest;
}

/** The fixture edits the memo tests make: a member's description (prose), and its type (the model's shape). */
export const descriptionEdit = (): Map<string, string> =>
  editFixture("v1.0/resources/widget.md", "The name shown to people.", "What people see.");
export const typeEdit = (): Map<string, string> =>
  editFixture("v1.0/resources/widget.md", "| displayName | String |", "| displayName | Int32 |");
/**
 * The one-page edits the bench measures besides a description: a paragraph added to a resource page (every line
 * after it moves), and a property row added to its table (the type gains a member).
 */
export const paragraphEdit = (file = "v1.0/resources/widget.md"): Map<string, string> =>
  editFixture(file, "\n## ", "\nA paragraph added above the sections.\n\n## ");
export const rowEdit = (): Map<string, string> =>
  editFixture(
    "v1.0/resources/widget.md",
    "| displayName | String | The name shown to people. |\n",
    "| displayName | String | The name shown to people. |\n| nickname | String | What friends call it. |\n",
  );
/** A member added to a base type: every type derived from it has it too. */
export const baseRowEdit = (): Map<string, string> =>
  editFixture(
    "v1.0/resources/entity.md",
    "| id | String | The unique identifier. Read-only. |\n",
    "| id | String | The unique identifier. Read-only. |\n| etag | String | The version of the entity. |\n",
  );
/** A relationship added: what naming and navigation read of the types changes. */
export const relationshipEdit = (): Map<string, string> =>
  editFixture(
    "v1.0/resources/widget.md",
    "| parts | [part](part.md) collection | The parts of the widget. |\n",
    "| parts | [part](part.md) collection | The parts of the widget. |\n| spares | [part](part.md) collection | Spare parts. |\n",
  );

/** Compares with the golden file, or rewrites it when UPDATE=1. */
export function expectGolden(path: string, actual: string): void {
  if (updating || !existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    if (!updating) assert.fail(`golden file ${path} did not exist; it has been written, review it and run again`);
    return;
  }
  assert.equal(actual, readFileSync(path, "utf8"), `${path} differs from its golden file (UPDATE=1 rewrites it)`);
}

/** Every file under `root`, as sorted posix paths relative to it; none when `root` does not exist. */
export function listFiles(root: string): string[] {
  if (!existsSync(root)) return [];
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else found.push(relative(root, path).split(sep).join("/"));
    }
  };
  walk(root);
  return found.sort();
}

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `docs2ts-${prefix}-`));
  madeDirs.push(dir);
  return dir;
}

/** The directories tempDir made, removed when the process ends (each test file runs in a process of its own). */
const madeDirs: string[] = [];
process.on("exit", () => {
  for (const dir of madeDirs) rmSync(dir, { recursive: true, force: true });
});

/** Compiles a generated package with the project's tsc into `outDir`; rejects with the compiler output on error. */
export async function compilePackage(packageDir: string, outDir: string): Promise<void> {
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  try {
    await run(
      process.execPath,
      [
        tsc,
        "-p",
        join(packageDir, "tsconfig.json"),
        "--outDir",
        outDir,
        "--typeRoots",
        join(root, "node_modules", "@types"),
      ],
      {
        maxBuffer: 64 * 1024 * 1024,
      },
    );
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`tsc failed for ${packageDir}:\n${(stdout ?? "").slice(0, 4000)}${stderr ?? ""}`);
  }
}

export interface TestRunSummary {
  readonly tests: number;
  readonly pass: number;
  readonly fail: number;
  readonly skipped: number;
  readonly output: string;
}

/** Runs the compiled tests of a generated package with node --test and reads the TAP summary. */
/** Runs a compiled package's example tests; `mock` replays them through its createMockFetch instead of a server. */
export async function runPackageTests(compiledDir: string, { mock = false } = {}): Promise<TestRunSummary> {
  let output: string;
  try {
    // A nested test runner must not think it reports to ours (node --test marks its children with this variable).
    const env: NodeJS.ProcessEnv = { ...process.env, ...(mock ? { DOCS2TS_MOCK: "1" } : {}) };
    delete env["NODE_TEST_CONTEXT"];
    const args = ["--test", "--test-reporter=tap", join(compiledDir, "test", "examples.test.js")];
    output = (await run(process.execPath, args, { env, maxBuffer: 256 * 1024 * 1024 })).stdout;
  } catch (error) {
    output = (error as { stdout?: string }).stdout ?? String(error);
  }
  const count = (name: string): number => Number(new RegExp(`^# ${name} (\\d+)$`, "m").exec(output)?.[1] ?? NaN);
  return { tests: count("tests"), pass: count("pass"), fail: count("fail"), skipped: count("skipped"), output };
}

/** The failing tests of a TAP output, for assertion messages. */
export function failures(output: string): string {
  return output
    .split("\n")
    .filter((line) => line.startsWith("not ok"))
    .slice(0, 20)
    .join("\n");
}
