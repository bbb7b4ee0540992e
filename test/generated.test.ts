/**
 * generated/ is the committed package for docs-input/: it must be exactly what `npm run generate` writes, build
 * under strict, pass its own tests, and honour the consumer contract.
 */
import assert from "node:assert/strict";
import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { resolveConfig } from "../src/run/config.js";
import { generate } from "../src/run/generate.js";
import { diffOutput } from "../src/run/output.js";
import { compilePackage, failures, root, runPackageTests, tempDir } from "./helpers.js";

const generatedDir = join(root, "generated");

test("generated/ is what npm run generate writes from docs-input/", async () => {
  const result = await generate(resolveConfig(root), "docs-input");
  assert.deepEqual(
    diffOutput(generatedDir, result.files),
    { changed: [], added: [], removed: [] },
    "run npm run generate",
  );
});

const copy = tempDir("generated");
cpSync(generatedDir, copy, { recursive: true, filter: (source) => !/[/\\](node_modules|dist)$/.test(source) });
// A consumer written against the contract: compiling it with the package checks the exported types.
writeFileSync(
  join(copy, "test", "consumer.ts"),
  `import { ApiError, createClient, type DeviceComplianceScriptDeviceState, type RunState } from "../src/index.js";

export const client = createClient({ baseUrl: "https://graph.microsoft.com/beta", accessToken: () => "token" });
export const error: ApiError = new ApiError(404, { error: { code: "notFound", message: "gone" } });
export const state: DeviceComplianceScriptDeviceState = { detectionState: "success", scriptError: null };
export const run: RunState = "notApplicable";
type Members = Exclude<keyof DeviceComplianceScriptDeviceState, "@odata.type">;
export const members: Record<Members, true> = {
  id: true,
  detectionState: true,
  lastStateUpdateDateTime: true,
  expectedStateUpdateDateTime: true,
  lastSyncDateTime: true,
  scriptOutput: true,
  scriptError: true,
};
export const detection: RunState | null | undefined = state.detectionState;
// @ts-expect-error detectionState is a RunState, not any string
export const wrong: DeviceComplianceScriptDeviceState = { detectionState: "bogus" };
export const patched: Promise<DeviceComplianceScriptDeviceState> = client.deviceManagement.deviceComplianceScripts
  .byId("a")
  .deviceRunStates.byId("b")
  .patch({ detectionState: "fail" });
`,
);
await compilePackage(copy, join(copy, "dist"));

test("the package builds under strict with a consumer of its contract, and its tests pass", async () => {
  const run = await runPackageTests(join(copy, "dist"));
  assert.equal(run.fail, 0, failures(run.output));
  // Five examples, five tests: the sample page's example is tested for its sound parts.
  assert.equal(run.pass, 5);
  assert.equal(run.skipped, 0);
  // The same examples through the package's mock fetch: it answers each with its documented response.
  const mocked = await runPackageTests(join(copy, "dist"), { mock: true });
  assert.equal(mocked.fail, 0, failures(mocked.output));
  assert.equal(mocked.pass, 5);
});

test("the acceptance call: toPatchRequest gives the documented PATCH with its body", async () => {
  const { createClient, ApiError } = (await import(pathToFileURL(join(copy, "dist", "src", "index.js")).href)) as {
    createClient: () => any;
    ApiError: unknown;
  };
  assert.equal(typeof ApiError, "function");
  const request = createClient()
    .deviceManagement.deviceComplianceScripts.byId("a")
    .deviceRunStates.byId("b")
    .toPatchRequest({ detectionState: "success" });
  assert.equal(request.method, "PATCH");
  assert.equal(
    request.url,
    "https://graph.microsoft.com/beta/deviceManagement/deviceComplianceScripts/a/deviceRunStates/b",
  );
  assert.deepEqual(JSON.parse(request.body), { detectionState: "success" });
  const encoded = createClient().deviceManagement.deviceComplianceScripts.byId("a/b").deviceRunStates.toGetRequest();
  assert.equal(
    encoded.url,
    "https://graph.microsoft.com/beta/deviceManagement/deviceComplianceScripts/a%2Fb/deviceRunStates",
  );
});
