/**
 * The run report: the totals a run without --report keeps in its record are the whole report's; an unreadable
 * page is a page of the report.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { resolveConfig } from "../src/run/config.js";
import { createDiagnostic } from "../src/diagnostics/index.js";
import { generate } from "../src/run/generate.js";
import { buildReport, reportDiagnostics, reportTotals } from "../src/report/report.js";
import { fixtureBaseUrl, fixtureDocs, root, tempDir } from "./helpers.js";

const result = await generate(
  resolveConfig(root, { input: fixtureDocs, out: join(tempDir("report"), "out"), baseUrl: fixtureBaseUrl }),
  "fixtures",
);

test("the totals alone are the whole report's totals", () => {
  const report = buildReport(result);
  assert.deepEqual(reportTotals(result), report.totals);
  assert.deepEqual(reportDiagnostics(result.diagnostics), report.diagnostics);
  assert.equal(report.totals.pages, report.pages.length);
});

test("the INCLUDE infos are counted without being made, and are among the diagnostics read whole", () => {
  const includes = result.diagnostics.filter((diagnostic) => diagnostic.code === "DT200");
  assert.ok(includes.length > 0, "the fixtures INCLUDE files outside the docs set");
  assert.deepEqual(result.deferred, { DT200: includes.length });
  assert.ok(!result.reported.some((diagnostic) => diagnostic.code === "DT200"));
  assert.deepEqual(
    result.diagnostics.filter((diagnostic) => diagnostic.code !== "DT200"),
    result.reported,
  );
  assert.equal(reportTotals(result).diagnosticsByCode["DT200"], includes.length);
});

test("a file known only by its diagnostics counts as an unreadable page", () => {
  const unreadable = createDiagnostic("pageUnreadable", "v1.0/api/gone.md", { line: 1 }, "EACCES");
  const withUnreadable = {
    ...result,
    diagnostics: [...result.diagnostics, unreadable],
    reported: [...result.reported, unreadable],
  };
  const report = buildReport(withUnreadable);
  assert.deepEqual(reportTotals(withUnreadable), report.totals);
  assert.equal(report.totals.pagesByKind["unreadable"], 1);
  assert.equal(report.pages.find((page) => page.path === "v1.0/api/gone.md")?.kind, "unreadable");
});
