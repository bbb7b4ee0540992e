/**
 * The command line and the output directory: options, exit codes, --check, --strict, and writing the package
 * whole or not at all without touching anything else.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { OutputStaging, packOutputRecord, unpackOutputRecord, writeOutput } from "../src/run/output.js";
import { cli } from "./run-cli.js";
import { fixtureBaseUrl, fixtureDocs, listFiles, tempDir } from "./helpers.js";

const fixtureArgs = (out: string): string[] => [
  "--input",
  fixtureDocs,
  "--out",
  out,
  "--base-url",
  fixtureBaseUrl,
  "--package-name",
  "widget-store",
];

test("generate writes the package and prints diagnostics and a summary", async () => {
  const dir = tempDir("cli");
  const out = join(dir, "pkg");
  const run = await cli(fixtureArgs(out), dir);
  assert.equal(run.code, 0, run.err);
  assert.ok(existsSync(join(out, "src", "index.ts")));
  assert.match(run.err, /v1\.0\/api\/widget-update\.md:23:1 warning DT130 HTTP syntax block is empty\.\n/);
  assert.match(run.out, /25 pages in .* \(api 14, conceptual 1, enum 3, resource 7\)/);
  assert.match(
    run.out,
    /types 7 \(properties 31\), enums 6, operations 14 \(paths 18\), examples 15 \(tests 14, skipped 1\)/,
  );
  assert.match(run.out, /coverage: property rows 32\/32 \(100\.00%\)/);
  // Infos are counted but printed only with --verbose.
  assert.doesNotMatch(run.err, / info DT/);
  assert.match(
    (await cli([...fixtureArgs(join(dir, "verbose")), "--verbose"], dir)).err,
    /widget-update\.md:23:1 info DT210/,
  );
  assert.match(run.out, /DT130 warning 1/);
  assert.match(run.out, /files written to .*pkg\//);
});

test("--check exits 1 when the output would change, and writes nothing", async () => {
  const dir = tempDir("check");
  const out = join(dir, "pkg");
  assert.equal((await cli([...fixtureArgs(out), "--check", "--quiet"], dir)).code, 1);
  assert.ok(!existsSync(out));
  assert.equal((await cli([...fixtureArgs(out), "--quiet"], dir)).code, 0);
  const upToDate = await cli([...fixtureArgs(out), "--check", "--quiet"], dir);
  assert.equal(upToDate.code, 0);
  assert.match(upToDate.out, /is up to date/);
  writeFileSync(join(out, "src", "index.ts"), "// edited\n");
  writeFileSync(join(out, "stray.txt"), "stray\n");
  const stale = await cli([...fixtureArgs(out), "--check", "--quiet"], dir);
  assert.equal(stale.code, 1);
  assert.match(stale.out, /changed src\/index\.ts/);
  assert.match(stale.out, /removed stray\.txt/);
  assert.equal(readFileSync(join(out, "src", "index.ts"), "utf8"), "// edited\n");
});

test("--strict exits 1 when there are warnings", async () => {
  const dir = tempDir("strict");
  assert.equal((await cli([...fixtureArgs(join(dir, "pkg")), "--strict", "--quiet"], dir)).code, 1);
});

test("bad usage exits 2 with a message", async () => {
  const dir = tempDir("usage");
  assert.match((await cli(["--bogus"], dir)).err, /Unknown option '--bogus'/);
  assert.equal((await cli(["--bogus"], dir)).code, 2);
  assert.equal((await cli(["--base-url", "not a url", "--input", fixtureDocs], dir)).code, 2);
  const missing = await cli(["--input", join(dir, "nowhere"), "--out", join(dir, "pkg")], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /nowhere/);
  assert.equal((await cli(["--help"], dir)).code, 0);
});

test("a directory docs2ts did not write is never replaced", async () => {
  const dir = tempDir("foreign");
  const out = join(dir, "precious");
  mkdirSync(out);
  writeFileSync(join(out, "notes.txt"), "mine\n");
  const run = await cli([...fixtureArgs(out), "--quiet"], dir);
  assert.equal(run.code, 2);
  assert.match(run.err, /refusing to replace/);
  assert.deepEqual(readdirSync(out), ["notes.txt"]);
  assert.deepEqual(readdirSync(dir), ["precious"]);
});

test("the output is written whole or not at all, and node_modules survives", async () => {
  const dir = tempDir("atomic");
  const out = join(dir, "pkg");
  await writeOutput(
    out,
    new Map([
      ["package.json", '{"docs2ts":{}}\n'],
      ["src/a.ts", "a\n"],
    ]),
  );
  mkdirSync(join(out, "node_modules", "dep"), { recursive: true });
  // "src/a.ts/b.ts" cannot be written beside the file "src/a.ts": the write fails half way.
  await assert.rejects(
    () =>
      writeOutput(
        out,
        new Map([
          ["package.json", '{"docs2ts":{}}\n'],
          ["src/a.ts", "changed\n"],
          ["src/a.ts/b.ts", "b\n"],
        ]),
      ),
    /could not write/,
  );
  assert.equal(readFileSync(join(out, "src", "a.ts"), "utf8"), "a\n");
  assert.ok(existsSync(join(out, "node_modules", "dep")));
  assert.deepEqual(readdirSync(dir), ["pkg"], "no staging directory is left behind");
  const result = await writeOutput(
    out,
    new Map([
      ["package.json", '{"docs2ts":{}}\n'],
      ["src/b.ts", "b\n"],
    ]),
  );
  assert.deepEqual({ ...result, record: undefined }, { written: 2, changed: 1, removed: 1, record: undefined });
  assert.deepEqual(Object.keys(result.record).sort(), ["package.json", "src/b.ts"], "what was written is recorded");
  assert.ok(existsSync(join(out, "node_modules", "dep")));
  assert.ok(!existsSync(join(out, "src", "a.ts")));
});

/** A package docs2ts could have written, with a file in a directory of its own. */
const manifest = '{"docs2ts":{}}\n';
const startingPackage = new Map([
  ["package.json", manifest],
  ["src/a.ts", "a\n"],
  ["src/b.ts", "b\n"],
  ["src/old/x.ts", "x\n"],
]);

/** The pid of a process that has exited. */
function exitedPid(): string {
  return spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();
}

test("a small change is written in place; a file that becomes a directory replaces the output whole", async () => {
  const dir = tempDir("in-place");
  const out = join(dir, "pkg");
  await writeOutput(out, startingPackage);
  mkdirSync(join(out, "node_modules", "dep"), { recursive: true });
  const b = statSync(join(out, "src", "b.ts"));
  const result = await writeOutput(
    out,
    new Map([
      ["package.json", manifest],
      ["src/a.ts", "changed\n"],
      ["src/b.ts", "b\n"],
    ]),
  );
  assert.deepEqual({ ...result, record: undefined }, { written: 3, changed: 1, removed: 1, record: undefined });
  assert.deepEqual(listFiles(out), ["package.json", "src/a.ts", "src/b.ts"], "the emptied directory goes too");
  assert.equal(readFileSync(join(out, "src", "a.ts"), "utf8"), "changed\n");
  assert.equal(statSync(join(out, "src", "b.ts")).ino, b.ino, "an unchanged file is left as it is");
  assert.ok(existsSync(join(out, "node_modules", "dep")));
  assert.deepEqual(readdirSync(dir), ["pkg"], "no staging directory is left behind");

  await writeOutput(
    out,
    new Map([
      ["package.json", manifest],
      ["src/a.ts/index.ts", "a\n"],
      ["src/b.ts", "b\n"],
    ]),
  );
  assert.deepEqual(listFiles(out), ["package.json", "src/a.ts/index.ts", "src/b.ts"]);
  assert.ok(existsSync(join(out, "node_modules", "dep")));
  assert.deepEqual(readdirSync(dir), ["pkg"]);
});

test("the record of what was written packs into a list per field and back", async () => {
  const out = join(tempDir("packed"), "pkg");
  const written = await writeOutput(out, startingPackage);
  const record = { ...written.record, "src/keyed.ts": { size: 2, mtimeMs: 1.5, hash: "abc", key: "def" } };
  assert.deepEqual(unpackOutputRecord(packOutputRecord(record)), record);
  assert.deepEqual(packOutputRecord(record).keys, [...Object.keys(written.record).map(() => null), "def"]);
});

test("of two runs writing at once, the one that commits last leaves its whole package", async () => {
  const dir = tempDir("concurrent");
  const out = join(dir, "pkg");
  const files = (a: string, b: string) =>
    new Map([
      ["package.json", manifest],
      ["src/a.ts", a],
      ["src/b.ts", b],
      ["src/c.ts", "c\n"],
    ]);
  await writeOutput(out, files("a\n", "b\n"));
  // This run finds src/b.ts as it wants it; another changes it before this one commits.
  const late = new OutputStaging(out);
  for (const [path, text] of files("a, late\n", "b\n")) late.add(path, text);
  await writeOutput(out, files("a\n", "b, early\n"));
  await late.commit(files("a, late\n", "b\n"));
  assert.equal(readFileSync(join(out, "src", "a.ts"), "utf8"), "a, late\n");
  assert.equal(readFileSync(join(out, "src", "b.ts"), "utf8"), "b\n");
  assert.deepEqual(readdirSync(dir), ["pkg"]);
});

test("a run killed while moving its files in is finished by the next", async () => {
  const dir = tempDir("journal");
  const out = join(dir, "pkg");
  await writeOutput(out, startingPackage);
  // What a run killed half way leaves: its journal, a file it had not moved yet, one it had.
  const gone = exitedPid();
  const staging = join(dir, `.pkg.docs2ts-new-${gone}-abc`);
  mkdirSync(join(staging, "src"), { recursive: true });
  writeFileSync(join(staging, "src", "b.ts"), "b, from the killed run\n");
  writeFileSync(join(out, "src", "a.ts"), "a, from the killed run\n");
  const journal = { moved: ["src/a.ts", "src/b.ts"], removed: ["src/old/x.ts"] };
  writeFileSync(join(staging, ".docs2ts-journal.json"), JSON.stringify(journal));
  // A staging directory without a journal was killed before it touched the output: it only goes.
  mkdirSync(join(dir, `.pkg.docs2ts-new-${gone}-def`, "src"), { recursive: true });
  writeFileSync(join(dir, `.pkg.docs2ts-new-${gone}-def`, "src", "a.ts"), "never moved\n");

  // The next run, before it writes anything of its own.
  new OutputStaging(out).abort();
  assert.deepEqual(readdirSync(dir), ["pkg"]);
  assert.deepEqual(listFiles(out), ["package.json", "src/a.ts", "src/b.ts"]);
  assert.equal(readFileSync(join(out, "src", "a.ts"), "utf8"), "a, from the killed run\n");
  assert.equal(readFileSync(join(out, "src", "b.ts"), "utf8"), "b, from the killed run\n");
});

test("a staging directory left by a killed run is removed; one of a live run is not", async () => {
  const dir = tempDir("abandoned");
  const out = join(dir, "pkg");
  const gone = exitedPid();
  mkdirSync(join(dir, `.pkg.docs2ts-new-${gone}-abc`, "src"), { recursive: true });
  mkdirSync(join(dir, `.pkg.docs2ts-old-${gone}-abc`));
  mkdirSync(join(dir, `.pkg.docs2ts-new-${process.pid}-abc`));
  mkdirSync(join(dir, `.other.docs2ts-new-${gone}-abc`));
  await writeOutput(out, new Map([["package.json", '{"docs2ts":{}}\n']]));
  assert.deepEqual(readdirSync(dir).sort(), [
    `.other.docs2ts-new-${gone}-abc`,
    `.pkg.docs2ts-new-${process.pid}-abc`,
    "pkg",
  ]);
});

test("a second run takes everything from the cache and writes nothing; --no-cache reads every page", async () => {
  const dir = tempDir("cached");
  const docs = join(dir, "docs");
  cpSync(fixtureDocs, docs, { recursive: true });
  const out = join(dir, "pkg");
  const args = [...fixtureArgs(out).slice(2), "--input", docs, "--cache", join(dir, "cache"), "--quiet"];
  const first = await cli(args, dir);
  assert.match(first.out, /cache: 0 of 25 pages and 0 of \d+ files from the cache/);
  const written = snapshot(out);

  const second = await cli(args, dir);
  assert.match(second.out, /cache: 25 of 25 pages and (\d+) of \1 files from the cache/);
  assert.match(second.out, /is up to date, nothing written/);
  assert.deepEqual(snapshot(out), written);

  // A page touched but not changed: read again, found unchanged by its content.
  const page = join(docs, "v1.0", "resources", "widget.md");
  const text = readFileSync(page, "utf8");
  writeFileSync(page, text);
  assert.match((await cli(args, dir)).out, /is up to date, nothing written/);

  // One page changed: only it is parsed again, and the files it describes are written again.
  const edited = text.replace("The name shown to people.", "The name people see.");
  assert.notEqual(edited, text);
  writeFileSync(page, edited);
  const third = await cli(args, dir);
  assert.match(third.out, /cache: 24 of 25 pages and (\d+) of (\d+) files/);
  assert.match(snapshot(out)["src/models/widget.ts"]!, /The name people see\./);
  writeFileSync(page, text);
  assert.match((await cli(args, dir)).out, /cache: 24 of 25 pages/);
  // Back to the first output, in a version two patches on: the docs changed twice.
  assert.deepEqual(unreleased(snapshot(out)), unreleased(written), "back to the first output");
  assert.match(snapshot(out)["package.json"]!, /"version": "0\.0\.2"/);
  const released = snapshot(out);

  // An output file edited by hand is noticed and written again; the others are kept as they are (the same
  // files), and what the run recorded of them lets the next run see that nothing changed.
  const unchangedFile = statSync(join(out, "package.json"));
  writeFileSync(join(out, "src", "index.ts"), "// edited\n");
  assert.match((await cli(args, dir)).out, /files written .*\(1 changed, 0 removed\)/);
  assert.deepEqual(snapshot(out), released);
  const kept = statSync(join(out, "package.json"));
  assert.deepEqual([kept.ino, kept.mtimeMs], [unchangedFile.ino, unchangedFile.mtimeMs]);
  assert.match((await cli(args, dir)).out, /is up to date, nothing written/);
  assert.deepEqual(readdirSync(dir).sort(), ["cache", "docs", "pkg"], "the previous output is gone");

  const uncached = await cli([...args, "--no-cache"], dir);
  assert.match(uncached.out, /cache: 0 of 25 pages and 0 of \d+ files from the cache/);
  assert.deepEqual(snapshot(out), released);
});

test("a run that finds nothing changed prints the errors and warnings the last run printed", async () => {
  const dir = tempDir("kept-notices");
  const docs = join(dir, "docs");
  cpSync(fixtureDocs, docs, { recursive: true });
  const out = join(dir, "pkg");
  const cache = join(dir, "cache");
  const args = [...fixtureArgs(out).slice(2), "--input", docs, "--cache", cache];
  const first = await cli(args, dir);
  assert.match(first.err, / warning DT\d+ /);
  const second = await cli(args, dir);
  assert.match(second.out, /is up to date, nothing written/);
  assert.equal(second.err, first.err);
  // Kept apart from the run's record: without them, the run builds the model again to print them.
  const [version] = readdirSync(cache).filter((name) => name.startsWith("v-"));
  for (const name of readdirSync(join(cache, version!)))
    if (name.startsWith("notices-")) rmSync(join(cache, version!, name));
  const third = await cli(args, dir);
  assert.match(third.out, /cache: 25 of 25 pages/);
  assert.equal(third.err, first.err);
});

test("the whole report is kept by a run that needs it, and taken only by the next run that does", async () => {
  const dir = tempDir("kept-report");
  const docs = join(dir, "docs");
  cpSync(fixtureDocs, docs, { recursive: true });
  const out = join(dir, "pkg");
  const args = [...fixtureArgs(out).slice(2), "--input", docs, "--cache", join(dir, "cache")];
  const withInfos = /widget-update\.md:23:1 info DT210/;
  await cli([...args, "--quiet"], dir);
  // Nothing changed, but the last run kept no report: this one reads the pages' models to print the infos.
  const verbose = await cli([...args, "--verbose"], dir);
  assert.match(verbose.err, withInfos);
  assert.match(verbose.out, /cache: 25 of 25 pages .* from the cache\n(?:.*\n)*.*files written/);
  const again = await cli([...args, "--verbose"], dir);
  assert.match(again.err, withInfos);
  assert.match(again.out, /is up to date, nothing written/);
  const report = join(dir, "report.json");
  const fromKept = await cli([...args, "--quiet", "--report", report], dir);
  assert.match(fromKept.out, /is up to date, nothing written/);
  assert.equal(JSON.parse(readFileSync(report, "utf8")).totals.pages, 25);
  // A run that needs no report keeps none, and the report an earlier run kept is no longer taken.
  const page = join(docs, "v1.0", "resources", "widget.md");
  writeFileSync(page, readFileSync(page, "utf8").replace("The name shown to people.", "The name people see."));
  // The page's type module, and the release: package.json's version and CHANGELOG.md.
  assert.match((await cli([...args, "--quiet"], dir)).out, /files written .*\(3 changed/);
  const afterEdit = await cli([...args, "--verbose"], dir);
  assert.match(afterEdit.err, withInfos);
  assert.match(afterEdit.out, /files written .*\(0 changed/);
});

test("pages kept on trust from their stat are read after all when the cache has lost them", async () => {
  const dir = tempDir("trusted");
  const docs = join(dir, "docs");
  cpSync(fixtureDocs, docs, { recursive: true });
  const cache = join(dir, "cache");
  const args = [...fixtureArgs(join(dir, "pkg")).slice(2), "--input", docs, "--cache", cache, "--quiet"];
  const lose = (lost: RegExp): void => {
    for (const version of readdirSync(cache))
      for (const entry of readdirSync(join(cache, version))) if (lost.test(entry)) rmSync(join(cache, version, entry));
  };
  const page = join(docs, "v1.0", "resources", "widget.md");
  const text = readFileSync(page, "utf8");
  const uncached = async (): Promise<Record<string, string>> => {
    rmSync(join(dir, "uncached"), { recursive: true, force: true });
    const run = await cli([...fixtureArgs(join(dir, "uncached")).slice(2), "--input", docs, "--no-cache"], dir);
    assert.equal(run.code, 0);
    return snapshot(join(dir, "uncached"));
  };
  await cli(args, dir);

  // The PageModels and their index lost: the cache no longer lists the pages, which are read and parsed.
  lose(/^pages-/);
  writeFileSync(page, text.replace("The name shown to people.", "The name people see."));
  assert.match((await cli(args, dir)).out, /cache: 0 of 25 pages/);
  assert.deepEqual(unreleased(snapshot(join(dir, "pkg"))), unreleased(await uncached()));
  assert.match(snapshot(join(dir, "pkg"))["src/models/widget.ts"]!, /The name people see\./);

  // The PageModels lost but still listed, and what the model derived from them lost: the model finds them
  // missing as it reads them, and is built again from the pages read and parsed.
  lose(/^(pages-.*-\d+\.bin|derived-.*)$/);
  writeFileSync(page, text);
  const run = await cli(args, dir);
  assert.equal(run.code, 0, run.err);
  assert.deepEqual(unreleased(snapshot(join(dir, "pkg"))), unreleased(await uncached()));

  // Output files are kept by the keys the last run recorded, their texts unread. The rendered texts lost but still
  // listed: a kept file edited by hand is rendered again, whole.
  lose(/^files-.*-\d+\.bin$/);
  writeFileSync(join(dir, "pkg", "src", "index.ts"), "// edited\n");
  writeFileSync(page, text.replace("The name shown to people.", "The name people see."));
  // The file edited, the page's type module, and the release (package.json, CHANGELOG.md).
  assert.match((await cli(args, dir)).out, /files written .*\(4 changed, 0 removed\)/);
  assert.deepEqual(unreleased(snapshot(join(dir, "pkg"))), unreleased(await uncached()));
});

test("--workers takes a whole number", async () => {
  const dir = tempDir("workers");
  const bad = await cli([...fixtureArgs(join(dir, "pkg")), "--workers", "two"], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--workers takes a whole number/);
  const none = await cli([...fixtureArgs(join(dir, "pkg")), "--workers", "0", "--no-cache", "--quiet"], dir);
  assert.equal(none.code, 0, none.err);
});

/** Every file under `dir` with its content. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).map((path) => [path, readFileSync(join(dir, path), "utf8")]));
}

/**
 * A package's files but for its release: the version, which every change of the docs bumps (back and forth, a
 * docs text twice), and the changelog, which says so.
 */
function unreleased(files: Record<string, string>): Record<string, string> {
  const { "CHANGELOG.md": _, ...rest } = files;
  return { ...rest, "package.json": rest["package.json"]!.replace(/"version": "[^"]*"/, '"version": "*"') };
}

test("the package and the health report name the docs set by a relative path or its name, never an absolute one", async () => {
  const dir = tempDir("label");
  const outside = await cli([...fixtureArgs(join(dir, "pkg")), "--html", "health.html", "--quiet"], dir);
  assert.equal(outside.code, 0, outside.err);
  const inside = join(dir, "project");
  cpSync(fixtureDocs, join(inside, "api-docs"), { recursive: true });
  const within = await cli(
    [...fixtureArgs(join(inside, "pkg")).map((arg) => (arg === fixtureDocs ? "api-docs" : arg)), "--quiet"],
    inside,
  );
  assert.equal(within.code, 0, within.err);
  const description = (pkg: string): string =>
    (JSON.parse(readFileSync(join(pkg, "package.json"), "utf8")) as { description: string }).description;
  assert.equal(description(join(dir, "pkg")), "Typed client for the API documented in docs, generated by docs2ts.");
  assert.equal(
    description(join(inside, "pkg")),
    "Typed client for the API documented in api-docs, generated by docs2ts.",
  );
  assert.match(readFileSync(join(dir, "health.html"), "utf8"), /<title>Docs health: docs<\/title>/);
  for (const pkg of [join(dir, "pkg"), join(inside, "pkg")])
    for (const file of listFiles(pkg)) {
      const text = readFileSync(join(pkg, file), "utf8");
      assert.ok(!text.includes(fixtureDocs) && !text.includes(dir), `${file} names a path of this machine`);
    }
});
