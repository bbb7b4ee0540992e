/**
 * The esbuild bundle of src/ that docs2ts runs from: built by launch.mjs into this clone's cache after any change
 * to the sources, and by build-dist.mjs into dist/ when the package is packed (an installed copy compiles nothing).
 * Plain JavaScript, because it runs before anything compiles TypeScript.
 */
import { join } from "node:path";

/**
 * Bundles `entries` (paths under src/) into `outdir`, one file per entry plus shared chunks.
 * @param {string} root the docs2ts package root
 * @param {string} outdir
 * @param {string[]} entries
 */
export async function bundle(root, outdir, entries) {
  const { build } = await import("esbuild");
  await build({
    entryPoints: entries.map((entry) => join(root, "src", entry)),
    entryNames: "[name]",
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // The parser's dependencies (unified, remark, micromark, yaml: a hundred small modules) go into the bundle: a
    // worker then loads them in about 30 ms instead of 125. Prettier (which loads its own plugins) stays where npm
    // put it.
    external: ["prettier"],
    // yaml is CommonJS, and requires node's builtins.
    banner: {
      js: 'import { createRequire as docs2tsRequire } from "node:module"; const require = docs2tsRequire(import.meta.url);',
    },
    logLevel: "silent",
  });
}
