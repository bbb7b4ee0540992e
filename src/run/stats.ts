/** What a run reports of itself as it goes and when done: progress, counts, where the time went. */

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
