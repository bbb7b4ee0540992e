/**
 * `npm run generate` (and `docs2ts` in this clone, through bin.mjs): runs the command line (cli.ts) from a
 * bundle of src/ (bundle.mjs) that esbuild builds into
 * node_modules/.cache/docs2ts-build/<docs2ts version>/ on the first run after any change to docs2ts. Node then
 * loads a few files instead of having tsx compile and resolve a hundred modules on every run (and in every worker
 * thread): two fifths of a run that finds nothing changed. When the bundle cannot be built, the command line runs
 * from src/ under tsx. Plain JavaScript, because it runs before anything compiles TypeScript.
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import { bundle } from "./bundle.mjs";
import { sourceHash } from "./source-hash.mjs";

const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const builds = join(root, "node_modules", ".cache", "docs2ts-build");

/** Builds into a temporary directory renamed into place, so a run never loads half a bundle. */
async function build(dir) {
  const temporary = `${dir}.${process.pid}.tmp`;
  try {
    await bundle(root, temporary, ["cli.ts", "run/workers/worker.ts"]);
    renameSync(temporary, dir);
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    // Another run may have built the same sources at the same time.
    if (!existsSync(join(dir, "cli.js"))) throw error;
  }
  // Older builds go, all but the two most recent: a run started just before the sources changed may still load
  // parts of its own lazily.
  const others = readdirSync(builds)
    .filter((entry) => join(builds, entry) !== dir && !entry.endsWith(".tmp"))
    .map((entry) => ({ path: join(builds, entry), time: statSync(join(builds, entry)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const { path } of others.slice(2)) rmSync(path, { recursive: true, force: true });
}

async function loadCli(version) {
  const dir = join(builds, version);
  try {
    if (!existsSync(join(dir, "cli.js"))) await build(dir);
    return await import(pathToFileURL(join(dir, "cli.js")).href);
  } catch {
    const { register } = await import("tsx/esm/api");
    register();
    return import(pathToFileURL(join(root, "src", "cli.ts")).href);
  }
}

// package.json starts this thread with a young generation of 8 MB semi-spaces (--max-semi-space-size=8), half V8's
// default: after an edit it mostly reads the cache's derivations, which live to the end of the run, and a scavenge
// copies what is alive. The workers parse a cold run's pages, short-lived garbage that a smaller young generation
// collects more often to no gain: those started from here on get V8's default back.
if (process.execArgv.some((arg) => arg.startsWith("--max-semi-space-size")))
  setFlagsFromString("--max-semi-space-size=0");

// The bundle is named by the docs2ts version, which the command line then need not compute again.
const version = sourceHash(root);
const { runProgram } = await loadCli(version);
runProgram(version);
