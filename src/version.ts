/**
 * What a cache entry was made by: a hash of docs2ts's own sources, templates, package manifest and lock file (the
 * versions of prettier and the parser). Any change to docs2ts (an edit, an upgrade of it or of a dependency) gives
 * a new version, so an entry an older docs2ts wrote is never read.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { projectRoot } from "./project-root.js";

let cached: string | undefined;

export function docs2tsVersion(): string {
  if (cached) return cached;
  const root = projectRoot();
  const hash = createHash("sha1");
  const manifests = ["package.json", "package-lock.json"]
    .map((name) => join(root, name))
    .filter((path) => existsSync(path));
  const files = [...manifests, ...walk(join(root, "src")), ...walk(join(root, "templates"))].sort();
  for (const file of files) hash.update(relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
  cached = hash.digest("hex").slice(0, 16);
  return cached;
}

function walk(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...walk(path));
    else if (/\.(ts|js|json)$/.test(entry.name)) found.push(path);
  }
  return found;
}
