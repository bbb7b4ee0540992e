/**
 * The mock for consumers (src/mocks/ of the package, `./mocks` of the built package): a consumer's test runs its
 * code offline through `createClient({ fetch: createMockFetch() })` against documented responses (an item, a
 * collection, a create, a delete, an error), handlers override answers by path, and an app that does not import
 * the mock bundles none of it.
 */
import assert from "node:assert/strict";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { compilePackage, root, tempDir } from "./helpers.js";

const copy = tempDir("mocks");
cpSync(join(root, "generated"), copy, {
  recursive: true,
  filter: (source) => !/[/\\](node_modules|dist)$/.test(source),
});
// A consumer's code and its test, as the package's README shows them.
writeFileSync(
  join(copy, "test", "consumer.ts"),
  `import { ApiError, createClient, type ApiClient } from "../src/index.js";
import { createMockFetch } from "../src/mocks/index.js";

const scripts = (client: ApiClient) => client.deviceManagement.deviceComplianceScripts.byId("s1").deviceRunStates;

/** The consumer's code: the states of a script that failed, and a state's output. */
export async function failedStates(client: ApiClient): Promise<string[]> {
  const page = await scripts(client).get();
  return page.value.filter((state) => state.detectionState !== "success").map((state) => state.id ?? "");
}

export async function outputOf(client: ApiClient, id: string): Promise<string | null | undefined> {
  return (await scripts(client).byId(id).get()).scriptOutput;
}

export async function run(): Promise<Record<string, unknown>> {
  const client = createClient({ fetch: createMockFetch(), retry: false });
  const created = await scripts(client).post({ detectionState: "pending" });
  const deleted = await scripts(client).byId("gone").delete();
  const overridden = createClient({
    fetch: createMockFetch({
      handlers: {
        "GET /deviceManagement/deviceComplianceScripts/{id}/deviceRunStates/{stateId}": {
          status: 403,
          json: { error: { code: "accessDenied", message: "no" } },
        },
      },
    }),
    retry: false,
  });
  const error = await outputOf(overridden, "x").catch((reason: unknown) => reason);
  const undocumented = await createMockFetch()("https://graph.microsoft.com/beta/deviceManagement/nothing/here");
  return {
    failed: await failedStates(client),
    output: await outputOf(client, "b8a2c7d1"),
    created: created.detectionState,
    deleted,
    error: error instanceof ApiError ? [error.status, error.code] : error,
    undocumented: [undocumented.status, await undocumented.json()],
  };
}
`,
);
await compilePackage(copy, join(copy, "dist"));

test("a consumer's code runs offline against the documented responses, an error and an override", async () => {
  const { run } = (await import(pathToFileURL(join(copy, "dist", "test", "consumer.js")).href)) as {
    run: () => Promise<Record<string, unknown>>;
  };
  const result = await run();
  // The documented collection has one state that succeeded and one that failed.
  assert.deepEqual(result["failed"], ["c9b3d8e2-4a5f-4b6c-9d7e-8f9a0b1c2d3e"]);
  assert.equal(result["output"], "Compliant: BitLocker enabled on C:");
  assert.equal(result["created"], "pending");
  assert.equal(result["deleted"], undefined);
  assert.deepEqual(result["error"], [403, "accessDenied"]);
  const [status, body] = result["undocumented"] as [number, { error: { code: string; message: string } }];
  assert.equal(status, 404);
  assert.equal(body.error.code, "itemNotFound");
  assert.match(body.error.message, /GET \/deviceManagement\/nothing\/here/);
});

test("the built package exports the mock as ./mocks", () => {
  const manifest = JSON.parse(readFileSync(join(copy, "package.json"), "utf8")) as {
    exports: Record<string, { import: { default: string } }>;
  };
  assert.equal(manifest.exports["./mocks"]?.import.default, "./dist/esm/mocks/index.js");
  assert.match(readFileSync(join(copy, "README.md"), "utf8"), /import \{ createMockFetch \} from "[^"]+\/mocks";/);
});

test("an app that does not import the mock bundles none of it, nor any documented response", async () => {
  const app = join(copy, "app");
  mkdirSync(app, { recursive: true });
  const call = `const client = createClient();
console.log(await client.deviceManagement.deviceComplianceScripts.byId("a").deviceRunStates.get());
`;
  const bundle = async (name: string, source: string): Promise<string> => {
    writeFileSync(join(app, name), source);
    const result = await build({
      entryPoints: [join(app, name)],
      bundle: true,
      minify: true,
      format: "esm",
      platform: "neutral",
      write: false,
      logLevel: "silent",
    });
    return result.outputFiles[0]!.text;
  };
  const plain = await bundle("plain.ts", `import { createClient } from "../src/index.js";\n${call}`);
  const mocked = await bundle(
    "mocked.ts",
    `import { createClient } from "../src/index.js";\nimport { createMockFetch } from "../src/mocks/index.js";\n${call.replace("createClient()", "createClient({ fetch: createMockFetch() })")}`,
  );
  const documented = "Compliant: BitLocker enabled on C:";
  assert.ok(!plain.includes(documented), "a documented response in the app's bundle");
  assert.ok(!plain.includes("No documented example answers"), "the mock in the app's bundle");
  assert.ok(mocked.includes(documented) && mocked.includes("No documented example answers"));
  // The app pays nothing: its bundle is the one it would be if the package had no mock.
  cpSync(join(copy, "src"), join(copy, "unmocked"), {
    recursive: true,
    filter: (source) => !/[/\\]mocks$/.test(source),
  });
  const unmocked = await bundle("unmocked.ts", `import { createClient } from "../unmocked/index.js";\n${call}`);
  assert.equal(plain, unmocked);
});
