#!/usr/bin/env node
/**
 * `npx docs2ts [options]`. An installed copy runs the bundle `npm pack` built into dist/ (it has no src/, and
 * writes nothing into its own files: its cache goes to the project's node_modules/.cache/docs2ts); this clone runs
 * src/run/launch.mjs, which bundles the sources as they are now.
 */
import { existsSync, readFileSync } from "node:fs";

const launcher = new URL("../src/run/launch.mjs", import.meta.url);
if (existsSync(launcher)) {
  await import(launcher.href);
} else {
  const { version } = JSON.parse(readFileSync(new URL("../dist/build.json", import.meta.url), "utf8"));
  const { runProgram } = await import(new URL("../dist/cli.js", import.meta.url).href);
  runProgram(version);
}
