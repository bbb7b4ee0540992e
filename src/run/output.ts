/**
 * Writing the generated package: whole or not at all. The files that changed are written into a fresh directory
 * beside the output; nothing touches the output before all of them are there. Where most files stay as they are
 * (a docs edit), a journal of the files to move in and to remove is written, then carried out: a few renames
 * instead of relinking thousands of files, and a run killed half way through is finished from its journal by the
 * next. Else (a first run, a big change, a file that must become a directory) the staging directory, with the
 * unchanged files hard-linked into it, replaces the output in two renames. `node_modules/` in the output is the
 * user's and stays. `--check` compares instead of writing. The record of what was written (size, time, hash per
 * file) tells the next run what it can keep without reading.
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
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Directories inside the output that are the user's, never compared or replaced. */
const userDirectories = new Set(["node_modules", "dist"]);

export class OutputError extends Error {}

/**
 * What a run wrote, file by file: enough to tell later, from `stat` alone, that a file is still as written, and
 * (`key`, the cache key of what it was rendered from, when the run had the cache) which file it is.
 */
export type OutputRecord = Record<
  string,
  { readonly size: number; readonly mtimeMs: number; readonly hash: string; readonly key?: string }
>;

/**
 * An OutputRecord as the run record keeps it: a list per field rather than an object per file, which V8 reads back
 * in half the time (thousands of files, read by every run).
 */
export interface PackedOutputRecord {
  readonly paths: string[];
  readonly sizes: number[];
  readonly mtimes: number[];
  readonly hashes: string[];
  readonly keys: Array<string | null>;
}

// Both ways in one loop, each entry an object literal of one of two shapes (with a key or without), not a spread:
// every run unpacks the last run's record and packs its own, thousands of files each.

export function packOutputRecord(record: OutputRecord): PackedOutputRecord {
  const packed: PackedOutputRecord = { paths: [], sizes: [], mtimes: [], hashes: [], keys: [] };
  for (const path in record) {
    const entry = record[path]!;
    packed.paths.push(path);
    packed.sizes.push(entry.size);
    packed.mtimes.push(entry.mtimeMs);
    packed.hashes.push(entry.hash);
    packed.keys.push(entry.key ?? null);
  }
  return packed;
}

export function unpackOutputRecord(packed: PackedOutputRecord): OutputRecord {
  const record: Record<string, OutputRecord[string]> = {};
  const { paths, sizes, mtimes, hashes, keys } = packed;
  for (let index = 0; index < paths.length; index++)
    record[paths[index]!] = recordEntry(sizes[index]!, mtimes[index]!, hashes[index]!, keys[index]);
  return record;
}

function recordEntry(
  size: number,
  mtimeMs: number,
  hash: string,
  key: string | null | undefined,
): OutputRecord[string] {
  return key ? { size, mtimeMs, hash, key } : { size, mtimeMs, hash };
}

/**
 * What `stat` showed of the output early in a run (surveyOutput), for `commit` to take instead of a `stat` of every
 * file it keeps: the files no longer as the record has them, and each directory's stamp. A file changes in the output
 * either in place (an editor: its own stat changes) or by a rename into its directory (another run's commit: the
 * directory's stamp changes), so a file the survey found as recorded, in a directory still as surveyed, is as
 * recorded. Only an edit in place in the seconds between the survey and the commit goes unseen, and the next run's
 * survey finds it.
 */
export interface OutputSurvey {
  /** The recorded files whose size or time differ from the record, or that are gone. */
  readonly differing: string[];
  /** The stamp of each directory of the output (package-relative, "." for the output itself), taken before the files. */
  readonly directories: Array<[string, string]>;
  /**
   * The files in the output, the user's directories left out: what `commit` removes of them it takes from here
   * while every directory is as stamped (a file added or removed since changes its directory's stamp).
   */
  readonly listed: string[];
}

/**
 * Surveys the files `record` lists. A worker does this while the calling thread builds the model, yielding now and
 * then so that a job the run waits for (a page to parse) is not kept waiting behind it.
 */
export async function surveyOutput(
  out: string,
  record: Pick<PackedOutputRecord, "paths" | "sizes" | "mtimes">,
): Promise<OutputSurvey> {
  const { paths, sizes, mtimes } = record;
  const directories = [...new Set(paths.map((path) => dirname(path)))].map((directory): [string, string] => [
    directory,
    directoryStamp(out, directory),
  ]);
  const differing: string[] = [];
  for (let index = 0; index < paths.length; index++) {
    if (index % surveySlice === surveySlice - 1) await new Promise(setImmediate);
    const stats = statSync(within(out, paths[index]!), { throwIfNoEntry: false });
    if (!stats?.isFile() || stats.size !== sizes[index] || stats.mtimeMs !== mtimes[index])
      differing.push(paths[index]!);
  }
  return { differing, directories, listed: [...listOutputFiles(out)] };
}

/** Files surveyed between two yields: a few milliseconds' worth. */
const surveySlice = 256;

/** A directory's inode and times: any file renamed into it or out of it, or the directory replaced, changes them. */
function directoryStamp(out: string, directory: string): string {
  const stats = statSync(directory === "." ? out : within(out, directory), { throwIfNoEntry: false });
  return stats ? `${stats.ino}:${stats.mtimeMs}:${stats.ctimeMs}` : "";
}

/**
 * What of a survey still holds: the files still as it found them, and, while every directory is as it was stamped,
 * its listing of the output. Each directory's stamp is taken again (a dozen, not thousands).
 */
function surveyNow(
  out: string,
  survey: OutputSurvey,
): { readonly asSurveyed: (path: string) => boolean; readonly listed: Set<string> | undefined } {
  const unchanged = new Set(
    survey.directories
      .filter(([directory, stamp]) => stamp !== "" && directoryStamp(out, directory) === stamp)
      .map(([directory]) => directory),
  );
  const differing = new Set(survey.differing);
  return {
    asSurveyed: (path) => unchanged.has(dirname(path)) && !differing.has(path),
    listed: unchanged.size === survey.directories.length ? new Set(survey.listed) : undefined,
  };
}

/** Files of the package whose texts the caller did not look up: the output holds them (OutputStaging.hold). */
export interface HeldFiles {
  /** The text of each, by path, asked for only when the file turns out changed since the last run. */
  readonly held?: ReadonlyMap<string, () => Promise<string>>;
  /** The cache key of each file of the package, by path, for the record. */
  readonly keys?: ReadonlyMap<string, string> | undefined;
}

export interface WriteResult {
  readonly written: number;
  /** Files whose content differs from the previous output (new files included). */
  readonly changed: number;
  readonly removed: number;
  readonly record: OutputRecord;
}

/**
 * A package being written: changed files go into a staging directory beside the output as soon as their text is
 * known (written in the background, so that creating thousands of files overlaps the rendering of the rest), and
 * `commit` moves them in. Until then the previous output is untouched; `abort` removes the staging directory.
 */
export class OutputStaging {
  private readonly staging: string;
  private readonly retired: string;
  /** The files in the output when the staging began; with a survey, listed by the survey instead (`listed`). */
  private readonly existing: Set<string> | undefined;
  private readonly hashes = new Map<string, string>();
  /**
   * Files of the output that stay as they are, with what the record says of them and their inode (none for a file
   * held by its key, which is checked against the record alone).
   */
  private readonly kept = new Map<string, { readonly entry: OutputRecord[string]; readonly inode?: number }>();
  private journaled = false;
  private readonly stagedDirectories = new Set<string>();
  /** Files staged and not yet written: where each goes, and its text, let go once written. */
  private readonly unwritten: Array<{ readonly target: string; readonly content: string }> = [];
  private inFlight = 0;
  /** Who waits for every file staged to be written. */
  private readonly waiting: Array<() => void> = [];
  private failure: Error | undefined;
  private changed = 0;

  /**
   * `survey`, when given, is what `stat` showed of the files of `previous` early in the run (surveyOutput, on a
   * worker): `commit` then takes it for the files it keeps rather than `stat` each again.
   */
  constructor(
    readonly out: string,
    private readonly previous: OutputRecord = {},
    private readonly survey?: Promise<OutputSurvey>,
  ) {
    // A survey that failed only leaves commit to stat every file.
    void survey?.catch(() => undefined);
    guardOutputDirectory(out);
    const parent = dirname(out);
    mkdirSync(parent, { recursive: true });
    removeAbandonedStaging(out);
    // Unique within the process too: two packages may be staged at once (tests, a watcher).
    const suffix = `${process.pid}-${Date.now().toString(36)}${(stagingCount++).toString(36)}`;
    this.staging = join(parent, `.${basename(out)}.docs2ts-new-${suffix}`);
    this.retired = join(parent, `.${basename(out)}.docs2ts-old-${suffix}`);
    this.existing = survey ? undefined : listOutputFiles(out);
  }

  /**
   * The files in the output: as listed when the staging began, or by the survey while its directories are as it
   * stamped them, else listed now.
   */
  async outputFiles(): Promise<ReadonlySet<string>> {
    if (this.existing) return this.existing;
    const survey = await this.survey?.catch(() => undefined);
    return (survey && surveyNow(this.out, survey).listed) ?? listOutputFiles(this.out);
  }

  /** Whether the output has `path`, as a file. */
  private exists(path: string): boolean {
    return this.existing
      ? this.existing.has(path)
      : statSync(within(this.out, path), { throwIfNoEntry: false })?.isFile() === true;
  }

  /**
   * Whether the last run wrote the file of this cache key to the output: then it is kept without its text, which
   * `commit` asks for only if the file is no longer as that run left it (`stat` disagrees with the record).
   */
  hold(path: string, key: string): boolean {
    const recorded = this.previous[path];
    // With a survey, a recorded file gone from the output is found by commit, which then asks for its text.
    if (this.hashes.has(path) || !recorded || recorded.key !== key || this.existing?.has(path) === false) return false;
    this.hashes.set(path, recorded.hash);
    this.kept.set(path, { entry: recorded });
    return true;
  }

  /** Stages one file: hard-linked from the output when it is unchanged, else written. Each path once. */
  add(path: string, content: string): void {
    if (this.hashes.has(path) || this.failure) return;
    const hash = hashOf(content);
    this.hashes.set(path, hash);
    let target: string;
    try {
      const kept = this.exists(path)
        ? unchanged(within(this.out, path), content, hash, this.previous[path])
        : undefined;
      if (kept) {
        this.kept.set(path, kept);
        return;
      }
      target = this.stagedPath(path);
    } catch (error) {
      this.failure ??= error as Error;
      return;
    }
    this.changed++;
    this.unwritten.push({ target, content });
    this.writeNext();
  }

  /** Where `path` goes in the staging directory, its directory made (once). */
  private stagedPath(path: string): string {
    const target = within(this.staging, path);
    const directory = dirname(target);
    if (!this.stagedDirectories.has(directory)) {
      mkdirSync(directory, { recursive: true });
      this.stagedDirectories.add(directory);
    }
    return target;
  }

  /**
   * Stages whatever of `files` was not added yet, waits for the writes, and moves them in (in place by a journal,
   * or the staging directory replacing the output): the output then holds exactly `files` and the files `held`
   * (and the user's node_modules/); the record gives each file its key from `keys`. Throws OutputError, leaving the
   * previous output as it was, when anything could not be written.
   */
  async commit(files: ReadonlyMap<string, string>, { held = new Map(), keys }: HeldFiles = {}): Promise<WriteResult> {
    for (const [path, content] of files) this.add(path, content);
    await this.allWritten();
    const { out, staging } = this;
    const paths = [...files.keys(), ...held.keys()];
    const packaged = new Set(paths);
    const survey = await this.survey?.catch(() => undefined);
    const { asSurveyed, listed } = survey ? surveyNow(out, survey) : { asSurveyed: () => false, listed: undefined };
    let removed: string[] = [];
    try {
      removed = [...(this.existing ?? listed ?? listOutputFiles(out))].filter((path) => !packaged.has(path));
      if (this.failure) throw this.failure;
      const extra = [...this.hashes.keys()].filter((path) => !packaged.has(path));
      if (extra.length > 0) throw new Error(`staged files that are not part of the package: ${extra.join(", ")}`);
      mkdirSync(staging, { recursive: true });
      // A file kept that is not as recorded (edited since the last run, or replaced by another run since this one
      // looked) is written after all, unless it holds the same text.
      for (const [path, { entry, inode }] of this.kept) {
        const recorded = this.previous[path];
        if (recorded?.size === entry.size && recorded.mtimeMs === entry.mtimeMs && asSurveyed(path)) continue;
        const current = within(out, path);
        const stats = statSync(current, { throwIfNoEntry: false });
        if (stats && (inode ?? stats.ino) === stats.ino && stats.size === entry.size && stats.mtimeMs === entry.mtimeMs)
          continue;
        const content = files.get(path) ?? (await held.get(path)!());
        const hash = hashOf(content);
        this.hashes.set(path, hash);
        const same = stats?.isFile() ? unchanged(current, content, hash, undefined) : undefined;
        if (same) {
          this.kept.set(path, same);
          continue;
        }
        writeFileSync(this.stagedPath(path), content);
        this.kept.delete(path);
        this.changed++;
      }
      const written = paths.filter((path) => !this.kept.has(path));
      // In place when most files stay: a few renames. Else the staging directory replaces the output whole.
      if (written.length < this.kept.size && written.every((path) => fitsInPlace(out, path))) {
        const journal: Journal = { moved: written, removed };
        writeJournal(staging, journal);
        this.journaled = true;
        carryOut(out, staging, journal, false);
      } else {
        this.replaceWhole();
      }
    } catch (error) {
      const message = (error as Error).message;
      if (this.journaled) throw new OutputError(`could not finish writing ${out} (the next run will): ${message}`);
      this.abort();
      throw new OutputError(`could not write ${out}: ${message}`);
    }
    const record: OutputRecord = {};
    for (const path of paths.sort()) {
      const key = keys?.get(path);
      const kept = this.kept.get(path);
      const stats = kept ? kept.entry : statSync(within(out, path));
      record[path] = recordEntry(stats.size, stats.mtimeMs, kept?.entry.hash ?? this.hashes.get(path)!, key);
    }
    return { written: paths.length, changed: this.changed, removed: removed.length, record };
  }

  /**
   * The staging directory, with the unchanged files linked in, becomes the output in two renames; the previous
   * output is restored if the second fails.
   */
  private replaceWhole(): void {
    const { out, staging, retired } = this;
    try {
      for (const path of this.kept.keys()) keep(within(out, path), this.stagedPath(path));
      for (const directory of userDirectories) {
        if (existsSync(join(out, directory))) renameSync(join(out, directory), join(staging, directory));
      }
      if (existsSync(out)) renameSync(out, retired);
      renameSync(staging, out);
    } catch (error) {
      if (!existsSync(out) && existsSync(retired)) renameSync(retired, out);
      if (existsSync(out)) returnUserDirectories(staging, out);
      throw error;
    }
    rmSync(retired, { recursive: true, force: true });
  }

  /**
   * Gives up: the staging directory goes, the output stays as it was. Once the journal of a commit in place is
   * written the commit goes on instead, finished by the next run if this one cannot.
   */
  abort(): void {
    if (!this.journaled) rmSync(this.staging, { recursive: true, force: true });
  }

  /**
   * Writes in the background, a few files at a time (each creation is a round trip to the file system), in the
   * order staged; nothing holds a file's text once it is written.
   */
  private writeNext(): void {
    while (this.inFlight < maximumWrites && this.unwritten.length > 0) {
      const { target, content } = this.unwritten.shift()!;
      this.inFlight++;
      (this.failure ? Promise.resolve() : writeFile(target, content))
        .catch((error: unknown) => {
          this.failure ??= error as Error;
        })
        .finally(() => {
          this.inFlight--;
          this.writeNext();
          if (this.inFlight === 0) for (const resolve of this.waiting.splice(0)) resolve();
        });
    }
  }

  /** Resolves once every file staged so far is written (or failed to be). */
  private allWritten(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}

let stagingCount = 0;

/** Writes under way at once: enough to keep libuv's four file-system threads busy. */
const maximumWrites = 8;

/**
 * Staging directories of runs that were killed before they could remove them (their process is gone): they
 * would otherwise pile up beside the output, and end up in a commit. One with a journal was killed while moving
 * its files in: the move is finished first, so that the output is the whole package that run wrote.
 */
export function removeAbandonedStaging(out: string): void {
  const pattern = new RegExp(`^\\.${escapeRegExp(basename(out))}\\.docs2ts-(new|old)-(\\d+)-[0-9a-z]+$`);
  const abandoned = readdirSync(dirname(out))
    .map((entry) => ({ entry, match: pattern.exec(entry) }))
    .filter(({ match }) => match && !isRunning(Number(match[2])))
    // The previous output first: a run killed between its two renames left no output, only the retired one.
    .sort((a, b) => (a.match![1] === b.match![1] ? 0 : a.match![1] === "old" ? -1 : 1));
  for (const { entry, match } of abandoned) {
    const staging = join(dirname(out), entry);
    if (match![1] === "old") {
      if (!existsSync(out)) renameSync(staging, out);
      else rmSync(staging, { recursive: true, force: true });
      continue;
    }
    const journal = readJournal(staging);
    if (journal) carryOut(out, staging, journal, true);
    // The user's directories, moved into the staging directory just before it was to replace the output.
    else if (existsSync(out)) returnUserDirectories(staging, out);
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Moves the user's directories (node_modules/, dist/) back from `staging` to `out` where `out` has none. */
function returnUserDirectories(staging: string, out: string): void {
  for (const directory of userDirectories) {
    if (existsSync(join(staging, directory)) && !existsSync(join(out, directory))) {
      renameSync(join(staging, directory), join(out, directory));
    }
  }
}

/** What a commit in place does to the output: files moved in from the staging directory, files removed. */
interface Journal {
  readonly moved: string[];
  readonly removed: string[];
}

const journalName = ".docs2ts-journal.json";

/** Written whole (a temporary file renamed), so that a journal that is there is complete. */
function writeJournal(staging: string, journal: Journal): void {
  const temporary = join(staging, `${journalName}.tmp`);
  writeFileSync(temporary, JSON.stringify(journal));
  renameSync(temporary, join(staging, journalName));
}

function readJournal(staging: string): Journal | undefined {
  try {
    return JSON.parse(readFileSync(join(staging, journalName), "utf8")) as Journal;
  } catch {
    return undefined;
  }
}

/**
 * Carries out a journal: each staged file renamed over its place in the output, each removed file deleted with
 * the directories it leaves empty, then the staging directory removed. Resumed after an interruption, it
 * finishes the move: a file already moved is no longer staged, a file already removed is gone.
 */
function carryOut(out: string, staging: string, journal: Journal, resumed: boolean): void {
  for (const path of journal.moved) {
    const source = within(staging, path);
    if (resumed && !existsSync(source)) continue;
    const target = within(out, path);
    mkdirSync(dirname(target), { recursive: true });
    renameSync(source, target);
  }
  for (const path of journal.removed) {
    rmSync(within(out, path), { force: true });
    for (let directory = dirname(path); directory !== "."; directory = dirname(directory)) {
      const absolute = within(out, directory);
      if (!existsSync(absolute) || readdirSync(absolute).length > 0) break;
      rmdirSync(absolute);
    }
  }
  rmSync(staging, { recursive: true, force: true });
}

/**
 * Whether a file can be moved to `path` in the output by a rename: nothing in the way is a directory where the
 * file goes, or a file where a directory must be.
 */
function fitsInPlace(out: string, path: string): boolean {
  const parts = path.split("/");
  for (let length = 1; length <= parts.length; length++) {
    let stats;
    try {
      stats = statSync(join(out, ...parts.slice(0, length)));
    } catch {
      return true;
    }
    if (length < parts.length ? !stats.isDirectory() : stats.isDirectory()) return false;
  }
  return true;
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
    const stats = statSync(within(out, path));
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
  const existing = listOutputFiles(out);
  const changed: string[] = [];
  const added: string[] = [];
  for (const [path, content] of files) {
    if (!existing.has(path)) added.push(path);
    else if (readFileSync(within(out, path), "utf8") !== content) changed.push(path);
  }
  const removed = [...existing].filter((path) => !files.has(path));
  return { changed, added, removed };
}

/** A package-relative path (posix separators) under `root`. */
function within(root: string, path: string): string {
  return join(root, ...path.split("/"));
}

function hashOf(content: string): string {
  return createHash("sha1").update(content).digest("hex");
}

/**
 * What to record of the file as it stands, and its inode, when it is unchanged: as recorded (size, time and hash
 * agree), or, without a record, the same bytes. Undefined when it changed.
 */
function unchanged(
  current: string,
  content: string,
  hash: string,
  recorded: OutputRecord[string] | undefined,
): { entry: OutputRecord[string]; inode: number } | undefined {
  const stats = statSync(current);
  const kept = { entry: { size: stats.size, mtimeMs: stats.mtimeMs, hash }, inode: stats.ino };
  if (recorded && recorded.hash === hash && recorded.size === stats.size && recorded.mtimeMs === stats.mtimeMs)
    return kept;
  return stats.size === Buffer.byteLength(content) && readFileSync(current, "utf8") === content ? kept : undefined;
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

/** The package's files in the output (the user's node_modules/ and dist/ left out), none when there is no output. */
export function listOutputFiles(out: string): Set<string> {
  return existsSync(out) ? listFiles(out) : new Set<string>();
}

/** Package-relative paths of the files under `root`, leaving out the user's directories. */
function listFiles(root: string): Set<string> {
  const files = new Set<string>();
  // Each file's path is its directory's plus its name: relative() and join() per file cost four times the listing.
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (dir === root && userDirectories.has(entry.name)) continue;
        walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      } else if (entry.isFile()) {
        files.add(prefix + entry.name);
      }
    }
  };
  walk(root, "");
  return files;
}
