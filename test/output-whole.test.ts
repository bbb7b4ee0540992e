/**
 * Output that is whole: runs of the command line killed (SIGKILL) at random points leave the previous package as
 * it was or the new one whole, once the next run has cleaned up after them (finished a journal, put back an output
 * retired half way through its replacement); the user's directories in the output (node_modules/, dist/) and
 * files beside it are never deleted. Three docs sets take turns, so that kills hit both a commit in place (a small
 * change, by journal) and a replacement of the whole output.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { removeAbandonedStaging } from "../src/run/output.js";
import { Random } from "./fuzz/random.js";
import { fixtureBaseUrl, fixtureDocs, listFiles, root, tempDir } from "./helpers.js";

const launcher = join(root, "src", "run", "launch.mjs");
const args = (docs: string, out: string): string[] => [
  launcher,
  "--input",
  docs,
  "--out",
  out,
  "--base-url",
  fixtureBaseUrl,
  "--no-cache",
  "--quiet",
];

/**
 * The package's files and their text, leaving out the user's directories, and the release's record (the changelog,
 * the version), which follows from the outputs the package replaced, not from the docs alone.
 */
function snapshot(out: string): Map<string, string> {
  return new Map(
    listFiles(out)
      .filter((path) => !/^(node_modules|dist)\//.test(path) && path !== "CHANGELOG.md")
      .map((path) => {
        const text = readFileSync(join(out, path), "utf8");
        return [path, path === "package.json" ? text.replace(/"version": "[^"]*"/, '"version": "-"') : text];
      }),
  );
}

test("a run killed at any point leaves the old output or the new one, whole", { timeout: 10 * 60_000 }, async () => {
  const dir = tempDir("whole");
  // Three docs sets: the fixtures, the fixtures with one page edited (a commit in place), and one page alone.
  const full = join(dir, "full");
  cpSync(fixtureDocs, full, { recursive: true });
  const edited = join(dir, "edited");
  cpSync(fixtureDocs, edited, { recursive: true });
  const widget = join(edited, "v1.0", "resources", "widget.md");
  writeFileSync(widget, readFileSync(widget, "utf8").replace("The name shown to people.", "What people see."));
  const small = join(dir, "small");
  mkdirSync(join(small, "v1.0", "resources"), { recursive: true });
  cpSync(join(fixtureDocs, "v1.0", "resources", "widget.md"), join(small, "v1.0", "resources", "widget.md"));
  const sets = [full, edited, small];

  // What each docs set gives, written whole, and how long a run takes.
  const expected = new Map<string, Map<string, string>>();
  let longest = 0;
  for (const docs of sets) {
    const started = performance.now();
    const reference = join(dir, `reference-${expected.size}`);
    const run = spawnSync(process.execPath, args(docs, reference), { encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    longest = Math.max(longest, performance.now() - started);
    expected.set(docs, snapshot(reference));
  }

  const out = join(dir, "out");
  assert.equal(spawnSync(process.execPath, args(full, out)).status, 0);
  // What docs2ts did not write: the user's directories inside the output, and a file beside it.
  mkdirSync(join(out, "node_modules", "dep"), { recursive: true });
  writeFileSync(join(out, "node_modules", "dep", "index.js"), "mine\n");
  mkdirSync(join(out, "dist"), { recursive: true });
  writeFileSync(join(out, "dist", "index.js"), "built\n");
  writeFileSync(join(dir, "beside.txt"), "mine\n");

  const seed = Number(process.env["KILL_SEED"] ?? Date.now() % 100_000);
  const random = new Random(seed);
  let current = full;
  const outcomes = { old: 0, new: 0 };
  for (let round = 0; round < 8; round++) {
    const next = random.pick(sets.filter((docs) => docs !== current));
    // Most kills land late in a run, where it writes; some land anywhere.
    const delay = random.chance(0.3) ? random.next() * longest : longest * (0.4 + random.next() * 0.8);
    const child = spawn(process.execPath, args(next, out), { stdio: "ignore" });
    const timer = setTimeout(() => child.kill("SIGKILL"), delay);
    await new Promise((resolve) => child.on("close", resolve));
    clearTimeout(timer);
    // What the next run does first.
    removeAbandonedStaging(out);
    const found = snapshot(out);
    const message = `seed ${seed}, round ${round}, killed after ${Math.round(delay)} ms`;
    if (isDeepEqual(found, expected.get(next)!)) {
      outcomes.new++;
      current = next;
    } else {
      assert.deepEqual(found, expected.get(current)!, `${message}: neither the old output nor the new one`);
      outcomes.old++;
    }
    assert.equal(readFileSync(join(out, "node_modules", "dep", "index.js"), "utf8"), "mine\n", message);
    assert.equal(readFileSync(join(out, "dist", "index.js"), "utf8"), "built\n", message);
    assert.ok(existsSync(join(dir, "beside.txt")), message);
    assert.deepEqual(leftovers(dir), [], `${message}: staging directories left behind`);
  }
  // A run to the end after all that writes the package whole.
  const last = spawnSync(process.execPath, args(small, out), { encoding: "utf8" });
  assert.equal(last.status, 0, last.stderr);
  assert.deepEqual(snapshot(out), expected.get(small));
  assert.deepEqual(leftovers(dir), []);
  assert.ok(outcomes.old + outcomes.new === 8);
});

function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((entry) => entry.includes(".docs2ts-"));
}

function isDeepEqual(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (b.get(key) !== value) return false;
  return true;
}

test("a run killed between the renames of a whole replacement leaves the old output for the next run", () => {
  const dir = tempDir("retired");
  const out = join(dir, "pkg");
  // What such a run leaves: the output renamed aside, the new package staged with the user's node_modules/ in it.
  const dead = 2 ** 22 + 1;
  const retired = join(dir, `.pkg.docs2ts-old-${dead}-abc`);
  const staging = join(dir, `.pkg.docs2ts-new-${dead}-abc`);
  mkdirSync(join(retired, "src"), { recursive: true });
  writeFileSync(join(retired, "package.json"), '{ "docs2ts": {} }\n');
  writeFileSync(join(retired, "src", "index.ts"), "old\n");
  mkdirSync(join(staging, "node_modules", "dep"), { recursive: true });
  writeFileSync(join(staging, "node_modules", "dep", "index.js"), "mine\n");
  writeFileSync(join(staging, "package.json"), '{ "docs2ts": {} }\n');
  removeAbandonedStaging(out);
  assert.deepEqual(listFiles(out), ["node_modules/dep/index.js", "package.json", "src/index.ts"]);
  assert.equal(readFileSync(join(out, "src", "index.ts"), "utf8"), "old\n");
  assert.deepEqual(leftovers(dir), []);
});
