import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import {
  compareDiagnostics,
  createDiagnostic,
  diagnosticDefinitions,
  explainCode,
  explanations,
  formatDiagnostic,
} from "../src/diagnostics/index.js";
import { root } from "./helpers.js";

test("every diagnostic code is unique and well formed", () => {
  const codes = Object.values(diagnosticDefinitions).map((definition) => definition.code);
  assert.equal(new Set(codes).size, codes.length, "duplicate diagnostic codes");
  for (const code of codes) assert.match(code, /^DT[1-4]\d\d$/);
});

test("every message is one sentence ending with a period", () => {
  for (const [name, definition] of Object.entries(diagnosticDefinitions)) {
    assert.match(definition.message, /^[A-Z`].*\.$/s, `${name}: ${definition.message}`);
  }
});

test("the README lists every code with its severity, and no other", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const listed = new Map(
    [...readme.matchAll(/^\| (DT\d{3}) \| (error|warning|info) \|/gm)].map((match) => [match[1], match[2]]),
  );
  for (const definition of Object.values(diagnosticDefinitions)) {
    assert.equal(listed.get(definition.code), definition.severity, `README row for ${definition.code}`);
  }
  assert.equal(listed.size, Object.keys(diagnosticDefinitions).length, "README lists codes that do not exist");
});

test("a diagnostic prints as path:line:col severity CODE message", () => {
  const diagnostic = createDiagnostic("syntaxBlockEmpty", "beta/api/x.md", { line: 35 });
  assert.equal(
    formatDiagnostic(diagnostic, "docs-input/"),
    "docs-input/beta/api/x.md:35:1 warning DT130 HTTP syntax block is empty.",
  );
  const withArgs = createDiagnostic("templateLeftover", "a.md", { line: 5, col: 10 }, "$(metadata.owner)");
  assert.equal(formatDiagnostic(withArgs), "a.md:5:10 warning DT102 Unreplaced template text `$(metadata.owner)`.");
});

test("diagnostics sort by file, then line, column and code", () => {
  const a = createDiagnostic("syntaxBlockEmpty", "b.md", { line: 1 });
  const b = createDiagnostic("templateLeftover", "a.md", { line: 9 }, "x");
  const c = createDiagnostic("titleMissing", "a.md", { line: 2 });
  assert.deepEqual([a, b, c].sort(compareDiagnostics), [c, b, a]);
});

test("every code has an explanation (meaning, an example page, a fix), and every explanation a code", () => {
  const codes = Object.values(diagnosticDefinitions).map((definition) => definition.code);
  for (const code of codes) {
    const explanation = explanations[code];
    assert.ok(explanation, `${code} has no explanation in src/diagnostics/explanations.ts`);
    for (const part of ["meaning", "example", "fix"] as const)
      assert.ok(explanation[part].trim().length > 10, `${code}: the ${part} is missing`);
  }
  assert.deepEqual(Object.keys(explanations).sort(), [...codes].sort());
});

test("explain prints the code's message, meaning, example and fix; unknown codes give nothing", () => {
  const text = explainCode("dt226")!;
  assert.match(text, /^DT226 \(warning\): Example … body has `…`, which is not a member of `…`\.\n/);
  assert.match(text, /What it means: .*not have/);
  assert.match(text, /A page that triggers it:\n {4}/);
  assert.match(text, /How to fix the page: /);
  assert.equal(explainCode("DT999"), undefined);
});
