/**
 * `npm run bench`: what a run costs and what a consumer pays. Nothing here is asserted; it is measured, and every
 * figure is the median of several runs (BENCH_RUNS, default 3).
 *
 * Generation, on a copy of the Graph v1.0 corpus (when ../shared is present):
 * - R, a plain single-threaded unified + remark-parse + remark-gfm parse of every page, in this process;
 * - `npm run generate` as a user runs it (the node flags of package.json's script), in a child process: cold
 *   (empty cache, no output), warm (nothing changed), and after one page changed in each of three ways (a
 *   property's description edited, a paragraph added, a property row added); each with its peak RSS;
 * - the output's size, and each time as a ratio to R (the median of each round's ratio to that round's R).
 *
 * Scale (`npm run bench -- --scale [--pages N]` runs only this): a synthetic docs set of 50,000 small pages (a
 * resource page and an API page per type) generated as users run it, cold; its time and peak RSS, which must stay
 * under 1.5 GB.
 *
 * Consumers, for the docs-input package and the corpus package: an app that imports `createClient` and calls one
 * operation, bundled and minified with esbuild, and the time `tsc --noEmit` takes to type-check it.
 */
import { execFile, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { resolveConfig } from "../src/run/config.js";
import { listDocsFiles } from "../src/run/docs-set.js";
import { generate } from "../src/run/generate.js";
import { writeOutput } from "../src/run/output.js";
import { corpus, listFiles, root, tempDir } from "./helpers.js";

const run = promisify(execFile);
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
const runs = Number(process.env["BENCH_RUNS"] ?? 3);

/** The middle value; of an even count, the mean of the two middle ones (not the upper, which is the worse). */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The median peak RSS of the runs that reported one. */
function peakRss(figures: readonly RunFigures[]): string {
  const reported = figures.map((figure) => figure.rss).filter((rss) => !Number.isNaN(rss));
  return reported.length === 0 ? "unknown" : megabytes(median(reported));
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const megabytes = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;

// ---------------------------------------------------------------------------------------------------------------
// Generation

/** The reference: every page through unified + remark-parse + remark-gfm, one after the other, on this thread. */
function referenceParse(pages: string[]): number {
  const processor = unified().use(remarkParse).use(remarkGfm);
  const started = performance.now();
  for (const page of pages) processor.parse(page);
  return performance.now() - started;
}

/**
 * The generate command as package.json runs it (`node <flags> src/run/launch.mjs`), with a preloaded probe that reports
 * the process's peak RSS (worker threads included) when it exits.
 */
function generateCommand(): string[] {
  const script = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> })
    .scripts["generate"]!;
  const [program, ...args] = script.split(/\s+/);
  if (program !== "node") throw new Error(`npm run generate does not start node: ${script}`);
  const probe =
    "data:text/javascript,process.on('exit',()=>process.stderr.write('\\nBENCH-RSS '+process.resourceUsage().maxRSS*1024+'\\n'))";
  return ["--import", probe, ...args];
}

interface RunFigures {
  readonly ms: number;
  readonly rss: number;
}

async function timeGenerate(command: string[], args: string[]): Promise<RunFigures> {
  const started = performance.now();
  const stderr = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [...command, ...args], { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
    let text = "";
    child.stderr.on("data", (chunk: Buffer) => (text += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 || code === 1 ? resolve(text) : reject(new Error(`generate exited ${code}: ${text}`)),
    );
  });
  const ms = performance.now() - started;
  const reported = /BENCH-RSS (\d+)/.exec(stderr)?.[1];
  // A run without the figure is said so, with the end of what it printed; the median is then of the others.
  if (reported === undefined)
    console.log(`  (a run reported no peak RSS; its stderr ended: ${JSON.stringify(stderr.slice(-400))})`);
  return { ms, rss: reported === undefined ? Number.NaN : Number(reported) };
}

function sizeOf(dir: string): { files: number; bytes: number } {
  const files = listFiles(dir);
  return { files: files.length, bytes: files.reduce((sum, file) => sum + statSync(join(dir, file)).size, 0) };
}

async function benchGeneration(): Promise<void> {
  const dir = tempDir("bench-generate");
  const docs = join(dir, "docs");
  cpSync(corpus, docs, { recursive: true });
  const pages = listDocsFiles(docs).map((file) => readFileSync(join(docs, file), "utf8"));
  const megabytesRead = pages.reduce((sum, page) => sum + Buffer.byteLength(page), 0) / 2 ** 20;
  console.log(
    `Generation: ${pages.length} pages (${megabytesRead.toFixed(1)} MB) of ${corpus}, ${runs} rounds, medians`,
  );

  const command = generateCommand();
  const out = join(dir, "out");
  const cacheDir = join(dir, "cache");
  const args = [
    "--input",
    docs,
    "--out",
    out,
    "--base-url",
    "https://graph.microsoft.com/v1.0",
    "--package-name",
    "bench-client",
    "--cache",
    cacheDir,
  ];
  // One page changed, three ways, a different text each round: a property's description (a table row's last
  // cell) edited, a paragraph added above the page's first section (every line after it moves), a property row
  // added to the table (the type gains a member). Each from the page as it was, and put back after.
  const row = /^(\|\s*\w+\s*\|\s*(?:String|Boolean|Int32|DateTimeOffset)\s*\|[^|\n]{10,}?)( *\|? *)$/m;
  const page = listDocsFiles(docs)
    .filter((file) => file.split("/").includes("resources"))
    .map((file) => join(docs, file))
    .find((path) => row.test(readFileSync(path, "utf8")))!;
  const original = readFileSync(page, "utf8");
  const edits: ReadonlyArray<{ readonly label: string; readonly edit: (round: number) => string }> = [
    {
      label: "description edited",
      edit: (round) => original.replace(row, (_, cells: string, end: string) => `${cells} Edited ${round}.${end}`),
    },
    {
      label: "paragraph added",
      edit: (round) => original.replace(/^## /m, `A paragraph added in round ${round}.\n\n## `),
    },
    {
      label: "property row added",
      edit: (round) => original.replace(row, (line) => `${line}\n|addedInRound${round}|String| Added in round ${round}.|`),
    },
  ];
  for (const { label, edit } of edits)
    if (edit(1) === original) throw new Error(`the ${label} edit changes nothing in ${page}`);

  // Each round measures R and then the three runs, so that every ratio pairs figures taken minutes apart at
  // most: this machine's speed drifts more than that between rounds.
  const reference: number[] = [];
  const cold: RunFigures[] = [];
  const warm: RunFigures[] = [];
  const changed = edits.map((): RunFigures[] => []);
  for (let i = 0; i < runs; i++) {
    reference.push(referenceParse(pages));
    rmSync(cacheDir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
    cold.push(await timeGenerate(command, args));
    warm.push(await timeGenerate(command, args));
    for (const [index, { edit }] of edits.entries()) {
      writeFileSync(page, edit(i + 1));
      changed[index]!.push(await timeGenerate(command, args));
      // Put back, and a run (not timed) brings the cache and the output back to the page as it was.
      writeFileSync(page, original);
      await timeGenerate(command, args);
    }
  }
  const r = median(reference);
  const output = sizeOf(out);

  // The ratio is the median of each round's ratio to that round's R.
  const line = (label: string, figures: RunFigures[], target?: number): string => {
    const ms = median(figures.map((figure) => figure.ms));
    const ratio = median(figures.map((figure, round) => figure.ms / reference[round]!));
    const verdict =
      target === undefined ? "" : ratio <= target ? `  (target <= ${target}: met)` : `  (target <= ${target}: NOT met)`;
    return `  ${label.padEnd(34)} ${seconds(ms).padStart(9)}   ${(ratio.toFixed(3) + " R").padStart(8)}   peak RSS ${peakRss(figures)}${verdict}`;
  };
  // Each round's own R, since every ratio is to its round's: on a shared machine R moves by a fifth or more.
  console.log(
    `  ${"R (remark + gfm parse)".padEnd(34)} ${seconds(r).padStart(9)}   ${"1.000 R".padStart(8)}   (${(megabytesRead / (r / 1000)).toFixed(2)} MB/s; by round ${reference.map(seconds).join(", ")})`,
  );
  console.log(line("cold (empty cache)", cold, 0.8));
  console.log(line("warm (no change)", warm, 0.03));
  for (const [index, { label }] of edits.entries()) console.log(line(`one page changed: ${label}`, changed[index]!, 0.06));
  console.log(`  (the page changed: ${page.slice(docs.length + 1)})`);
  console.log(`  output: ${output.files} files, ${megabytes(output.bytes)}; peak RSS target <= 1536 MB`);
}

// ---------------------------------------------------------------------------------------------------------------
// Consumers

interface Subject {
  readonly label: string;
  readonly input: string;
  readonly baseUrl: string;
  /** One documented call, as an app would write it. */
  readonly call: string;
}

const subjects: Subject[] = [
  {
    label: "docs-input",
    input: join(root, "docs-input"),
    baseUrl: "https://graph.microsoft.com/beta",
    call: `client.deviceManagement.deviceComplianceScripts.byId("a").deviceRunStates.byId("b").get({ select: ["id", "detectionState"] })`,
  },
  ...(existsSync(corpus)
    ? [
        {
          label: "graph v1.0",
          input: corpus,
          baseUrl: "https://graph.microsoft.com/v1.0",
          call: `client.users.byId("a/b").get({ select: ["displayName", "mail"] })`,
        },
      ]
    : []),
];

async function benchConsumer(subject: Subject): Promise<string> {
  const dir = tempDir("bench");
  const pkg = join(dir, "package");
  const result = await generate(
    resolveConfig(root, { input: subject.input, out: pkg, baseUrl: subject.baseUrl, packageName: "bench-client" }),
    subject.label,
  );
  await writeOutput(pkg, result.files);
  await run(
    process.execPath,
    [tsc, "-p", join(pkg, "tsconfig.build.json"), "--typeRoots", join(root, "node_modules", "@types")],
    { maxBuffer: 64 << 20 },
  );

  const app = join(dir, "app");
  mkdirSync(app);
  const source = `import { createClient } from "../package/dist/esm/index.js";

const client = createClient({ accessToken: async () => "token" });
export const result = await ${subject.call};
`;
  writeFileSync(join(app, "app.ts"), source);
  writeFileSync(join(app, "package.json"), JSON.stringify({ type: "module" }));
  writeFileSync(
    join(app, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        module: "nodenext",
        moduleResolution: "nodenext",
        target: "es2022",
        lib: ["es2023"],
        types: ["node"],
        typeRoots: [join(root, "node_modules", "@types")],
      },
      files: ["app.ts"],
    }),
  );

  const bundle = await build({
    entryPoints: [join(app, "app.ts")],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    write: false,
    logLevel: "silent",
  });
  const bytes = bundle.outputFiles[0]!.contents;

  const times: number[] = [];
  for (let i = 0; i < Math.max(runs, 5); i++) {
    const started = performance.now();
    await run(process.execPath, [tsc, "-p", app]);
    times.push(performance.now() - started);
  }
  return `  ${subject.label.padEnd(12)} bundle ${(bytes.length / 1024).toFixed(1)} KB (gzip ${(gzipSync(bytes).length / 1024).toFixed(1)} KB)   tsc --noEmit ${seconds(median(times))}   package: ${result.model.operations.length} operations, ${result.files.size} files`;
}

// ---------------------------------------------------------------------------------------------------------------
// Scale

/** The peak RSS a docs set of 50,000 pages may take. */
const scaleBound = 1.5 * 2 ** 30;

function resourcePage(index: number): string {
  const name = `widget${index}`;
  const base =
    index > 0 && index % 10 !== 0
      ? `\n\nInherits from [widget${index - (index % 10)}](widget${index - (index % 10)}.md).`
      : "";
  return `---
title: "${name} resource type"
description: "A synthetic resource."
doc_type: resourcePageType
---

# ${name} resource type

Namespace: microsoft.graph

A synthetic resource, number ${index}.${base}

## Properties

| Property | Type | Description |
|:---------|:-----|:------------|
| id | String | The identifier. Read-only. |
| displayName | String | The name shown to people. |
| count${index % 7} | Int32 | A count. |
| createdDateTime | DateTimeOffset | When it was created. |
| state | String | The state: \`on\` or \`off\`. |

## JSON representation

<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.${name}" } -->
\`\`\`json
{ "id": "String (identifier)", "displayName": "String", "count${index % 7}": 1024, "createdDateTime": "String (timestamp)", "state": "String" }
\`\`\`
`;
}

function apiPage(index: number): string {
  const name = `widget${index}`;
  return `---
title: "Get ${name}"
description: "Read a ${name}."
doc_type: apiPageType
---

# Get ${name}

Namespace: microsoft.graph

## Permissions

| Permission type | Permissions |
|:----------------|:------------|
| Delegated (work or school account) | Widget.Read.All |

## HTTP request

<!-- { "blockType": "ignored" } -->
\`\`\`http
GET /widgets${index}/{id}
\`\`\`

## Response

If successful, this method returns a \`200 OK\` response code and a [${name}](../resources/${name}.md) object in the response body.

## Example

<!-- { "blockType": "request", "name": "get_${name}" } -->
\`\`\`http
GET https://graph.microsoft.com/v1.0/widgets${index}/w1
\`\`\`

<!-- { "blockType": "response", "@odata.type": "microsoft.graph.${name}" } -->
\`\`\`http
HTTP/1.1 200 OK
Content-Type: application/json

{ "id": "w1", "displayName": "Widget ${index}", "state": "on" }
\`\`\`
`;
}

async function benchScale(pages: number): Promise<void> {
  const dir = tempDir("bench-scale");
  const docs = join(dir, "docs");
  mkdirSync(join(docs, "resources"), { recursive: true });
  mkdirSync(join(docs, "api"), { recursive: true });
  for (let index = 0; index < pages / 2; index++) {
    writeFileSync(join(docs, "resources", `widget${index}.md`), resourcePage(index));
    writeFileSync(join(docs, "api", `widget${index}-get.md`), apiPage(index));
  }
  const out = join(dir, "out");
  const figures = await timeGenerate(generateCommand(), [
    "--input",
    docs,
    "--out",
    out,
    "--base-url",
    "https://graph.microsoft.com/v1.0",
    "--no-cache",
    "--quiet",
  ]);
  const size = sizeOf(out);
  const within = figures.rss < scaleBound ? "within" : "OVER";
  console.log(
    `Scale: ${pages} synthetic pages, cold: ${seconds(figures.ms)}, peak RSS ${megabytes(figures.rss)} (${within} the bound of ${megabytes(scaleBound)}); output ${size.files} files, ${megabytes(size.bytes)}`,
  );
  rmSync(dir, { recursive: true, force: true });
  if (!(figures.rss < scaleBound)) process.exitCode = 1;
}

const scaleOnly = process.argv.includes("--scale");
const pagesFlag = process.argv.indexOf("--pages");
const scalePages = pagesFlag >= 0 ? Number(process.argv[pagesFlag + 1]) : 50_000;
if (!scaleOnly) {
  if (existsSync(corpus)) await benchGeneration();
  else console.log(`Generation: skipped, the corpus is not at ${corpus}`);
}
await benchScale(scalePages);
if (!scaleOnly) {
  console.log(
    "Consumer app: createClient + one call, bundled and minified with esbuild; type-checked with tsc --noEmit.",
  );
  for (const subject of subjects) console.log(await benchConsumer(subject));
}
