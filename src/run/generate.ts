/**
 * The pipeline: read the docs set, parse every page, link the pages into an ApiModel, describe the package's files,
 * render them. Parsing and rendering, the expensive steps, run on a pool of worker threads and only for what the
 * cache does not hold: pages by the hash of their text, files by the hash of their description. A page that cannot
 * be read or parsed becomes a diagnostic, never a crash of the run. The output is the same with or without the
 * cache, and for any number of workers.
 */
import { deserialize, serialize } from "node:v8";
import { Cache, cacheScope, ShardedMap } from "./cache.js";
import type { Docs2tsConfig } from "./config.js";
import { compareDiagnostics, type Diagnostic } from "../diagnostics/index.js";
import { readInput, readPage, type DocsInput, type InputPage } from "./docs-set.js";
import { fileKey, pendingOf, type PendingFile } from "../emit/files.js";
import { emitPackage, type EmittedPackage } from "../emit/index.js";
import { buildApiModel, pageFacts, type ApiModel, type ModelMemo, type PageFacts } from "../model/index.js";
import type { PageModel } from "../parse/index.js";
import { releasePackage, releaseFiles, type Release } from "./release.js";
import { batches, defaultWorkerCount, minimumPoolJobs, WorkerPool } from "./workers/pool.js";

/** A page parsed in this run: its PageModel, and the PageModel serialized for the cache. */
interface ParsedPage {
  readonly page: PageModel;
  readonly bytes: Uint8Array;
}

/** The cache keys of the files a part of the model gave. */
type KnownFiles = ReadonlyArray<{ readonly path: string; readonly key: string }>;

export interface GenerateOptions {
  readonly cache?: Cache;
  /** Worker threads for parsing and rendering; 0 does everything on this thread. */
  readonly workers?: number;
  readonly progress?: (event: ProgressEvent) => void;
  /**
   * Called with each file of the package as soon as its text is known (in no particular order), so that the
   * caller can write it while the rest render.
   */
  readonly onFile?: (path: string, text: string) => void;
  /**
   * Asked of each file the cache holds, by its cache key, before its text is looked up: true when the caller has
   * no need of the text (the output holds the file as written), and the file goes to `held` instead of `files`.
   */
  readonly holds?: (path: string, key: string) => boolean;
  /**
   * Pages that `stat` shows changed since the last run. A few of them are parsed at once, on a worker while this
   * thread reads the cache, which will hardly hold them. A hint only: every page is still looked up by the hash of
   * its text, and one the cache holds after all is taken from it.
   */
  readonly changedOnDisk?: ReadonlySet<string>;
  /**
   * A pool the caller started before it had the docs set read, so that its worker is up by the time there are
   * pages to parse: generate uses and grows it, and closes it early when a run has nothing to render; the caller
   * closes it in any case.
   */
  readonly pool?: WorkerPool;
}

export interface ProgressEvent {
  readonly phase: "parse" | "render";
  readonly done: number;
  readonly total: number;
}

export interface RunStats {
  readonly pages: number;
  readonly pagesFromCache: number;
  readonly files: number;
  readonly filesFromCache: number;
  /** Where the run's time went, in milliseconds per phase (`--verbose` prints them). */
  readonly timings: Timings;
}

export type Timings = { -readonly [phase in "cache" | "parse" | "model" | "emit" | "render" | "release"]?: number };

export interface GenerateResult {
  readonly pages: PageFacts[];
  readonly model: ApiModel;
  readonly emitted: Pick<EmittedPackage, "diagnostics" | "counts">;
  /** Package-relative path -> content, in path order; of every file of the package but those `held`. */
  readonly files: Map<string, string>;
  /** The files `options.holds` took, by path: their text, from the cache (or rendered again) when asked for. */
  readonly held: ReadonlyMap<string, () => Promise<string>>;
  /** The cache key of every file of the package, by path, when the cache is on. */
  readonly fileKeys: ReadonlyMap<string, string> | undefined;
  /** How this package compares with the one in the output it replaces: its version and what changed. */
  readonly release: Release;
  /** Every diagnostic of the run, in file and position order. */
  readonly diagnostics: Diagnostic[];
  /** The key of every page read, by path, for the next run to take on trust from the pages' stat. */
  readonly keys: Record<string, string>;
  readonly stats: RunStats;
}

export async function generate(
  config: Docs2tsConfig,
  displayInput = "docs",
  options: GenerateOptions = {},
  input?: DocsInput,
): Promise<GenerateResult> {
  // package.json and CHANGELOG.md are the release stage's, known only when the rest of the package is.
  const { onFile, holds } = options;
  options = {
    ...options,
    ...(onFile ? { onFile: (path, text) => releaseFiles.has(path) || onFile(path, text) } : {}),
    ...(holds ? { holds: (path, key) => !releaseFiles.has(path) && holds(path, key) } : {}),
  };
  const cache = options.cache ?? Cache.disabled("uncached");
  const docs = input ?? readInput(config, cache.version);
  const scope = cacheScope(config);
  const workers = options.workers ?? defaultWorkerCount();
  const timings: Timings = {};
  let lapStarted = performance.now();
  const lap = (phase: keyof Timings): void => {
    const now = performance.now();
    timings[phase] = (timings[phase] ?? 0) + now - lapStarted;
    lapStarted = now;
  };
  // A docs set this big takes a while to read from the cache and link: one worker starts at once (unless the caller
  // started it) and loads the parser and the printers meanwhile, so that the few pages and files a small change
  // leaves to parse and render do not wait for them. Big jobs start more workers; a small docs set is done sooner on
  // this thread alone.
  let pool = options.pool ?? (workers > 0 && docs.files.length >= minimumPoolJobs ? new WorkerPool(1) : undefined);
  const poolFor = (jobs: number): WorkerPool | undefined => {
    if (workers > 0 && jobs >= minimumPoolJobs) {
      pool ??= new WorkerPool(0);
      pool.grow(Math.min(workers, Math.ceil(jobs / minimumPoolJobs)));
    }
    return pool;
  };
  // Each page's PageModel, and its bytes (node:v8), which the cache keeps as they are.
  const parsePages = (
    files: ReadonlyArray<Required<InputPage>>,
    parsePool: WorkerPool | undefined,
  ): Promise<ParsedPage[]> =>
    runJobs(
      files,
      "parse",
      options.progress,
      parsePool &&
        (async (batch) => {
          const serialized = await parsePool.parse(batch.map(({ file, text }) => ({ file, text })));
          return serialized.map((bytes) => ({ page: deserialize(bytes) as PageModel, bytes }));
        }),
      async () => {
        const { parsePageSafely } = await import("../parse/index.js");
        return ({ file, text }) => {
          const page = parsePageSafely(file, text);
          return { page, bytes: serialize(page) };
        };
      },
    );
  try {
    // Many pages changed on disk (a checkout touches them all) may still be in the cache: those wait for it.
    const changedOnDisk = docs.files.filter(
      (file): file is Required<InputPage> => file.text !== undefined && options.changedOnDisk?.has(file.file) === true,
    );
    const early = pool && changedOnDisk.length <= minimumPoolJobs ? changedOnDisk : [];
    const parsingEarly = parsePages(early, pool);
    // After those few pages the worker loads ts-morph, while this thread is still reading the cache. Prettier waits
    // till a file needs it: the few files such a change renders seldom do, and loading it is CPU this thread lacks.
    const preparingEarly = early.length > 0 ? pool?.prepareRendering(false) : undefined;
    // PageModels are read from the cache only when a derivation needs one; the facts of every page are read.
    const cachedPages = ShardedMap.read<Uint8Array>(cache, scope.pages);
    const cachedFacts = ShardedMap.read<PageFacts>(cache, scope.facts, "json");
    const cached = (file: InputPage): boolean => cachedFacts.get(file.key) !== undefined && cachedPages.has(file.key);
    // A page taken on trust from its stat is read after all when the cache has lost it.
    const unreadable = [...docs.unreadable];
    const inputPages = docs.files.flatMap((file): InputPage[] => {
      if (file.text !== undefined || cached(file)) return [file];
      const read = readPage(config.input, file.file);
      if ("text" in read) return [read];
      unreadable.push(read);
      return [];
    });
    // What the model derived in earlier runs; this run keeps what it used or derived anew, and only that.
    const derived = ShardedMap.read<unknown>(cache, scope.derived, "json");
    const derivedNow = new Map<string, unknown>();
    const memo: ModelMemo = {
      get: (key) => {
        const value = derived.get(key);
        if (value !== undefined) derivedNow.set(key, value);
        return value;
      },
      set: (key, value) => derivedNow.set(key, value),
    };
    const cachedFiles = ShardedMap.read<string>(cache, scope.files);
    const emittedParts = ShardedMap.read<KnownFiles>(cache, scope.emitted, "json");
    // Read while the worker parses the pages changed on disk: the model and the emit will need them all.
    if (early.length > 0) {
      derived.readAll();
      emittedParts.readAll();
    }
    const missing = inputPages.filter((file): file is Required<InputPage> => !cached(file));
    const parsedEarly = new Set<InputPage>(early);
    const late = missing.filter((file) => !parsedEarly.has(file));
    lap("cache");

    const parsed = [...(await parsingEarly), ...(await parsePages(late, poolFor(late.length)))];
    const parsedByKey = new Map([...early, ...late].map((file, index) => [file.key, parsed[index]!]));
    const parsedPages = new Map([...parsedByKey].map(([key, { page }]) => [key, page]));
    lap("parse");
    // The workers load the printers while this thread links the pages; a failure shows again when rendering.
    const preparing = (preparingEarly ?? (pool as WorkerPool | undefined)?.prepareRendering(true))?.catch(
      () => undefined,
    );
    const pages = inputPages.map((file) => {
      const parsedPage = parsedPages.get(file.key);
      return parsedPage ? pageFacts(parsedPage) : cachedFacts.get(file.key)!;
    });
    const model = await buildModel(
      config,
      inputPages,
      pages,
      (page) => cachedPages.get(page.key),
      parsedPages,
      async (lost) => {
        const again = await parsePages(lost, poolFor(lost.length));
        lost.forEach((file, index) => parsedByKey.set(file.key, again[index]!));
        return again.map(({ page }) => page);
      },
      cache.enabled ? memo : undefined,
    );
    lap("model");
    // The keys of the files each part of the model gave in earlier runs; this run keeps those it used or made.
    const emittedNow = new Map<string, KnownFiles>();
    const emitted = emitPackage(model, {
      packageName: config.packageName,
      packageVersion: config.packageVersion,
      baseUrl: config.baseUrl,
      docsLabel: displayInput,
      typescriptVersion: config.typescriptVersion,
      typesNodeVersion: config.typesNodeVersion,
      ...(cache.enabled
        ? {
            memo: {
              get: (key: string) => {
                const known = emittedParts.get(key);
                if (known) emittedNow.set(key, known);
                return known;
              },
            },
          }
        : {}),
    });
    lap("emit");
    const keysOf = (): string[] =>
      emitted.files.map((file) => ("key" in file ? file.key : fileKey(file, cache.version)));
    // A cache holding no file (a cold run) has none to look up: every file renders, and the keys wait till then.
    let keys = cachedFiles.size > 0 ? keysOf() : undefined;
    // A file the output holds as the last run wrote it is not read: its text is looked up only if asked for.
    const held = new Map<string, () => Promise<string>>();
    const texts = emitted.files.map((file, index): string | undefined => {
      const key = keys?.[index];
      if (key === undefined || !cachedFiles.has(key)) return undefined;
      if (!options.holds?.(file.path, key)) return cachedFiles.get(key);
      held.set(file.path, async () => {
        const text = cachedFiles.get(key);
        if (text !== undefined) return text;
        const { renderFile } = await import("../emit/render.js");
        return renderFile(pendingOf(file));
      });
      return undefined;
    });
    // A file known by its key whose text the cache no longer has is described again.
    const toRender: PendingFile[] = [];
    const positions = new Map<PendingFile, number>();
    emitted.files.forEach((file, index) => {
      if (texts[index] !== undefined || held.has(file.path)) return;
      const pending = pendingOf(file);
      toRender.push(pending);
      positions.set(pending, index);
    });
    // With nothing to render, the workers are done: stopped now (most likely while loading the printers), they take
    // no more CPU from this thread, and stop while it writes the cache instead of at the end of the run.
    if (toRender.length === 0) void pool?.close();
    const renderPool = poolFor(toRender.length);
    lap("cache");
    emitted.files.forEach((file, index) => texts[index] !== undefined && options.onFile?.(file.path, texts[index]));
    // With nothing to render (the edit changed nothing the output shows), the printers are not waited for.
    if (toRender.length > 0) await preparing;
    const rendering = runJobs(
      toRender,
      "render",
      options.progress,
      renderPool && ((batch) => renderPool.render(batch)),
      async () => {
        const { renderFile } = await import("../emit/render.js");
        return renderFile;
      },
      (file, text) => {
        texts[positions.get(file)!] = text;
        options.onFile?.(file.path, text);
      },
    );
    // Written while the workers render (after a cold parse, megabytes of PageModels to serialize).
    cachedPages.retain(
      inputPages.map((file) => file.key),
      new Map([...parsedByKey].map(([key, { bytes }]) => [key, bytes])),
    );
    cachedFacts.replaceAll(inputPages.map((file, index) => [file.key, pages[index]!]));
    derived.replaceAll(derivedNow);
    if (cache.enabled) keys ??= keysOf();
    await rendering;
    lap("render");
    const emittedTexts = new Map<string, string>();
    emitted.files.forEach((file, index) => held.has(file.path) || emittedTexts.set(file.path, texts[index]!));
    const fileKeys = keys && new Map(emitted.files.map((file, index) => [file.path, keys![index]!]));
    if (fileKeys) {
      // The texts of files held were not read: the cache keeps them as stored.
      cachedFiles.retain(
        fileKeys.values(),
        new Map(toRender.map((file) => [fileKeys.get(file.path)!, texts[positions.get(file)!]!])),
      );
      for (const part of emitted.parts)
        emittedNow.set(
          part.key,
          part.paths.map((path) => ({ path, key: fileKeys.get(path)! })),
        );
      emittedParts.replaceAll(emittedNow);
    }
    lap("cache");
    const released = await releasePackage({
      out: config.out,
      packageName: config.packageName,
      packageVersion: config.packageVersion,
      files: emittedTexts,
      held,
    });
    for (const [path, text] of released.files) {
      emittedTexts.set(path, text);
      fileKeys?.delete(path);
      onFile?.(path, text);
    }
    const files = new Map([...emittedTexts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
    lap("release");

    const diagnostics = [...unreadable, ...model.diagnostics, ...emitted.diagnostics].sort(compareDiagnostics);
    return {
      pages,
      model,
      emitted: { diagnostics: emitted.diagnostics, counts: emitted.counts },
      files,
      held,
      fileKeys,
      release: released.release,
      diagnostics,
      keys: Object.fromEntries(inputPages.map((file) => [file.file, file.key])),
      stats: {
        pages: pages.length,
        pagesFromCache: pages.length - missing.length,
        files: emitted.files.length,
        filesFromCache: emitted.files.length - toRender.length,
        timings,
      },
    };
  } finally {
    if (pool !== options.pool) await (pool as WorkerPool | undefined)?.close();
  }
}

/**
 * Builds the model from the facts of the pages, reading a PageModel (parsed in this run, else from the cache) only
 * where a derivation needs it. A PageModel the cache turns out to have lost is parsed, and the model built again.
 */
async function buildModel(
  config: Docs2tsConfig,
  inputPages: readonly InputPage[],
  facts: readonly PageFacts[],
  /** The page's PageModel as the cache holds it, serialized. */
  cachedBytes: (page: InputPage) => Uint8Array | undefined,
  parsed: Map<string, PageModel>,
  parse: (pages: Array<Required<InputPage>>) => Promise<PageModel[]>,
  memo: ModelMemo | undefined,
): Promise<ApiModel> {
  const byPath = new Map(inputPages.map((page) => [page.file, page]));
  const pageKeys = new Map(inputPages.map((page) => [page.file, page.key]));
  for (;;) {
    let lost = false;
    const load = (path: string): PageModel => {
      const page = byPath.get(path)!;
      const parsedPage = parsed.get(page.key);
      if (parsedPage) return parsedPage;
      const bytes = cachedBytes(page);
      if (bytes) return deserialize(bytes) as PageModel;
      lost = true;
      throw new Error(`the cache has lost the PageModel of ${path}`);
    };
    try {
      return buildApiModel({ facts, load }, { baseUrl: config.baseUrl, ...(memo ? { memo, pageKeys } : {}) });
    } catch (error) {
      if (!lost) throw error;
      // The cache lost PageModels it listed: every page it cannot give is read and parsed, and the model built again.
      const again = inputPages
        .filter((page) => !parsed.has(page.key) && cachedBytes(page) === undefined)
        .map((page) => {
          const read = page.text === undefined ? readPage(config.input, page.file) : (page as Required<InputPage>);
          if (!("text" in read)) throw new Error(`${page.file} could not be read again: ${read.message}`);
          if (read.key !== page.key) throw new Error(`${page.file} changed while docs2ts was reading the docs`);
          return read;
        });
      const pages = await parse(again);
      again.forEach((page, index) => parsed.set(page.key, pages[index]!));
    }
  }
}

/**
 * Runs a job over every item, in batches on the pool when there is one, else one by one on this thread, and
 * reports progress and each result as it comes; the results come back in the order of the items.
 */
async function runJobs<T, R>(
  items: readonly T[],
  phase: ProgressEvent["phase"],
  progress: GenerateOptions["progress"],
  onPool: ((batch: T[]) => Promise<R[]>) | undefined,
  onThisThread: () => Promise<(item: T) => R | Promise<R>>,
  onResult?: (item: T, result: R) => void,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let done = 0;
  const record = (start: number, batch: R[]): void => {
    batch.forEach((result, index) => {
      results[start + index] = result;
      onResult?.(items[start + index]!, result);
    });
    done += batch.length;
    progress?.({ phase, done, total: items.length });
  };
  if (items.length === 0) return results;
  if (!onPool) {
    const job = await onThisThread();
    for (const [index, item] of items.entries()) record(index, [await job(item)]);
    return results;
  }
  const size = 40;
  await Promise.all(batches(items, size).map(async (batch, index) => record(index * size, await onPool(batch))));
  return results;
}
