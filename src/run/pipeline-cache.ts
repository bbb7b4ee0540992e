/**
 * The cache as a layer around the stages that use it (generate.ts): what each stage can take from earlier runs,
 * and what this run keeps for the next. Keys are hashes of what a result was made from, so an entry is never stale:
 * - parse: a page's PageModel (node:v8 bytes) and its facts, by the page's key (the hash of its path and text);
 * - model: what each derivation made, by the hash of all it read (ModelMemo);
 * - plan: the keys of the files each part of the model gave, by the part's key;
 * - render: a file's text, by the hash of its description (a big one in an entry of its own).
 * Each store keeps what this run used or made, and only that. With the cache off, nothing is found and nothing kept.
 */
import { deserialize } from "node:v8";
import { Cache, cacheScope, ShardedMap } from "./cache.js";
import type { Docs2tsConfig } from "./config.js";
import type { InputPage } from "./docs-set.js";
import type { ModelMemo, PageFacts } from "../model/index.js";
import type { PageModel } from "../parse/index.js";

/** A page parsed in this run: its PageModel, and the PageModel serialized for the cache (none without one). */
export interface ParsedPage {
  readonly page: PageModel;
  readonly bytes?: Uint8Array;
}

/** The cache keys of the files a part of the model gave. */
export type KnownFiles = ReadonlyArray<{ readonly path: string; readonly key: string }>;

/**
 * A file's text as its shard holds it: the text, or, for a text of `apartSize` or more, a mark that it is kept in an
 * entry of its own (a shard is read and written whole when one of its files changes: a megabyte or two for a few
 * kilobytes that changed), or, for a text as big that its description gives as it is, a mark that it is not kept.
 * That is api.md: a megabyte that changes with any member of any type, which the output holds as written and the
 * run reads only where the output lost it, then describing it again (tens of milliseconds, once) rather than writing
 * a megabyte to the cache after every edit that changes a type.
 */
type StoredText = string | { readonly apart: true } | { readonly describedAgain: true };

const apartSize = 128 * 1024;

/** A run looks up a few PageModels and file texts, and the facts, derivations and file keys of the whole model. */
const whole = { keyIndex: false };

export class PipelineCache {
  readonly enabled: boolean;
  readonly version: string;
  // Shards are read when a key of them is first looked up.
  private readonly pages: ShardedMap<Uint8Array>;
  private readonly facts: ShardedMap<PageFacts>;
  private readonly derived: ShardedMap<unknown>;
  private readonly derivedNow = new Map<string, unknown>();
  private readonly files: ShardedMap<StoredText>;
  private readonly emitted: ShardedMap<KnownFiles>;
  private readonly emittedNow = new Map<string, KnownFiles>();
  private readonly store: Cache;
  /** The names of the entries of texts kept apart begin with this, and end with the file's key. */
  private readonly apartPrefix: string;

  /**
   * The entries a run with the cache reads whole, in the order it reads them (the indexes of the PageModels and the
   * file texts, the facts, the derivations, the file keys): a worker reads them ahead while this thread starts up.
   */
  static entriesRead(config: Docs2tsConfig): string[] {
    const scope = cacheScope(config);
    return [
      ...ShardedMap.entriesReadWhole(scope.pages),
      ...ShardedMap.entriesReadWhole(scope.files),
      ...ShardedMap.entriesReadWhole(scope.facts, whole),
      ...ShardedMap.entriesReadWhole(scope.derived, whole),
      ...ShardedMap.entriesReadWhole(scope.emitted, whole),
    ];
  }

  constructor(cache: Cache, config: Docs2tsConfig) {
    const scope = cacheScope(config);
    this.enabled = cache.enabled;
    this.version = cache.version;
    this.pages = ShardedMap.read<Uint8Array>(cache, scope.pages);
    this.facts = ShardedMap.read<PageFacts>(cache, scope.facts, "json", whole);
    this.derived = ShardedMap.read<unknown>(cache, scope.derived, "json", whole);
    this.files = ShardedMap.read<StoredText>(cache, scope.files);
    this.store = cache;
    this.apartPrefix = `${scope.files}-apart-`;
    this.emitted = ShardedMap.read<KnownFiles>(cache, scope.emitted, "json", whole);
  }

  /** Reads now what the model and the plan will need, while a worker is busy parsing. */
  preloadDerived(): void {
    this.derived.readAll();
    this.emitted.readAll();
  }

  // Parse.

  /** Whether an earlier run parsed the page: its facts and PageModel are kept. */
  holdsPage(page: InputPage): boolean {
    return this.facts.get(page.key) !== undefined && this.pages.has(page.key);
  }

  factsOf(page: InputPage): PageFacts | undefined {
    return this.facts.get(page.key);
  }

  /** The PageModel an earlier run parsed, or undefined if the cache has lost it. */
  pageModelOf(page: InputPage): PageModel | undefined {
    const bytes = this.pages.get(page.key);
    return bytes && (deserialize(bytes) as PageModel);
  }

  /** Keeps the facts of every page read, and the PageModels (serialized): those parsed now, and those still in use. */
  storePages(pages: readonly InputPage[], facts: readonly PageFacts[], parsed: ReadonlyMap<string, Uint8Array>): void {
    this.pages.retain(
      pages.map((page) => page.key),
      parsed,
    );
    this.facts.replaceAll(pages.map((page, index) => [page.key, facts[index]!]));
  }

  // Model.

  /** What the model derived in earlier runs; this run keeps what it used or derived anew. */
  get modelMemo(): ModelMemo | undefined {
    if (!this.enabled) return undefined;
    return {
      get: (key) => {
        const value = this.derived.get(key);
        if (value !== undefined) this.derivedNow.set(key, value);
        return value;
      },
      set: (key, value) => this.derivedNow.set(key, value),
    };
  }

  storeDerived(): void {
    this.derived.replaceAll(this.derivedNow);
  }

  // Plan.

  /** The keys of the files each part of the model gave in earlier runs; this run keeps those it used or made. */
  get planMemo(): { get(key: string): KnownFiles | undefined } | undefined {
    if (!this.enabled) return undefined;
    return {
      get: (key) => {
        const known = this.emitted.get(key);
        if (known) this.emittedNow.set(key, known);
        return known;
      },
    };
  }

  // Render.

  /** Whether the cache holds any file: a cold run has none to look up. */
  get holdsFiles(): boolean {
    return this.files.size > 0;
  }

  holdsFile(key: string): boolean {
    return this.files.has(key);
  }

  /** The text of the file of `key`; undefined where the cache has lost it, or does not keep it. */
  fileText(key: string): string | undefined {
    const stored = this.files.get(key);
    if (typeof stored !== "object") return stored;
    return "apart" in stored ? this.store.read<string>(`${this.apartPrefix}${key}.bin`) : undefined;
  }

  /**
   * Keeps the texts of the package's files (the ones rendered now are given; the others stay as stored) and, per
   * part of the model, the keys of its files. Of the big texts, those `asDescribed` (by key: texts their description
   * gives as they are) are not kept.
   */
  storeFiles(
    fileKeys: ReadonlyMap<string, string>,
    rendered: ReadonlyMap<string, string>,
    parts: ReadonlyArray<{ readonly key: string; readonly paths: readonly string[] }>,
    asDescribed: ReadonlySet<string> = new Set(),
  ): void {
    const fresh = new Map<string, StoredText>();
    for (const [key, text] of rendered) {
      if (text.length < apartSize) {
        fresh.set(key, text);
        continue;
      }
      if (asDescribed.has(key)) {
        fresh.set(key, { describedAgain: true });
        continue;
      }
      this.store.write(`${this.apartPrefix}${key}.bin`, text);
      fresh.set(key, { apart: true });
    }
    this.files.retain(fileKeys.values(), fresh);
    // The texts kept apart of files no longer in the package go (only a run that rendered something replaced any).
    if (rendered.size > 0) {
      const kept = new Set(fileKeys.values());
      for (const name of this.store.names(this.apartPrefix))
        if (!kept.has(name.slice(this.apartPrefix.length, -".bin".length))) this.store.remove(name);
    }
    for (const part of parts)
      this.emittedNow.set(
        part.key,
        part.paths.map((path) => ({ path, key: fileKeys.get(path)! })),
      );
    this.emitted.replaceAll(this.emittedNow);
  }
}
