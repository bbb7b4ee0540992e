/**
 * fit.ts promises prettier's layout of a whole file while formatting only parts of it. Each case is printed code
 * of a shape the emitters write; the promise is checked against prettier itself, so a case cannot pass by
 * agreeing with a wrong expectation. The corpus test holds the same promise over a slice of real docs.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import * as prettier from "prettier";
import { fitToPrintWidth } from "../../src/emit/fit.js";

const printWidth = 100;
const format = (source: string): Promise<string> => prettier.format(source, { parser: "babel-ts", printWidth });

/** Fits `text`, checks the result against prettier on the whole text, and says how much went to prettier. */
async function fit(text: string): Promise<{ result: string; formatted: string[] }> {
  const formatted: string[] = [];
  const result = await fitToPrintWidth(text, printWidth, (source) => {
    formatted.push(source);
    return format(source);
  });
  assert.equal(result, await format(text));
  return { result, formatted };
}

const long = (name: string): string => `${name}${"x".repeat(60)}`;

test("code within the print width goes to prettier not at all", async () => {
  const { formatted } = await fit(
    [
      'import type { Widget } from "./widget.js";',
      "",
      "/** A part. */",
      "export interface Part {",
      "  /** Its name. */",
      "  name?: string | null;",
      "}",
      "",
      'export type Size = "small" | "large";',
      "",
    ].join("\n"),
  );
  assert.deepEqual(formatted, []);
});

test("a long interface member is laid out alone, its neighbours as printed", async () => {
  const text = [
    "export interface Requests {",
    "  /** Lists them. */",
    // A lone type argument too long for its line: prettier's to lay out (own-layout.ts leaves it).
    `  get(options?: QueryOptions<Selectable<${long("Widget")}>>): Promise<CollectionPage<Widget>>;`,
    "  delete(options?: QueryOptions): Promise<void>;",
    `  post(body: { [annotation: \`@odata.\${string}\`]: unknown; displayName: string | null; description?: string | null; size?: "small" | "large" | null }, options?: QueryOptions): Promise<Widget>;`,
    "}",
    "",
  ].join("\n");
  const { formatted } = await fit(text);
  assert.equal(formatted.length, 1, "one prettier call per file");
  assert.doesNotMatch(formatted[0]!, /delete\(|Lists them/);
});

test("a long interface header is laid out above a stand-in body", async () => {
  await fit(
    [
      `export interface ${long("Requests")} extends Omit<WidgetNavigation, "parts" | "gadgets" | "owners"> {`,
      "  delete(options?: QueryOptions): Promise<void>;",
      "}",
      "",
      `export interface ${long("Empty")} extends Omit<WidgetNavigation, "parts" | "gadgets"> {`,
      "}",
      "",
    ].join("\n"),
  );
});

test("an empty body closes on its first line", async () => {
  const { formatted } = await fit("export interface A extends B {\n}\n");
  assert.deepEqual(formatted, []);
});

test("long imports, unions and type arguments are laid out whole", async () => {
  await fit(
    [
      `import type { ${["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota", "Kappa"].join(", ")} } from "./models.js";`,
      "",
      `export type Status = ${["notStarted", "inProgress", "completed", "failed", "cancelled", "unknownFutureValue"].map((value) => `"${value}"`).join(" | ")};`,
      "",
      "export interface Group {",
      `  options?: Array<${["AllowOnlyMembersToPost", "HideGroupInOutlook", "SubscribeNewGroupMembers"].map((value) => `"${value}"`).join(" | ")}> | null;`,
      "}",
      "",
    ].join("\n"),
  );
});

test("a test is laid out statement by statement, objects member by member", async () => {
  const { formatted } = await fit(
    [
      'import { test } from "node:test";',
      "",
      `test("${long("create_widget")} (api/widget-create.md:12)", async () => {`,
      `  const at = (client: ApiClient) => client.deviceManagement.${long("widgets")}.byId("{widgetId}").parts;`,
      "  const requestBody = {",
      '    displayName: "Shoe size",',
      `    description: "${"a long description ".repeat(5)}",`,
      "    tags: [],",
      '    sizes: ["small", "large"],',
      "    parts: [",
      "      {",
      '        "@odata.type": "#microsoft.graph.part",',
      "        count: 1e21,",
      "      } as Part,",
      "    ],",
      "    matrix: [",
      "      [1, 2],",
      "      [3, 4],",
      "    ],",
      "    nested: [[1, 2]],",
      "    owner: {},",
      '  } satisfies Parameters<ReturnType<typeof at>["post"]>[0];',
      "  await replay({",
      '    method: "POST",',
      `    url: "https://graph.microsoft.com/v1.0/deviceManagement/${long("widgets")}/%7BwidgetId%7D/parts",`,
      "    body: requestBody,",
      "  });",
      "});",
      "",
      'test("short", { skip: "its URL matches no documented path" }, () => {});',
      "",
    ].join("\n"),
  );
  assert.equal(formatted.length, 1);
  assert.doesNotMatch(formatted[0]!, /displayName|tags|short/, "members and tests that fit stay as printed");
});

test("a key beyond ASCII goes to prettier, which may unquote it", async () => {
  const { formatted } = await fit('export const value = {\n  "déjà": 1,\n  "a-b": 2,\n};\n');
  assert.equal(formatted.length, 1);
});

test("a line of wide characters is as wide as prettier counts it, not as long as its string", async () => {
  // Seventy-odd characters, but East Asian wide ones: two columns each to prettier, which breaks the line.
  const { formatted } = await fit(`const body = {\n  description: "${"日本語のテキスト".repeat(7)}",\n};\n`);
  assert.equal(formatted.length, 1);
});
