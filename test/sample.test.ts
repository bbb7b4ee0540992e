/**
 * The sample page (docs-input/beta/api/update-devicerunstates.md) in its docs set: each of its flaws has its own
 * diagnostic at its line, and what can be recovered is recovered.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { resolveConfig } from "../src/run/config.js";
import { generate } from "../src/run/generate.js";
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

test("the example's bodies are checked against the type: an enum value, a read-only member, a member too many", () => {
  assert.deepEqual(at("DT228"), [89], 'detectionState: "String" is not a runState');
  assert.deepEqual(at("DT229"), [91], "id is read-only");
  assert.deepEqual(at("DT226"), [117], "the response's value is no member of the type");
  const message = result.diagnostics.find(
    (diagnostic) => diagnostic.file === sample && diagnostic.code === "DT228",
  )!.message;
  assert.equal(
    message,
    "Example request body gives `[0].detectionState` the value `String`, which is not one of `runState`.",
  );
});

test("the example is tested for its sound parts: the recovered path, the body's valid members", () => {
  const patch = result.model.operations.find((operation) => operation.source.file === sample)!;
  const [example] = patch.examples;
  assert.equal(example!.untestedReason, undefined);
  assert.match(example!.partial ?? "", /no path/);
  assert.match(example!.partial ?? "", /2 defective part\(s\) of the request body are left out/);
  const body = example!.test!.body;
  assert.ok(body?.kind === "json");
  assert.deepEqual(Object.keys(body.value as object).sort(), [
    "@odata.type",
    "expectedStateUpdateDateTime",
    "lastStateUpdateDateTime",
    "lastSyncDateTime",
    "scriptError",
    "scriptOutput",
  ]);
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
