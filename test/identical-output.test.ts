/**
 * Same output always: on a slice of the Graph v1.0 corpus (every tenth page, enough to use the worker pool), the
 * package is byte-identical with and without the cache, cold and warm, for any number of workers, and as written
 * by `npm run generate` (src/run/launch.mjs and its bundle); its TypeScript is exactly what prettier makes of each
 * whole file (fit.ts formats only parts); and a page edited since a cached run, parsed early as the command line
 * hints, gives the package an uncached run gives. And the same docs copied to two other directories, listed in
 * shuffled orders, generated from other working directories under other locales and time zones, give the same
 * bytes. Skipped when ../shared is not beside the project.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import * as prettier from "prettier";
import { Cache } from "../src/run/cache.js";
import { docsLabel, resolveConfig } from "../src/run/config.js";
import { listDocsFiles, readInput } from "../src/run/docs-set.js";
import { prettierOptions } from "../src/emit/render.js";
import { generate, type GenerateOptions, type GenerateResult } from "../src/run/generate.js";
import { minimumPoolJobs } from "../src/run/workers/pool.js";
import { Random } from "./fuzz/random.js";
import { corpus, listFiles, root, tempDir } from "./helpers.js";

const skip = existsSync(corpus) ? false : `the corpus is not at ${corpus}`;

test(
  "the output is the same with and without the cache, for any number of workers",
  { skip, timeout: 10 * 60_000 },
  async () => {
    const dir = tempDir("identical");
    const docs = join(dir, "docs");
    const slice = listDocsFiles(corpus).filter((_, index) => index % 10 === 0);
    for (const file of slice) {
      mkdirSync(dirname(join(docs, file)), { recursive: true });
      cpSync(join(corpus, file), join(docs, file));
    }
    assert.ok(slice.length > 2 * minimumPoolJobs, "enough pages for the worker pool");
    const config = resolveConfig(root, {
      input: docs,
      out: join(dir, "out"),
      baseUrl: "https://graph.microsoft.com/v1.0",
    });
    const cache = Cache.open(join(dir, "cache"), "test");
    // The docs set named as the command line names it, so that its package and the ones below are comparable.
    const label = docsLabel(root, docs);
    const run = (options: GenerateOptions): Promise<GenerateResult> => generate(config, label, options);

    const hinted = new Set(slice.slice(0, 3));
    const reference = await run({ workers: 0 });
    assert.ok(reference.files.size > 2 * minimumPoolJobs, "enough files for the worker pool");
    const runs: Array<[string, GenerateResult]> = [
      ["two workers, cold cache", await run({ workers: 2, cache })],
      ["two workers, warm cache", await run({ workers: 2, cache })],
      ["one worker, warm cache", await run({ workers: 1, cache })],
      // Pages `stat` shows changed are only a hint: unchanged text still comes from the cache.
      ["two workers, warm cache, pages hinted changed", await run({ workers: 2, cache, changedOnDisk: hinted })],
      ["no workers, warm cache", await run({ workers: 0, cache })],
      ["three workers, no cache", await run({ workers: 3 })],
    ];
    assert.equal(runs[0]![1].stats.pagesFromCache, 0);
    assert.equal(runs[1]![1].stats.pagesFromCache, slice.length);
    // Every file the emit gives (all of the package but CHANGELOG.md, which the release writes) from the cache.
    assert.equal(runs[1]![1].stats.filesFromCache, reference.files.size - 1);
    assert.equal(runs[3]![1].stats.pagesFromCache, slice.length);
    for (const [label, result] of runs) {
      assert.deepEqual([...result.files.keys()], [...reference.files.keys()], label);
      for (const [path, text] of reference.files) assert.equal(result.files.get(path), text, `${label}: ${path}`);
      assert.deepEqual(result.diagnostics, reference.diagnostics, label);
    }

    // `npm run generate` as users run it: from the launcher's bundle, with its worker threads, written to disk.
    const out = join(dir, "launched");
    const launched = spawnSync(
      process.execPath,
      [
        join(root, "src", "run", "launch.mjs"),
        "--input",
        docs,
        "--out",
        out,
        "--base-url",
        config.baseUrl,
        "--no-cache",
      ],
      { cwd: root, encoding: "utf8" },
    );
    assert.equal(launched.status, 0, launched.stderr);
    assert.match(launched.stdout, new RegExp(`${reference.files.size} files written`));
    assert.deepEqual(listFiles(out), [...reference.files.keys()].sort());
    for (const [path, text] of reference.files) assert.equal(readFileSync(join(out, path), "utf8"), text, path);

    for (const [path, text] of reference.files) {
      if (!path.endsWith(".ts")) continue;
      assert.equal(
        await prettier.format(text, { ...prettierOptions, parser: "typescript" }),
        text,
        `${path} is not as prettier lays it out`,
      );
    }

    // A page edited since the last run, as the command line hints it: parsed while the cache is read, and the
    // package is the one an uncached run makes of the edited docs.
    const edited = slice.find((file) => file.startsWith("resources/"))!;
    const page = join(docs, edited);
    writeFileSync(page, `${readFileSync(page, "utf8")}\nEdited.\n`);
    const afterEdit = await run({ workers: 2, cache, changedOnDisk: new Set([edited]) });
    const editedReference = await run({ workers: 0 });
    assert.equal(afterEdit.stats.pagesFromCache, slice.length - 1);
    assert.deepEqual([...afterEdit.files], [...editedReference.files]);
    assert.deepEqual(afterEdit.diagnostics, editedReference.diagnostics);
  },
);

test(
  "the same docs give the same bytes from other directories, in any listing order, locale and time zone",
  { skip, timeout: 10 * 60_000 },
  async () => {
    const dir = tempDir("identical-places");
    const slice = listDocsFiles(corpus).filter((_, index) => index % 50 === 7);
    const random = new Random(Number(process.env["SHUFFLE_SEED"] ?? 11));
    // Two copies at different depths, their files created in different orders (so the file system lists them in
    // different orders too).
    const copies = [join(dir, "one", "docs"), join(dir, "two", "deeper", "still", "docs")];
    for (const docs of copies) {
      for (const file of random.shuffle(slice)) {
        mkdirSync(dirname(join(docs, file)), { recursive: true });
        cpSync(join(corpus, file), join(docs, file));
      }
    }
    const baseUrl = "https://graph.microsoft.com/v1.0";
    // In this process, from listings in shuffled orders.
    const inProcess = async (docs: string, workers: number): Promise<GenerateResult> => {
      // Configured as the launched runs below are: from a directory without a "docs2ts" key.
      const config = resolveConfig(dir, { input: docs, out: join(dir, "unused"), baseUrl });
      const input = readInput(config, "test", random.shuffle(listDocsFiles(docs)));
      return generate(config, "docs", { workers }, input);
    };
    const reference = await inProcess(copies[0]!, 0);
    const shuffled = await inProcess(copies[1]!, 2);
    assert.deepEqual([...shuffled.files.keys()], [...reference.files.keys()]);
    for (const [path, text] of reference.files) assert.equal(shuffled.files.get(path), text, path);
    assert.deepEqual(shuffled.diagnostics, reference.diagnostics);

    // As users run it: from other working directories (each the docs' parent, which names the docs set `docs`), with other locales, time zones, workers and caches.
    const launch = (docs: string, out: string, cwd: string, env: Record<string, string>, extra: string[]): void => {
      const run = spawnSync(
        process.execPath,
        [join(root, "src", "run", "launch.mjs"), "--input", docs, "--out", out, "--base-url", baseUrl, ...extra],
        { cwd, encoding: "utf8", env: { ...process.env, ...env } },
      );
      assert.equal(run.status, 0, run.stderr);
    };
    const outs = [join(dir, "one", "pkg"), join(dir, "two", "pkg")];
    launch(copies[0]!, outs[0]!, join(dir, "one"), { LANG: "C", LC_ALL: "C", TZ: "UTC" }, [
      "--workers",
      "0",
      "--no-cache",
    ]);
    launch(
      copies[1]!,
      outs[1]!,
      join(dir, "two", "deeper", "still"),
      { LANG: "tr_TR.UTF-8", LC_ALL: "tr_TR.UTF-8", TZ: "Pacific/Chatham" },
      ["--workers", "2", "--cache", join(dir, "cache")],
    );
    for (const out of outs) {
      assert.deepEqual(listFiles(out), [...reference.files.keys()].sort(), out);
      for (const [path, text] of reference.files)
        assert.equal(readFileSync(join(out, path), "utf8"), text, `${out}: ${path}`);
    }
  },
);
