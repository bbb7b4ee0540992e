/**
 * The docs against the service's metadata (`--metadata`): a small CSDL of our own (test/fixtures/service/service.xml)
 * and pages that agree with it in part and disagree in part (test/fixtures/service/docs). The reader, each kind of
 * finding at its page line, the figures, path resolution, and the command line: the package is the same bytes with
 * or without the audit, and a file that is not CSDL stops the run.
 */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { auditDiagnostics, auditModel } from "../../src/audit/audit.js";
import { MetadataError, readMetadata } from "../../src/audit/csdl.js";
import { resolveServicePath } from "../../src/audit/service-paths.js";
import { main } from "../../src/cli.js";
import { listDocsFiles, readDocsFile } from "../../src/run/docs-set.js";
import type { PathSegment } from "../../src/model/index.js";
import { fixtureBaseUrl, fixtures, listFiles, modelOfTexts, tempDir } from "../helpers.js";

const serviceFile = join(fixtures, "service", "service.xml");
const docsRoot = join(fixtures, "service", "docs");
const service = readMetadata(readFileSync(serviceFile, "utf8"));
const model = modelOfTexts(new Map(listDocsFiles(docsRoot).map((file) => [file, readDocsFile(docsRoot, file).text])));
const audit = auditModel(model, service);

test("the CSDL reader reads types with their namespaces, bases and members, aliases resolved", () => {
  assert.deepEqual(
    service.types.map((type) => [type.kind, type.qualifiedName, type.baseType ?? null, type.abstract]),
    [
      ["entity", "microsoft.graph.entity", null, true],
      ["entity", "microsoft.graph.widget", "microsoft.graph.entity", false],
      ["entity", "microsoft.graph.part", "microsoft.graph.entity", false],
      ["complex", "microsoft.graph.dimensions", null, false],
      ["entity", "microsoft.graph.callRecords.participant", "microsoft.graph.entity", false],
    ],
  );
  const widget = service.types.find((type) => type.name === "widget")!;
  assert.deepEqual(
    widget.properties.find((property) => property.name === "parts"),
    {
      name: "parts",
      type: "microsoft.graph.part",
      collection: true,
      navigation: true,
      containsTarget: true,
    },
  );
  assert.deepEqual(widget.properties.find((property) => property.name === "labels")?.type, "Edm.String");
  assert.deepEqual(service.enums, [
    {
      namespace: "microsoft.graph",
      name: "size",
      qualifiedName: "microsoft.graph.size",
      flags: false,
      members: ["small", "large"],
      line: 6,
    },
  ]);
  assert.deepEqual(service.roots, [
    { kind: "entitySet", name: "widgets", type: "microsoft.graph.widget" },
    { kind: "singleton", name: "me", type: "microsoft.graph.widget" },
  ]);
  assert.deepEqual(service.operations, [
    {
      kind: "action",
      namespace: "microsoft.graph",
      name: "polish",
      binding: { type: "microsoft.graph.widget", collection: false },
      parameters: [{ name: "strength", type: "Edm.Int32", collection: false }],
    },
    {
      kind: "function",
      namespace: "microsoft.graph",
      name: "delta",
      binding: { type: "microsoft.graph.widget", collection: true },
      parameters: [],
      returns: { type: "microsoft.graph.widget", collection: true },
    },
  ]);
});

test("a document that is not CSDL, or not XML, is refused with the line", () => {
  assert.throws(() => readMetadata("<Schema><EntityType></Schema>"), MetadataError);
  assert.throws(() => readMetadata("<root/>"), /no edmx:Edmx element/);
  assert.throws(() => readMetadata("{}"), MetadataError);
});

test("every finding names the page line where the docs say it, or says that no page covers it", () => {
  const found = audit.findings.map(
    (finding) => `${finding.kind} ${finding.subject} ${finding.file ?? "-"}:${finding.line ?? "-"}`,
  );
  assert.deepEqual(found, [
    "pathUnresolved POST /widgets/{id}/shine api/widget-shine.md:14",
    "typeUnknown microsoft.graph.gadget resources/gadget.md:6",
    "enumMemberUnknown microsoft.graph.size.huge resources/size.md:12",
    "enumMemberUndocumented microsoft.graph.size.large resources/size.md:12",
    "propertyUndocumented microsoft.graph.widget.labels resources/widget.md:6",
    "propertyType microsoft.graph.widget.weight resources/widget.md:19",
    "propertyUnknown microsoft.graph.widget.shine resources/widget.md:20",
    "typeUndocumented microsoft.graph.dimensions -:-",
  ]);
  const diagnostics = auditDiagnostics(audit).map(
    (diagnostic) => `${diagnostic.file}:${diagnostic.line} ${diagnostic.code}`,
  );
  // The finding no page covers has no diagnostic: it is in the report and the health report.
  assert.deepEqual(diagnostics, [
    "api/widget-shine.md:14 DT408",
    "resources/gadget.md:6 DT402",
    "resources/size.md:12 DT407",
    "resources/size.md:12 DT406",
    "resources/widget.md:6 DT403",
    "resources/widget.md:19 DT405",
    "resources/widget.md:20 DT404",
  ]);
  assert.equal(
    audit.findings.find((finding) => finding.kind === "propertyType")?.message,
    "`weight` is documented as string; the service types it Double.",
  );
});

test("the figures count structural and navigation properties apart, each on the type that declares it", () => {
  const { figures } = audit;
  assert.deepEqual(
    [figures.serviceTypes, figures.documentedTypes, figures.generatedTypes, figures.paths, figures.pathsResolved],
    [6, 5, 5, 7, 6],
  );
  // Listed values of a string, and an enum of other members by the same name, agree; a string for a number does not.
  assert.deepEqual(
    [figures.properties.service, figures.properties.found, figures.properties.generated, figures.properties.existing],
    [8, 7, 8, 7],
  );
  assert.deepEqual([figures.properties.compared, figures.properties.agreeing], [7, 6]);
  assert.deepEqual(
    [figures.navigation.service, figures.navigation.found, figures.navigation.agreeing, figures.navigation.precision],
    [2, 2, 2, 1],
  );
});

test("a documented namespace that is not the service's is a finding at the type's page", () => {
  const moved = modelOfTexts(
    new Map(
      listDocsFiles(docsRoot).map((file) => {
        const text = readDocsFile(docsRoot, file).text;
        return [
          file,
          file.includes("participant") ? text.replace("microsoft.graph.callRecords", "microsoft.graph") : text,
        ];
      }),
    ),
  );
  const findings = auditModel(moved, service).findings.filter((finding) => finding.kind === "typeNamespace");
  assert.deepEqual(
    findings.map((finding) => [finding.file, finding.message]),
    [
      [
        "resources/callrecords-participant.md",
        "The page documents `microsoft.graph.participant`; the service's type is `microsoft.graph.callRecords.participant`.",
      ],
    ],
  );
});

test("paths resolve segment by segment against the type each segment reaches", () => {
  const segments = (...names: Array<string | { key: string } | { call: string }>): PathSegment[] =>
    names.map((name) =>
      typeof name === "string"
        ? { kind: "static", name }
        : "key" in name
          ? { kind: "key", name: name.key }
          : { kind: "function", name: name.call, parameters: [] },
    );
  assert.equal(
    resolveServicePath(service, segments("widgets", { key: "id" }, "parts", { key: "p" }, "$ref"), "GET"),
    undefined,
  );
  assert.equal(resolveServicePath(service, segments("me", "owner", "role"), "GET"), undefined);
  assert.equal(resolveServicePath(service, segments("widgets", "microsoft.graph.delta"), "GET"), undefined);
  assert.equal(resolveServicePath(service, segments("widgets", { key: "id" }, { call: "polish" }), "POST"), undefined);
  // A bound function of the collection is not one of its items, and a key of an object is none.
  assert.match(
    resolveServicePath(service, segments("widgets", { key: "id" }, "delta"), "GET")!,
    /`delta` \(segment 3\)/,
  );
  assert.match(resolveServicePath(service, segments("me", { key: "id" }), "GET")!, /keys what is not a collection/);
  assert.match(resolveServicePath(service, segments("gadgets"), "GET")!, /no entity set, singleton or operation/);
});

test("--metadata puts the audit in the report and the run's diagnostics, and the package is the same bytes", async () => {
  const dir = tempDir("audit-cli");
  const run = async (out: string, extra: string[]) => {
    let printed = "";
    let errors = "";
    const code = await main(
      ["--input", docsRoot, "--out", out, "--base-url", fixtureBaseUrl, "--no-cache", "--verbose", ...extra],
      dir,
      { out: { write: (text: string) => (printed += text) }, err: { write: (text: string) => (errors += text) } },
    );
    return { code, printed, errors };
  };
  const plain = await run(join(dir, "plain"), []);
  const audited = await run(join(dir, "audited"), ["--metadata", serviceFile, "--report", "report.json"]);
  assert.equal(plain.code, 0, plain.errors);
  assert.equal(audited.code, 0, audited.errors);
  const files = listFiles(join(dir, "plain"));
  assert.deepEqual(listFiles(join(dir, "audited")), files);
  for (const file of files) {
    assert.ok(
      readFileSync(join(dir, "plain", file)).equals(readFileSync(join(dir, "audited", file))),
      `${file} differs with --metadata`,
    );
  }
  assert.match(
    audited.errors,
    /resources\/widget\.md:19:1 warning DT405 `weight` is documented as string; the service types it Double\./,
  );
  assert.doesNotMatch(plain.errors, /DT4\d\d/);
  assert.match(
    audited.printed,
    /against the service: types documented and generated under their namespace 100\.00% \(5 of 5/,
  );
  assert.match(
    audited.printed,
    /properties: recall 87\.50% \(7 of 8\), precision 87\.50% \(7 of 8\), type agreement 85\.71% \(6 of 7\)/,
  );
  const report = JSON.parse(readFileSync(join(dir, "report.json"), "utf8")) as { metadata: { findingsByKind: object } };
  assert.deepEqual(report.metadata.findingsByKind, {
    pathUnresolved: 1,
    typeUnknown: 1,
    enumMemberUndocumented: 1,
    enumMemberUnknown: 1,
    propertyUndocumented: 1,
    propertyType: 1,
    propertyUnknown: 1,
    typeUndocumented: 1,
  });

  writeFileSync(join(dir, "not-csdl.xml"), "<html><body>Not found</body></html>");
  const refused = await run(join(dir, "refused"), ["--metadata", "not-csdl.xml"]);
  assert.equal(refused.code, 2);
  assert.match(refused.errors, /The metadata file not-csdl\.xml is not CSDL: it has no edmx:Edmx element\.\n/);
});
