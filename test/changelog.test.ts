/**
 * What changed, and the version: pairs of docs sets that differ by one change of each kind give the changelog entry,
 * its classification and the next version; on docs-input, the command line bumps the version and writes the
 * changelog as the acceptance says, and a run with no change leaves both alone.
 */
import assert from "node:assert/strict";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { cli } from "./run-cli.js";
import {
  bumpOf,
  changelogSection,
  compareTypes,
  describeChanges,
  diffSurfaces,
  diffSurfaceTexts,
  nextVersion,
  type ApiChange,
} from "../src/emit/changelog.js";
import { emitPackage } from "../src/emit/index.js";
import { parseSurface, surfacePath, type Surface } from "../src/emit/surface.js";
import {
  editFixture,
  fixtureBaseUrl,
  fixtureDocs,
  fixtureTexts,
  listFiles,
  modelOfTexts,
  root,
  tempDir,
} from "./helpers.js";
import { releasePackage } from "../src/run/release.js";

function surfaceTextOf(texts: ReadonlyMap<string, string>): string {
  const emitted = emitPackage(modelOfTexts(texts), {
    packageName: "widget-store",
    packageVersion: "0.1.0",
    baseUrl: fixtureBaseUrl,
    docsLabel: "docs",
    typescriptVersion: "^5",
    typesNodeVersion: "^20",
  });
  const file = emitted.files.find((candidate) => candidate.path === surfacePath)!;
  assert.ok("content" in file && file.content.kind === "text");
  return file.content.text;
}

const surfaceOf = (texts: ReadonlyMap<string, string>): Surface => parseSurface(surfaceTextOf(texts))!;
const beforeText = surfaceTextOf(fixtureTexts);
const before = parseSurface(beforeText)!;

/** The changes from the fixture docs to `after`, and the version 0.1.0 and 1.2.3 go to. */
function changesTo(after: ReadonlyMap<string, string>, docsChanged = true) {
  const afterText = surfaceTextOf(after);
  const changes = diffSurfaces(before, parseSurface(afterText)!);
  // Compared as texts, entry by entry (the release stage's way), the changes are the same, in the same order.
  assert.deepEqual(diffSurfaceTexts(beforeText, afterText), changes);
  const bump = (version: string): string | undefined => {
    const kind = bumpOf(changes, docsChanged, version);
    return kind && nextVersion(version, kind);
  };
  return { changes, below1: bump("0.1.0"), above1: bump("1.2.3") };
}

const without = (file: string): Map<string, string> => {
  const texts = new Map(fixtureTexts);
  assert.ok(texts.delete(file));
  return texts;
};

const pick = ({ kind, subject, name, breaking, page }: ApiChange) => ({ kind, subject, name, breaking, page });

test("the surface lists types with members and operations with parameters, body and response, in name order", () => {
  assert.deepEqual([...before.types.keys()], [...before.types.keys()].sort());
  const widget = before.types.get("Widget")!;
  assert.equal(widget.header, "interface Widget extends Entity");
  assert.equal(widget.page, "v1.0/resources/widget.md");
  assert.equal(widget.members.get("createdDateTime")?.line, "readonly createdDateTime?: string | null");
  assert.equal(widget.members.get("source")?.line, "source?: string | Tag | null");
  assert.deepEqual([...before.types.get("Priority")!.members.keys()], ['"high"', '"low"']);
  const paint = before.operations.get("post /widgets/{}/paint")!;
  assert.equal(paint.header, "POST /widgets/{id}/paint");
  assert.deepEqual(
    [...paint.members.values()].map((member) => member.line),
    ["body: WidgetsItemPaintPostBody", "response: 204 void"],
  );
  assert.deepEqual(
    [...before.types.get("WidgetsItemPaintPostBody")!.members.values()].map((member) => member.line),
    ["coats?: number | null", "color: Color | null"],
  );
  const usage = before.operations.get("get /reports/getwidgetusage")!;
  assert.ok(usage.members.has("parameter getWidgetUsage.period"));
});

test("an added type is not breaking: a patch below 1.0.0, a minor above", () => {
  const texts = new Map(fixtureTexts).set(
    "v1.0/resources/badge.md",
    fixtureTexts.get("v1.0/resources/tag.md")!.replace(/tag resource type/g, "badge resource type"),
  );
  const { changes, below1, above1 } = changesTo(texts);
  assert.deepEqual(changes.map(pick), [
    { kind: "added", subject: "type", name: "Badge", breaking: false, page: "v1.0/resources/badge.md" },
  ]);
  assert.deepEqual([below1, above1], ["0.1.1", "1.3.0"]);
});

test("a removed type is breaking: a minor below 1.0.0, a major above", () => {
  const { changes, below1, above1 } = changesTo(without("v1.0/resources/sticker.md"));
  assert.deepEqual(changes.map(pick), [
    { kind: "removed", subject: "type", name: "Sticker", breaking: true, page: "v1.0/resources/sticker.md" },
  ]);
  assert.deepEqual([below1, above1], ["0.2.0", "2.0.0"]);
});

test("an added member is not breaking; a removed one is", () => {
  const added = changesTo(
    editFixture(
      "v1.0/resources/tag.md",
      "| text | String | The label. |",
      "| text | String | The label. |\n| note | String | A note. |",
    ),
  );
  assert.deepEqual(added.changes.map(pick), [
    { kind: "added", subject: "member", name: "Tag.note", breaking: false, page: "v1.0/resources/tag.md" },
  ]);
  assert.equal(added.changes[0]!.detail, "`note?: string | null`");
  assert.deepEqual([added.below1, added.above1], ["0.1.1", "1.3.0"]);

  const removed = changesTo(
    editFixture("v1.0/resources/tag.md", "| weight | Single | How much the label counts. |\n", ""),
  );
  assert.deepEqual(removed.changes.map(pick), [
    { kind: "removed", subject: "member", name: "Tag.weight", breaking: true, page: "v1.0/resources/tag.md" },
  ]);
  assert.deepEqual([removed.below1, removed.above1], ["0.2.0", "2.0.0"]);
});

test("an added operation is not breaking; a removed one is", () => {
  const removed = changesTo(without("v1.0/api/widget-delete.md"));
  assert.deepEqual(removed.changes.map(pick), [
    {
      kind: "removed",
      subject: "operation",
      name: "DELETE /widgets/{id}",
      breaking: true,
      page: "v1.0/api/widget-delete.md",
    },
  ]);
  assert.deepEqual([removed.below1, removed.above1], ["0.2.0", "2.0.0"]);
  const added = diffSurfaces(surfaceOf(without("v1.0/api/widget-delete.md")), before);
  assert.deepEqual(added.map(pick), [
    {
      kind: "added",
      subject: "operation",
      name: "DELETE /widgets/{id}",
      breaking: false,
      page: "v1.0/api/widget-delete.md",
    },
  ]);
});

test("narrowing a member's type is breaking, widening it is not", () => {
  const narrowed = changesTo(
    editFixture("v1.0/resources/widget.md", "| source | String or [tag](tag.md) |", "| source | String |"),
  );
  assert.deepEqual(narrowed.changes.map(pick), [
    { kind: "changed", subject: "member", name: "Widget.source", breaking: true, page: "v1.0/resources/widget.md" },
  ]);
  assert.equal(narrowed.changes[0]!.detail, "narrowed: `string | Tag | null` -> `string | null`");
  assert.deepEqual([narrowed.below1, narrowed.above1], ["0.2.0", "2.0.0"]);

  const widened = changesTo(
    editFixture(
      "v1.0/resources/widget.md",
      "| serial | String, maximum size 20 |",
      "| serial | String or [tag](tag.md) |",
    ),
  );
  assert.deepEqual(widened.changes.map(pick), [
    { kind: "changed", subject: "member", name: "Widget.serial", breaking: false, page: "v1.0/resources/widget.md" },
  ]);
  assert.deepEqual([widened.below1, widened.above1], ["0.1.1", "1.3.0"]);
  assert.equal(compareTypes("A | B", "C"), "changed");
  assert.equal(compareTypes("Array<A | B> | null", "Array<A | B>"), "narrowed");
});

test("an optional parameter made required is breaking, and names the operation's page", () => {
  const { changes, below1, above1 } = changesTo(
    editFixture("v1.0/api/widget-paint.md", "How many coats to apply. Optional.", "How many coats to apply. Required."),
  );
  assert.deepEqual(changes.map(pick), [
    {
      kind: "changed",
      subject: "member",
      name: "WidgetsItemPaintPostBody.coats",
      breaking: true,
      page: "v1.0/api/widget-paint.md",
    },
  ]);
  assert.equal(changes[0]!.detail, "optional -> required");
  assert.deepEqual([below1, above1], ["0.2.0", "2.0.0"]);
});

test("compared where they differ, two surfaces give the changes that reading both whole gives, whatever lines differ", () => {
  // Lines deleted, added (members, headers, blank lines, fences, headings, prose), edited and swapped, one to three
  // at a time anywhere in the text: differingBlocks cuts both where they differ, or whole where it cannot.
  let seed = 18;
  const random = (below: number): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let mixed = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return (((mixed ^ (mixed >>> 14)) >>> 0) % below) as number;
  };
  const lines = beforeText.split("\n");
  let compared = 0;
  for (let trial = 0; trial < 600; trial++) {
    const edited = [...lines];
    for (let edit = 0, edits = 1 + random(3); edit < edits; edit++) {
      const at = 1 + random(edited.length - 1);
      const added = [
        "  addedMember?: string | null",
        `interface Added${trial}x${edit} // v1.0/resources/added.md`,
        `GET /added${trial}x${edit} // v1.0/api/added.md`,
        "",
        "```",
        "## Operations",
        "A line of prose.",
      ];
      switch (random(4)) {
        case 0:
          edited.splice(at, 1);
          break;
        case 1:
          edited.splice(at, 0, added[random(added.length)]!);
          break;
        case 2:
          edited[at] = `${edited[at]} | number`;
          break;
        default:
          if (at + 1 < edited.length) [edited[at], edited[at + 1]] = [edited[at + 1]!, edited[at]!];
      }
    }
    const afterText = edited.join("\n");
    const whole = diffSurfaces(parseSurface(beforeText)!, parseSurface(afterText)!);
    assert.deepEqual(diffSurfaceTexts(beforeText, afterText), whole, `trial ${trial}`);
    assert.deepEqual(diffSurfaceTexts(afterText, beforeText), diffSurfaces(parseSurface(afterText)!, before));
    if (whole.length > 0) compared++;
  }
  // Most edits change the API: the comparison is of changes, not of empty lists.
  assert.ok(compared > 400, `${compared} trials changed the API`);
});

test("a docs text change leaves the API as it is: a patch; no change at all: no version", () => {
  const edited = changesTo(
    editFixture("v1.0/resources/widget.md", "The name shown to people.", "The name people see."),
  );
  assert.deepEqual(edited.changes, []);
  assert.deepEqual([edited.below1, edited.above1], ["0.1.1", "1.2.4"]);
  const none = changesTo(fixtureTexts, false);
  assert.deepEqual([none.changes, none.below1, none.above1], [[], undefined, undefined]);
});

test("the changelog section lists breaking changes first, and the summary says what changed in one line", () => {
  const changes: ApiChange[] = [
    { kind: "added", subject: "operation", name: "GET /a", breaking: false, page: "api/a.md" },
    { kind: "added", subject: "operation", name: "GET /b", breaking: false, page: "api/b.md" },
    { kind: "added", subject: "operation", name: "GET /c", breaking: false, page: "api/c.md" },
    { kind: "removed", subject: "member", name: "User.mail", breaking: true, page: "resources/user.md" },
  ];
  assert.equal(describeChanges(changes), "1 member removed, 3 operations added, 1 breaking change");
  assert.equal(
    changelogSection("2.0.0", changes),
    [
      "## 2.0.0",
      "",
      "1 member removed, 3 operations added, 1 breaking change.",
      "",
      "### Breaking changes",
      "",
      "- Removed member `User.mail` (resources/user.md)",
      "",
      "### Changes",
      "",
      "- Added operation `GET /a` (api/a.md)",
      "- Added operation `GET /b` (api/b.md)",
      "- Added operation `GET /c` (api/c.md)",
      "",
    ].join("\n"),
  );
});

test("on docs-input: a property row added is 0.1.0 -> 0.1.1, one removed 0.1.1 -> 0.2.0, no change nothing", async () => {
  const dir = tempDir("release");
  const docs = join(dir, "docs");
  const out = join(dir, "pkg");
  cpSync(join(root, "docs-input"), docs, { recursive: true });
  cpSync(join(root, "generated"), out, { recursive: true });
  const args = ["--input", docs, "--out", out, "--cache", join(dir, "cache"), "--quiet"];
  const version = (): string =>
    (JSON.parse(readFileSync(join(out, "package.json"), "utf8")) as { version: string }).version;
  const changelog = (): string => readFileSync(join(out, "CHANGELOG.md"), "utf8");
  assert.equal(version(), "0.1.0");
  const page = join(docs, "beta", "resources", "intune-devicecompliancescriptdevicestate.md");
  const text = readFileSync(page, "utf8");
  const row = "| scriptError | String | Error from the detection script. |\n";
  assert.ok(text.includes(row));

  const note = "| remediationNote | String | What was done about it. |\n";
  writeFileSync(page, text.replace(row, `${row}${note}`));
  const added = await cli(args, dir);
  assert.equal(added.code, 0, added.err);
  assert.match(added.out, /released 0\.1\.0 -> 0\.1\.1: 1 member added\n/);
  assert.equal(version(), "0.1.1");
  assert.match(
    changelog(),
    /## 0\.1\.1\n\n1 member added\.\n\n### Changes\n\n- Added member `DeviceComplianceScriptDeviceState\.remediationNote`: `remediationNote\?: string \| null` \(beta\/resources\/intune-devicecompliancescriptdevicestate\.md\)\n\n## 0\.1\.0\n/,
  );

  writeFileSync(page, text.replace(row, note));
  // --check holds a breaking change for review; --allow-breaking lets it through (the output is still stale).
  const check = await cli([...args, "--check"], dir);
  assert.equal(check.code, 1);
  assert.match(check.out, /would release 0\.1\.1 -> 0\.2\.0: 1 member removed, 1 breaking change \(breaking/);
  assert.equal(version(), "0.1.1");
  const removed = await cli(args, dir);
  assert.equal(removed.code, 0, removed.err);
  assert.match(removed.out, /released 0\.1\.1 -> 0\.2\.0: 1 member removed, 1 breaking change\n/);
  assert.equal(version(), "0.2.0");
  assert.match(
    changelog(),
    /^# Changelog\n[^]*## 0\.2\.0\n\n1 member removed, 1 breaking change\.\n\n### Breaking changes\n\n- Removed member `DeviceComplianceScriptDeviceState\.scriptError` \(beta\/resources\/intune-devicecompliancescriptdevicestate\.md\)\n\n## 0\.1\.1\n[^]*## 0\.1\.0\n/,
  );
  const upToDate = await cli([...args, "--check"], dir);
  assert.equal(upToDate.code, 0, upToDate.out);

  // No change: neither the version nor the changelog moves, with the cache or without it.
  const written = [readFileSync(join(out, "package.json"), "utf8"), changelog()];
  for (const extra of [[], ["--no-cache"]]) {
    const again = await cli([...args, ...extra], dir);
    assert.equal(again.code, 0, again.err);
    assert.doesNotMatch(again.out, /released/);
    assert.deepEqual([readFileSync(join(out, "package.json"), "utf8"), changelog()], written);
  }

  // Docs text only: a patch, and the changelog says the API is unchanged.
  writeFileSync(page, text.replace(row, note).replace("Key of the device compliance script", "Key of the script"));
  const prose = await cli(args, dir);
  assert.match(prose.out, /released 0\.2\.0 -> 0\.2\.1: no API change\n/);
  assert.match(
    changelog(),
    /## 0\.2\.1\n\nNo API change: only other files changed \(documentation text, [^\n]*\n\n## 0\.2\.0/,
  );
});

test("the release reads the output's files from the caller where it lists them, and a file the package lacks is a change", async () => {
  const dir = tempDir("release-listed");
  const out = join(dir, "pkg");
  const written = await cli(["--input", fixtureDocs, "--out", out, "--base-url", fixtureBaseUrl, "--quiet"], dir);
  assert.equal(written.code, 0, written.err);
  const files = new Map(
    listFiles(out)
      .filter((path) => path !== "CHANGELOG.md")
      .map((path) => [path, readFileSync(join(out, path), "utf8")]),
  );
  const input = { out, packageName: "widget-store", packageVersion: "0.1.0", files, held: new Map() };
  assert.equal((await releasePackage(input)).release.kind, "none");
  const listed = new Set([...files.keys(), "CHANGELOG.md"]);
  assert.equal((await releasePackage({ ...input, outputFiles: async () => listed })).release.kind, "none");
  const stray = new Set([...listed, "src/stray.ts"]);
  const released = await releasePackage({ ...input, outputFiles: async () => stray });
  assert.equal(released.release.kind, "docs");
});
