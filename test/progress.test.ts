/** Progress: one line updated in place on a terminal, plain lines elsewhere, nothing for a short run. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Progress } from "../src/run/progress.js";

function recorder(): { stream: { write(text: string): boolean }; text: () => string } {
  let text = "";
  return { stream: { write: (chunk: string) => ((text += chunk), true) }, text: () => text };
}

test("on a terminal, a run past one second updates one line, then clears it", () => {
  let clock = 0;
  const { stream, text } = recorder();
  const progress = new Progress(stream, { live: true, now: () => clock });
  progress.update({ phase: "parse", done: 40, total: 100 });
  assert.equal(text(), "", "nothing in the first second");
  clock = 1200;
  progress.update({ phase: "parse", done: 80, total: 100 });
  clock = 1250;
  progress.update({ phase: "parse", done: 100, total: 100 });
  clock = 1400;
  progress.update({ phase: "render", done: 10, total: 50 });
  progress.done();
  assert.equal(
    text(),
    "\r\x1b[Kdocs2ts: parsed 80/100 pages\r\x1b[Kdocs2ts: parsed 100/100 pages, rendered 10/50 files\r\x1b[K",
  );
  assert.ok(!text().includes("\n"), "no line is added");
});

test("elsewhere, a plain line when a phase longer than a second ends", () => {
  let clock = 0;
  const { stream, text } = recorder();
  const progress = new Progress(stream, { live: false, now: () => clock });
  progress.update({ phase: "parse", done: 1, total: 2 });
  clock = 2500;
  progress.update({ phase: "parse", done: 2, total: 2 });
  progress.update({ phase: "render", done: 3, total: 3 });
  progress.done();
  assert.equal(text(), "docs2ts: parsed 2 pages in 2.5s\n");
});

test("--quiet shows no progress", () => {
  let clock = 0;
  const { stream, text } = recorder();
  const progress = new Progress(stream, { quiet: true, live: true, now: () => clock });
  clock = 5000;
  progress.update({ phase: "parse", done: 1, total: 1 });
  progress.done();
  assert.equal(text(), "");
});
