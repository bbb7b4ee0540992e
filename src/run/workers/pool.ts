/**
 * A pool of worker threads for the two jobs that dominate a run: parsing pages and rendering files. Jobs go out in
 * batches, one batch per idle worker; results come back in the order of the inputs, whatever the worker count, so
 * the output does not depend on it. With no workers, jobs run on the calling thread.
 */
import { availableParallelism } from "node:os";
import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import type { FetchedEntry } from "../cache.js";
import type { PendingFile } from "../../emit/files.js";
import type { OutputSurvey, PackedOutputRecord } from "../output.js";

export type Job =
  | { readonly id: number; readonly kind: "parse"; readonly pages: Array<{ file: string; text: string }> }
  | { readonly id: number; readonly kind: "prepare"; readonly formatter: boolean }
  | { readonly id: number; readonly kind: "render"; readonly files: PendingFile[] }
  | {
      readonly id: number;
      readonly kind: "survey";
      readonly out: string;
      readonly record: Pick<PackedOutputRecord, "paths" | "sizes" | "mtimes">;
    }
  | {
      readonly id: number;
      readonly kind: "fetch";
      readonly dir: string;
      readonly names: readonly string[];
      /** Where the entries go, a few at a time, as `Array<[name, entry]>`: no reply comes on the worker's own port. */
      readonly port: MessagePort;
      /**
       * The position of the last entry the caller asked for (shared): those before it, it took or read itself, and
       * they are not sent; that one may be on its way.
       */
      readonly reached: Int32Array;
    };

/** What a job gives: PageModels serialized (node:v8, for the cache to keep as they are), texts, or a survey. */
export type JobResult = Uint8Array[] | string[] | OutputSurvey;

export type Reply = { readonly id: number; readonly result?: JobResult; readonly error?: string };

/** Below this many pages to parse or files to render, the work is done on the calling thread. */
export const minimumPoolJobs = 64;

/** The default worker count: one per core the process may use. */
export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Array<{
    job: Job;
    resolve: (result: JobResult) => void;
    reject: (error: Error) => void;
  }> = [];
  private readonly pending = new Map<
    number,
    {
      worker: Worker;
      resolve: (result: JobResult) => void;
      reject: (error: Error) => void;
      /** A job sent beside the queue: its worker was not taken from the idle ones, nor goes back to them. */
      beside?: boolean;
    }
  >();
  private nextId = 0;
  /** The surveys under way, each settled either way: the pool stops its workers only once they are. */
  private readonly surveys = new Set<Promise<unknown>>();
  private closing: Promise<void> | undefined;

  /** Starts `size` workers now, so that they load their modules while the caller does other work. */
  constructor(size: number) {
    this.grow(size);
  }

  get size(): number {
    return this.workers.length;
  }

  /** Starts more workers, up to `size` in all; they take jobs as soon as they are started. */
  grow(size: number): void {
    while (!this.closing && this.workers.length < size) {
      const worker = startWorker();
      worker.on("message", (reply: Reply) => this.settle(worker, reply));
      worker.on("error", (error) => this.fail(worker, error));
      this.workers.push(worker);
      this.idle.push(worker);
    }
    this.dispatch();
  }

  /** Each page's PageModel, serialized (node:v8). */
  parse(pages: Array<{ file: string; text: string }>): Promise<Uint8Array[]> {
    return this.submit({ id: this.nextId++, kind: "parse", pages }) as Promise<Uint8Array[]>;
  }

  render(files: PendingFile[]): Promise<string[]> {
    return this.submit({ id: this.nextId++, kind: "render", files }) as Promise<string[]>;
  }

  /**
   * A survey of the output against the record of the run that wrote it (output.ts), taken on a worker while the
   * caller builds the model: a `stat` of every file, thousands of them, that commit would otherwise take.
   */
  survey(out: string, record: Pick<PackedOutputRecord, "paths" | "sizes" | "mtimes">): Promise<OutputSurvey> {
    const { paths, sizes, mtimes } = record;
    const worker = this.workers[0];
    if (this.closing || !worker) return Promise.reject(new Error("the worker pool is closed"));
    // Beside the queue: the worker takes it in slices between other jobs, and stays free for the pages to parse,
    // which this thread may not hand out till it next waits (a survey queued like them would hold them back).
    const surveyed = this.besideOn(worker, {
      id: this.nextId++,
      kind: "survey",
      out,
      record: { paths, sizes, mtimes },
    }) as Promise<OutputSurvey>;
    const settled: Promise<unknown> = surveyed.then(
      () => this.surveys.delete(settled),
      () => this.surveys.delete(settled),
    );
    this.surveys.add(settled);
    return surveyed;
  }

  /**
   * Cache entries read and checked on a worker (cache.ts fetchEntry) while the caller starts the run, sent back a
   * few at a time on a port of their own. The function gives an entry that has come, taken off that port without
   * waiting (receiveMessageOnPort), and undefined for one that has not: the caller then reads it itself. A worker
   * still starting, busy, or closed costs the caller nothing.
   */
  fetch(dir: string, names: readonly string[]): (name: string) => FetchedEntry | undefined {
    const worker = this.workers[0];
    if (this.closing || !worker) return () => undefined;
    const { port1, port2 } = new MessageChannel();
    const reached = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
    const job: Job = { id: this.nextId++, kind: "fetch", dir, names, port: port2, reached };
    worker.postMessage(job, [port2]);
    const positions = new Map(names.map((name, index) => [name, index]));
    // Taken off the port a batch at a time, only till the entry asked for comes: the entries go in the order the
    // caller reads them, and one held here while this thread does other work would live through a collection or
    // two and be copied into the old generation (megabytes of text read once), where one still in the port is not
    // on the heap at all.
    const arrived = new Map<string, FetchedEntry>();
    // An entry asked for before it came was read by the caller: when it comes, it is dropped.
    const asked = new Set<string>();
    return (name) => {
      asked.add(name);
      const position = positions.get(name);
      if (position !== undefined && position > Atomics.load(reached, 0)) Atomics.store(reached, 0, position);
      for (let received; !arrived.has(name) && (received = receiveMessageOnPort(port1));)
        for (const [fetched, entry] of received.message as Array<[string, FetchedEntry]>)
          if (fetched === name || !asked.has(fetched)) arrived.set(fetched, entry);
      const entry = arrived.get(name);
      arrived.delete(name);
      return entry;
    };
  }

  /**
   * Has every worker load what rendering needs (prettier too, with `formatter`), while the caller builds the model.
   * Sent beside the queue, to each worker: a worker parsing the pages of a small change goes on to load the printers
   * as soon as it is done, not once this thread, busy reading the cache, has taken its pages (a one-page edit's files
   * then wait for the printers less).
   */
  prepareRendering(formatter: boolean): Promise<unknown> {
    return Promise.all(
      this.workers.map((worker) => this.besideOn(worker, { id: this.nextId++, kind: "prepare", formatter })),
    );
  }

  /**
   * Stops the workers, and a closed pool refuses jobs; closing again waits for the same. Jobs under way or queued are
   * dropped unsettled: the pool is closed by a run that waits for none of them (done, or stopped by an error), and
   * failing them would only make rejections no one handles. A survey under way is let finish first: the pool closes
   * once the files are rendered, and the commit after waits for the survey. Most often the worker has sent it already
   * and only this thread, busy since, has not read it yet.
   */
  close(): Promise<void> {
    this.queue.length = 0;
    const terminate = () => Promise.all(this.workers.map((worker) => worker.terminate())).then(() => undefined);
    // Without a survey to wait for, the threads go down now, while this thread goes on with the run.
    this.closing ??= this.surveys.size === 0 ? terminate() : Promise.all(this.surveys).then(terminate);
    return this.closing;
  }

  /** Sends `job` to `worker` now, busy or not; the worker is neither taken from the idle ones nor given back. */
  private besideOn(worker: Worker, job: Job): Promise<JobResult> {
    if (this.closing) return Promise.reject(new Error("the worker pool is closed"));
    return new Promise<JobResult>((resolve, reject) => {
      this.pending.set(job.id, { worker, resolve, reject, beside: true });
      worker.postMessage(job);
    });
  }

  private submit(job: Job): Promise<JobResult> {
    if (this.closing) return Promise.reject(new Error("the worker pool is closed"));
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const { job, resolve, reject } = this.queue.shift()!;
      this.pending.set(job.id, { worker, resolve, reject });
      worker.postMessage(job);
    }
  }

  private settle(worker: Worker, reply: Reply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    if (reply.error !== undefined) pending.reject(new Error(reply.error));
    else pending.resolve(reply.result!);
    if (pending.beside) return;
    this.idle.push(worker);
    this.dispatch();
  }

  private fail(worker: Worker, error: Error): void {
    for (const [id, pending] of this.pending) {
      if (pending.worker !== worker) continue;
      this.pending.delete(id);
      pending.reject(error);
    }
  }
}

/**
 * A worker running worker.ts. From dist/ it is plain JavaScript; from src/ under tsx, the worker registers tsx
 * itself first (a loader registered on the main thread does not reach worker threads in Node 20).
 */
function startWorker(): Worker {
  const extension = extname(fileURLToPath(import.meta.url));
  const url = new URL(`./worker${extension}`, import.meta.url);
  if (extension !== ".ts") return new Worker(url);
  const tsx = import.meta.resolve("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(bootstrap, { eval: true });
}
