/**
 * What users of the package generated from test/fixtures/bodies can send: a create body with members its table
 * leaves out, an action's `{ value: [...] }`, a function parameter one page quotes and another leaves bare. The
 * package compiles under strict with a consumer written against it, and its example tests pass.
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import { resolveConfig } from "../../src/run/config.js";
import { emitPackage } from "../../src/emit/index.js";
import { renderAll } from "../../src/emit/render.js";
import { buildApiModel } from "../../src/model/index.js";
import { writeOutput } from "../../src/run/output.js";
import { compilePackage, failures, fixtures, readPages, runPackageTests, tempDir } from "../helpers.js";

const baseUrl = "https://graph.microsoft.com/v1.0";
const config = resolveConfig(process.cwd());
const emitted = emitPackage(buildApiModel(readPages(join(fixtures, "bodies")), { baseUrl }), {
  packageName: "gizmos",
  packageVersion: "1.0.0",
  baseUrl,
  docsLabel: "test/fixtures/bodies",
  typescriptVersion: config.typescriptVersion,
  typesNodeVersion: config.typesNodeVersion,
});
const files = await renderAll(emitted.files.map((file) => ("content" in file ? file : assert.fail(file.path))));
// Without its doc comments (a body's members carry their descriptions).
const requests = files.get("src/requests/gizmos.ts")!.replace(/\/\*\*[^]*?\*\/\s*/g, "");
const annotations = "\\[annotation: `\\$\\{string\\}@\\$\\{string\\}`\\]: unknown;";

test("a create or update body takes the table's members as documented and the type's others", () => {
  assert.match(requests, /post\(\s*body: GizmosPostBody,/);
  assert.match(
    requests,
    new RegExp(
      `export interface GizmosPostBody extends Omit<Gizmo, "displayName" \\| "kind"> \\{\\s*${annotations}\\s*displayName: string \\| null;\\s*kind\\?: string \\| null;\\s*\\}`,
    ),
  );
  assert.match(requests, /patch\(body: GizmosItemPatchBody, /);
  assert.match(
    requests,
    new RegExp(
      `export interface GizmosItemPatchBody extends Omit<Gizmo, "displayName"> \\{\\s*${annotations}\\s*displayName\\?: string \\| null;`,
    ),
  );
});

test("an action whose only parameter is `value` takes `{ value: [...] }`", () => {
  assert.match(requests, /post\(\s*body: GizmosSubmitGizmosPostBody,/);
  assert.match(
    requests,
    new RegExp(
      `export interface GizmosSubmitGizmosPostBody \\{\\s*${annotations}\\s*value\\?: Gizmo\\[\\] \\| null;\\s*\\}`,
    ),
  );
});

test("a function parameter quoted on one page and bare on another takes either form", () => {
  assert.match(requests, /\(parameters: \{\s*address: string \| number \| boolean \| Literal;?\s*\}\)/);
});

test("the package compiles with a consumer of those bodies, and its example tests pass", async () => {
  const dir = tempDir("bodies-package");
  await writeOutput(dir, files);
  writeFileSync(
    join(dir, "test", "consumer.ts"),
    `import { createClient, literal } from "../src/index.js";

const client = createClient();
export const create = client.gizmos.toPostRequest({ displayName: "Cog", tags: ["new"] }).body;
export const submit = client.gizmos.submitGizmos.toPostRequest({ value: [{ id: "g1", kind: "small" }] }).body;
export const quoted = client.gizmos.byId("g1").range({ address: "A1:B2" }).toGetRequest().url;
export const bare = client.gizmos.byId("g1").range({ address: literal("A1") }).format.toGetRequest().url;
// @ts-expect-error the table says displayName is required
export const missing = () => client.gizmos.post({ tags: ["new"] });
`,
  );
  await compilePackage(dir, join(dir, "dist"));
  const consumer = (await import(pathToFileURL(join(dir, "dist", "test", "consumer.js")).href)) as Record<
    string,
    unknown
  >;
  assert.equal(consumer["quoted"], `${baseUrl}/gizmos/g1/range(address='A1%3AB2')`);
  assert.equal(consumer["bare"], `${baseUrl}/gizmos/g1/range(address=A1)/format`);
  const run = await runPackageTests(join(dir, "dist"));
  assert.equal(run.fail, 0, failures(run.output));
  assert.equal(run.pass, 7);
  // The examples go out as documented: quoted where their URLs quote.
  const range = files.get("test/examples/gizmo-range-format.ts")!;
  assert.match(range, /\.range\(\{ address: "C3" \}\)/);
  assert.match(range, /range\(address='C3'\)\/format/);
  for (const page of ["gizmo-create", "gizmo-update", "gizmo-submitgizmos"])
    assert.match(files.get(`test/examples/${page}.ts`)!, /satisfies Parameters</, page);
});
