/**
 * Progress of a long run. On a terminal, once the run has taken a second, one line updated in place: pages
 * parsed, files rendered. Elsewhere (CI, a pipe, a log), no line is rewritten: a plain line when a phase that took
 * more than a second ends.
 */
import type { ProgressEvent } from "./stats.js";

export interface ProgressOptions {
  readonly quiet?: boolean;
  /** Whether to update one line in place; by default, on a terminal outside CI. */
  readonly live?: boolean;
  readonly now?: () => number;
}

const labels = { parse: ["parsed", "pages"], render: ["rendered", "files"] } as const;

export class Progress {
  private readonly live: boolean;
  private readonly quiet: boolean;
  private readonly now: () => number;
  private readonly started: number;
  private readonly phases = new Map<ProgressEvent["phase"], { started: number; done: number; total: number }>();
  private shown: number | undefined;

  constructor(
    private readonly stream: { write(text: string): unknown; isTTY?: boolean },
    options: ProgressOptions = {},
  ) {
    this.quiet = options.quiet ?? false;
    this.live = options.live ?? (stream.isTTY === true && !process.env["CI"]);
    this.now = options.now ?? (() => performance.now());
    this.started = this.now();
  }

  update(event: ProgressEvent): void {
    if (this.quiet) return;
    const now = this.now();
    const phase = this.phases.get(event.phase) ?? { started: now, done: 0, total: event.total };
    phase.done = event.done;
    this.phases.set(event.phase, phase);
    if (this.live) {
      if (now - this.started < 1000 || (this.shown !== undefined && now - this.shown < 100)) return;
      this.shown = now;
      const parts = [...this.phases].map(
        ([name, { done, total }]) => `${labels[name][0]} ${done}/${total} ${labels[name][1]}`,
      );
      this.stream.write(`\r\x1b[Kdocs2ts: ${parts.join(", ")}`);
    } else if (event.done === event.total && now - phase.started > 1000) {
      const [verb, noun] = labels[event.phase];
      this.stream.write(`docs2ts: ${verb} ${event.total} ${noun} in ${((now - phase.started) / 1000).toFixed(1)}s\n`);
    }
  }

  /** Clears the live line, so that what is printed next starts on a clean line. */
  done(): void {
    if (this.live && this.shown !== undefined) this.stream.write("\r\x1b[K");
    this.shown = undefined;
  }
}
