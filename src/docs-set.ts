/**
 * The docs set on disk: every markdown file under the input directory, in path order, with its path relative
 * to that directory (posix separators), so that diagnostics and links name pages the same way on every system.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

export interface DocsFile {
  /** Relative to the docs root, posix separators. */
  readonly file: string;
  readonly text: string;
}

export function listDocsFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && /\.md$/i.test(entry.name)) found.push(relative(root, path).split(sep).join("/"));
    }
  };
  walk(root);
  return found.sort();
}

export function readDocsFile(root: string, file: string): DocsFile {
  return { file, text: readFileSync(join(root, file), "utf8").replace(/^\ufeff/, "") };
}
