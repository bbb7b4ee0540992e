/**
 * `npm pack` (prepack): builds dist/, what an installed copy of docs2ts runs from: the bundle of the command line,
 * the library and the worker (bundle.mjs), build.json naming the docs2ts version the bundle was built from (the
 * cache's version in an installed copy, which has no src/ to hash), and the library's declarations (dist/types).
 * Plain JavaScript, because it runs before anything compiles TypeScript.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundle } from "./bundle.mjs";
import { sourceHash } from "./source-hash.mjs";

const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const dist = join(root, "dist");
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist);
await bundle(root, dist, ["cli.ts", "index.ts", "run/workers/worker.ts"]);
writeFileSync(join(dist, "build.json"), `${JSON.stringify({ version: sourceHash(root) })}\n`);
const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin", "tsc");
execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.dist.json")], { stdio: "inherit" });
