/**
 * The cache must never change a run's result: a damaged, half-written or foreign entry reads as no entry, a
 * disabled cache holds nothing, and entries of another docs2ts version are not read (their directories go).
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deserialize } from "node:v8";
import { test } from "node:test";
import { Cache, fetchEntry, shardCount, ShardedMap, type FetchedEntry } from "../src/run/cache.js";
import { resolveConfig } from "../src/run/config.js";
import { PipelineCache } from "../src/run/pipeline-cache.js";
import { WorkerPool } from "../src/run/workers/pool.js";
import { tempDir } from "./helpers.js";

const value = new Map([["page", { title: "Get a widget", lines: [1, 2, 3] }]]);

function entryPath(root: string, version: string, name: string): string {
  return join(root, `v-${version}`, name);
}

test("an entry reads back as written", () => {
  const root = tempDir("cache");
  Cache.open(root, "one").write("pages.bin", value);
  assert.deepEqual(Cache.open(root, "one").read("pages.bin"), value);
  assert.equal(Cache.open(root, "one").read("missing.bin"), undefined);
});

test("a JSON entry is written as ASCII and reads back with its text past ASCII, as does one written as UTF-8", () => {
  const root = tempDir("cache");
  const cache = Cache.open(root, "one");
  const facts = { title: "Caf\u00e9 \u201cquoted\u201d, \u65e5\u672c \ud83d\ude00", lines: [1] };
  cache.write("facts.bin", facts, "json");
  assert.deepEqual(cache.read("facts.bin"), facts);
  const bytes = readFileSync(entryPath(root, "one", "facts.bin"));
  assert.ok(
    bytes.subarray(12).every((byte) => byte < 128),
    "the payload, after the magic and the checksum",
  );
  // An entry of JSON in UTF-8, as written before: its magic, the CRC-32 of its payload, the payload.
  const payload = Buffer.from(JSON.stringify({ version: "one", value: facts }), "utf8");
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(payload));
  writeFileSync(entryPath(root, "one", "utf8.bin"), Buffer.concat([bytes.subarray(0, 8), checksum, payload]));
  assert.deepEqual(cache.read("utf8.bin"), facts);
});

test("a damaged or half-written entry reads as none", () => {
  const root = tempDir("cache");
  const cache = Cache.open(root, "one");
  cache.write("pages.bin", value);
  const path = entryPath(root, "one", "pages.bin");
  const bytes = readFileSync(path);
  const flipped = Buffer.from(bytes);
  flipped[flipped.length - 3] = flipped[flipped.length - 3]! ^ 0xff;
  writeFileSync(path, flipped);
  assert.equal(cache.read("pages.bin"), undefined, "a flipped byte");
  writeFileSync(path, bytes.subarray(0, bytes.length - 10));
  assert.equal(cache.read("pages.bin"), undefined, "a truncated entry");
  writeFileSync(path, "not a cache entry");
  assert.equal(cache.read("pages.bin"), undefined, "something else");
});

test("an entry fetched keeps its bytes and text when the next entries are read", () => {
  const root = tempDir("cache");
  const cache = Cache.open(root, "one");
  const other = new Map([["other", "y".repeat(100)]]);
  const big = new Map([["page", "x".repeat(3 << 20)]]);
  cache.write("first.bin", value);
  cache.write("text.bin", { title: "first" }, "json");
  cache.write("other.bin", other);
  cache.write("big.bin", big);
  const dir = join(root, "v-one");
  const valueOf = (name: string): (() => unknown) => {
    const entry = fetchEntry(dir, name) as { bytes: Uint8Array };
    return () => (deserialize(entry.bytes) as { value: unknown }).value;
  };
  const first = valueOf("first.bin");
  const text = fetchEntry(dir, "text.bin") as { text: string };
  const second = valueOf("other.bin");
  // Bigger than any entry read so far.
  assert.deepEqual(valueOf("big.bin")(), big);
  assert.deepEqual(first(), value);
  assert.deepEqual(second(), other);
  assert.deepEqual(JSON.parse(text.text).value, { title: "first" });
});

test("another version's entries are not read, and its directory goes", () => {
  const root = tempDir("cache");
  Cache.open(root, "one").write("pages.bin", value);
  const other = Cache.open(root, "two");
  assert.equal(other.read("pages.bin"), undefined);
  assert.ok(!existsSync(join(root, "v-one")), "the old version's directory is removed");
  // An entry copied across versions still says who wrote it.
  other.write("pages.bin", value);
  writeFileSync(entryPath(root, "two", "copied.bin"), readFileSync(entryPath(root, "two", "pages.bin")));
  assert.equal(Cache.open(root, "three").read("copied.bin"), undefined);
});

test("writes land whole: no temporary files stay, the last write wins", () => {
  const root = tempDir("cache");
  const first = Cache.open(root, "one");
  const second = Cache.open(root, "one");
  first.write("pages.bin", value);
  second.write("pages.bin", new Map([["page", { title: "other", lines: [] }]]));
  assert.deepEqual(readdirSync(join(root, "v-one")), ["pages.bin"]);
  assert.equal((first.read<typeof value>("pages.bin")!.get("page") as { title: string }).title, "other");
});

test("a disabled cache (--no-cache) holds nothing", () => {
  const cache = Cache.disabled("one");
  cache.write("pages.bin", value);
  assert.equal(cache.read("pages.bin"), undefined);
  assert.equal(cache.enabled, false);
});

test("two runs writing at once never leave a damaged entry", async () => {
  const root = tempDir("cache");
  const writer = (label: string): Promise<number> =>
    new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          "--import",
          "tsx",
          "--input-type=module",
          "--eval",
          `import { Cache } from ${JSON.stringify(new URL("../src/run/cache.ts", import.meta.url).href)};
           const cache = Cache.open(${JSON.stringify(root)}, "one");
           const value = { label: ${JSON.stringify(label)}, filler: ${JSON.stringify(label)}.repeat(200000) };
           for (let i = 0; i < 40; i++) cache.write("pages.bin", value);`,
        ],
        { stdio: "inherit" },
      );
      child.on("error", reject);
      child.on("exit", (code) => resolve(code ?? 1));
    });
  const running = Promise.all([writer("a"), writer("b")]);
  let settled = false;
  void running.then(() => (settled = true));
  while (!settled) {
    const read = Cache.open(root, "one").read<{ label: string; filler: string }>("pages.bin");
    if (read) {
      assert.ok(read.label === "a" || read.label === "b");
      assert.equal(read.filler, read.label.repeat(200000));
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.deepEqual(await running, [0, 0]);
  assert.ok(Cache.open(root, "one").read("pages.bin"), "an entry is there at the end");
  assert.deepEqual(readdirSync(join(root, "v-one")), ["pages.bin"], "no temporary file is left");
});

for (const keyIndex of [true, false]) {
  test(`a sharded map ${keyIndex ? "with" : "without"} a key index reads back whole, and a change rewrites only the shards whose keys changed`, () => {
    const root = tempDir("cache");
    const key = (n: number): string => createHash("sha1").update(String(n)).digest("hex");
    const entries = Array.from({ length: 200 }, (_, n) => [key(n), `value ${n}`] as const);
    const read = (): ShardedMap<string> =>
      ShardedMap.read<string>(Cache.open(root, "one"), "files", "v8", { keyIndex });
    read().replaceAll(entries);
    const dir = join(root, "v-one");
    const shards = readdirSync(dir)
      .filter((name) => /^files-\d+\.bin$/.test(name))
      .sort();
    assert.equal(shards.length, shardCount);
    // The index of the keys of each shard, kept by a map a run looks up a few keys of.
    assert.equal(existsSync(join(dir, "files-keys.bin")), keyIndex);
    const inodes = (): Map<string, number> => new Map(shards.map((name) => [name, statSync(join(dir, name)).ino]));
    const before = inodes();

    const map = read();
    assert.equal(map.size, 200);
    assert.equal(map.get(key(7)), "value 7");
    // One entry replaced by another: the shard that loses it and the shard that gains it are written, no other.
    map.replaceAll([...entries.filter(([k]) => k !== key(7)), [key(1000), "value 1000"]]);
    const rewritten = shards.filter((name) => inodes().get(name) !== before.get(name));
    const shardName = (k: string): string => `files-${Number.parseInt(k.slice(0, 2), 16)}.bin`;
    assert.deepEqual(rewritten, [...new Set([shardName(key(7)), shardName(key(1000))])].sort());

    const again = read();
    assert.equal(again.size, 200);
    assert.equal(again.get(key(7)), undefined);
    assert.equal(again.get(key(1000)), "value 1000");
  });
}

test("a sharded map reads a shard when a key of it is looked up, and keeps stored values it is told to keep", () => {
  const root = tempDir("cache");
  const key = (n: number): string => createHash("sha1").update(String(n)).digest("hex");
  const entries = Array.from({ length: 200 }, (_, n) => [key(n), `value ${n}`] as const);
  ShardedMap.read<string>(Cache.open(root, "one"), "pages").replaceAll(entries);
  const shardOf = (k: string): string => join(root, "v-one", `pages-${Number.parseInt(k.slice(0, 2), 16)}.bin`);

  // A shard lost: the index still answers `has`, the lookup misses, and the next write puts the shard back.
  rmSync(shardOf(key(3)));
  const map = ShardedMap.read<string>(Cache.open(root, "one"), "pages");
  assert.equal(map.has(key(3)), true);
  assert.equal(map.get(key(3)), undefined);

  // One key dropped, one added with its value: the values stored stay without being given again, and the
  // lost shard is written again (without the value it lost).
  map.retain([...entries.map(([k]) => k).filter((k) => k !== key(7)), key(1000)], new Map([[key(1000), "value 1000"]]));
  const again = ShardedMap.read<string>(Cache.open(root, "one"), "pages");
  assert.equal(again.get(key(1000)), "value 1000");
  assert.equal(again.get(key(8)), "value 8");
  assert.equal(again.has(key(7)), false);
  assert.equal(existsSync(shardOf(key(3))), true);
  for (const [k, value] of entries) {
    if (k === key(7)) continue;
    assert.equal(again.get(k), shardOf(k) === shardOf(key(3)) ? undefined : value);
  }
});

test("a big file's text is kept in an entry of its own, read back, and removed once no file of the package has it", () => {
  const root = tempDir("cache-apart");
  const config = resolveConfig(root, { input: "docs", out: "pkg" });
  const small = "export {};\n";
  const big = `${"x".repeat(200 * 1024)}\n`;
  const keep = (fileKeys: Array<[string, string]>, rendered: Array<[string, string]>): void =>
    new PipelineCache(Cache.open(root, "one"), config).storeFiles(new Map(fileKeys), new Map(rendered), []);
  keep(
    [
      ["src/index.ts", "k-small"],
      ["api.md", "k-big"],
    ],
    [
      ["k-small", small],
      ["k-big", big],
    ],
  );
  const entries = () => readdirSync(join(root, "v-one"));
  const apart = entries().filter((name) => name.includes("-apart-"));
  assert.equal(apart.length, 1);
  assert.ok(apart[0]!.endsWith("-apart-k-big.bin"));
  // No shard holds the big text: every shard is far smaller than it.
  for (const name of entries().filter((name) => !name.includes("-apart-")))
    assert.ok(statSync(join(root, "v-one", name)).size < 100 * 1024, name);
  const cache = new PipelineCache(Cache.open(root, "one"), config);
  assert.ok(cache.holdsFile("k-big"));
  assert.equal(cache.fileText("k-big"), big);
  assert.equal(cache.fileText("k-small"), small);
  // api.md changes: the new text is kept apart, the old one goes.
  const bigger = `${big}more\n`;
  keep(
    [
      ["src/index.ts", "k-small"],
      ["api.md", "k-bigger"],
    ],
    [["k-bigger", bigger]],
  );
  assert.deepEqual(
    entries()
      .filter((name) => name.includes("-apart-"))
      .map((name) => name.slice(name.indexOf("-apart-"))),
    ["-apart-k-bigger.bin"],
  );
  const again = new PipelineCache(Cache.open(root, "one"), config);
  assert.equal(again.fileText("k-bigger"), bigger);
  assert.equal(again.fileText("k-small"), small);
  assert.equal(again.holdsFile("k-big"), false);
  // An entry kept apart that is lost reads as no text: the file is described and rendered again.
  rmSync(join(root, "v-one", apart[0]!.replace("k-big", "k-bigger")));
  assert.equal(new PipelineCache(Cache.open(root, "one"), config).fileText("k-bigger"), undefined);
});

test("a big text its description gives as it is (api.md) is not kept: the cache knows its key, and has no text for it", () => {
  const root = tempDir("cache-described");
  const config = resolveConfig(root, { input: "docs", out: "pkg" });
  const big = `${"x".repeat(200 * 1024)}\n`;
  const bigRendered = `${"y".repeat(200 * 1024)}\n`;
  new PipelineCache(Cache.open(root, "one"), config).storeFiles(
    new Map([
      ["api.md", "k-surface"],
      ["src/requests/me.ts", "k-rendered"],
      [".gitignore", "k-small"],
    ]),
    new Map([
      ["k-surface", big],
      ["k-rendered", bigRendered],
      ["k-small", "node_modules/\n"],
    ]),
    [],
    new Set(["k-surface", "k-small"]),
  );
  const entries = readdirSync(join(root, "v-one"));
  assert.deepEqual(
    entries.filter((name) => name.includes("-apart-")).map((name) => name.slice(name.indexOf("-apart-"))),
    ["-apart-k-rendered.bin"],
  );
  for (const name of entries)
    assert.ok(statSync(join(root, "v-one", name)).size < 100 * 1024 || name.includes("-apart-"));
  const cache = new PipelineCache(Cache.open(root, "one"), config);
  // Known, so that a run whose output holds it as written neither describes nor reads it.
  assert.ok(cache.holdsFile("k-surface"));
  assert.equal(cache.fileText("k-surface"), undefined);
  assert.equal(cache.fileText("k-rendered"), bigRendered);
  // A small text is kept whatever it is.
  assert.equal(cache.fileText("k-small"), "node_modules/\n");
});

test("entries a worker read ahead are read as this thread reads them; one not sent, or damaged, is read here", async () => {
  const root = tempDir("cache-fetch");
  const cache = Cache.open(root, "one");
  cache.write("facts-0.bin", { title: "Get a widget" }, "json");
  cache.write("pages-keys.bin", value);
  cache.write("damaged.bin", value);
  writeFileSync(entryPath(root, "one", "damaged.bin"), "not a cache entry");
  const pool = new WorkerPool(1);
  try {
    const names = ["facts-0.bin", "pages-keys.bin", "damaged.bin", "missing.bin"];
    const fetched = pool.fetch(cache.directory!, names);
    // The entries come a few at a time once the worker is up: asked for, the first one tells when they have.
    const arrived = new Map<string, FetchedEntry>();
    for (let waited = 0; arrived.size === 0 && waited < 200; waited++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const entry = fetched("facts-0.bin");
      if (entry) arrived.set("facts-0.bin", entry);
    }
    for (const name of names.slice(1)) {
      const entry = fetched(name);
      if (entry) arrived.set(name, entry);
    }
    assert.deepEqual([...arrived.keys()], ["facts-0.bin", "pages-keys.bin"], "a damaged or missing entry is not sent");
    // Removed from disk, the entries the worker read are still read: from what it sent.
    rmSync(entryPath(root, "one", "facts-0.bin"));
    rmSync(entryPath(root, "one", "pages-keys.bin"));
    const reader = Cache.open(root, "one");
    const taken: string[] = [];
    reader.readAheadFrom((name) => {
      const entry = arrived.get(name);
      arrived.delete(name);
      if (entry) taken.push(name);
      return entry;
    });
    assert.deepEqual(reader.read("facts-0.bin"), { title: "Get a widget" });
    assert.deepEqual(reader.read("pages-keys.bin"), value);
    assert.deepEqual(taken, ["facts-0.bin", "pages-keys.bin"]);
    // An entry taken once is read from disk the next time: gone now.
    assert.equal(reader.read("facts-0.bin"), undefined);
    assert.equal(reader.read("damaged.bin"), undefined);
    assert.equal(reader.read("missing.bin"), undefined);
  } finally {
    await pool.close();
  }
  // A closed pool reads nothing ahead.
  assert.equal(pool.fetch(cache.directory!, ["facts-0.bin"])("facts-0.bin"), undefined);
});

test("a worker parsing the pages of an edit reads ahead after them, and leaves out the entries this thread came to", async () => {
  const root = tempDir("cache-fetch-parse");
  const cache = Cache.open(root, "one");
  const names = Array.from({ length: 10 }, (_, index) => `facts-${index}.bin`);
  for (const [index, name] of names.entries()) cache.write(name, { index }, "json");
  // A page that takes the worker a while to parse (the parser loads first): the fetch sent behind it waits.
  const rows = Array.from({ length: 6000 }, (_, index) => `| property${index} | String | A property, row ${index}. |`);
  const page = `# widget resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n${rows.join("\n")}\n`;
  const pool = new WorkerPool(1);
  try {
    // The worker up first (a survey of nothing), so that the wait below is the parse's.
    await pool.survey(root, { paths: [], sizes: [], mtimes: [] });
    let settled = false;
    const parsed = pool.parse([{ file: "resources/widget.md", text: page }]).finally(() => (settled = true));
    const fetched = pool.fetch(cache.directory!, names);
    // This thread comes to the sixth entry (and reads the five before it itself) while the worker parses: the
    // fetch has not begun, or the first five would be on their way.
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.equal(settled, false, "the page takes the worker longer than this test waits");
    assert.equal(fetched("facts-5.bin"), undefined);
    assert.equal((await parsed).length, 1);
    let last: FetchedEntry | undefined;
    for (let waited = 0; !last && waited < 200; waited++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      last = fetched("facts-9.bin");
    }
    assert.ok(last, "the entries after it come");
    for (const name of names.slice(0, 5)) assert.equal(fetched(name), undefined, `${name} is not sent`);
  } finally {
    await pool.close();
  }
});
