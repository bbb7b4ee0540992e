/**
 * The docs health report (`--html`): a static page with no network resources, rendered by headless Chromium
 * (Debian's chromium package, which .ci/run installs where it is missing). Skipped when no Chromium is found.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { resolveConfig } from "../src/run/config.js";
import { generate } from "../src/run/generate.js";
import { renderHtmlReport } from "../src/report/html-report.js";
import { buildReport } from "../src/report/report.js";
import { explainCode } from "../src/diagnostics/index.js";
import { fixtureBaseUrl, fixtureDocs, root, tempDir } from "./helpers.js";

const run = promisify(execFile);
const chromium = [process.env["CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser"].find(
  (path) => path && existsSync(path),
);

const result = await generate(
  resolveConfig(root, { input: fixtureDocs, out: join(tempDir("html"), "out"), baseUrl: fixtureBaseUrl }),
  "fixtures",
);
const report = buildReport(result);
const html = renderHtmlReport(report, "Docs health: fixtures");

test("the report is one static page: no network resources, docs text cannot break out of it", () => {
  assert.doesNotMatch(html, /<(script|link|img|iframe)[^>]+(src|href)=["']?(https?:)?\/\//i);
  const data = html.slice(html.indexOf('id="data">') + 10, html.indexOf("</script>", html.indexOf('id="data">')));
  assert.doesNotMatch(data, /<\/?script/i);
  assert.equal(JSON.parse(data).totals.pages, report.totals.pages);
});

test("each code of the report links to its explanation, the same text `docs2ts explain` prints", () => {
  for (const code of Object.keys(report.totals.diagnosticsByCode)) {
    const at = html.indexOf(`<pre class="explained" id="${code}">`);
    assert.ok(at > 0, `${code} is not explained`);
    const shown = html.slice(html.indexOf(">", at) + 1, html.indexOf("</pre>", at));
    const unescaped = shown
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&");
    assert.equal(unescaped, explainCode(code));
  }
  // The chart and the pages' diagnostics link to them.
  assert.match(html, /link\.setAttribute\("href", "#" \+ code\)/);
  assert.match(html, /element\("a", \{ href: "#" \+ d\[4\] \}, d\[4\]\)/);
});

test(
  "headless Chromium renders the totals, the chart and every page",
  { skip: chromium ? false : "Chromium is not installed" },
  async () => {
    const file = join(tempDir("html"), "report.html");
    writeFileSync(file, html);
    const { stdout } = await run(
      chromium!,
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        `--user-data-dir=${tempDir("chromium")}`,
        "--dump-dom",
        `file://${file}`,
      ],
      { maxBuffer: 64 << 20, timeout: 60_000 },
    );
    const total = (label: string): number => Number(new RegExp(`id="total-${label}"><b>(\\d+)</b>`).exec(stdout)?.[1]);
    assert.equal(total("pages"), report.totals.pages);
    assert.equal(total("operations"), report.totals.operations);
    assert.equal(total("examples"), report.totals.examples);
    assert.equal(total("tested"), report.totals.tests);
    assert.equal((stdout.match(/<rect /g) ?? []).length, Object.keys(report.totals.diagnosticsByCode).length);
    assert.match(stdout, new RegExp(`${report.totals.pages} of ${report.totals.pages} pages shown`));
    assert.match(stdout, /data-path="v1.0\/api\/damaged.md"/);
  },
);
