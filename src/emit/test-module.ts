/**
 * Prints a planned test module (files.ts) with ts-morph's code writer: per example, the builder call and the
 * request body (typed, so that tsc checks them) and the documented request and response, replayed by the
 * `replay` helper of test/support.ts. Runs where files are rendered (a worker), from plain data. The code is
 * written in prettier's layout (objects one member a line), so that only overlong lines need formatting (fit.ts).
 */
import type CodeBlockWriter from "code-block-writer";
import type { TestCase, TestModule, TsValue } from "./files.js";
import { printKey, printPrimitive, printString } from "./literals.js";

export function writeTestModule(writer: CodeBlockWriter, module: TestModule): void {
  const tested = module.cases.some((entry) => "test" in entry);
  writer.writeLine(`// Tests generated from the examples of ${module.page}.`);
  writer.writeLine(`import { test } from "node:test";`);
  if (module.fromIndex.length > 0)
    writer.writeLine(`import { ${module.fromIndex.join(", ")} } from "../../src/index.js";`);
  if (tested) writer.writeLine(`import { replay } from "../support.js";`);
  if (module.dataFile)
    writer.writeLine(`import documented from ${printString(module.dataFile)} with { type: "json" };`);
  for (const entry of module.cases) {
    writer.blankLineIfLastNot();
    if (!("test" in entry)) {
      writer.writeLine(`test(${printString(entry.title)}, { skip: ${printString(entry.skip)} }, () => {});`);
      continue;
    }
    // A test of the example's sound parts says what it leaves out.
    if (entry.partial) writer.writeLine(`// Partial: ${entry.partial}.`);
    writeTestCase(writer, entry.title, entry.test);
  }
}

function writeTestCase(writer: CodeBlockWriter, title: string, test: TestCase): void {
  // An escape from the types is visible, with its reason.
  if (test.untyped) writer.writeLine(`// Untyped (as never): ${test.untyped.join("; ")}.`);
  writer.write(`test(${printString(title)}, async () => `).inlineBlock(() => {
    writer.writeLine(`const at = (client: ApiClient) => client${test.accessor};`);
    if (test.body?.kind === "json")
      writer.writeLine(`const requestBody = ${layOutValue(test.body.value)} ${test.body.check};`);
    if (test.body?.kind === "text") writer.writeLine(`const requestBody = ${test.body.code};`);
    writer.write("await replay(").inlineBlock(() => {
      writer.writeLine(`baseUrl: ${printString(test.baseUrl)},`);
      writer.writeLine(`method: ${printString(test.method)},`);
      writer.writeLine(`url: ${printString(test.expectedUrl)},`);
      if (test.body) writer.writeLine("body: requestBody,");
      if (test.contentType) writer.writeLine(`contentType: ${printString(test.contentType)},`);
      if (test.response) writer.writeLine(`response: documented[${test.response.index}],`);
      writer.writeLine(`expect: ${printString(test.response?.expect ?? "nothing")},`);
      writer.writeLine(`describe: (client) => at(client).${test.describeName}(${test.callArgs}),`);
      writer.writeLine(`send: (client) => at(client).${test.verb}(${test.callArgs}),`);
    });
    writer.write(");").newLine();
  });
  writer.write(");").newLine();
}

/**
 * A value in prettier's layout, indented relative to its first line: objects with members one a line (prettier
 * keeps an object expanded when it was written so), arrays on one line unless an element forces a break.
 */
function layOutValue(value: TsValue, indent = ""): string {
  switch (value.kind) {
    case "primitive":
      return printPrimitive(value.value);
    case "cast":
      return `${layOutValue(value.value, indent)} as ${value.to}`;
    case "object":
      if (value.entries.length === 0) return "{}";
      return `{\n${value.entries.map(([key, item]) => `${indent}  ${printKey(key)}: ${layOutValue(item, `${indent}  `)},\n`).join("")}${indent}}`;
    case "array":
      if (value.items.length === 0) return "[]";
      if (!breaks(value)) return `[${value.items.map((item) => layOutValue(item, indent)).join(", ")}]`;
      return `[\n${value.items.map((item) => `${indent}  ${layOutValue(item, `${indent}  `)},\n`).join("")}${indent}]`;
  }
}

/** Whether prettier breaks the group of `value` (and so every group around it). */
function breaks(value: TsValue): boolean {
  switch (value.kind) {
    case "primitive":
      return false;
    case "cast":
      return breaks(value.value);
    case "object":
      return value.entries.length > 0;
    case "array":
      return value.items.some(breaks) || isMatrix(value.items);
  }
}

/** Prettier breaks an array of two or more objects, or of two or more arrays that each hold more than one item. */
function isMatrix(items: TsValue[]): boolean {
  if (items.length < 2) return false;
  const first = items[0]!;
  return items.every(
    (item) =>
      item.kind === first.kind &&
      ((item.kind === "object" && item.entries.length > 0) || (item.kind === "array" && item.items.length > 1)),
  );
}
