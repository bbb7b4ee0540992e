/**
 * A worker thread of the pool: parses pages and renders files, loading the parser, the printers and prettier only
 * when first asked to, surveys the output, and reads cache entries ahead of the calling thread. Each job is a
 * function of what the message carries (and, for the survey and the entries, of what is on disk).
 */
import { parentPort } from "node:worker_threads";
import { serialize } from "node:v8";
import { fetchEntry, type FetchedEntry } from "../cache.js";
import { surveyOutput } from "../output.js";
import type { Job, JobResult, Reply } from "./pool.js";

/**
 * Where the last parse, prepare or render job ends: each starts once the one before it has ended. A job may come
 * while the one before is still running (the printers are asked for while the pages of a small change parse), and
 * the two would otherwise run at once: the parse waiting for the parser to load while loading prettier took the
 * thread. A survey goes on beside them, a slice at a time.
 */
let previous: Promise<unknown> = Promise.resolve();

/**
 * The pages of an edit being parsed: the caller waits for them once it has read the cache, which the entries fetched
 * only speed up (it reads those that have not come itself), so the fetch waits for them.
 */
let parsing: Promise<unknown> | undefined;

parentPort!.on("message", (job: Job) => {
  // A fetch that fails ends: the caller reads what did not come itself.
  if (job.kind === "fetch") return void fetchEntries(job).catch(() => job.port.close());
  const running = job.kind === "survey" ? run(job) : previous.then(() => run(job));
  // Settled to nothing: the chain holds no job's result (the PageModels of a batch) once it is sent.
  const settled = running.then(
    () => undefined,
    () => undefined,
  );
  if (job.kind !== "survey") previous = settled;
  if (job.kind === "parse") {
    parsing = settled;
    void settled.then(() => {
      if (parsing === settled) parsing = undefined;
    });
  }
  running.then(
    (result) => parentPort!.postMessage({ id: job.id, result } satisfies Reply),
    (error: unknown) =>
      parentPort!.postMessage({ id: job.id, error: (error as Error)?.stack ?? String(error) } satisfies Reply),
  );
});

/**
 * Reads the cache entries asked for, in order, and sends those found sound on the job's port, a few at a time,
 * leaving out those the caller has come to. Between batches it lets other jobs in, and waits while pages parse.
 */
async function fetchEntries({ dir, names, port, reached }: Extract<Job, { kind: "fetch" }>): Promise<void> {
  let batch: Array<[string, FetchedEntry]> = [];
  for (let index = 0; index < names.length; index++) {
    if (index % fetchBatch === 0) {
      // Pages to parse already sent (they come just after) go first.
      await new Promise(setImmediate);
      while (parsing) await parsing;
    }
    if (index < Atomics.load(reached, 0)) continue;
    const entry = fetchEntry(dir, names[index]!);
    if (entry) batch.push([names[index]!, entry]);
    if (batch.length < fetchBatch) continue;
    port.postMessage(batch);
    batch = [];
  }
  port.postMessage(batch);
  port.close();
}

/** Entries sent at once: a few, which the caller takes off the port when it asks for the first of them. */
const fetchBatch = 4;

// Loaded once: an import per job costs a round trip to the module loader (a thread of its own under tsx).
let parser: Promise<typeof import("../../parse/index.js")> | undefined;
let renderer: Promise<typeof import("../../emit/render.js")> | undefined;

async function run(job: Exclude<Job, { kind: "fetch" }>): Promise<JobResult> {
  if (job.kind === "survey") return await surveyOutput(job.out, job.record);
  if (job.kind === "parse") {
    const { parsePageSafely } = await (parser ??= import("../../parse/index.js"));
    // Serialized here, so that the calling thread keeps the bytes for the cache instead of serializing again.
    return job.pages.map(({ file, text }) => serialize(parsePageSafely(file, text)));
  }
  const rendering = await (renderer ??= import("../../emit/render.js"));
  if (job.kind === "prepare") {
    await rendering.prepareRendering(job.formatter);
    return [];
  }
  return rendering.renderFiles(job.files);
}
