/**
 * `npm pack` (prepack): builds dist/, what an installed copy of docs2ts runs from: the bundle of the command line,
 * the library and the worker (bundle.mjs), the `docs2ts` command (bin.mjs), build.json naming the docs2ts version the bundle was built from (the
 * cache's version in an installed copy, which has no src/ to hash), and the library's declarations (dist/types).
 * Plain JavaScript, because it runs before anything compiles TypeScript.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
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
copyFileSync(join(root, "src", "run", "bin.mjs"), join(dist, "bin.mjs"));
// The library's declarations: the project's compiler options, for src/index.ts and what it imports alone. The
// config is written for the build and removed after it (the project's top level holds one tsconfig.json).
const declarations = join(dist, "tsconfig.types.json");
writeFileSync(
  declarations,
  JSON.stringify({
    extends: "../tsconfig.json",
    compilerOptions: {
      declaration: true,
      emitDeclarationOnly: true,
      sourceMap: false,
      rootDir: "../src",
      outDir: "types",
    },
    include: [],
    files: ["../src/index.ts"],
  }),
);
const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin", "tsc");
try {
  execFileSync(process.execPath, [tsc, "-p", declarations], { stdio: "inherit" });
} finally {
  rmSync(declarations);
}
