/**
 * Emitting with a memo of the keys earlier runs gave each part of the model (a type's module, a builder module, a
 * page's test module): a part as before is known by its keys and not described, unless its text must be rendered
 * again; a part that changed, or any part when what naming and navigation read of the model changed, is described.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { emitPackage, type EmitMemo, type EmitOptions, type EmittedPackage } from "../../src/emit/index.js";
import { fileKey, pendingOf, type EmittedFile, type PendingFile } from "../../src/emit/files.js";
import {
  baseRowEdit,
  descriptionEdit,
  editFixture,
  fixtureBaseUrl,
  fixtureTexts as texts,
  modelOfTexts as modelOf,
  paragraphEdit,
  relationshipEdit,
  rowEdit,
  typeEdit,
} from "../helpers.js";

const options: EmitOptions = {
  packageName: "widget-store",
  packageVersion: "1.0.0",
  baseUrl: fixtureBaseUrl,
  docsLabel: "test/fixtures/docs",
  typescriptVersion: "5.0.0",
  typesNodeVersion: "20.0.0",
};
const keyOf = (file: EmittedFile): string => ("key" in file ? file.key : fileKey(file, "test"));

/** The memo a run keeps of an emit: the file keys of each part. */
function memoOf(emitted: EmittedPackage): EmitMemo {
  const keys = new Map(emitted.files.map((file) => [file.path, keyOf(file)]));
  const memo = new Map(
    emitted.parts.map((part) => [part.key, part.paths.map((path) => ({ path, key: keys.get(path)! }))]),
  );
  return { get: (key) => memo.get(key) };
}

/**
 * Emits `pages` with the memo of an emit of `before`; the paths described, and the files with their content. With
 * `derived`, both models are built with one memo, as a run does, and parts read the memo keys of their objects;
 * without, their JSON.
 */
function emitAfter(before: ReadonlyMap<string, string>, pages: ReadonlyMap<string, string>, derived: boolean) {
  const modelMemo = derived ? new Map<string, unknown>() : undefined;
  const memo = memoOf(emitPackage(modelOf(before, modelMemo), options));
  const second = emitPackage(modelOf(pages, modelMemo), { ...options, memo });
  const uncached = emitPackage(modelOf(pages), options);
  // A file known by its key is the file an emit without the memo describes: its part's key hashes all it reads.
  assert.deepEqual(
    second.files.map((file) => [file.path, keyOf(file)]),
    uncached.files.map((file) => [file.path, keyOf(file)]),
  );
  return {
    described: second.files.filter((file) => "content" in file).map((file) => file.path),
    known: second.files.filter((file) => "key" in file).length,
    files: second.files.map(pendingOf),
    uncached: uncached.files as PendingFile[],
  };
}

for (const [label, derived] of [
  ["parts read as JSON", false],
  ["parts read by memo key", true],
] as const) {
  test(`${label}: parts as before are known by their keys, and describe to what an emit without the memo gives`, () => {
    const run = emitAfter(texts, texts, derived);
    assert.ok(run.known > 0);
    // The index of each namespace is described every run, like every file not emitted from a part.
    assert.ok(run.described.every((path) => !path.startsWith("src/models/") || path.endsWith("/index.ts")));
    assert.ok(run.described.every((path) => !path.startsWith("test/examples/")));
    assert.deepEqual(run.files, run.uncached);
  });

  test(`${label}: after a description edit, only the files of the part edited are described`, () => {
    const run = emitAfter(texts, descriptionEdit(), derived);
    // Files not emitted from a part (the runtime, package files) are always described. The navigation module reads
    // the types with relationships, the widget among them (their descriptions are its docs).
    const always = new Set(emitAfter(texts, texts, derived).described);
    assert.deepEqual(
      run.described.filter((path) => !always.has(path)),
      ["src/models/widget.ts", "src/requests/navigation.ts"],
    );
    assert.deepEqual(run.files, run.uncached);
  });

  test(`${label}: after a change to what naming and navigation read (a relationship), every part is described`, () => {
    const run = emitAfter(texts, relationshipEdit(), derived);
    assert.equal(run.known, 0);
    assert.deepEqual(run.files, run.uncached);
  });

  test(`${label}: after a paragraph added to a resource page, no file but its type's module (and navigation) is described`, () => {
    const run = emitAfter(texts, paragraphEdit(), derived);
    const always = new Set(emitAfter(texts, texts, derived).described);
    assert.deepEqual(
      run.described.filter((path) => !always.has(path)),
      ["src/models/widget.ts", "src/requests/navigation.ts"],
    );
    assert.deepEqual(run.files, run.uncached);
  });

  for (const [edit, pages] of [
    ["a member retyped", typeEdit],
    ["a property row added", rowEdit],
    ["a property row added to a base type", baseRowEdit],
  ] as const)
    test(`${label}: after ${edit}, parts that do not read the type stay known, and all describe as uncached`, () => {
      const run = emitAfter(texts, pages(), derived);
      assert.ok(run.known > 0);
      assert.ok(run.described.includes("src/models/widget.ts") || pages === baseRowEdit);
      assert.deepEqual(run.files, run.uncached);
    });
}

test("after a property row added, the test modules of examples planned as before are not described again", () => {
  // The widget's examples are planned again (they read the widget), and its create and update described again (their
  // body is a widget): each as before, no body sets the member.
  for (const derived of [false, true]) {
    const run = emitAfter(texts, rowEdit(), derived);
    assert.deepEqual(
      run.described.filter((path) => path.startsWith("test/examples/") && path !== "test/examples.test.ts"),
      [],
    );
    assert.deepEqual(run.files, run.uncached);
  }
});

for (const derived of [false, true]) {
  test(`api.md is known by its key after prose edits, described after an edit of the API it lists (${derived})`, () => {
    // A description that makes its member read-only changes the API, though it is prose.
    const readOnlyEdit = editFixture(
      "v1.0/resources/widget.md",
      "The name shown to people. |",
      "The name shown to people. Read-only. |",
    );
    for (const pages of [descriptionEdit(), paragraphEdit()])
      assert.ok(!emitAfter(texts, pages, derived).described.includes("api.md"));
    for (const pages of [typeEdit(), rowEdit(), baseRowEdit(), relationshipEdit(), readOnlyEdit])
      assert.ok(emitAfter(texts, pages, derived).described.includes("api.md"));
  });
}

test("the navigation module is described again when a relationship's description changes, its docs", () => {
  const edit = editFixture("v1.0/resources/widget.md", "The parts of the widget. |", "What the widget is made of. |");
  for (const derived of [false, true]) {
    const run = emitAfter(texts, edit, derived);
    assert.ok(run.described.includes("src/requests/navigation.ts"));
    const navigation = run.files.find((file) => file.path === "src/requests/navigation.ts")!;
    assert.match(JSON.stringify(navigation.content), /What the widget is made of\./);
  }
});

test("a part reads the memo key its object was derived under, not its JSON, when the model has one", () => {
  const model = modelOf(texts, new Map());
  const memo = memoOf(emitPackage(model, options));
  // The widget altered, under the memo key it had: its module is known, as it is not when read as JSON.
  const widget = model.types.find((type) => type.qualifiedName === "microsoft.graph.widget")!;
  const altered = { ...widget, description: "Altered." };
  const types = model.types.map((type) => (type === widget ? altered : type));
  const memoKeys = new Map([...model.memoKeys!, [altered, model.memoKeys!.get(widget)!]]);
  const widgetModule = (emitted: EmittedPackage): EmittedFile =>
    emitted.files.find((file) => file.path === "src/models/widget.ts")!;
  assert.ok("key" in widgetModule(emitPackage({ ...model, types, memoKeys }, { ...options, memo })));
  assert.ok(!("key" in widgetModule(emitPackage({ ...model, types, memoKeys: new Map() }, { ...options, memo }))));
});

test("an operation merged from several documenting one path is read by their memo keys, not its JSON", () => {
  const model = modelOf(texts, new Map());
  // Another page documents the first GET again: the plan merges the two into one verb of the builder.
  const documented = model.operations.find((operation) => operation.method === "GET")!;
  const again = { ...documented, id: `${documented.id}-again` };
  const withKey = (key: string) => ({
    ...model,
    operations: [...model.operations, again],
    memoKeys: new Map([...model.memoKeys!, [again, key]]),
  });
  const described = (emitted: EmittedPackage): string[] =>
    emitted.files.filter((file) => "content" in file).map((file) => file.path);
  const memo = memoOf(emitPackage(withKey("again"), options));
  const always = new Set(described(emitPackage(withKey("again"), { ...options, memo })));
  // The same operation under another key: its JSON is as it was, but the builder module is described again.
  const rekeyed = described(emitPackage(withKey("again, edited"), { ...options, memo }));
  const changed = rekeyed.filter((path) => !always.has(path));
  assert.equal(changed.length, 1);
  assert.match(changed[0]!, /^src\/requests\//);
});
