/**
 * Emitting with a memo of the keys earlier runs gave each part of the model (a type's module, a builder module, a
 * page's test module): a part as before is known by its keys and not described, unless its text must be rendered
 * again; a part that changed, or any part when the model's shape changed, is described.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { emitPackage, type EmitOptions } from "../../src/emit/index.js";
import { fileKey, type EmittedFile, type PendingFile } from "../../src/emit/files.js";
import {
  descriptionEdit,
  fixtureBaseUrl,
  fixtureTexts as texts,
  modelOfTexts as modelOf,
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

/** Emits `pages` with the memo of an emit of `before`; the paths described, and the files with their content. */
function emitAfter(before: ReadonlyMap<string, string>, pages: ReadonlyMap<string, string>) {
  const first = emitPackage(modelOf(before), options);
  const keys = new Map(first.files.map((file) => [file.path, keyOf(file)]));
  const memo = new Map(
    first.parts.map((part) => [part.key, part.paths.map((path) => ({ path, key: keys.get(path)! }))]),
  );
  const second = emitPackage(modelOf(pages), { ...options, memo: { get: (key) => memo.get(key) } });
  const uncached = emitPackage(modelOf(pages), options);
  return {
    described: second.files.filter((file) => "content" in file).map((file) => file.path),
    known: second.files.filter((file) => "key" in file).length,
    files: second.files.map((file): PendingFile =>
      "content" in file ? file : { path: file.path, content: file.describe() },
    ),
    uncached: uncached.files as PendingFile[],
  };
}

test("parts as before are known by their keys, and describe to what an emit without the memo gives", () => {
  const run = emitAfter(texts, texts);
  assert.ok(run.known > 0);
  assert.ok(run.described.every((path) => !path.startsWith("src/models/") || path === "src/models/index.ts"));
  assert.ok(run.described.every((path) => !path.startsWith("test/examples/")));
  assert.deepEqual(run.files, run.uncached);
});

test("after a description edit, only the files of the part edited are described", () => {
  const run = emitAfter(texts, descriptionEdit());
  // Files not emitted from a part (indexes, the runtime, package files) are always described.
  const always = new Set(emitAfter(texts, texts).described);
  assert.deepEqual(
    run.described.filter((path) => !always.has(path)),
    ["src/models/widget.ts"],
  );
  assert.deepEqual(run.files, run.uncached);
});

test("after a change to the model's shape, every part is described", () => {
  const run = emitAfter(texts, typeEdit());
  assert.equal(run.known, 0);
  assert.deepEqual(run.files, run.uncached);
});
