/** The public surface of each area: an accidental export is a visible change. */
import assert from "node:assert/strict";
import { test } from "node:test";

const areas: Record<string, string[]> = {
  "../src/diagnostics/index.js": [
    "DiagnosticBag",
    "compareDiagnostics",
    "createDiagnostic",
    "definitionsByCode",
    "diagnosticDefinitions",
    "explainCode",
    "explanations",
    "formatDiagnostic",
    "withDeferredDiagnostics",
  ],
  "../src/parse/index.js": ["parseMarkdown", "parsePage", "parsePageSafely"],
  "../src/model/index.js": ["buildApiModel", "memoKey", "pageFacts"],
  "../src/emit/index.js": ["emitPackage"],
  "../templates/runtime/index.js": [
    "ApiError",
    "Literal",
    "NetworkError",
    "TimeoutError",
    "createApiClient",
    "encodeItemPath",
    "encodeKey",
    "encodeQueryComponent",
    "formatParameters",
    "literal",
    "serializeQuery",
  ],
};

for (const [module, expected] of Object.entries(areas)) {
  test(`${module} exports exactly its public API`, async () => {
    const exported = Object.keys((await import(module)) as object).sort();
    assert.deepEqual(exported, [...expected].sort());
  });
}
