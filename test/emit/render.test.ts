import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";
import * as prettier from "prettier";
import type { PendingFile } from "../../src/emit/files.js";
import { prettierOptions, renderFile, renderFiles } from "../../src/emit/render.js";
import { StructureKind } from "../../src/emit/structure-kinds.js";

/** A module whose lines no rule of own-layout.ts knows: prettier lays each out. */
const needingPrettier = (name: string): string =>
  [
    `export const ${name} = [${Array.from({ length: 12 }, (_, index) => `"${name}-${index}"`).join(", ")}];`,
    "",
    `export function ${name}Call(): number { return Math.max(${Array.from({ length: 30 }, (_, index) => index).join(", ")}); }`,
    "",
  ].join("\n");

const typescript = (path: string, text: string): PendingFile => ({
  path,
  content: { kind: "text", text, format: "typescript" },
});

test("files rendered together get the text each gets alone, which is prettier's", async () => {
  const files = [
    typescript("a.ts", needingPrettier("alpha")),
    typescript("b.ts", "export const short = 1;\n"),
    typescript("c.ts", needingPrettier("gamma")),
    { path: "d.json", content: { kind: "text", text: "{}\n", format: "as-is" } } satisfies PendingFile,
  ];
  const calls: string[] = [];
  const alone = await Promise.all(
    files.map((file) =>
      renderFile(file, (source) => {
        calls.push(source);
        return prettier.format(source, { ...prettierOptions, parser: "babel-ts" });
      }),
    ),
  );
  assert.equal(calls.length, 2, "two of the files need prettier");
  assert.deepEqual(await renderFiles(files), alone);
  for (const [index, file] of files.entries()) {
    if (file.content.kind === "text" && file.content.format === "typescript")
      assert.equal(alone[index], await prettier.format(file.content.text, { ...prettierOptions, parser: "babel-ts" }));
  }
});

test("a file prettier cannot read fails as it fails alone, not with the error of the joint source", async () => {
  const broken = typescript("broken.ts", `export const broken = (${"x, ".repeat(40)};\n`);
  const good = typescript("good.ts", needingPrettier("delta"));
  const alone = await renderFile(broken).then(
    () => assert.fail("prettier reads the broken file"),
    (error: Error) => error.message,
  );
  await assert.rejects(renderFiles([good, broken, good]), (error: Error) => error.message === alone);
});

test("structures and test modules render without loading ts-morph or the TypeScript compiler", async () => {
  const files: PendingFile[] = [
    {
      path: "src/thing.ts",
      content: {
        kind: "structure",
        structure: { statements: [{ kind: StructureKind.Interface, name: "Thing", isExported: true }] },
      },
    },
    {
      path: "test/examples/thing.test.ts",
      content: { kind: "tests", module: { page: "api/thing-get.md", fromIndex: [], cases: [] } },
    },
  ];
  const [structure, tests] = await renderFiles(files);
  assert.equal(structure, "export interface Thing {}\n");
  assert.match(tests!, /Tests generated from the examples of api\/thing-get\.md/);
  // A worker that renders a file would otherwise load 9 MB of TypeScript first (print-structure.ts).
  const loaded = Object.keys(createRequire(import.meta.url).cache);
  assert.deepEqual(
    loaded.filter((path) => /[\\/](ts-morph|@ts-morph|typescript)[\\/]/.test(path)),
    [],
  );
});
