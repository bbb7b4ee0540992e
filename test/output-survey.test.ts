/**
 * The survey of the output a worker takes early in a run (surveyOutput), which commit takes instead of a `stat` of
 * every file it keeps: a file changed before the survey, or replaced by a rename after it, is still written again.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { OutputStaging, packOutputRecord, surveyOutput, writeOutput, type OutputRecord } from "../src/run/output.js";
import { WorkerPool } from "../src/run/workers/pool.js";
import { tempDir } from "./helpers.js";

const manifest = '{"docs2ts":{}}\n';
const files = new Map([
  ["package.json", manifest],
  ["src/a.ts", "a\n"],
  ["src/b.ts", "b\n"],
  ["src/models/c.ts", "c\n"],
]);

/** An output as a run with the cache leaves it: each file recorded with its key (`key <path>`). */
async function writtenOutput(prefix: string): Promise<{ dir: string; out: string; record: OutputRecord }> {
  const dir = tempDir(prefix);
  const out = join(dir, "pkg");
  const written = await writeOutput(out, files);
  const record = Object.fromEntries(
    Object.entries(written.record).map(([path, entry]) => [path, { ...entry, key: `key ${path}` }]),
  );
  return { dir, out, record };
}

/**
 * Commits the package again with every file but package.json held by its key, as an edit run that finds them all in
 * the cache does; gives the paths whose text commit asked for.
 */
async function commitHeld(out: string, record: OutputRecord, survey: ReturnType<typeof surveyOutput>) {
  const staging = new OutputStaging(out, record, survey);
  const asked: string[] = [];
  const held = new Map<string, () => Promise<string>>();
  for (const [path, text] of files) {
    if (path === "package.json") continue;
    assert.ok(staging.hold(path, `key ${path}`));
    held.set(path, async () => {
      asked.push(path);
      return text;
    });
  }
  await staging.commit(new Map([["package.json", manifest]]), { held });
  return asked.sort();
}

test("a survey lists the files no longer as recorded, and stamps each directory", async () => {
  const { out, record } = await writtenOutput("survey");
  writeFileSync(join(out, "src", "a.ts"), "a, edited\n");
  rmSync(join(out, "src", "models", "c.ts"));
  const survey = await surveyOutput(out, packOutputRecord(record));
  assert.deepEqual(survey.differing, ["src/a.ts", "src/models/c.ts"]);
  assert.deepEqual(
    survey.directories.map(([directory]) => directory),
    [".", "src", "src/models"],
  );
  assert.ok(survey.directories.every(([, stamp]) => stamp !== ""));
});

test("commit takes a survey that found every file as recorded, and asks for no text", async () => {
  const { out, record } = await writtenOutput("survey-kept");
  const asked = await commitHeld(out, record, surveyOutput(out, packOutputRecord(record)));
  assert.deepEqual(asked, []);
  for (const [path, text] of files) assert.equal(readFileSync(join(out, path), "utf8"), text);
});

test("a file edited before the survey is written again", async () => {
  const { out, record } = await writtenOutput("survey-edited");
  writeFileSync(join(out, "src", "a.ts"), "a, edited\n");
  const asked = await commitHeld(out, record, surveyOutput(out, packOutputRecord(record)));
  assert.deepEqual(asked, ["src/a.ts"]);
  assert.equal(readFileSync(join(out, "src", "a.ts"), "utf8"), "a\n");
});

test("a file another run renames into the output after the survey is written again", async () => {
  const { dir, out, record } = await writtenOutput("survey-renamed");
  const survey = await surveyOutput(out, packOutputRecord(record));
  // Another run's commit in place: its file renamed over this one's.
  writeFileSync(join(dir, "b.ts"), "b, from another run\n");
  renameSync(join(dir, "b.ts"), join(out, "src", "b.ts"));
  const asked = await commitHeld(out, record, Promise.resolve(survey));
  // Every file of the directory the rename changed is checked; the one replaced is written again.
  assert.deepEqual(asked, ["src/b.ts"]);
  assert.equal(readFileSync(join(out, "src", "b.ts"), "utf8"), "b\n");
});

test("an output another run replaces whole after the survey is checked file by file", async () => {
  const { out, record } = await writtenOutput("survey-replaced");
  const survey = await surveyOutput(out, packOutputRecord(record));
  // Another run writes the package with one file changed; its staging directory replaces the output.
  await writeOutput(out, new Map([...files, ["src/models/c.ts", "c, from another run\n"]]));
  const asked = await commitHeld(out, record, Promise.resolve(survey));
  assert.deepEqual(asked, ["src/models/c.ts"]);
  assert.equal(readFileSync(join(out, "src", "models", "c.ts"), "utf8"), "c\n");
});

test("files in the output that are not the package's go: as the survey listed them, or listed again", async () => {
  const { out, record } = await writtenOutput("survey-removed");
  mkdirSync(join(out, "extra"));
  writeFileSync(join(out, "extra", "stray.ts"), "a file no run wrote\n");
  writeFileSync(join(out, "src", "stray.ts"), "another\n");
  const survey = await surveyOutput(out, packOutputRecord(record));
  assert.deepEqual(survey.listed.sort(), [...files.keys(), "extra/stray.ts", "src/stray.ts"].sort());
  assert.deepEqual(await commitHeld(out, record, Promise.resolve(survey)), []);
  assert.ok(!existsSync(join(out, "extra", "stray.ts")) && !existsSync(join(out, "src", "stray.ts")));

  // A file added after the survey changes its directory's stamp: the output is listed again, and it goes too.
  const again = await surveyOutput(out, packOutputRecord(record));
  writeFileSync(join(out, "src", "late.ts"), "added after the survey\n");
  assert.deepEqual(await commitHeld(out, record, Promise.resolve(again)), []);
  assert.ok(!existsSync(join(out, "src", "late.ts")));
  assert.deepEqual(readdirSync(join(out, "src")).sort(), ["a.ts", "b.ts", "models"]);
});

test("a recorded file gone before the survey is held all the same, and commit asks for its text", async () => {
  const { out, record } = await writtenOutput("survey-gone");
  rmSync(join(out, "src", "b.ts"));
  const asked = await commitHeld(out, record, surveyOutput(out, packOutputRecord(record)));
  assert.deepEqual(asked, ["src/b.ts"]);
  assert.equal(readFileSync(join(out, "src", "b.ts"), "utf8"), "b\n");
});

test("a survey that failed leaves commit to check every file itself", async () => {
  const { out, record } = await writtenOutput("survey-failed");
  writeFileSync(join(out, "src", "a.ts"), "a, edited\n");
  const asked = await commitHeld(out, record, Promise.reject(new Error("the worker pool is closed")));
  assert.deepEqual(asked, ["src/a.ts"]);
  assert.equal(readFileSync(join(out, "src", "a.ts"), "utf8"), "a\n");
});

test("a worker surveys beside its queue, and finds what this thread finds", async () => {
  const { out, record } = await writtenOutput("survey-worker");
  writeFileSync(join(out, "src", "b.ts"), "b, edited\n");
  const pool = new WorkerPool(1);
  try {
    const packed = packOutputRecord(record);
    const [survey, parsed] = await Promise.all([
      pool.survey(out, packed),
      pool.parse([{ file: "api/thing-get.md", text: "# Get thing\n" }]),
    ]);
    assert.equal(parsed.length, 1);
    assert.deepEqual(survey, await surveyOutput(out, packed));
    assert.deepEqual(survey.differing, ["src/b.ts"]);
  } finally {
    await pool.close();
  }
});

test("a survey under way when its pool closes is finished before the workers stop, and commit takes it", async () => {
  const { out, record } = await writtenOutput("survey-closed");
  writeFileSync(join(out, "src", "a.ts"), "a, edited\n");
  const pool = new WorkerPool(1);
  // Closed at once, before the worker is up: the survey is under way (a run closes its pool once the files are
  // rendered, and its commit comes after).
  const survey = pool.survey(out, packOutputRecord(record));
  await pool.close();
  assert.deepEqual((await survey).differing, ["src/a.ts"]);
  await assert.rejects(pool.survey(out, packOutputRecord(record)), /the worker pool is closed/);
  const asked = await commitHeld(out, record, survey);
  assert.deepEqual(asked, ["src/a.ts"]);
  assert.equal(readFileSync(join(out, "src", "a.ts"), "utf8"), "a\n");
});
