#!/usr/bin/env node
/**
 * `npx docs2ts [options]`. Packed, this file is copied to dist/bin.mjs (build-dist.mjs) and runs the bundle built
 * beside it: an installed copy has no src/, and writes nothing into its own files (its cache goes to the project's
 * node_modules/.cache/docs2ts). In this clone it runs launch.mjs, which bundles the sources as they are now.
 */
import { existsSync, readFileSync } from "node:fs";

const launcher = new URL("./launch.mjs", import.meta.url);
if (existsSync(launcher)) {
  await import(launcher.href);
} else {
  const { version } = JSON.parse(readFileSync(new URL("./build.json", import.meta.url), "utf8"));
  const { runProgram } = await import(new URL("./cli.js", import.meta.url).href);
  runProgram(version);
}
