/**
 * The docs health report (`--html FILE`): one static HTML page for doc writers, with no network resources. The
 * report's data is embedded as JSON and rendered by a small inline script: totals, a bar chart of diagnostics by
 * code, and per page its status and diagnostics with line numbers, filterable by text and severity.
 */
import { describeAudit, type MetadataAudit } from "../audit/audit.js";
import { definitionsByCode, explainCode } from "../diagnostics/index.js";
import type { Report } from "./report.js";

export function renderHtmlReport(report: Report, title: string): string {
  const names = Object.fromEntries(
    [...definitionsByCode].map(([code, { name, severity }]) => [code, { name, severity }]),
  );
  const data = {
    title,
    totals: report.totals,
    codes: names,
    pages: report.pages.map((page) => ({
      path: page.path,
      kind: page.kind,
      types: page.types.length,
      operations: page.operations.length,
      examples: page.examples,
    })),
    diagnostics: report.diagnostics.map(({ file, line, col, severity, code, message }) => [
      file,
      line,
      col,
      severity,
      code,
      message,
    ]),
  };
  // `<` is escaped so that no text in the docs can close the script element.
  const json = JSON.stringify(data).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem; color: #1d1d1f; }
  h1 { font-size: 1.5rem; margin: 0 0 1rem; }
  h2 { font-size: 1.1rem; margin: 2rem 0 0.5rem; }
  .totals { display: grid; grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr)); gap: 0.5rem; }
  .total { border: 1px solid #d2d2d7; border-radius: 6px; padding: 0.5rem 0.75rem; }
  .total b { display: block; font-size: 1.4rem; }
  .chart rect.error { fill: #c0392b; } .chart rect.warning { fill: #d68910; } .chart rect.info { fill: #2e86c1; }
  .chart text { font-size: 11px; }
  .controls { display: flex; gap: 0.5rem; margin: 0.5rem 0; }
  .controls input { flex: 1; padding: 0.3rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 0.25rem 0.5rem; border-bottom: 1px solid #e5e5ea; vertical-align: top; }
  td.error, td.warning, td.info { font-weight: 600; }
  td.error { color: #c0392b; } td.warning { color: #b9770e; } td.info { color: #2e86c1; }
  .status-ok { color: #1e8449; } .status-warning { color: #b9770e; } .status-error { color: #c0392b; }
  details > summary { cursor: pointer; }
  code { font-size: 0.9em; }
  pre.explained { white-space: pre-wrap; border-top: 1px solid #ddd; padding-top: 0.5em; }
  pre.explained:target { background: #fff8d0; }
</style>
</head>
<body>
<h1 id="title">${escapeHtml(title)}</h1>
<noscript>This report renders with JavaScript; the data is in the page source.</noscript>
<section><h2>Totals</h2><div class="totals" id="totals"></div></section>
${report.metadata ? renderAudit(report.metadata) : ""}<section><h2>Diagnostics by code</h2><svg class="chart" id="chart" role="img" aria-label="Diagnostics by code"></svg></section>
<section>
<h2>Pages</h2>
<div class="controls">
  <input id="filter" type="search" placeholder="Filter by page, code or message" aria-label="Filter">
  <select id="severity" aria-label="Severity">
    <option value="">all severities</option><option value="error">errors</option><option value="warning">warnings and errors</option>
  </select>
</div>
<p id="shown"></p>
<table><thead><tr><th>Page</th><th>Kind</th><th>Status</th><th>Diagnostics</th></tr></thead><tbody id="pages"></tbody></table>
</section>
<section><h2>What the codes mean</h2>
${explainedCodes(report)}
</section>
<script type="application/json" id="data">${json}</script>
<script>
(() => {
  const data = JSON.parse(document.getElementById("data").textContent);
  const t = data.totals;
  const element = (tag, attributes, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    for (const child of children) node.append(child);
    return node;
  };
  const rank = { error: 0, warning: 1, info: 2 };
  const bySeverity = { error: 0, warning: 0, info: 0 };
  for (const d of data.diagnostics) bySeverity[d[3]]++;
  const figures = [
    ["pages", t.pages], ["types", t.types], ["enums", t.enums], ["operations", t.operations],
    ["examples", t.examples], ["tested", t.tests], ["skipped", t.skipped],
    ["errors", bySeverity.error], ["warnings", bySeverity.warning], ["infos", bySeverity.info],
  ];
  const totals = document.getElementById("totals");
  for (const [label, value] of figures) totals.append(element("div", { class: "total", id: "total-" + label }, element("b", {}, String(value)), label));

  const codes = Object.entries(t.diagnosticsByCode).sort((a, b) => b[1] - a[1]);
  const chart = document.getElementById("chart");
  const max = Math.max(1, ...codes.map(([, count]) => count));
  const svg = "http://www.w3.org/2000/svg";
  chart.setAttribute("width", "760");
  chart.setAttribute("height", String(codes.length * 20 + 10));
  codes.forEach(([code, count], index) => {
    const meta = data.codes[code] || { name: "", severity: "info" };
    const y = index * 20 + 5;
    const label = document.createElementNS(svg, "text");
    label.setAttribute("x", "0"); label.setAttribute("y", String(y + 12));
    const link = document.createElementNS(svg, "a");
    link.setAttribute("href", "#" + code);
    label.textContent = code + " " + meta.name;
    link.append(label);
    const bar = document.createElementNS(svg, "rect");
    bar.setAttribute("x", "260"); bar.setAttribute("y", String(y)); bar.setAttribute("height", "14");
    bar.setAttribute("width", String(Math.max(1, (count / max) * 440))); bar.setAttribute("class", meta.severity);
    const value = document.createElementNS(svg, "text");
    value.setAttribute("x", String(266 + (count / max) * 440)); value.setAttribute("y", String(y + 12));
    value.textContent = String(count);
    chart.append(link, bar, value);
  });

  const byPage = new Map(data.pages.map((page) => [page.path, { page, diagnostics: [] }]));
  for (const d of data.diagnostics) {
    if (!byPage.has(d[0])) byPage.set(d[0], { page: { path: d[0], kind: "unreadable" }, diagnostics: [] });
    byPage.get(d[0]).diagnostics.push(d);
  }
  const rows = [...byPage.values()].sort((a, b) => (a.page.path < b.page.path ? -1 : 1));
  const tbody = document.getElementById("pages");
  const filter = document.getElementById("filter");
  const severity = document.getElementById("severity");
  const render = () => {
    const text = filter.value.trim().toLowerCase();
    const limit = severity.value ? rank[severity.value] : 2;
    tbody.replaceChildren();
    let shown = 0;
    for (const { page, diagnostics } of rows) {
      const kept = diagnostics.filter((d) => rank[d[3]] <= limit && (!text || page.path.toLowerCase().includes(text) || (d[4] + " " + d[5]).toLowerCase().includes(text)));
      if ((text || severity.value) && kept.length === 0) continue;
      shown++;
      const worst = diagnostics.reduce((best, d) => Math.min(best, rank[d[3]]), 2);
      const status = diagnostics.some((d) => d[3] !== "info") ? (worst === 0 ? "error" : "warning") : "ok";
      const list = element("table", {});
      for (const d of kept) list.append(element("tr", {}, element("td", {}, String(d[1]) + ":" + d[2]), element("td", { class: d[3] }, element("a", { href: "#" + d[4] }, d[4])), element("td", {}, d[5])));
      const cell = kept.length === 0 ? "" : element("details", {}, element("summary", {}, kept.length + " diagnostic" + (kept.length === 1 ? "" : "s")), list);
      tbody.append(element("tr", { "data-path": page.path }, element("td", {}, element("code", {}, page.path)), element("td", {}, page.kind), element("td", { class: "status-" + status }, status), element("td", {}, cell)));
    }
    document.getElementById("shown").textContent = shown + " of " + rows.length + " pages shown";
  };
  filter.addEventListener("input", render);
  severity.addEventListener("change", render);
  render();
})();
</script>
</body>
</html>
`;
}

/**
 * Each code the report holds, explained as `docs2ts explain CODE` prints it, under an anchor named by the code that
 * the chart and the pages' diagnostics link to.
 */
function explainedCodes(report: Report): string {
  const codes = [
    ...new Set([...Object.keys(report.totals.diagnosticsByCode), ...report.diagnostics.map((d) => d.code)]),
  ];
  return codes
    .sort()
    .map((code) => `<pre class="explained" id="${escapeHtml(code)}">${escapeHtml(explainCode(code) ?? code)}</pre>`)
    .join("\n");
}

/**
 * The docs against the service (`--metadata`): the four figures, then every finding with the page and line where the
 * docs say it, or "no page" where none covers it. Static HTML: the list reads without scripts.
 */
function renderAudit(audit: MetadataAudit): string {
  const rows = audit.findings
    .map(
      (finding) =>
        `<tr><td>${escapeHtml(finding.file ? `${finding.file}:${finding.line ?? 1}` : "no page")}</td><td>${escapeHtml(finding.kind)}</td><td>${escapeHtml(finding.message)}</td></tr>`,
    )
    .join("\n");
  return `<section id="service"><h2>Docs against the service</h2>
<ul>${describeAudit(audit)
    .map((line) => `<li>${escapeHtml(line)}</li>`)
    .join("")}</ul>
<table><thead><tr><th>Where</th><th>Kind</th><th>Finding</th></tr></thead><tbody>
${rows}
</tbody></table></section>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[ch]!);
}
