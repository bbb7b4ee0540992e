/** The docs2ts package root (where templates/ lives), found from this module whether run from src/ or dist/. */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

export function projectRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  // The directory with both the manifest and the templates (dist/ has compiled templates but no manifest).
  while (!existsSync(join(dir, "templates", "runtime")) || !existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("docs2ts: cannot find its templates/ directory");
    dir = parent;
  }
  cached = dir;
  return dir;
}
