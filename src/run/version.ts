/**
 * What a cache entry was made by: a hash of docs2ts's own sources, templates, package manifest and lock file (the
 * versions of prettier and the parser). Any change to docs2ts (an edit, an upgrade of it or of a dependency) gives
 * a new version, so an entry an older docs2ts wrote is never read. An installed copy has no sources: the version
 * its bundle was built from (dist/build.json) names it.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "./project-root.js";
import { sourceHash } from "./source-hash.mjs";

let cached: string | undefined;

export function docs2tsVersion(): string {
  if (cached) return cached;
  const root = projectRoot();
  cached = existsSync(join(root, "src"))
    ? sourceHash(root)
    : (JSON.parse(readFileSync(join(root, "dist", "build.json"), "utf8")) as { version: string }).version;
  return cached;
}
