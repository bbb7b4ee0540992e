/**
 * The model derived with a memo: a second build takes every derivation from it and gives the same model, with the
 * same diagnostics and coverage; after a page changes, only what reads that page is derived again (a description
 * edited on a resource page keeps the example plans of the other pages), and only the pages derived again are read.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { buildApiModel, pageFacts, type ApiModel, type ModelMemo, type PageSource } from "../../src/model/index.js";
import { parsePage, type PageModel } from "../../src/parse/index.js";
import {
  baseRowEdit,
  descriptionEdit,
  editFixture,
  fixtureBaseUrl,
  fixtureTexts as texts,
  modelOfTexts,
  paragraphEdit,
  rowEdit,
  typeEdit,
  withoutMemoKeys,
} from "../helpers.js";

interface Run {
  readonly model: ReturnType<typeof buildApiModel>;
  /** Pages whose PageModel the build read. */
  readonly read: string[];
  readonly hits: number;
  readonly misses: number;
}

function build(texts: ReadonlyMap<string, string>, memo: Map<string, unknown>): Run {
  const pages = new Map<string, PageModel>([...texts].map(([file, text]) => [file, parsePage(file, text)]));
  const read: string[] = [];
  const source: PageSource = {
    facts: [...pages.values()].map(pageFacts),
    load: (file) => {
      read.push(file);
      return pages.get(file)!;
    },
  };
  let hits = 0;
  let misses = 0;
  const counting: ModelMemo = {
    get: (key) => {
      const value = memo.get(key);
      if (value === undefined) misses++;
      else hits++;
      return value;
    },
    // Kept as the cache keeps it: as JSON, which every derived value must survive unchanged.
    set: (key, value) => {
      const kept: unknown = JSON.parse(JSON.stringify(value));
      assert.deepEqual(kept, value, "a derived value is plain data");
      memo.set(key, kept);
    },
  };
  const pageKeys = new Map(
    [...texts].map(([file, text]) => [file, createHash("sha1").update(file).update(text).digest("hex")]),
  );
  const model = buildApiModel(source, { baseUrl: fixtureBaseUrl, memo: counting, pageKeys });
  return { model, read: [...new Set(read)].sort(), hits, misses };
}

test("a second build takes every derivation from the memo, reads no page, and gives the same model", () => {
  const memo = new Map<string, unknown>();
  const first = build(texts, memo);
  assert.equal(first.hits, 0);
  const second = build(texts, memo);
  assert.equal(second.misses, 0);
  assert.deepEqual(second.read, []);
  assert.deepEqual(withoutMemoKeys(second.model), withoutMemoKeys(first.model));
  assert.deepEqual(withoutMemoKeys(second.model), modelOfTexts(texts));
  // Each type, enum, operation and example is known by the memo key it was derived under, the same in both.
  const memoKeys = (model: ApiModel): string[] => [...(model.memoKeys?.values() ?? [])].sort();
  const { types, enums, operations } = first.model;
  const examples = operations.flatMap((operation) => operation.examples);
  assert.equal(first.model.memoKeys?.size, types.length + enums.length + operations.length + examples.length);
  assert.deepEqual(memoKeys(second.model), memoKeys(first.model));
});

test("after a description edit on a resource page, only that page is read and derived again", () => {
  const memo = new Map<string, unknown>();
  build(texts, memo);
  const edited = descriptionEdit();
  const run = build(edited, memo);
  assert.deepEqual(run.read, ["v1.0/resources/widget.md"]);
  assert.deepEqual(withoutMemoKeys(run.model), modelOfTexts(edited));
  const widget = run.model.types.find((type) => type.qualifiedName === "microsoft.graph.widget")!;
  assert.equal(widget.properties.find((property) => property.name === "displayName")?.description, "What people see.");
});

test("a change to what other pages read of a page derives them again", () => {
  const memo = new Map<string, unknown>();
  build(texts, memo);
  // The member's type changes: every page whose examples are checked against widgets is planned again.
  const edited = typeEdit();
  const run = build(edited, memo);
  assert.ok(run.read.length > 1, `pages read: ${run.read.join(", ")}`);
  assert.deepEqual(withoutMemoKeys(run.model), modelOfTexts(edited));
});

test("after a paragraph added to a resource page, only that page is read and derived again", () => {
  const memo = new Map<string, unknown>();
  build(texts, memo);
  const edited = paragraphEdit();
  const run = build(edited, memo);
  assert.deepEqual(run.read, ["v1.0/resources/widget.md"]);
  assert.deepEqual(withoutMemoKeys(run.model), modelOfTexts(edited));
  const widget = run.model.types.find((type) => type.qualifiedName === "microsoft.graph.widget")!;
  const before = modelOfTexts(texts).types.find((type) => type.qualifiedName === "microsoft.graph.widget")!;
  assert.equal(widget.properties[0]!.source.line, before.properties[0]!.source.line + 2, "the lines moved");
});

test("after a paragraph added to an API page, an operation that copies its paths has their new lines", () => {
  const memo = new Map<string, unknown>();
  build(texts, memo);
  // The update page's syntax block is empty: it takes the paths of the pages listed with it, this one's among them.
  const edited = paragraphEdit("v1.0/api/widget-get.md");
  const run = build(edited, memo);
  assert.deepEqual(withoutMemoKeys(run.model), modelOfTexts(edited));
});

test("after a property row added, only the pages that read the type are derived again", () => {
  const memo = new Map<string, unknown>();
  const first = build(texts, memo);
  const edited = rowEdit();
  const run = build(edited, memo);
  assert.deepEqual(withoutMemoKeys(run.model), modelOfTexts(edited));
  assert.ok(run.read.includes("v1.0/resources/widget.md"));
  // Pages whose examples never look the widget up keep their plans.
  const withExamples = first.model.operations.filter((operation) => operation.examples.length > 0);
  const pages = new Set(withExamples.map((operation) => operation.source.file));
  assert.ok(
    [...pages].some((page) => !run.read.includes(page)),
    `pages read: ${run.read.join(", ")}`,
  );
});

test("after a member of a base type changes, what reads a type derived from it is derived again", () => {
  for (const edited of [
    baseRowEdit(),
    // Examples of widgets send and get string ids: as numbers, they are wrong on every page that checks a widget.
    editFixture("v1.0/resources/entity.md", "| id | String |", "| id | Int32 |"),
  ]) {
    const memo = new Map<string, unknown>();
    build(texts, memo);
    const run = build(edited, memo);
    assert.deepEqual(withoutMemoKeys(run.model), modelOfTexts(edited));
  }
});

/** The docs set with a page that documents a relationship of the widget its resource page's tables leave out. */
function spares(title: string, above = "", docs: ReadonlyMap<string, string> = texts): Map<string, string> {
  return new Map(docs).set(
    "v1.0/api/widget-list-spares.md",
    [
      "---",
      `title: "${title}"`,
      'description: "List the spare parts of a widget."',
      "doc_type: apiPageType",
      "---",
      "",
      `# ${title}`,
      "",
      "Namespace: microsoft.graph",
      "",
      above,
      "## HTTP request",
      "",
      '<!-- { "blockType": "ignored" } -->',
      "```http",
      "GET /widgets/{id}/spares",
      "```",
      "",
      "## Response",
      "",
      "If successful, this method returns a `200 OK` response code and a collection of [part](../resources/part.md) objects in the response body.",
      "",
    ].join("\n"),
  );
}

test("members only paths document are kept with the memo, their lines read again, and found again on a title edit", () => {
  const added = (model: ApiModel) =>
    model.diagnostics.filter((diagnostic) => diagnostic.name === "memberFromPath").map((d) => `${d.line} ${d.message}`);
  const memo = new Map<string, unknown>();
  const first = build(spares("List spares"), memo);
  assert.equal(added(first.model).length, 1);
  // Lines moved: the derivation is kept, and the member and its diagnostic stand at the new line.
  const moved = build(spares("List spares", "A paragraph.\n\nAnother one.\n"), memo);
  assert.ok(!moved.read.includes("v1.0/resources/widget.md"));
  assert.deepEqual(withoutMemoKeys(moved.model), modelOfTexts(spares("List spares", "A paragraph.\n\nAnother one.\n")));
  assert.notDeepEqual(added(moved.model), added(first.model));
  // A page titled otherwise documents no relationship: the member goes.
  const retitled = build(spares("Enumerate spares"), memo);
  assert.deepEqual(added(retitled.model), []);
  assert.deepEqual(withoutMemoKeys(retitled.model), modelOfTexts(spares("Enumerate spares")));
});

test("members only paths document are found again when a type the paths lead through changes, not another", () => {
  // What the memo keeps of finding them (as a derivation's value): the members found by type, and those made
  // collections.
  const found = (derivation: unknown): boolean => {
    const value = (derivation as { value?: unknown } | undefined)?.value;
    return typeof value === "object" && value !== null && "gained" in value && "listed" in value;
  };
  for (const [edited, again] of [
    // The widget, which the path leads through: a member added to it may be the one the path documents.
    [rowEdit(), true],
    // The sticker, which no path reads.
    [
      editFixture(
        "v1.0/resources/sticker.md",
        "| text | String | What the sticker says. |\n",
        "| text | String | What the sticker says. |\n| size | Int32 | How big it is. |\n",
      ),
      false,
    ],
  ] as const) {
    const memo = new Map<string, unknown>();
    build(spares("List spares"), memo);
    const before = new Set(memo.keys());
    const docs = spares("List spares", "", edited);
    const run = build(docs, memo);
    assert.deepEqual(withoutMemoKeys(run.model), modelOfTexts(docs));
    const derived = [...memo].filter(([key, value]) => !before.has(key) && found(value));
    assert.equal(derived.length, again ? 1 : 0, again ? "found again" : "kept");
  }
  // The member the path documents, added to the widget's table: the path adds nothing any more.
  const memo = new Map<string, unknown>();
  build(spares("List spares"), memo);
  const declared = spares(
    "List spares",
    "",
    editFixture(
      "v1.0/resources/widget.md",
      "| displayName | String | The name shown to people. |\n",
      "| displayName | String | The name shown to people. |\n| spares | [part](part.md) collection | Spare parts. |\n",
    ),
  );
  const run = build(declared, memo);
  assert.deepEqual(withoutMemoKeys(run.model), modelOfTexts(declared));
  assert.ok(!run.model.diagnostics.some((diagnostic) => diagnostic.name === "memberFromPath"));
});
