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
 * What the pages look like to `stat`: for each page listed, its size and its modification and change times, three
 * numbers in a row of `stats` (-1 for a page gone since it was listed). When it is as a run left it, no page changed
 * since, and the run need not read them. An edit always moves the change time. Numbers rather than a string per
 * page: every run stamps every page and compares the stamp with the last run's.
 */
export interface DocsStamp {
  readonly files: readonly string[];
  readonly stats: Float64Array;
}

export function stampDocsSet(root: string, files: readonly string[]): DocsStamp {
  const stats = new Float64Array(files.length * 3).fill(-1);
  files.forEach((file, index) => {
    // A page gone since it was listed has no stamp: it is read, and reported unreadable.
    const found = statSync(join(root, file), { throwIfNoEntry: false });
    if (!found) return;
    stats[index * 3] = found.size;
    stats[index * 3 + 1] = found.mtimeMs;
    stats[index * 3 + 2] = found.ctimeMs;
  });
  return { files: [...files], stats };
}

/** The pages whose stamp differs from one stamp to the other: changed, added or gone. */
export function changedPages(before: DocsStamp, after: DocsStamp): Set<string> {
  const changed = new Set<string>();
  const differs = (from: number, to: number): boolean =>
    before.stats[from * 3] !== after.stats[to * 3] ||
    before.stats[from * 3 + 1] !== after.stats[to * 3 + 1] ||
    before.stats[from * 3 + 2] !== after.stats[to * 3 + 2];
  // Most often the pages listed are the same, in the same order.
  if (before.files.length === after.files.length && before.files.every((file, index) => file === after.files[index])) {
    after.files.forEach((file, index) => differs(index, index) && changed.add(file));
    return changed;
  }
  const gone = new Map(before.files.map((file, index) => [file, index]));
  after.files.forEach((file, index) => {
    const was = gone.get(file);
    gone.delete(file);
    if (was === undefined || differs(was, index)) changed.add(file);
  });
  for (const file of gone.keys()) changed.add(file);
  return changed;
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

/** What the last run saw of the pages: the key of each page it read, and the pages whose stamp differs since. */
export interface KnownPages {
  readonly keys: Readonly<Record<string, string>>;
  readonly changed: ReadonlySet<string>;
}

/**
 * Reads the pages and keys them. A page `known` has a key for, and whose stamp has not changed since, keeps that key
 * unread (the trust the "nothing changed" check puts in the whole stamp, page by page): a run after an edit reads
 * the pages edited.
 */
export function readInput(
  config: Docs2tsConfig,
  version: string,
  listed = listDocsFiles(config.input),
  known?: KnownPages,
): DocsInput {
  const files: InputPage[] = [];
  const unreadable: Diagnostic[] = [];
  for (const file of listed) {
    const key = known && !known.changed.has(file) ? known.keys[file] : undefined;
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
