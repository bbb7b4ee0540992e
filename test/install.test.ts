/**
 * docs2ts as another project gets it: `npm pack` (which builds dist/), installed from the tarball into an empty
 * directory, then `npx docs2ts` writes a package, explains a code, and names a missing input with exit 2; the library
 * generates from a script and type-checks under strict; and nothing is written into docs2ts's installed files.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync, existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { fixtureBaseUrl, fixtureDocs, listFiles, root, tempDir } from "./helpers.js";

const run = promisify(execFile);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const npx = process.platform === "win32" ? "npx.cmd" : "npx";

/** Every file under `dir` with its modification time. */
function snapshot(dir: string): Map<string, number> {
  const files = new Map<string, number>();
  const walk = (path: string): void => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(full, statSync(full).mtimeMs);
    }
  };
  walk(dir);
  return files;
}

test(
  "the packed docs2ts installs into an empty project and runs there as npx docs2ts and as a library",
  { timeout: 240_000 },
  async () => {
    const dir = tempDir("docs2ts-install");
    const packed = (
      await run(npm, ["pack", "--silent", "--pack-destination", dir], { cwd: root, maxBuffer: 1 << 24 })
    ).stdout
      .trim()
      .split("\n")
      .pop()!;
    const app = join(dir, "app");
    cpSync(fixtureDocs, join(app, "docs"), { recursive: true });
    await run(npm, ["install", "--prefer-offline", "--no-audit", "--no-fund", join(dir, packed)], { cwd: app });
    const installed = join(app, "node_modules", "docs2ts");
    assert.ok(!existsSync(join(installed, "src")), "the sources are not shipped: dist/ is");
    const before = snapshot(installed);

    const generated = await run(npx, ["docs2ts", "--input", "docs", "--out", "pkg", "--base-url", fixtureBaseUrl], {
      cwd: app,
    });
    assert.match(generated.stdout, /25 pages in docs/);
    assert.ok(existsSync(join(app, "pkg", "src", "index.ts")));
    // Every file of the package was written, and the summary says how many.
    const files = listFiles(join(app, "pkg")).length;
    assert.match(generated.stdout, new RegExp(`\\n  ${files} files written to pkg/`));
    // The cache is the project's.
    assert.ok(existsSync(join(app, "node_modules", ".cache", "docs2ts")));

    const explained = await run(npx, ["docs2ts", "explain", "DT226"], { cwd: app });
    assert.match(explained.stdout, /^DT226 \(warning\)/);
    assert.match(explained.stdout, /How to fix the page:/);

    const missing = await run(npx, ["docs2ts", "--input", "missing"], { cwd: app }).then(
      () => assert.fail("a missing input must fail"),
      (error: { code: number; stderr: string }) => error,
    );
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, "docs2ts: The input directory missing does not exist.\n");

    writeFileSync(
      join(app, "generate.mjs"),
      `import { generate } from "docs2ts";
const result = await generate({ input: "docs", out: "pkg2", baseUrl: ${JSON.stringify(fixtureBaseUrl)} });
console.log(result.report.totals.pages, result.report.operations.length, result.files.written);`,
    );
    assert.equal((await run(process.execPath, ["generate.mjs"], { cwd: app })).stdout.trim(), `25 14 ${files}`);

    // The library's declarations stand alone: a consumer type-checks under strict without skipLibCheck or @types.
    writeFileSync(
      join(app, "use.ts"),
      `import { generate, UsageError, type GenerateResult } from "docs2ts";
export async function run(): Promise<number> {
  try {
    const result: GenerateResult = await generate({ input: "docs", out: "pkg", workers: 0, onProgress: (event) => void event.done });
    return result.report.totals.operations + result.files.changed + result.timings.total;
  } catch (error) {
    if (error instanceof UsageError) return -1;
    throw error;
  }
}
`,
    );
    writeFileSync(
      join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          skipLibCheck: false,
          types: [],
        },
        files: ["use.ts"],
      }),
    );
    try {
      await run(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", app]);
    } catch (error) {
      assert.fail(`the consumer does not type-check: ${(error as { stdout?: string }).stdout}`);
    }
    assert.deepEqual(snapshot(installed), before, "docs2ts wrote into its own installed files");
  },
);
