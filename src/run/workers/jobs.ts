/**
 * The run's two expensive jobs, parsing pages and rendering files, on a pool of worker threads when there are
 * enough of them, else on this thread; results come back in the order of the items whatever the worker count.
 * A layer the pipeline's stages (generate.ts) call, so that the stages read the same with or without workers.
 */
import { deserialize, serialize } from "node:v8";
import type { InputPage } from "../docs-set.js";
import type { PendingFile } from "../../emit/files.js";
import type { PageModel } from "../../parse/index.js";
import type { ParsedPage } from "../pipeline-cache.js";
import type { ProgressEvent } from "../stats.js";
import { defaultWorkerCount, minimumPoolJobs, WorkerPool } from "./pool.js";

export class Jobs {
  private readonly workers: number;
  private readonly callersPool: WorkerPool | undefined;
  private pool: WorkerPool | undefined;

  /**
   * A docs set this big takes a while to read from the cache and link: one worker starts at once (unless the caller
   * started it) and loads the parser and the printers meanwhile, so that the few pages and files a small change
   * leaves to parse and render do not wait for them. Big jobs start more workers; a small docs set is done sooner
   * on this thread alone.
   */
  constructor(
    pages: number,
    options: { readonly workers?: number; readonly pool?: WorkerPool },
    private readonly progress: ((event: ProgressEvent) => void) | undefined,
  ) {
    this.workers = options.workers ?? defaultWorkerCount();
    this.callersPool = options.pool;
    this.pool = options.pool ?? (this.workers > 0 && pages >= minimumPoolJobs ? new WorkerPool(1) : undefined);
  }

  /** Whether a worker is up already (started by the caller, or for a big docs set). */
  get started(): boolean {
    return this.pool !== undefined;
  }

  /** The pool, started or grown for this many jobs when they are enough to be worth it. */
  private poolFor(jobs: number): WorkerPool | undefined {
    if (this.workers > 0 && jobs >= minimumPoolJobs) {
      this.pool ??= new WorkerPool(0);
      this.pool.grow(Math.min(this.workers, Math.ceil(jobs / minimumPoolJobs)));
    }
    return this.pool;
  }

  /**
   * Each page's PageModel, and with `keepBytes` its bytes (node:v8), which the cache keeps as they are; without a
   * cache they are let go at once (on a big docs set, tens of megabytes outside the heap).
   */
  parse(pages: ReadonlyArray<Required<InputPage>>, keepBytes: boolean): Promise<ParsedPage[]> {
    return this.parseOn(pages, this.poolFor(pages.length), keepBytes);
  }

  /** Parses a few pages on the worker already up, without starting more. */
  parseOnStarted(pages: ReadonlyArray<Required<InputPage>>, keepBytes: boolean): Promise<ParsedPage[]> {
    return this.parseOn(pages, this.pool, keepBytes);
  }

  private async parseOn(
    pages: ReadonlyArray<Required<InputPage>>,
    pool: WorkerPool | undefined,
    keepBytes: boolean,
  ): Promise<ParsedPage[]> {
    const parsed = new Array<ParsedPage>(pages.length);
    await runJobs(
      pages,
      "parse",
      this.progress,
      pool &&
        (async (batch) => {
          const serialized = await pool.parse(batch.map(({ file, text }) => ({ file, text })));
          return serialized.map((bytes) => ({
            page: deserialize(bytes) as PageModel,
            ...(keepBytes ? { bytes } : {}),
          }));
        }),
      async () => {
        const { parsePageSafely } = await import("../../parse/index.js");
        return ({ file, text }) => {
          const page = parsePageSafely(file, text);
          return { page, ...(keepBytes ? { bytes: serialize(page) } : {}) };
        };
      },
      (_, page, index) => (parsed[index] = page),
    );
    return parsed;
  }

  /** Has the workers load what rendering needs (prettier too, with `formatter`) while this thread does other work. */
  prepareRendering(formatter: boolean): Promise<unknown> | undefined {
    return this.pool?.prepareRendering(formatter);
  }

  /**
   * Sizes the pool for rendering `files` now (before the printers are waited for), and gives the function that
   * starts rendering them, reporting each text as it comes, with the file's index in `files`. The jobs are sent to
   * the workers when it is called. The renderer takes `files` over: each entry is emptied once its text is reported,
   * so that a description is held only till its file is rendered (on a big docs set, the descriptions of the files
   * are the most the run holds), and the texts are the caller's to keep or let go.
   */
  renderer(files: PendingFile[]): (onText: (file: PendingFile, text: string, index: number) => void) => Promise<void> {
    const pool = this.poolFor(files.length);
    return (onText) =>
      runJobs(
        files,
        "render",
        this.progress,
        pool && ((batch) => pool.render(batch)),
        async () => {
          const { renderFile } = await import("../../emit/render.js");
          return renderFile;
        },
        (file, text, index) => {
          onText(file, text, index);
          delete files[index];
        },
      );
  }

  /**
   * Stops the workers now, without waiting for them (a run with nothing to render, or done rendering): they take no
   * more CPU from this thread, and their threads go down while it finishes the run.
   */
  stopEarly(): void {
    void this.pool?.close();
  }

  /** Closes the pool this run started; one the caller started is the caller's to close. */
  async close(): Promise<void> {
    if (this.pool !== this.callersPool) await this.pool?.close();
  }
}

/**
 * Runs a job over every item, in batches on the pool when there is one, else one by one on this thread, and
 * reports progress and each result, with the item's index, as it comes. Nothing here holds an item or a result
 * after it is reported: each batch is let go once its results are in.
 */
async function runJobs<T, R>(
  items: readonly T[],
  phase: ProgressEvent["phase"],
  progress: ((event: ProgressEvent) => void) | undefined,
  onPool: ((batch: T[]) => Promise<R[]>) | undefined,
  onThisThread: () => Promise<(item: T) => R | Promise<R>>,
  onResult: (item: T, result: R, index: number) => void,
): Promise<void> {
  const total = items.length;
  let done = 0;
  const record = (start: number, batch: readonly T[], results: readonly R[]): void => {
    results.forEach((result, index) => onResult(batch[index]!, result, start + index));
    done += results.length;
    progress?.({ phase, done, total });
  };
  if (total === 0) return;
  if (!onPool) {
    const job = await onThisThread();
    for (let index = 0; index < total; index++) {
      const item = items[index]!;
      record(index, [item], [await job(item)]);
    }
    return;
  }
  // Every batch is handed to the pool at once (it sends one to each idle worker, so that none waits for this
  // thread), each held by its own continuation only.
  const size = 40;
  const running: Array<Promise<void>> = [];
  for (let start = 0; start < total; start += size) {
    const batch = items.slice(start, start + size);
    running.push(onPool(batch).then((results) => record(start, batch, results)));
  }
  await Promise.all(running);
}
