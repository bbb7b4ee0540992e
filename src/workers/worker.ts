/**
 * A worker thread of the pool: parses pages and renders files, loading the parser or ts-morph and prettier only
 * when first asked to. Both jobs are pure functions of what the message carries.
 */
import { parentPort } from "node:worker_threads";
import type { PageModel } from "../parse/index.js";
import type { Job, Reply } from "./pool.js";

parentPort!.on("message", (job: Job) => {
  run(job).then(
    (result) => parentPort!.postMessage({ id: job.id, result } satisfies Reply),
    (error: unknown) =>
      parentPort!.postMessage({ id: job.id, error: (error as Error)?.stack ?? String(error) } satisfies Reply),
  );
});

// Loaded once: an import per job costs a round trip to the module loader (a thread of its own under tsx).
let parser: Promise<typeof import("../parse/index.js")> | undefined;
let renderer: Promise<typeof import("../emit/render.js")> | undefined;

async function run(job: Job): Promise<PageModel[] | string[]> {
  if (job.kind === "parse") {
    const { parsePageSafely } = await (parser ??= import("../parse/index.js"));
    return job.pages.map(({ file, text }) => parsePageSafely(file, text));
  }
  const rendering = await (renderer ??= import("../emit/render.js"));
  if (job.kind === "prepare") {
    await rendering.prepareRendering();
    return [];
  }
  return rendering.renderFiles(job.files);
}
