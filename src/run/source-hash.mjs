/**
 * The hash of what docs2ts is made of: its sources and templates, and the manifest and lock file that pin its
 * dependencies. It names both the docs2ts version the cache is keyed by (version.ts) and the bundle launch.mjs
 * builds. Plain JavaScript, because launch.mjs runs it before anything compiles TypeScript.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** @param {string} root the docs2ts package root */
export function sourceHash(root) {
  const files = ["package.json", "package-lock.json"].filter((name) => existsSync(join(root, name)));
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk("src");
  walk("templates");
  const hash = createHash("sha1");
  for (const file of files.sort())
    hash
      .update(file)
      .update("\0")
      .update(readFileSync(join(root, file)))
      .update("\0");
  return hash.digest("hex").slice(0, 16);
}
