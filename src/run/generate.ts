/**
 * The pipeline, one page's way from disk to output:
 *
 *   read    the docs set on disk -> the pages, each keyed by the hash of its path and text      (docs-set.ts)
 *   parse   a page's text -> its PageModel, and the facts the model reads of it          (src/parse, on workers)
 *   model   every page's facts and, where a derivation needs it, its PageModel -> the ApiModel      (src/model)
 *   plan    the ApiModel -> a description of every file of the package                              (src/emit)
 *   render  a file's description -> its text                                       (src/emit/render, on workers)
 *   release the package against the one it replaces -> its version and changelog                 (release.ts)
 *   write   each text, as soon as it is known, to the caller's `onFile`: the output's staging (output.ts)
 *
 * Each stage is a function below with its inputs and outputs. Two layers wrap them from outside: the cache
 * (pipeline-cache.ts), which gives each stage what earlier runs made from the same inputs (pages by their key,
 * derivations by the hash of what they read, files by the hash of their description) so that a run does only
 * what changed; and the worker pool (workers/jobs.ts), which parses and renders on worker threads. A page that
 * cannot be read or parsed becomes a diagnostic, never a crash of the run. The output is the same with or without
 * the cache, and for any number of workers.
 */
import { Cache } from "./cache.js";
import type { Docs2tsConfig } from "./config.js";
import {
  compareDiagnostics,
  withDeferredDiagnostics,
  type DeferringDiagnostics,
  type Diagnostic,
} from "../diagnostics/index.js";
import { readInput, readPage, type DocsInput, type InputPage } from "./docs-set.js";
import { fileKey, pendingOf, type EmittedFile, type PendingFile } from "../emit/files.js";
import { emitPackage, type EmittedPackage } from "../emit/index.js";
import { buildApiModel, pageFacts, type ApiModel, type PageFacts } from "../model/index.js";
import type { PageModel } from "../parse/index.js";
import { PipelineCache, type ParsedPage } from "./pipeline-cache.js";
import type { ProgressEvent, RunStats, Timings } from "./stats.js";
import { releasePackage, releaseFiles, type Release } from "./release.js";
import { Jobs } from "./workers/jobs.js";
import type { WorkerPool } from "./workers/pool.js";
import { minimumPoolJobs } from "./workers/pool.js";

export type { ProgressEvent, RunStats, Timings } from "./stats.js";

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
  /** The files in the output, where the caller lists them anyway (the output's staging): the release asks for them. */
  readonly outputFiles?: () => Promise<ReadonlySet<string>>;
  /**
   * Pages that `stat` shows changed since the last run. A few of them are parsed at once, on a worker while this
   * thread reads the cache, which will hardly hold them. A hint only: every page is still looked up by the hash of
   * its text, and one the cache holds after all is taken from it.
   */
  readonly changedOnDisk?: ReadonlySet<string>;
  /**
   * A pool the caller started before it had the docs set read, so that its worker is up by the time there are
   * pages to parse: generate uses and grows it, and closes it once the files are rendered (at once when a run has
   * nothing to render); the caller closes it in any case.
   */
  readonly pool?: WorkerPool;
}

/** What a run made, with every diagnostic of the run: the model's deferred ones are deferred here too. */
export interface GenerateResult extends DeferringDiagnostics {
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
  const store = options.cache ?? Cache.disabled("uncached");
  const docs = input ?? readInput(config, store.version);
  const jobs = new Jobs(docs.files.length, options, options.progress);
  const clock = new Stopwatch();
  try {
    // The few pages changed on disk start parsing on the worker already up, while this thread reads the cache.
    const early = parseEarly(docs, options.changedOnDisk, jobs, store.enabled);
    const cache = new PipelineCache(store, config);

    const read = readStage(config, docs, cache);
    if (early.pages.size > 0) cache.preloadDerived();
    clock.lap("cache");

    const parsed = await parseStage(read.pages, early, cache, jobs);
    // The texts were the parser's: a page is read again in the rare run that must parse it again.
    forgetTexts(docs.files);
    forgetTexts(read.pages);
    clock.lap("parse");
    // The workers load the printers and prettier while this thread links the pages; a failure shows again when
    // rendering.
    void (early.preparing ?? jobs.prepareRendering(true))?.catch(() => undefined);

    const { model, facts } = await modelStage(config, read.pages, parsed, cache, jobs);
    // Nothing reads the PageModels again: on a big docs set they are most of what a run holds.
    parsed.models.clear();
    clock.lap("model");

    const plan = planStage(model, config, displayInput, cache);
    clock.lap("emit");

    // The lookup takes the plan's files over: from here on a description is held only till its file is rendered.
    const render = lookUpFiles(plan.files.splice(0), cache, options.holds);
    // With nothing to render, the workers are done: stopped now, they take no more CPU from this thread, and stop
    // while it writes the cache instead of at the end of the run.
    if (render.pending.length === 0) jobs.stopEarly();
    const renderer = jobs.renderer(render.pending);
    clock.lap("cache");
    // The files to render queue on the workers behind their loading of the printers.
    const rendering = renderStage(render, renderer, options.onFile);
    // write: the files the cache holds and the texts kept as they are go out at once, the others as they are rendered.
    render.texts.forEach((text, index) => text !== undefined && options.onFile?.(render.paths[index]!, text));
    // Written while the workers render, or load the printers first (after a cold parse, megabytes of PageModels to
    // serialize; after an edit, the derivations that changed).
    cache.storePages(read.pages, facts, parsed.bytes);
    cache.storeDerived();
    if (cache.enabled) render.keys ??= render.keysOf();
    await rendering;
    // The workers are done: their threads are taken down (tens of milliseconds) while this thread writes the cache
    // and the release, rather than after the run.
    jobs.stopEarly();
    clock.lap("render");

    const emittedTexts = new Map<string, string>();
    render.paths.forEach((path, index) => render.held.has(path) || emittedTexts.set(path, render.texts[index]!));
    const { keys } = render;
    const fileKeys = keys && new Map(render.paths.map((path, index) => [path, keys[index]!]));
    if (keys) {
      // The texts of files held were not read: the cache keeps them as stored.
      const rendered = new Map(render.rendered.map((index) => [keys[index]!, render.texts[index]!]));
      cache.storeFiles(fileKeys!, rendered, plan.parts, new Set(render.asDescribed.map((index) => keys[index]!)));
    }
    clock.lap("cache");

    // release: the package compared with the one it replaces gives its version and changelog.
    const released = await releasePackage({
      out: config.out,
      packageName: config.packageName,
      packageVersion: config.packageVersion,
      files: emittedTexts,
      held: render.held,
      ...(options.outputFiles ? { outputFiles: options.outputFiles } : {}),
    });
    for (const [path, text] of released.files) {
      emittedTexts.set(path, text);
      fileKeys?.delete(path);
      onFile?.(path, text);
    }
    const files = new Map([...emittedTexts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
    clock.lap("release");

    const result = {
      pages: facts,
      model,
      emitted: { diagnostics: plan.diagnostics, counts: plan.counts },
      files,
      held: render.held,
      fileKeys,
      release: released.release,
      keys: Object.fromEntries(read.pages.map((page) => [page.file, page.key])),
      stats: {
        pages: facts.length,
        pagesFromCache: parsed.fromCache,
        // The release stage's files (the changelog) are files of the package too.
        files: new Set([...render.paths, ...files.keys()]).size,
        filesFromCache: render.paths.length - render.rendered.length,
        timings: clock.timings,
      },
    };
    return withDiagnostics(result, read.unreadable, plan.diagnostics);
  } finally {
    await jobs.close();
  }
}

/**
 * The result with the run's diagnostics, the model's deferred ones made only when `diagnostics` is read. A function
 * of its own, so that the getter holds the model and not the run's stages (the plan, the pages read).
 */
function withDiagnostics(
  result: Omit<GenerateResult, keyof DeferringDiagnostics>,
  unreadable: readonly Diagnostic[],
  planned: readonly Diagnostic[],
): GenerateResult {
  const { model } = result;
  const reported = [...unreadable, ...model.reported, ...planned].sort(compareDiagnostics);
  return withDeferredDiagnostics(result, reported, model.deferred, () => {
    const shown = new Set(model.reported);
    return model.diagnostics.filter((diagnostic) => !shown.has(diagnostic));
  });
}

// read

interface ReadPages {
  /** Every page of the docs set that could be read, in path order: its text when read now, else its key alone. */
  readonly pages: InputPage[];
  readonly unreadable: Diagnostic[];
}

/**
 * The pages of the docs set (readInput read the ones whose stat changed since the last run). A page taken on trust
 * from its stat is read after all when the cache has lost it.
 */
function readStage(config: Docs2tsConfig, docs: DocsInput, cache: PipelineCache): ReadPages {
  const unreadable = [...docs.unreadable];
  const pages = docs.files.flatMap((page): InputPage[] => {
    if (page.text !== undefined || cache.holdsPage(page)) return [page];
    const read = readPage(config.input, page.file);
    if ("text" in read) return [read];
    unreadable.push(read);
    return [];
  });
  return { pages, unreadable };
}

// parse

interface EarlyParse {
  readonly pages: ReadonlySet<InputPage>;
  readonly parsing: Promise<ParsedPage[]>;
  /** The worker's loading of the printers, queued after those pages. */
  readonly preparing: Promise<unknown> | undefined;
}

/**
 * Pages that `stat` shows changed since the last run, parsed at once on the worker already up while this thread
 * reads the cache, which will hardly hold them. Many pages changed on disk (a checkout touches them all) may still
 * be in the cache: those wait for it.
 */
function parseEarly(
  docs: DocsInput,
  changedOnDisk: ReadonlySet<string> | undefined,
  jobs: Jobs,
  keepBytes: boolean,
): EarlyParse {
  const changed = docs.files.filter(
    (page): page is Required<InputPage> => page.text !== undefined && changedOnDisk?.has(page.file) === true,
  );
  const early = jobs.started && changed.length <= minimumPoolJobs ? changed : [];
  return {
    pages: new Set(early),
    parsing: jobs.parseOnStarted(early, keepBytes),
    // After those few pages the worker loads the printers, while this thread is still reading the cache. Prettier waits
    // till a file needs it: the few files such a change renders seldom do, and loading it is CPU this thread lacks.
    preparing: early.length > 0 ? jobs.prepareRendering(false) : undefined,
  };
}

interface ParsedPages {
  /** The PageModels of the pages parsed in this run, by key; the cache holds the others. */
  readonly models: Map<string, PageModel>;
  /** The same serialized (node:v8), for the cache to keep; none without a cache. */
  readonly bytes: Map<string, Uint8Array>;
  readonly fromCache: number;
}

/** Parses every page the cache does not hold (those parsed early aside). */
async function parseStage(
  pages: readonly InputPage[],
  early: EarlyParse,
  cache: PipelineCache,
  jobs: Jobs,
): Promise<ParsedPages> {
  const missing = pages.filter((page): page is Required<InputPage> => !cache.holdsPage(page));
  const late = missing.filter((page) => !early.pages.has(page));
  const parsed: ParsedPages = { models: new Map(), bytes: new Map(), fromCache: pages.length - missing.length };
  const results = [...(await early.parsing), ...(await jobs.parse(late, cache.enabled))];
  keepParsed(parsed, [...early.pages, ...late], results);
  return parsed;
}

function keepParsed(parsed: ParsedPages, pages: readonly InputPage[], results: readonly ParsedPage[]): void {
  pages.forEach((page, index) => {
    const { page: model, bytes } = results[index]!;
    parsed.models.set(page.key, model);
    if (bytes) parsed.bytes.set(page.key, bytes);
  });
}

/** Drops the text of every page read: the pages keep their file and key, as pages taken on trust from `stat` do. */
function forgetTexts(pages: InputPage[]): void {
  pages.forEach((page, index) => {
    if (page.text !== undefined) pages[index] = { file: page.file, key: page.key };
  });
}

// model

/**
 * Builds the model from the facts of the pages, reading a PageModel (parsed in this run, else from the cache) only
 * where a derivation needs it. A PageModel the cache turns out to have lost is parsed, and the model built again.
 */
async function modelStage(
  config: Docs2tsConfig,
  pages: readonly InputPage[],
  parsed: ParsedPages,
  cache: PipelineCache,
  jobs: Jobs,
): Promise<{ model: ApiModel; facts: PageFacts[] }> {
  const facts = pages.map((page) => {
    const parsedPage = parsed.models.get(page.key);
    return parsedPage ? pageFacts(parsedPage) : cache.factsOf(page)!;
  });
  const byPath = new Map(pages.map((page) => [page.file, page]));
  const pageKeys = new Map(pages.map((page) => [page.file, page.key]));
  const memo = cache.modelMemo;
  for (;;) {
    let lost = false;
    const load = (path: string): PageModel => {
      const page = byPath.get(path)!;
      const model = parsed.models.get(page.key) ?? cache.pageModelOf(page);
      if (model) return model;
      lost = true;
      throw new Error(`the cache has lost the PageModel of ${path}`);
    };
    try {
      const model = buildApiModel({ facts, load }, { baseUrl: config.baseUrl, ...(memo ? { memo, pageKeys } : {}) });
      return { model, facts };
    } catch (error) {
      if (!lost) throw error;
      // The cache lost PageModels it listed: every page it cannot give is read and parsed, and the model built again.
      const again = pages
        .filter((page) => !parsed.models.has(page.key) && cache.pageModelOf(page) === undefined)
        .map((page) => {
          const read = page.text === undefined ? readPage(config.input, page.file) : (page as Required<InputPage>);
          if (!("text" in read)) throw new Error(`${page.file} could not be read again: ${read.message}`);
          if (read.key !== page.key) throw new Error(`${page.file} changed while docs2ts was reading the docs`);
          return read;
        });
      keepParsed(parsed, again, await jobs.parse(again, cache.enabled));
    }
  }
}

// plan

/** Describes every file of the package; a part of the model whose files the cache knows gives their keys alone. */
function planStage(model: ApiModel, config: Docs2tsConfig, displayInput: string, cache: PipelineCache): EmittedPackage {
  const memo = cache.planMemo;
  return emitPackage(model, {
    packageName: config.packageName,
    packageVersion: config.packageVersion,
    baseUrl: config.baseUrl,
    docsLabel: displayInput,
    typescriptVersion: config.typescriptVersion,
    typesNodeVersion: config.typesNodeVersion,
    ...(memo ? { memo } : {}),
  });
}

// render

/** The package's files as the cache knows them: texts found, files held, and the files left to render. */
interface FileLookup {
  /** The path of each file of the plan, by position. */
  readonly paths: string[];
  /** The text of each file of the plan, by position: from the cache, or once rendered. */
  readonly texts: Array<string | undefined>;
  /** The files `holds` took: the output holds them as written; their text is looked up only if asked for. */
  readonly held: Map<string, () => Promise<string>>;
  /** The files to render, described: the renderer lets go of each once it is rendered. */
  readonly pending: PendingFile[];
  /** The position in the plan of each file to render. */
  readonly pendingAt: number[];
  /** The position in the plan of each file whose text this run made: those to render, and texts kept as they are. */
  readonly rendered: number[];
  /** The position in the plan of each text kept as it is (api.md): its description is its text. */
  readonly asDescribed: number[];
  /** The cache key of each file of the plan; left undefined by a cold run till the files are rendering. */
  keys: string[] | undefined;
  /** The keys, computed from the plan's files (which the lookup holds till then with the cache on). */
  keysOf(): string[];
}

function lookUpFiles(files: EmittedFile[], cache: PipelineCache, holds: GenerateOptions["holds"]): FileLookup {
  const keysOf = (described: readonly EmittedFile[]): string[] =>
    described.map((file) => ("key" in file ? file.key : fileKey(file, cache.version)));
  // A cache holding no file (a cold run) has none to look up: every file renders, and the keys wait till then.
  const keys = cache.holdsFiles ? keysOf(files) : undefined;
  const held = new Map<string, () => Promise<string>>();
  const texts = files.map((file, index): string | undefined => {
    const key = keys?.[index];
    if (key === undefined || !cache.holdsFile(key)) return undefined;
    if (!holds?.(file.path, key)) return cache.fileText(key);
    held.set(file.path, async () => {
      const text = cache.fileText(key);
      if (text !== undefined) return text;
      const { renderFile } = await import("../emit/render.js");
      return renderFile(pendingOf(file));
    });
    return undefined;
  });
  // A file known by its key whose text the cache no longer has is described again.
  const pending: PendingFile[] = [];
  const pendingAt: number[] = [];
  const rendered: number[] = [];
  const asDescribed: number[] = [];
  files.forEach((file, index) => {
    if (texts[index] !== undefined || held.has(file.path)) return;
    const described = pendingOf(file);
    rendered.push(index);
    // A text kept as it is (api.md, a megabyte after a property row is added) is its own rendering: not sent to a
    // worker and back.
    if (described.content.kind === "text" && described.content.format === "as-is") {
      texts[index] = described.content.text;
      asDescribed.push(index);
      return;
    }
    pending.push(described);
    pendingAt.push(index);
  });
  // Without the cache, no key is asked for: the descriptions are the pending list's alone.
  let unkeyed = cache.enabled && !keys ? files : undefined;
  return {
    paths: files.map((file) => file.path),
    texts,
    held,
    pending,
    pendingAt,
    rendered,
    asDescribed,
    keys,
    keysOf: () => {
      if (!unkeyed) throw new Error("the files' keys are computed once, for the cache");
      const computed = keysOf(unkeyed);
      unkeyed = undefined;
      return computed;
    },
  };
}

/** Renders the files left to render, handing each text to `onFile` as it comes. */
async function renderStage(
  lookup: FileLookup,
  render: ReturnType<Jobs["renderer"]>,
  onFile: GenerateOptions["onFile"],
): Promise<void> {
  await render((file, text, index) => {
    lookup.texts[lookup.pendingAt[index]!] = text;
    onFile?.(file.path, text);
  });
}

/** Where the run's time went, by phase. */
class Stopwatch {
  readonly timings: Timings = {};
  private started = performance.now();

  lap(phase: keyof Timings): void {
    const now = performance.now();
    this.timings[phase] = (this.timings[phase] ?? 0) + now - this.started;
    this.started = now;
  }
}
