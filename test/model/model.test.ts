import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { buildApiModel, type ApiModel, type ObjectType, type Operation } from "../../src/model/index.js";
import { parsePage } from "../../src/parse/index.js";
import { buildFixtureModel, root } from "../helpers.js";

const model = buildFixtureModel();

/** A type by simple name in the main namespace, or by qualified name. */
function type(name: string, from: ApiModel = model): ObjectType {
  const qualified = name.includes(".") ? name : `microsoft.graph.${name}`;
  const found = from.types.find((candidate) => candidate.qualifiedName === qualified);
  assert.ok(found, `type ${name}`);
  return found;
}

function operation(file: string, from: ApiModel = model): Operation {
  const found = from.operations.find((candidate) => candidate.source.file === file);
  assert.ok(found, `operation of ${file}`);
  return found;
}

function codes(from: ApiModel, file: string): string[] {
  return from.diagnostics
    .filter((diagnostic) => diagnostic.file === file)
    .map((diagnostic) => `${diagnostic.line} ${diagnostic.code}`);
}

test("object types from resource pages, in qualified-name order", () => {
  assert.deepEqual(
    model.types.map((t) => t.qualifiedName),
    [
      "microsoft.graph.callRecords.widget",
      "microsoft.graph.entity",
      "microsoft.graph.gadget",
      "microsoft.graph.part",
      "microsoft.graph.sticker",
      "microsoft.graph.tag",
      "microsoft.graph.widget",
    ],
  );
  assert.equal(type("widget").openType, true);
  assert.equal(type("microsoft.graph.callRecords.widget").namespace, "microsoft.graph.callRecords");
  assert.equal(type("entity").abstract, true);
});

test("base types from the annotation or from `Inherits from` prose; inherited members are not repeated", () => {
  assert.equal(type("widget").baseType, "microsoft.graph.entity");
  assert.equal(type("part").baseType, "microsoft.graph.entity");
  assert.ok(!type("widget").properties.some((property) => property.name === "id"));
});

test("Type cells become primitives, links, enums, collections and literal unions", () => {
  const members = Object.fromEntries(type("widget").properties.map((property) => [property.name, property]));
  assert.deepEqual(members["count"]!.type, { kind: "primitive", name: "number", format: "Int32" });
  assert.deepEqual(members["isShiny"]!.type, { kind: "primitive", name: "boolean" });
  assert.equal(members["createdDateTime"]!.readOnly, true);
  assert.deepEqual(members["size"]!.type, { kind: "literals", values: ["small", "large", "unknownFutureValue"] });
  assert.deepEqual(members["weight"]!.type, { kind: "primitive", name: "number", format: "Double" });
  assert.deepEqual(members["gadgets"]!.type, {
    kind: "collection",
    of: { kind: "named", qualifiedName: "microsoft.graph.gadget" },
  });
  assert.deepEqual(members["labels"]!.type, { kind: "collection", of: { kind: "primitive", name: "string" } });
  assert.deepEqual(members["color"]!.type, { kind: "named", qualifiedName: "microsoft.graph.color" });
  assert.deepEqual(members["tag"]!.type, { kind: "named", qualifiedName: "microsoft.graph.tag" });
  assert.deepEqual(members["shape"]!.type, { kind: "named", qualifiedName: "microsoft.graph.shape" });
  assert.deepEqual(members["homepage"]!.type, { kind: "primitive", name: "string" });
  assert.deepEqual(members["serial"]!.type, { kind: "primitive", name: "string" });
  assert.deepEqual(members["extra"]!.type, { kind: "unknown", text: "Object" });
  assert.equal(members["parts"]!.navigation, true);
  assert.deepEqual(codes(model, "v1.0/resources/widget.md"), ["42 DT201", "54 DT111"]);
});

test("enums from enum pages, one per member table", () => {
  assert.deepEqual(
    model.enums.map((e) => [e.name, e.members.map((member) => member.name)]),
    [
      ["color", ["red", "green", "blue", "unknownFutureValue"]],
      ["finish", ["matte", "glossy"]],
      ["gadgetKind", ["lever", "knob"]],
      ["priority", ["low", "high"]],
      ["shape", ["round", "square"]],
      ["texture", ["smooth", "rough"]],
    ],
  );
  assert.equal(model.enums[0]!.members[0]!.value, "0");
  assert.equal(model.enums[3]!.members[1]!.value, "1");
  const gadget = type("gadget").properties.find((property) => property.name === "kind")!;
  assert.deepEqual(gadget.type, { kind: "named", qualifiedName: "microsoft.graph.gadgetKind" });
});

test("operations: one per syntax block and method, every line a path", () => {
  const get = operation("v1.0/api/widget-get.md");
  assert.equal(get.method, "GET");
  assert.deepEqual(
    get.paths.map((path) => path.template),
    ["/widgets/{id}", "/users/{id | userPrincipalName}/widgets/{id}"],
  );
  assert.deepEqual(get.response, {
    status: 200,
    type: { kind: "named", qualifiedName: "microsoft.graph.widget" },
    collection: false,
  });
  assert.deepEqual(get.permissions, [
    { kind: "Delegated (work or school account)", scopes: ["Widget.Read", "Widget.ReadWrite"] },
    { kind: "Delegated (personal Microsoft account)", scopes: [] },
    { kind: "Application", scopes: ["Widget.Read.All"] },
  ]);
  assert.equal(operation("v1.0/api/widget-list.md").response.collection, true);
  const create = operation("v1.0/api/widget-create.md");
  assert.deepEqual(create.requestBody, {
    kind: "type",
    type: { kind: "named", qualifiedName: "microsoft.graph.widget" },
  });
  assert.equal(create.response.status, 201);
  assert.deepEqual(operation("v1.0/api/widget-delete.md").response, { status: 204, collection: false });
  const paint = operation("v1.0/api/widget-paint.md");
  assert.deepEqual(paint.requestBody, {
    kind: "parameters",
    parameters: [
      {
        name: "color",
        type: { kind: "named", qualifiedName: "microsoft.graph.color" },
        required: true,
        description: "Required. The new color.",
      },
      {
        name: "coats",
        type: { kind: "primitive", name: "number", format: "Int32" },
        required: false,
        description: "How many coats to apply. Optional.",
      },
    ],
  });
  const usage = operation("v1.0/api/reports-getwidgetusage.md");
  assert.deepEqual(
    usage.paths.map((path) => path.segments[1]),
    [
      { kind: "function", name: "getWidgetUsage", parameters: [{ name: "period", quoted: true }] },
      { kind: "function", name: "getWidgetUsage", parameters: [{ name: "date", quoted: false }] },
    ],
  );
});

test("an empty syntax block gets its path from the pages listed with it in a Methods table", () => {
  const update = operation("v1.0/api/widget-update.md");
  assert.equal(update.method, "PATCH");
  assert.deepEqual(
    update.paths.map((path) => path.template),
    ["/widgets/{id}"],
  );
  assert.match(update.recoveredFrom ?? "", /Methods table of `v1.0\/resources\/widget.md`/);
  // "an updated widget object": the page's own namespace wins over `microsoft.graph.callRecords.widget`.
  assert.deepEqual(update.response.type, { kind: "named", qualifiedName: "microsoft.graph.widget" });
  assert.deepEqual(codes(model, "v1.0/api/widget-update.md"), [
    "4 DT102",
    "14 DT120",
    "23 DT130",
    "23 DT210",
    "34 DT205",
    "35 DT208",
    "50 DT222",
    "62 DT222",
  ]);
});

test("lower-case spellings, unions, one-cell rows and empty trailing cells", () => {
  const part = Object.fromEntries(type("part").properties.map((property) => [property.name, property.type]));
  assert.deepEqual(part["serialNumber"], { kind: "primitive", name: "string" });
  assert.deepEqual(part["isOriginal"], { kind: "primitive", name: "boolean" });
  assert.ok(!("Provenance" in part));
  const source = type("widget").properties.find((property) => property.name === "source")!;
  assert.deepEqual(source.type, {
    kind: "union",
    of: [
      { kind: "primitive", name: "string" },
      { kind: "named", qualifiedName: "microsoft.graph.tag" },
    ],
  });
  const color = type("tag").properties.find((property) => property.name === "color")!;
  assert.deepEqual(
    [color.type, color.description],
    [{ kind: "named", qualifiedName: "microsoft.graph.color" }, undefined],
  );
});

test("parameters, request headers, and tables brought in by an INCLUDE", () => {
  const ref = operation("v1.0/api/widget-add-part-ref.md");
  assert.deepEqual(ref.parameters, [
    {
      in: "path",
      name: "id",
      type: { kind: "primitive", name: "string" },
      required: true,
      description: "The widget's key.",
    },
  ]);
  assert.deepEqual(
    ref.permissions.map((permission) => permission.scopes),
    [["Widget.Read"], [], ["Widget.Read.All"]],
  );
  const delta = operation("v1.0/api/widget-delta.md");
  assert.deepEqual(
    delta.parameters.map((parameter) => [parameter.in, parameter.name, parameter.required]),
    [
      ["query", "$deltatoken", false],
      ["query", "$skiptoken", false],
    ],
  );
  assert.deepEqual(
    delta.paths.map((path) => path.template),
    ["/widgets/microsoft.graph.delta()"],
  );
  assert.deepEqual(operation("v1.0/api/widget-count.md").requestHeaders, [
    { name: "ConsistencyLevel", description: "eventual. Required.", required: true },
  ]);
  assert.deepEqual(
    operation("v1.0/api/widget-get-photo.md").paths.map((path) => path.template),
    ["/widgets/{id}/photo/$value"],
  );
  const drive = operation("v1.0/api/drive-get-item.md");
  assert.deepEqual(
    drive.examples.map((example) => example.test?.arguments),
    [["Documents/Q3 report.docx"], ["Documents/notes.txt"]],
  );
  assert.deepEqual(codes(model, "v1.0/api/damaged-fence.md"), ["10 DT200", "12 DT106", "16 DT148"]);
});

test("examples are matched to a path and planned as tests, or say why not", () => {
  const [first, second] = operation("v1.0/api/widget-get.md").examples;
  assert.deepEqual(first!.test?.arguments, ["w1"]);
  assert.deepEqual(first!.test?.query, [["$select", "displayName,size"]]);
  assert.equal(second!.test?.path, "/users/{id | userPrincipalName}/widgets/{id}");
  assert.deepEqual(second!.test?.arguments, ["adele@contoso.com", "w/2"]);
  assert.equal(second!.test?.response?.status, 404);
  assert.deepEqual(operation("v1.0/api/reports-getwidgetusage.md").examples[0]!.test?.arguments, [
    { date: "2021-06-01" },
  ]);
  const damaged = operation("v1.0/api/damaged.md").examples[0]!;
  assert.equal(damaged.test, undefined);
  assert.equal(damaged.untestedReason, "its response body is not readable JSON");
});

function pagesFrom(files: Record<string, string>): ReturnType<typeof parsePage>[] {
  return Object.entries(files).map(([file, text]) => parsePage(file, text));
}

const resource = (name: string, extra = ""): string =>
  `---\ndoc_type: resourcePageType\n---\n# ${name} resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | Key. |\n${extra}`;
const api = (title: string, syntax: string): string =>
  `---\ndoc_type: apiPageType\n---\n# ${title}\n\nNamespace: microsoft.graph\n\n## HTTP request\n\n\`\`\`http\n${syntax}\n\`\`\`\n\n## Response\n\nIf successful, this method returns a \`200 OK\` response code and a [thing](../resources/thing.md) object in the response body.\n`;

test("conflicts between pages are merged deterministically and reported", () => {
  const conflicting = buildApiModel(
    pagesFrom({
      "v1.0/resources/thing.md": resource("thing"),
      "v1.0/resources/thing-again.md": resource("thing", "| extra | String | Only here. |\n"),
      "v1.0/api/thing-get.md": api("Get thing", "GET /things/{id}"),
      "v1.0/api/thing-get-again.md": api("Get thing again", "GET /things/{thing-id}"),
    }),
    { baseUrl: "https://graph.microsoft.com/v1.0" },
  );
  // `thing-again.md` sorts before `thing.md`, so it is the first in path order and wins.
  assert.deepEqual(
    type("thing", conflicting).properties.map((property) => property.name),
    ["id", "extra"],
  );
  assert.deepEqual(codes(conflicting, "v1.0/resources/thing-again.md"), []);
  assert.deepEqual(codes(conflicting, "v1.0/resources/thing.md"), ["4 DT203"]);
  assert.deepEqual(codes(conflicting, "v1.0/api/thing-get-again.md"), []);
  assert.deepEqual(codes(conflicting, "v1.0/api/thing-get.md"), ["11 DT212"]);
  assert.equal(conflicting.operations.length, 2);
});

test("a page whose syntax block is empty and that no page helps with is reported, not emitted", () => {
  const lonely = buildApiModel(pagesFrom({ "v1.0/api/lonely.md": api("Update lonely", "") }), {
    baseUrl: "https://graph.microsoft.com/v1.0",
  });
  assert.deepEqual(lonely.operations, []);
  // The Response section links a page that is not in this docs set either.
  assert.deepEqual(codes(lonely, "v1.0/api/lonely.md"), ["10 DT130", "10 DT211", "16 DT234"]);
});

test("the sample page alone still yields its type, from its request-body table", () => {
  const text = readFileSync(join(root, "docs-input", "beta", "api", "update-devicerunstates.md"), "utf8");
  const alone = buildApiModel([parsePage("beta/api/update-devicerunstates.md", text)], {
    baseUrl: "https://graph.microsoft.com/beta",
  });
  const state = type("deviceComplianceScriptDeviceState", alone);
  assert.equal(state.origin, "requestBody");
  assert.equal(state.properties.length, 7);
  assert.ok(codes(alone, "beta/api/update-devicerunstates.md").includes("56 DT202"));
  assert.ok(codes(alone, "beta/api/update-devicerunstates.md").includes("35 DT211"));
});
