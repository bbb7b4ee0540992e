/**
 * The sample page (docs-input/beta/api/update-devicerunstates.md) in its docs set: each of its flaws has its own
 * diagnostic at its line, and what can be recovered is recovered.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { resolveConfig } from "../src/config.js";
import { generate } from "../src/generate.js";
import { root } from "./helpers.js";

const result = await generate(resolveConfig(root), "docs-input");
const sample = "beta/api/update-devicerunstates.md";
const at = (code: string): number[] =>
  result.diagnostics
    .filter((diagnostic) => diagnostic.file === sample && diagnostic.code === code)
    .map((diagnostic) => diagnostic.line);

test("each flaw of the sample page has its own diagnostic at its line", () => {
  assert.deepEqual(at("DT130"), [35], "empty HTTP syntax block");
  assert.deepEqual(at("DT142"), [81], "example URL with no path");
  assert.deepEqual(at("DT221"), [86], "array body where one object is expected");
  assert.deepEqual(at("DT222"), [89, 120], "placeholder values in the request and response bodies");
  assert.deepEqual(at("DT223"), [117], "response wrapped in value");
  assert.deepEqual(at("DT102"), [5, 108], "template text");
  assert.deepEqual(at("DT120"), [22], "empty permissions table");
});

test("the PATCH path is recovered from the pages around the sample", () => {
  assert.deepEqual(at("DT210"), [35]);
  const patch = result.model.operations.find((operation) => operation.source.file === sample)!;
  assert.equal(patch.method, "PATCH");
  assert.deepEqual(
    patch.paths.map((path) => path.template),
    [
      "/deviceManagement/deviceComplianceScripts/{deviceComplianceScriptId}/deviceRunStates/{deviceComplianceScriptDeviceStateId}",
    ],
  );
});

test("the type has its 7 properties, detectionState typed with the runState enum", () => {
  const state = result.model.types.find((type) => type.name === "deviceComplianceScriptDeviceState")!;
  assert.deepEqual(state.properties.map((property) => property.name).sort(), [
    "detectionState",
    "expectedStateUpdateDateTime",
    "id",
    "lastStateUpdateDateTime",
    "lastSyncDateTime",
    "scriptError",
    "scriptOutput",
  ]);
  assert.deepEqual(state.properties.find((property) => property.name === "detectionState")!.type, {
    kind: "named",
    qualifiedName: "microsoft.graph.runState",
  });
  assert.deepEqual(
    result.model.enums.map((e) => e.name),
    ["runState"],
  );
});

test("the diagnostics print as path:line:col severity CODE message", async () => {
  const { main } = await import("../src/cli.js");
  let err = "";
  const code = await main(["--check", "--quiet"], root, {
    out: { write: () => true },
    err: { write: (text: string) => (err += text) },
  });
  assert.equal(code, 0);
  assert.equal(err, "");
  const code2 = await main(["--check"], root, {
    out: { write: () => true },
    err: { write: (text: string) => (err += text) },
  });
  assert.equal(code2, 0);
  assert.ok(
    err.includes("docs-input/beta/api/update-devicerunstates.md:35:1 warning DT130 HTTP syntax block is empty.\n"),
    err,
  );
});
