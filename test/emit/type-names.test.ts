/**
 * Names that do not move: a type of another namespace than the default one is exported under its namespace
 * (`CallRecords.CallRecord`), so adding pages (a type named like one of another namespace, a new namespace, a
 * namespace named like a type) renames nothing the package exported before. And where the docs declare a base type,
 * a derived type's payload is accepted as written (beta windowsUpdates: `content: deployableContent` takes a
 * `featureUpdateReference` with its `version`).
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { ModuleKind, ModuleResolutionKind, Node, Project, type SourceFile } from "ts-morph";
import { resolveConfig } from "../../src/run/config.js";
import { emitPackage } from "../../src/emit/index.js";
import { renderAll } from "../../src/emit/render.js";
import { namespacePath } from "../../src/emit/type-names.js";
import { writeOutput } from "../../src/run/output.js";
import { compilePackage, failures, fixtureBaseUrl, modelOfTexts, runPackageTests, tempDir } from "../helpers.js";

interface Resource {
  readonly namespace: string;
  readonly name: string;
  readonly base?: string;
  readonly rows?: string[];
  readonly relationships?: string[];
}

const table = (heading: string, rows: string[]): string =>
  rows.length === 0 ? "" : `## ${heading}\n\n| Property | Type | Description |\n|:--|:--|:--|\n${rows.join("\n")}\n\n`;

function resource({ namespace, name, base, rows = [], relationships = [] }: Resource): [string, string] {
  const prefix =
    namespace === "microsoft.graph" ? "" : `${namespace.replace(/^microsoft\.graph\./, "").replace(/\./g, "-")}-`;
  const file = `v1.0/resources/${prefix}${name}.md`.toLowerCase();
  const annotation = `{ "blockType": "resource", ${base ? `"baseType": "${base}", ` : ""}"@odata.type": "${namespace}.${name}" }`;
  return [
    file,
    `---\ndoc_type: resourcePageType\n---\n\n# ${name} resource type\n\nNamespace: ${namespace}\n\n${table(
      "Properties",
      [`| id | String | Key. |`, ...rows],
    )}${table("Relationships", relationships)}## JSON representation\n\n<!-- ${annotation} -->\n\`\`\`json\n{}\n\`\`\`\n`,
  ];
}

const link = (namespace: string, name: string): string =>
  `[${name}](${resource({ namespace, name })[0].replace(/^v1\.0\/resources\//, "")})`;
const graph = "microsoft.graph";
const callRecords = "microsoft.graph.callRecords";
const windowsUpdates = "microsoft.graph.windowsUpdates";

const createDeployment = `---
doc_type: apiPageType
---

# Create deployment

Namespace: microsoft.graph.windowsUpdates

## HTTP request

\`\`\`http
POST /deployments
\`\`\`

## Request body

In the request body, supply a JSON representation of a [deployment](../resources/windowsupdates-deployment.md) object.

## Response

If successful, this method returns a \`201 Created\` response code and a [deployment](../resources/windowsupdates-deployment.md) object in the response body.

## Example

<!-- { "blockType": "request", "name": "create_deployment" } -->
\`\`\`http
POST https://graph.microsoft.com/v1.0/deployments
Content-Type: application/json

{
  "content": {
    "@odata.type": "#microsoft.graph.windowsUpdates.featureUpdateReference",
    "version": "20H2"
  },
  "audience": [{ "@odata.type": "#microsoft.graph.callRecords.participantEndpoint", "feedback": "fine" }]
}
\`\`\`

<!-- { "blockType": "response", "@odata.type": "microsoft.graph.windowsUpdates.deployment" } -->
\`\`\`http
HTTP/1.1 201 Created
Content-Type: application/json

{ "id": "d1" }
\`\`\`
`;

const getCallRecord = `---
doc_type: apiPageType
---

# Get callRecord

Namespace: microsoft.graph.callRecords

## HTTP request

\`\`\`http
GET /communications/callRecords/{id}
\`\`\`

## Response

If successful, this method returns a \`200 OK\` response code and a [callRecord](../resources/callrecords-callrecord.md) object in the response body.
`;

/** The docs set before: types of the default namespace and of two others, one deriving from another's. */
const before = new Map<string, string>([
  resource({ namespace: graph, name: "entity" }),
  resource({ namespace: graph, name: "group", base: `${graph}.entity` }),
  resource({ namespace: graph, name: "widget", base: `${graph}.entity` }),
  resource({
    namespace: graph,
    name: "specialWidget",
    base: `${graph}.widget`,
    rows: ["| shine | Int32 | How much. |"],
  }),
  resource({
    namespace: callRecords,
    name: "callRecord",
    relationships: [`| sessions | ${link(callRecords, "session")} collection | The sessions. |`],
  }),
  resource({ namespace: callRecords, name: "session", rows: [`| caller | ${link(callRecords, "endpoint")} | Who. |`] }),
  resource({ namespace: callRecords, name: "endpoint" }),
  resource({
    namespace: callRecords,
    name: "participantEndpoint",
    base: `${callRecords}.endpoint`,
    rows: ["| feedback | String | What they said. |"],
  }),
  resource({
    namespace: windowsUpdates,
    name: "deployment",
    rows: [
      `| content | ${link(windowsUpdates, "deployableContent")} | What is deployed. |`,
      `| audience | ${link(callRecords, "endpoint")} collection | Who gets it. |`,
    ],
  }),
  resource({ namespace: windowsUpdates, name: "deployableContent" }),
  resource({
    namespace: windowsUpdates,
    name: "featureUpdateReference",
    base: `${windowsUpdates}.deployableContent`,
    rows: ["| version | String | The version. |"],
  }),
  ["v1.0/api/windowsupdates-deployments-post.md", createDeployment],
  ["v1.0/api/callrecords-callrecord-get.md", getCallRecord],
]);

/** Pages each added on their own, then all together. */
const additions: Record<string, Array<[string, string]>> = {
  "a default type named like a namespaced one": [
    resource({
      namespace: graph,
      name: "callRecord",
      relationships: [`| owner | ${link(graph, "group")} | The owner. |`],
    }),
  ],
  "namespaced types named like default ones, one in a new namespace": [
    resource({
      namespace: "microsoft.graph.termStore",
      name: "group",
      rows: [`| parent | ${link(graph, "group")} | Up. |`],
    }),
    resource({ namespace: callRecords, name: "widget", rows: [`| like | ${link(graph, "widget")} | The same. |`] }),
  ],
  "a default type named like a namespace": [
    resource({
      namespace: graph,
      name: "callRecords",
      rows: [`| last | ${link(callRecords, "callRecord")} | The last. |`],
    }),
  ],
  "a namespace named like a default type that has derived types": [
    resource({
      namespace: "microsoft.graph.widget",
      name: "part",
      rows: [`| of | ${link(graph, "widget")} | Whose. |`],
    }),
  ],
  "a namespace of two levels, and one outside the default namespace": [
    resource({ namespace: "microsoft.graph.callRecords.archive", name: "item" }),
    resource({ namespace: "contoso.extras", name: "note" }),
  ],
};

const config = resolveConfig(process.cwd());

async function packageOf(texts: ReadonlyMap<string, string>): Promise<Map<string, string>> {
  const emitted = emitPackage(modelOfTexts(texts), {
    packageName: "names",
    packageVersion: "1.0.0",
    baseUrl: fixtureBaseUrl,
    docsLabel: "names",
    typescriptVersion: config.typescriptVersion,
    typesNodeVersion: config.typesNodeVersion,
  });
  return renderAll(emitted.files.map((file) => ("content" in file ? file : assert.fail(file.path))));
}

/** Every name the package's index exports, namespaces' members included (`CallRecords.Session`). */
function exportsOf(files: ReadonlyMap<string, string>): Set<string> {
  const project = new Project({
    useInMemoryFileSystem: true,
    compilerOptions: { module: ModuleKind.ESNext, moduleResolution: ModuleResolutionKind.Bundler, strict: true },
  });
  for (const [path, text] of files) if (path.startsWith("src/")) project.createSourceFile(`/p/${path}`, text);
  const names = new Set<string>();
  const walk = (node: SourceFile | Node, prefix: string, depth: number): void => {
    if (!Node.isSourceFile(node) && !Node.isModuleDeclaration(node)) return;
    for (const [name, declarations] of node.getExportedDeclarations()) {
      names.add(`${prefix}${name}`);
      if (depth < 8) for (const declaration of declarations) walk(declaration, `${prefix}${name}.`, depth + 1);
    }
  };
  walk(project.getSourceFileOrThrow("/p/src/index.ts"), "", 0);
  return names;
}

const beforeFiles = await packageOf(before);
const beforeExports = exportsOf(beforeFiles);

test("a type of another namespace is exported under it", () => {
  for (const name of [
    "Entity",
    "Entity.OrDerived",
    "Widget.OrDerived",
    "CallRecords",
    "CallRecords.CallRecord",
    "CallRecords.Endpoint.OrDerived",
    "WindowsUpdates.DeployableContent",
    "WindowsUpdates.FeatureUpdateReference",
    "CallRecordsCallRecordNavigation",
  ])
    assert.ok(beforeExports.has(name), name);
  assert.ok(!beforeExports.has("CallRecord"));
  assert.ok(!beforeExports.has("FeatureUpdateReference"));
});

test("the default namespace is the one most pages state or state one below", () => {
  // Five pages state microsoft.graph.callRecords, four microsoft.graph, four microsoft.graph.windowsUpdates.
  assert.equal(modelOfTexts(before).defaultNamespace, "microsoft.graph");
});

test("a namespace's levels below the default namespace, or all of them, name it", () => {
  assert.deepEqual(namespacePath("microsoft.graph", "microsoft.graph"), []);
  assert.deepEqual(namespacePath("microsoft.graph.callRecords", "microsoft.graph"), ["CallRecords"]);
  assert.deepEqual(namespacePath("microsoft.graph.a.bC", "microsoft.graph"), ["A", "BC"]);
  assert.deepEqual(namespacePath("contoso.extras", "microsoft.graph"), ["Contoso", "Extras"]);
  assert.deepEqual(namespacePath("microsoft.graph.", "microsoft.graph"), []);
  assert.deepEqual(namespacePath("microsoft.graph.promise", "microsoft.graph"), ["PromiseNamespace"]);
});

for (const [label, pages] of Object.entries(additions)) {
  test(`adding ${label} renames no export`, async () => {
    const after = exportsOf(await packageOf(new Map([...before, ...pages])));
    const lost = [...beforeExports].filter((name) => !after.has(name));
    assert.deepEqual(lost, []);
  });
}

test("with every page added, the package compiles, old names and new, and its tests pass", async () => {
  const files = await packageOf(new Map([...before, ...Object.values(additions).flat()]));
  const exported = exportsOf(files);
  for (const name of [
    "CallRecord",
    "CallRecords.CallRecord",
    "CallRecords.Widget",
    "TermStore.Group",
    "Group",
    "Widget",
    "Widget.Part",
    "Widget.OrDerived",
    "CallRecords.Archive.Item",
    "Contoso.Extras.Note",
  ])
    assert.ok(exported.has(name), name);
  // Inside the namespace, the default namespace's `Group` is imported under another name.
  assert.match(
    files.get("src/models/term-store/group.ts")!,
    /import type \{ Group as GraphGroup \} from "\.\.\/group\.js";/,
  );
  assert.match(files.get("src/models/term-store/group.ts")!, /parent\?: GraphGroup \| null;/);
  // The default `CallRecords` type and the namespace share the name; the type's module re-exports the namespace.
  assert.match(
    files.get("src/models/call-records.ts")!,
    /export type \* as CallRecords from "\.\/call-records\/index\.js";/,
  );
  assert.doesNotMatch(files.get("src/models/index.ts")!, /as CallRecords/);
  const dir = tempDir("names");
  await writeOutput(dir, files);
  writeFileSync(
    join(dir, "test", "consumer.ts"),
    `import type { CallRecord, CallRecords, Contoso, Group, TermStore, Widget, WindowsUpdates } from "../src/index.js";

export const record: CallRecords.CallRecord = { id: "r" };
export const records: CallRecords = { last: record };
export const mine: CallRecord = { owner: { id: "g" } };
export const group: TermStore.Group = { parent: { id: "g" } satisfies Group };
export const part: Widget.Part = { of: { "@odata.type": "#microsoft.graph.specialWidget", shine: 2 } };
export const widgets: Widget.OrDerived[] = [{ id: "w" }, { shine: 1 }];
export const note: Contoso.Extras.Note = { id: "n" };
export const archived: CallRecords.Archive.Item = { id: "a" };
export const deployment: WindowsUpdates.Deployment = {
  content: { "@odata.type": "#microsoft.graph.windowsUpdates.featureUpdateReference", version: "20H2" },
};
// @ts-expect-error a member no type of the union has
export const wrong: WindowsUpdates.Deployment = { content: { versoin: "20H2" } };
`,
  );
  await compilePackage(dir, join(dir, "dist"));
  const run = await runPackageTests(join(dir, "dist"));
  assert.equal(run.fail, 0, failures(run.output));
  assert.equal(run.pass, 1);
});

test("a derived type's payload is written as it is where the docs declare its base type", () => {
  const model = beforeFiles.get("src/models/windows-updates/deployment.ts")!;
  assert.match(model, /content\?: DeployableContent\.OrDerived \| null;/);
  assert.match(model, /audience\?: CallRecords\.Endpoint\.OrDerived\[\] \| null;/);
  assert.match(
    beforeFiles.get("src/models/windows-updates/deployable-content.ts")!,
    /export declare namespace DeployableContent \{[^}]*export type OrDerived = DeployableContent \| FeatureUpdateReference;/,
  );
  assert.match(beforeFiles.get("src/models/entity.ts")!, /OrDerived = Entity \| Group \| Widget\.OrDerived;/);
  const tests = [...beforeFiles].find(([path]) => /^test\/examples\/windowsupdates.*\.ts$/.test(path))![1];
  assert.match(
    tests,
    /"@odata\.type": "#microsoft\.graph\.windowsUpdates\.featureUpdateReference",\n\s*version: "20H2",\n\s*\},/,
  );
  assert.doesNotMatch(tests, / as /);
  assert.match(tests, /satisfies Parameters/);
});
