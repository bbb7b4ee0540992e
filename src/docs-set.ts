/**
 * The docs set on disk: every markdown file under the input directory, in path order, with its path relative
 * to that directory (posix separators), so that diagnostics and links name pages the same way on every system.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { Docs2tsConfig } from "./config.js";
import { createDiagnostic, type Diagnostic } from "./diagnostics/index.js";

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

/**
 * What the pages look like to `stat` (size and times, per page): when it is as a run left it, no page changed
 * since, and the run need not read them. An edit always moves the change time.
 */
export type DocsStamp = Record<string, string>;

export function stampDocsSet(root: string, files: readonly string[]): DocsStamp {
  const stamp: DocsStamp = {};
  for (const file of files) {
    const stats = statSync(join(root, file));
    stamp[file] = `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
  }
  return stamp;
}

/** The docs set as read from disk, with the key of each page. */
export interface DocsInput {
  readonly files: Array<DocsFile & { readonly key: string }>;
  readonly unreadable: Diagnostic[];
  /** Changes when any page, any option or docs2ts itself changes. */
  readonly fingerprint: string;
}

export function readInput(config: Docs2tsConfig, version: string, listed = listDocsFiles(config.input)): DocsInput {
  const files: Array<DocsFile & { key: string }> = [];
  const unreadable: Diagnostic[] = [];
  for (const file of listed) {
    try {
      const read = readDocsFile(config.input, file);
      files.push({ ...read, key: createHash("sha1").update(read.file).update("\0").update(read.text).digest("hex") });
    } catch (error) {
      unreadable.push(createDiagnostic("pageUnreadable", file, { line: 1 }, (error as Error).message));
    }
  }
  const fingerprint = createHash("sha1").update(version).update(JSON.stringify(config));
  for (const file of files) fingerprint.update(file.key);
  for (const diagnostic of unreadable) fingerprint.update(diagnostic.file);
  return { files, unreadable, fingerprint: fingerprint.digest("hex") };
}
