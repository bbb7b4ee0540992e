/**
 * The cache under node_modules/.cache/docs2ts (or --cache DIR): PageModels and their facts by the hash of their page,
 * what the model derived from pages by the hash of all it read, rendered files by the hash of their description, the
 * file keys of each part of the model by the hash of that part (each in 256 shards, ShardedMap), the record of the last
 * run (to tell "nothing changed" without doing anything) and its report. Each entry is one file, written whole to a
 * temporary name and renamed into place, so two runs at once never leave a half-written entry; each file carries a
 * checksum and the docs2ts version, and one that fails either check is ignored. Entries of other docs2ts versions live
 * in other directories and are removed.
 */
import { createHash } from "node:crypto";
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  writevSync,
} from "node:fs";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { threadId } from "node:worker_threads";
import * as zlib from "node:zlib";
import type { Docs2tsConfig } from "./config.js";
import { utf8Text } from "../util/text.js";

/**
 * How an entry is stored: node:v8 (bytes, strings, any structured-clonable value) or JSON, for plain data (objects,
 * arrays, strings, numbers), which V8 reads back faster: a third less time for what the model derived.
 */
export type CacheFormat = "v8" | "json";

/** Temporary files written by this thread so far. */
let temporaryNames = 0;

const magics: Record<CacheFormat, Buffer> = { v8: Buffer.from("docs2ts\u0001"), json: Buffer.from("docs2ts\u0002") };
const magicLength = 8;
const checksumLength = 4;

/**
 * The checksum an entry carries: a CRC-32 of its payload, against an entry damaged on disk (written whole and
 * renamed into place, it is never half-written by a run). zlib's CRC-32 (Node 20.15 and later) reads the megabytes
 * every run reads in half the time SHA-1 takes; before 20.15, the first bytes of a SHA-1 stand in (an entry written
 * by the other kind then reads as damaged, and is written again).
 */
const checksumOf: (payload: Uint8Array) => Buffer =
  typeof (zlib as { crc32?: unknown }).crc32 === "function"
    ? (payload) => {
        const checksum = Buffer.alloc(checksumLength);
        checksum.writeUInt32BE(zlib.crc32(payload));
        return checksum;
      }
    : (payload) => createHash("sha1").update(payload).digest().subarray(0, checksumLength);

export class Cache {
  private constructor(
    /** Undefined when the cache is off (`--no-cache`). */
    private readonly dir: string | undefined,
    readonly version: string,
  ) {}

  static disabled(version: string): Cache {
    return new Cache(undefined, version);
  }

  static open(root: string, version: string): Cache {
    const dir = join(root, `v-${version}`);
    try {
      mkdirSync(dir, { recursive: true });
      // Entries of other docs2ts versions are never read again.
      for (const entry of readdirSync(root))
        if (entry.startsWith("v-") && entry !== `v-${version}`)
          rmSync(join(root, entry), { recursive: true, force: true });
    } catch {
      return Cache.disabled(version);
    }
    return new Cache(dir, version);
  }

  get enabled(): boolean {
    return this.dir !== undefined;
  }

  /** Where the entries are, for a worker to read them ahead (fetchEntries); none with the cache off. */
  get directory(): string | undefined {
    return this.dir;
  }

  /**
   * Has `read` take entries from `fetched` (a worker reading them ahead, fetchEntries) where it has them, and read
   * the others itself.
   */
  readAheadFrom(fetched: (name: string) => FetchedEntry | undefined): void {
    this.fetched = fetched;
  }

  private fetched: ((name: string) => FetchedEntry | undefined) | undefined;

  /** The stored value of `name`, or undefined when there is none, or it is damaged, or another version wrote it. */
  read<T>(name: string): T | undefined {
    if (!this.dir) return undefined;
    const entry = this.fetched?.(name) ?? fetchEntry(this.dir, name);
    if (!entry) return undefined;
    try {
      const stored = ("text" in entry ? JSON.parse(entry.text) : deserialize(entry.bytes)) as {
        version: string;
        value: T;
      };
      return stored.version === this.version ? stored.value : undefined;
    } catch {
      return undefined;
    }
  }

  /** The names of the entries that begin with `prefix`. */
  names(prefix: string): string[] {
    if (!this.dir) return [];
    try {
      return readdirSync(this.dir).filter((name) => name.startsWith(prefix));
    } catch {
      return [];
    }
  }

  remove(name: string): void {
    if (this.dir) rmSync(join(this.dir, name), { force: true });
  }

  /** Stores `value` under `name`: written to a temporary file, then renamed over the old entry. */
  write(name: string, value: unknown, format: CacheFormat = "v8"): void {
    if (!this.dir) return;
    const stored = { version: this.version, value };
    const payload = format === "v8" ? serialize(stored) : Buffer.from(asciiJson(stored), "latin1");
    // Unique to this process and write: another process has another pid (a random name cost a call into OpenSSL).
    const temporary = join(this.dir, `.${name}.${process.pid}.${threadId}.${++temporaryNames}.tmp`);
    try {
      // The magic, the checksum and the payload in one call, without copying the payload (a megabyte for api.md).
      const file = openSync(temporary, "w");
      try {
        writeAll(file, [magics[format], checksumOf(payload), payload]);
      } finally {
        closeSync(file);
      }
      renameSync(temporary, join(this.dir, name));
    } catch {
      // A cache that cannot be written only costs time.
      rmSync(temporary, { force: true });
    }
  }
}

/** Writes every byte of `parts` to the file, as many calls as it takes. */
function writeAll(file: number, parts: Uint8Array[]): void {
  let pending = parts.filter((part) => part.length > 0);
  while (pending.length > 0) {
    let written = writevSync(file, pending);
    const rest: Uint8Array[] = [];
    for (const part of pending) {
      if (written >= part.length) written -= part.length;
      else {
        rest.push(part.subarray(written));
        written = 0;
      }
    }
    pending = rest;
  }
}

/**
 * JSON with every character past ASCII escaped (`\u00e9`): read back as latin1, a plain copy of its bytes, into a
 * one-byte string, which V8 parses faster than the two-byte string a single curly quote makes of a UTF-8 shard (a
 * sixth less time for the model's derivations and the page facts).
 */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * An entry as read from disk and checked (its format and checksum), not yet parsed: the text of a JSON entry, the
 * bytes of a node:v8 one. Undefined for an entry missing or damaged.
 */
export type FetchedEntry = { readonly text: string } | { readonly bytes: Uint8Array };

/** Reads and checks the entry `name` of the cache directory `dir`: on this thread (Cache.read) or on a worker. */
export function fetchEntry(dir: string, name: string): FetchedEntry | undefined {
  const bytes = readEntry(join(dir, name));
  if (!bytes) return undefined;
  const payload = bytes.subarray(magicLength + checksumLength);
  const magic = bytes.subarray(0, magicLength);
  const format = magic.equals(magics.v8) ? "v8" : magic.equals(magics.json) ? "json" : undefined;
  if (!format) return undefined;
  if (!bytes.subarray(magicLength, magicLength + checksumLength).equals(checksumOf(payload))) return undefined;
  // The text is a copy; the bytes of a node:v8 entry are copied out of the buffer the next read reuses.
  return format === "json" ? { text: utf8Text(payload) } : { bytes: new Uint8Array(payload) };
}

/**
 * The bytes of the file at `path` in a buffer this thread reuses (valid till its next read), or undefined when it
 * cannot be read. A run reads some fifteen megabytes of entries, most of them made text at once: a buffer of its own
 * for each is memory the system hands out anew, page by page, on every run.
 */
function readEntry(path: string): Buffer | undefined {
  let file: number;
  try {
    file = openSync(path, "r");
  } catch {
    return undefined;
  }
  try {
    const size = fstatSync(file).size;
    if (size > scratch.length) scratch = Buffer.allocUnsafeSlow(Math.max(size, 2 * scratch.length));
    let read = 0;
    while (read < size) {
      const count = readSync(file, scratch, read, size - read, read);
      if (count === 0) break;
      read += count;
    }
    return scratch.subarray(0, read);
  } catch {
    return undefined;
  } finally {
    closeSync(file);
  }
}

let scratch = Buffer.allocUnsafeSlow(1 << 20);

/**
 * A map kept as `shardCount` entries (`NAME-0.bin` ...), by the first two hex digits of its keys (hashes), and an index
 * of the keys of each (`NAME-keys.bin`). A shard is read when a key of it is looked up, so that a run reads what it
 * uses; a run that changes a few keys rewrites the shards that hold them, not the whole map. Each shard is written
 * whole and holds only valid entries, so shards of different runs mix safely; an index that disagrees with its
 * shards only costs a lookup that misses, and the shard is written again.
 */
export class ShardedMap<V> {
  private readonly shards: Array<Map<string, V> | undefined> = Array.from({ length: shardCount }, () => undefined);
  /** The keys of each shard as the index has them: known without reading the shard. */
  private readonly indexed: Array<ReadonlySet<string> | undefined>;
  private readonly dirty = new Set<number>();

  private constructor(
    private readonly cache: Cache,
    private readonly name: string,
    /** JSON for maps of plain data (see CacheFormat): a shard is then kept as the list of its entries. */
    private readonly format: CacheFormat,
    /**
     * Whether the map keeps an index of its keys: for a map a run looks up a few keys of (the pages parsed, the files
     * rendered), not one it reads whole (the facts of every page), where the index would be read and written for
     * nothing.
     */
    private readonly keyIndex: boolean,
  ) {
    const index = keyIndex ? cache.read<string[][]>(`${name}-keys.bin`) : undefined;
    this.indexed =
      index?.length === shardCount
        ? index.map((keys) => new Set(keys))
        : Array.from({ length: shardCount }, () => undefined);
  }

  static read<V>(
    cache: Cache,
    name: string,
    format: CacheFormat = "v8",
    { keyIndex = true }: { readonly keyIndex?: boolean } = {},
  ): ShardedMap<V> {
    return new ShardedMap(cache, name, format, keyIndex);
  }

  /** The entries of the map `name` that a run reads whole: its index of keys, if it keeps one, else its shards. */
  static entriesReadWhole(name: string, { keyIndex = true }: { readonly keyIndex?: boolean } = {}): string[] {
    return keyIndex ? [`${name}-keys.bin`] : Array.from({ length: shardCount }, (_, index) => `${name}-${index}.bin`);
  }

  /** Reads every shard now (while the thread would wait anyway), rather than at the first lookup of each. */
  readAll(): void {
    for (let index = 0; index < shardCount; index++) this.shard(index);
  }

  /** How many keys the map holds: as the index has them, where a shard is not read yet. */
  get size(): number {
    return this.shards.reduce(
      (size, shard, index) => size + (shard ?? this.indexed[index] ?? this.shard(index)).size,
      0,
    );
  }

  get(key: string): V | undefined {
    const index = shardOf(key);
    const value = this.shard(index).get(key);
    if (value === undefined && this.indexed[index]?.has(key)) this.dirty.add(index);
    return value;
  }

  /** Whether the map holds `key`, told by the index where it can be, without reading the shard. */
  has(key: string): boolean {
    const index = shardOf(key);
    return this.shards[index]?.has(key) ?? this.indexed[index]?.has(key) ?? this.shard(index).has(key);
  }

  /**
   * Makes the map hold exactly `entries` (new keys added, keys not among them dropped) and writes the shards
   * whose keys changed. A key is a hash of what its value was made from, so a key kept is a value unchanged.
   */
  replaceAll(entries: Iterable<readonly [string, V]>): void {
    const values = new Map(entries);
    this.retain(values.keys(), values);
  }

  /**
   * Makes the map hold exactly `keys`: the value of a key in `fresh` is that one, of another key the one stored
   * (a key neither has is left out). Only the shards whose keys change are read and written.
   */
  retain(keys: Iterable<string>, fresh: ReadonlyMap<string, V>): void {
    const next = Array.from({ length: shardCount }, () => [] as string[]);
    for (const key of keys) next[shardOf(key)]!.push(key);
    next.forEach((wanted, index) => {
      const current = this.shards[index] ?? this.indexed[index] ?? (this.keyIndex ? undefined : this.shard(index));
      const same = current?.size === wanted.length && wanted.every((key) => current.has(key));
      if (same && !this.dirty.has(index)) return;
      const stored = same && wanted.every((key) => fresh.has(key)) ? undefined : this.shard(index);
      const shard = new Map<string, V>();
      for (const key of wanted) {
        const value = fresh.get(key) ?? stored?.get(key);
        if (value !== undefined) shard.set(key, value);
      }
      this.shards[index] = shard;
      this.dirty.add(index);
    });
    if (this.dirty.size === 0) return;
    for (const index of this.dirty) {
      const shard = this.shards[index]!;
      this.cache.write(`${this.name}-${index}.bin`, this.format === "json" ? [...shard] : shard, this.format);
    }
    this.dirty.clear();
    if (!this.keyIndex) return;
    const index = this.shards.map((shard, at) => [...(shard?.keys() ?? this.indexed[at] ?? this.shard(at).keys())]);
    this.cache.write(`${this.name}-keys.bin`, index, this.format);
  }

  private shard(index: number): Map<string, V> {
    let shard = this.shards[index];
    if (!shard) {
      const stored = this.cache.read<Map<string, V> | Array<[string, V]>>(`${this.name}-${index}.bin`);
      // A shard missing or damaged is written again.
      if (!stored) this.dirty.add(index);
      shard = stored instanceof Map ? stored : new Map(stored);
      this.shards[index] = shard;
    }
    return shard;
  }
}

/**
 * 256 shards: an edit of one page changes what was derived from it and the files that read it, a dozen keys or so,
 * each in a shard of its own; a shard is a 256th of the map, so the run rewrites a few percent of the cache, not
 * most of it (with 16 shards, a property row added rewrote fourteen of the model's sixteen).
 */
export const shardCount = 256;

/** The shard of a key: its first two hex digits (looked up for every key a run reads, so by their char codes). */
function shardOf(key: string): number {
  return hexDigit(key.charCodeAt(0)) * 16 + hexDigit(key.charCodeAt(1));
}

function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return Number.isNaN(code) ? 0 : code % 16;
}

/** A short stable name for what a cache entry belongs to (a docs set, an output directory). */
export function scopeName(...parts: string[]): string {
  return createHash("sha1").update(parts.join("\0")).digest("hex").slice(0, 16);
}

/** What the cache keeps per docs set and output directory. */
export function cacheScope(config: Docs2tsConfig): {
  pages: string;
  facts: string;
  derived: string;
  files: string;
  emitted: string;
  run: string;
  notices: string;
  report: string;
} {
  return {
    pages: `pages-${scopeName(config.input)}`,
    facts: `facts-${scopeName(config.input)}`,
    derived: `derived-${scopeName(config.input)}`,
    files: `files-${scopeName(config.input, config.out)}`,
    emitted: `emitted-${scopeName(config.input, config.out)}`,
    run: `run-${scopeName(config.input, config.out)}.bin`,
    notices: `notices-${scopeName(config.input, config.out)}.bin`,
    report: `report-${scopeName(config.input, config.out)}.bin`,
  };
}
