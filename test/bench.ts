/**
 * `npm run bench`: what a consumer pays. For the docs-input package and for the package of the Graph v1.0 corpus
 * (when ../shared is present), the size of an app that imports `createClient` and calls one operation, bundled and
 * minified with esbuild, and the time `tsc --noEmit` takes to type-check that app against the package.
 * Every figure is the median of several runs; nothing here is asserted, it is measured.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { resolveConfig } from "../src/config.js";
import { generate } from "../src/generate.js";
import { writeOutput } from "../src/output.js";
import { corpus, root, tempDir } from "./helpers.js";

const run = promisify(execFile);
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
const runs = Number(process.env["BENCH_RUNS"] ?? 5);

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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function measure(subject: Subject): Promise<string> {
  const dir = tempDir("bench");
  const pkg = join(dir, "package");
  const result = await generate(
    resolveConfig(root, { input: subject.input, out: pkg, baseUrl: subject.baseUrl, packageName: "bench-client" }),
    subject.label,
  );
  writeOutput(pkg, result.emitted.files);
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
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run(process.execPath, [tsc, "-p", app]);
    times.push(performance.now() - started);
  }
  return `${subject.label.padEnd(12)} bundle ${(bytes.length / 1024).toFixed(1)} KB (gzip ${(gzipSync(bytes).length / 1024).toFixed(1)} KB)   tsc --noEmit ${(median(times) / 1000).toFixed(2)} s (median of ${runs})   package: ${result.model.operations.length} operations, ${result.emitted.files.size} files`;
}

console.log(
  "Consumer app: createClient + one call, bundled and minified with esbuild; type-checked with tsc --noEmit.",
);
for (const subject of subjects) console.log(await measure(subject));
if (subjects.length === 1) console.log(`graph v1.0   skipped: the corpus is not at ${corpus}`);
