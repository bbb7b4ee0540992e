/**
 * Writing the generated package: whole or not at all. The package is assembled in a fresh directory beside the
 * output (files that did not change are hard-linked from the previous output, the others written), which then
 * replaces the output in two renames; a failure on the way leaves the previous output as it was. `node_modules/`
 * of the previous output is carried over (it is the user's install). `--check` compares instead of writing.
 * The record of what was written (size, time, hash per file) tells the next run what it can keep without reading.
 */
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { writeFile } from "node:fs/promises";
import { basename, dirname, join, relative, sep } from "node:path";

/** Directories inside the output that are the user's, never compared or replaced. */
const userDirectories = new Set(["node_modules", "dist"]);

export class OutputError extends Error {}

/** What a run wrote, file by file: enough to tell later, from `stat` alone, that a file is still as written. */
export type OutputRecord = Record<string, { readonly size: number; readonly mtimeMs: number; readonly hash: string }>;

export interface WriteResult {
  readonly written: number;
  /** Files whose content differs from the previous output (new files included). */
  readonly changed: number;
  readonly removed: number;
  readonly record: OutputRecord;
}

/**
 * A package being written: files go into a staging directory beside the output as soon as their text is known
 * (written in the background, so that creating thousands of files overlaps the rendering of the rest), and
 * `commit` swaps the staging directory in. Until then the previous output is untouched; `abort` removes the
 * staging directory.
 */
export class OutputStaging {
  private readonly staging: string;
  private readonly retired: string;
  private readonly existing: Set<string>;
  private readonly hashes = new Map<string, string>();
  private readonly directories = new Set<string>();
  private readonly writes: Array<Promise<void>> = [];
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];
  private failure: Error | undefined;
  private changed = 0;

  constructor(
    readonly out: string,
    private readonly previous: OutputRecord = {},
  ) {
    guardOutputDirectory(out);
    const parent = dirname(out);
    mkdirSync(parent, { recursive: true });
    removeAbandonedStaging(out);
    const suffix = `${process.pid}-${Date.now().toString(36)}`;
    this.staging = join(parent, `.${basename(out)}.docs2ts-new-${suffix}`);
    this.retired = join(parent, `.${basename(out)}.docs2ts-old-${suffix}`);
    this.existing = existsSync(out) ? listFiles(out) : new Set<string>();
  }

  /** Stages one file: hard-linked from the output when it is unchanged, else written. Each path once. */
  add(path: string, content: string): void {
    if (this.hashes.has(path) || this.failure) return;
    const hash = hashOf(content);
    this.hashes.set(path, hash);
    const target = join(this.staging, ...path.split("/"));
    const current = join(this.out, ...path.split("/"));
    try {
      const directory = dirname(target);
      if (!this.directories.has(directory)) {
        mkdirSync(directory, { recursive: true });
        this.directories.add(directory);
      }
      if (this.existing.has(path) && unchanged(current, content, hash, this.previous[path])) {
        keep(current, target);
        return;
      }
    } catch (error) {
      this.failure ??= error as Error;
      return;
    }
    this.changed++;
    this.writes.push(this.write(target, content));
  }

  /**
   * Stages whatever of `files` was not added yet, waits for the writes, and swaps the staging directory in:
   * the output then holds exactly `files` (and the user's node_modules/). Throws OutputError, leaving the
   * previous output as it was, when anything could not be written.
   */
  async commit(files: ReadonlyMap<string, string>): Promise<WriteResult> {
    for (const [path, content] of files) this.add(path, content);
    await Promise.all(this.writes);
    const { out, staging, retired } = this;
    try {
      if (this.failure) throw this.failure;
      const extra = [...this.hashes.keys()].filter((path) => !files.has(path));
      if (extra.length > 0) throw new Error(`staged files that are not part of the package: ${extra.join(", ")}`);
      mkdirSync(staging, { recursive: true });
      if (existsSync(join(out, "node_modules"))) renameSync(join(out, "node_modules"), join(staging, "node_modules"));
      if (existsSync(out)) renameSync(out, retired);
      renameSync(staging, out);
    } catch (error) {
      if (!existsSync(out) && existsSync(retired)) renameSync(retired, out);
      if (existsSync(join(staging, "node_modules")) && existsSync(out) && !existsSync(join(out, "node_modules"))) {
        renameSync(join(staging, "node_modules"), join(out, "node_modules"));
      }
      this.abort();
      throw new OutputError(`could not write ${out}: ${(error as Error).message}`);
    }
    rmSync(retired, { recursive: true, force: true });
    const record: OutputRecord = {};
    for (const path of files.keys()) {
      const stats = statSync(join(out, ...path.split("/")));
      record[path] = { size: stats.size, mtimeMs: stats.mtimeMs, hash: this.hashes.get(path)! };
    }
    const removed = [...this.existing].filter((path) => !files.has(path)).length;
    return { written: files.size, changed: this.changed, removed, record };
  }

  /** Gives up: the staging directory goes, the output stays as it was. */
  abort(): void {
    rmSync(this.staging, { recursive: true, force: true });
  }

  /** Writes in the background, a few files at a time (each creation is a round trip to the file system). */
  private async write(target: string, content: string): Promise<void> {
    while (this.inFlight >= maximumWrites) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.inFlight++;
    try {
      if (!this.failure) await writeFile(target, content);
    } catch (error) {
      this.failure ??= error as Error;
    } finally {
      this.inFlight--;
      this.waiting.shift()?.();
    }
  }
}

/** Writes under way at once: enough to keep libuv's four file-system threads busy. */
const maximumWrites = 8;

/**
 * Staging directories of runs that were killed before they could remove them (their process is gone): they
 * would otherwise pile up beside the output, and end up in a commit.
 */
function removeAbandonedStaging(out: string): void {
  const pattern = new RegExp(`^\\.${escapeRegExp(basename(out))}\\.docs2ts-(?:new|old)-(\\d+)-[0-9a-z]+$`);
  for (const entry of readdirSync(dirname(out))) {
    const pid = pattern.exec(entry)?.[1];
    if (pid !== undefined && !isRunning(Number(pid)))
      rmSync(join(dirname(out), entry), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Writes `files` as the whole output (see OutputStaging). */
export async function writeOutput(
  out: string,
  files: ReadonlyMap<string, string>,
  previous: OutputRecord = {},
): Promise<WriteResult> {
  let staging: OutputStaging;
  try {
    staging = new OutputStaging(out, previous);
  } catch (error) {
    if (error instanceof OutputError) throw error;
    throw new OutputError(`could not write ${out}: ${(error as Error).message}`);
  }
  return staging.commit(files);
}

/** Whether the output still holds exactly what `record` says was written (checked by size and time, no reads). */
export function outputMatches(out: string, record: OutputRecord): boolean {
  if (!existsSync(out)) return false;
  const paths = listFiles(out);
  if (paths.size !== Object.keys(record).length) return false;
  for (const [path, entry] of Object.entries(record)) {
    if (!paths.has(path)) return false;
    const stats = statSync(join(out, ...path.split("/")));
    if (stats.size !== entry.size || stats.mtimeMs !== entry.mtimeMs) return false;
  }
  return true;
}

export interface OutputDiff {
  readonly changed: string[];
  readonly added: string[];
  readonly removed: string[];
}

/** What writing `files` to `out` would change. */
export function diffOutput(out: string, files: ReadonlyMap<string, string>): OutputDiff {
  const existing = existsSync(out) ? listFiles(out) : new Set<string>();
  const changed: string[] = [];
  const added: string[] = [];
  for (const [path, content] of files) {
    if (!existing.has(path)) added.push(path);
    else if (readFileSync(join(out, ...path.split("/")), "utf8") !== content) changed.push(path);
  }
  const removed = [...existing].filter((path) => !files.has(path));
  return { changed, added, removed };
}

function hashOf(content: string): string {
  return createHash("sha1").update(content).digest("hex");
}

/** Unchanged: as recorded (size, time and hash agree), or, without a record, the same bytes. */
function unchanged(
  current: string,
  content: string,
  hash: string,
  recorded: OutputRecord[string] | undefined,
): boolean {
  const stats = statSync(current);
  if (recorded && recorded.hash === hash && recorded.size === stats.size && recorded.mtimeMs === stats.mtimeMs)
    return true;
  return stats.size === Buffer.byteLength(content) && readFileSync(current, "utf8") === content;
}

/** A hard link where the file system allows one (fast, and the file keeps its time), else a copy. */
function keep(current: string, target: string): void {
  try {
    linkSync(current, target);
  } catch {
    copyFileSync(current, target);
  }
}

/** Refuses to replace a directory that holds something other than a package docs2ts wrote. */
function guardOutputDirectory(out: string): void {
  if (!existsSync(out)) return;
  const entries = readdirSync(out);
  if (entries.length === 0) return;
  let manifest: { docs2ts?: unknown } | undefined;
  try {
    manifest = JSON.parse(readFileSync(join(out, "package.json"), "utf8")) as { docs2ts?: unknown };
  } catch {
    manifest = undefined;
  }
  if (!manifest?.docs2ts) {
    throw new OutputError(`${out} is not empty and holds no package generated by docs2ts; refusing to replace it`);
  }
}

/** Package-relative paths of the files under `root`, leaving out the user's directories. */
function listFiles(root: string): Set<string> {
  const files = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (dir === root && userDirectories.has(entry.name)) continue;
        walk(path);
      } else if (entry.isFile()) {
        files.add(relative(root, path).split(sep).join("/"));
      }
    }
  };
  walk(root);
  return files;
}
