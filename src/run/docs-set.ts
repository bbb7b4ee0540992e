/**
 * The docs set on disk: every markdown file under the input directory, in path order, with its path relative
 * to that directory (posix separators), so that diagnostics and links name pages the same way on every system.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Docs2tsConfig } from "./config.js";
import { createDiagnostic, type Diagnostic } from "../diagnostics/index.js";

export interface DocsFile {
  /** Relative to the docs root, posix separators. */
  readonly file: string;
  readonly text: string;
}

export function listDocsFiles(root: string): string[] {
  const found: string[] = [];
  // Each page's path is its directory's plus its name: cheaper than relative() and join() per page.
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else if (entry.isFile() && /\.md$/i.test(entry.name)) found.push(prefix + entry.name);
    }
  };
  walk(root, "");
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
    // A page gone since it was listed has no stamp: it is read, and reported unreadable.
    const stats = statSync(join(root, file), { throwIfNoEntry: false });
    stamp[file] = stats ? `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}` : "";
  }
  return stamp;
}

/** A page of the docs set and its key (the hash of its path and text). */
export interface InputPage {
  readonly file: string;
  readonly key: string;
  /** Undefined when `stat` shows the page as the last run left it: read only if its PageModel must be parsed. */
  readonly text?: string;
}

/** The docs set as read from disk, with the key of each page. */
export interface DocsInput {
  readonly files: InputPage[];
  readonly unreadable: Diagnostic[];
  /** Changes when any page, any option or docs2ts itself changes. */
  readonly fingerprint: string;
}

/** What the last run saw of the pages: their stamp, and the key of each page it read. */
export interface KnownPages {
  readonly stamp: DocsStamp;
  readonly keys: Readonly<Record<string, string>>;
}

/**
 * Reads the pages and keys them. A page whose stat is as `known` saw it keeps its key unread (the trust the
 * "nothing changed" check puts in the whole stamp, page by page): a run after an edit reads the pages edited.
 */
export function readInput(
  config: Docs2tsConfig,
  version: string,
  listed = listDocsFiles(config.input),
  known?: KnownPages & { readonly current: DocsStamp },
): DocsInput {
  const files: InputPage[] = [];
  const unreadable: Diagnostic[] = [];
  for (const file of listed) {
    const key = known && known.current[file] === known.stamp[file] ? known.keys[file] : undefined;
    if (key !== undefined) {
      files.push({ file, key });
      continue;
    }
    const read = readPage(config.input, file);
    if ("text" in read) files.push(read);
    else unreadable.push(read);
  }
  const fingerprint = createHash("sha1").update(version).update(JSON.stringify(config));
  for (const file of files) fingerprint.update(file.key);
  for (const diagnostic of unreadable) fingerprint.update(diagnostic.file);
  return { files, unreadable, fingerprint: fingerprint.digest("hex") };
}

/**
 * The largest page docs2ts reads, in bytes: forty times the largest page of the Graph docs. A bigger file is no
 * page a person wrote, and reading it whole would cost time and memory without bound.
 */
export const maxPageBytes = 4 * 1024 * 1024;

/** The page read from disk and keyed, or why it cannot be read. */
export function readPage(root: string, file: string): Required<InputPage> | Diagnostic {
  try {
    const size = statSync(join(root, file)).size;
    if (size > maxPageBytes) {
      const megabytes = (bytes: number): string => String(Math.round((bytes / 1024 / 1024) * 10) / 10);
      return createDiagnostic("pageTooLarge", file, { line: 1 }, megabytes(size), megabytes(maxPageBytes));
    }
    const { text } = readDocsFile(root, file);
    return { file, text, key: createHash("sha1").update(file).update("\0").update(text).digest("hex") };
  } catch (error) {
    return createDiagnostic("pageUnreadable", file, { line: 1 }, (error as Error).message);
  }
}
