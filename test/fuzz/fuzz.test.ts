/**
 * The fuzz campaign in the test suite: the injection scan finds code among strings, templates and comments, the
 * mutations replay from their seed, and a short campaign (a few hundred mutations of real pages, a minute) ends
 * with no crash, no page lost, no package that fails to compile or test, and nothing injected. `FUZZ_SEED` replays
 * another campaign; `npm run fuzz` runs long ones. Skipped when ../shared is not beside the project.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { corpora } from "../helpers.js";
import { buildSet, formatSummary, runCampaign } from "./campaign.js";
import { scanForMarkers } from "./scan.js";

const skip = existsSync(corpora) ? false : `the corpus is not at ${corpora}`;

test("the scan finds markers that are code, not those in strings, templates' text or comments", () => {
  const isMarker = (identifier: string): boolean => identifier.startsWith("FUZZPWN");
  const text = [
    "const a = `x ${b + `y ${FUZZPWN1}`} FUZZPWN2 ${c}`; // FUZZPWN3",
    '/** FUZZPWN4 */ const r = /"/; FUZZPWN5();',
    "const s = 'FUZZPWN6' + \"FUZZPWN7\";",
    'interface X { "FUZZPWN8"?: string; FUZZPWN9?: string }',
  ].join("\n");
  assert.deepEqual(
    scanForMarkers(text, isMarker).map((found) => found.text),
    ["FUZZPWN1", "FUZZPWN5", "FUZZPWN9"],
  );
});

test("a docs set is the same for the same seed", { skip }, () => {
  const first = buildSet(42, 12);
  const second = buildSet(42, 12);
  try {
    const read = (docs: string): string[] =>
      readdirSync(docs, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map(
          (entry) =>
            `${join(entry.parentPath, entry.name).slice(docs.length)} ${readFileSync(join(entry.parentPath, entry.name)).toString("base64").slice(0, 400)}`,
        )
        .sort();
    assert.equal(first.mutations, second.mutations);
    assert.deepEqual([...first.markers], [...second.markers]);
    assert.deepEqual(read(first.docs), read(second.docs));
  } finally {
    rmSync(first.dir, { recursive: true, force: true });
    rmSync(second.dir, { recursive: true, force: true });
  }
});

test("a short fuzz campaign finds nothing", { skip, timeout: 10 * 60_000 }, async () => {
  const seed = Number(process.env["FUZZ_SEED"] ?? 17);
  const summary = await runCampaign({
    seed,
    count: 200,
    timeLimit: 30,
    keepFailuresIn: join(tmpdir(), "docs2ts-fuzz-failures"),
  });
  const line = formatSummary(summary);
  assert.ok(summary.mutations >= 200, line);
  assert.deepEqual(summary.failures, [], line);
});
