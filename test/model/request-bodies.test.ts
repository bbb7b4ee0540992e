/**
 * Request bodies as Graph users send them (test/fixtures/bodies, one page per case): prose words are not type
 * names, a create or update table takes the type's other members too, a table of parameters beats a type the prose
 * names, and a function parameter keeps the form each example writes it in.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { listDocsFiles, readDocsFile } from "../../src/run/docs-set.js";
import type { ApiModel, Operation } from "../../src/model/index.js";
import { fixtures, modelOfTexts, withoutMemoKeys } from "../helpers.js";

const docs = join(fixtures, "bodies");
const texts: ReadonlyMap<string, string> = new Map(
  listDocsFiles(docs).map((file) => [file, readDocsFile(docs, file).text]),
);
const model = modelOfTexts(texts);

function operation(page: string, from: ApiModel = model): Operation {
  const found = from.operations.find((candidate) => candidate.source.file === `v1.0/api/${page}.md`);
  assert.ok(found, page);
  return found;
}

function codes(page: string): string[] {
  return model.diagnostics
    .filter((diagnostic) => diagnostic.file === `v1.0/api/${page}.md`)
    .map((diagnostic) => `${diagnostic.line} ${diagnostic.code}`);
}

const names = (op: Operation): string[] =>
  op.requestBody?.kind === "parameters" ? op.requestBody.parameters.map((parameter) => parameter.name) : [];

test('"representation of the parameters" names no type: each page\'s table is its body', () => {
  // Before, the first page declared a type `parameters` from its table (DT202), and every later page took it.
  assert.deepEqual(
    model.types.map((type) => type.qualifiedName),
    ["microsoft.graph.gizmo"],
  );
  assert.deepEqual(names(operation("gizmo-confirm")), ["gizmoIds"]);
  assert.deepEqual(names(operation("gizmo-dismiss")), ["reason", "gizmoIds"]);
  assert.deepEqual(codes("gizmo-confirm"), []);
  assert.deepEqual(codes("gizmo-dismiss"), []);
  // "representation of the values for relevant fields" names none either.
  assert.deepEqual(names(operation("gizmo-update")), ["displayName"]);
});

test("a table of the members of the type an operation creates or updates takes the type's other members too", () => {
  const create = operation("gizmo-create").requestBody;
  assert.ok(create?.kind === "parameters");
  // The type a POST returns with 201 Created; the table's required-ness stands.
  assert.equal(create.resource, "microsoft.graph.gizmo");
  assert.deepEqual(
    create.parameters.map((parameter) => [parameter.name, parameter.required]),
    [
      ["displayName", true],
      ["kind", false],
    ],
  );
  // A PATCH answered with 204: the type the GET of its path returns.
  const update = operation("gizmo-update").requestBody;
  assert.ok(update?.kind === "parameters");
  assert.equal(update.resource, "microsoft.graph.gizmo");
  // The examples send members the tables leave out (`tags`, `kind`): they are typed tests, whole.
  for (const page of ["gizmo-create", "gizmo-update"]) {
    const [example] = operation(page).examples;
    assert.equal(example?.test?.bodyTyped, true, page);
    assert.equal(example?.partial, undefined, page);
    assert.deepEqual(codes(page), [], page);
  }
  // An action's parameters are no resource's members.
  const confirm = operation("gizmo-confirm").requestBody;
  assert.ok(confirm?.kind === "parameters" && confirm.resource === undefined);
});

test("a table of parameters beats the type the prose names when no row is a member of it", () => {
  const submit = operation("gizmo-submitgizmos");
  assert.deepEqual(submit.requestBody, {
    kind: "parameters",
    parameters: [
      {
        name: "value",
        type: { kind: "collection", of: { kind: "named", qualifiedName: "microsoft.graph.gizmo" } },
        required: false,
        description: "The gizmos to submit. Each must have an id.",
      },
    ],
  });
  // The documented `{ value: [...] }` is sent whole: the entities an action takes name their read-only `id`.
  const [example] = submit.examples;
  assert.equal(example?.test?.bodyTyped, true);
  assert.deepEqual(example?.test?.body, {
    kind: "json",
    value: {
      value: [
        { id: "g1", displayName: "Sprocket" },
        { id: "g2", kind: "small" },
      ],
    },
  });
  assert.deepEqual(codes("gizmo-submitgizmos"), []);
});

test("a prose type whose members the table restates stays the body", () => {
  // The same page, its table restating a member of gizmo: the prose's type is the body, as its resource page says.
  const page = "v1.0/api/gizmo-submitgizmos.md";
  const text = texts.get(page)!;
  const edited = text.replace("| value | [gizmo]", "| displayName | [gizmo]");
  assert.notEqual(edited, text);
  const restated = modelOfTexts(new Map(texts).set(page, edited));
  assert.deepEqual(operation("gizmo-submitgizmos", restated).requestBody, {
    kind: "type",
    type: { kind: "named", qualifiedName: "microsoft.graph.gizmo" },
  });
});

test("function arguments keep the form the example URL writes them in", () => {
  assert.deepEqual(operation("gizmo-range").examples[0]?.test?.arguments, ["g1", { address: "'A1:B2'" }]);
  // The syntax line leaves the parameter bare; the example quotes it.
  assert.deepEqual(operation("gizmo-range-format").examples[0]?.test?.arguments, ["g1", { address: "'C3'" }]);
});

test("with a memo, a body follows edits of the pages it is weighed against", () => {
  const memo = new Map<string, unknown>();
  modelOfTexts(texts, memo);
  // gizmo gains a member `value`: the submitGizmos table now restates gizmo, which its prose names.
  const resource = "v1.0/resources/gizmo.md";
  const member = new Map(texts).set(
    resource,
    texts.get(resource)!.replace("| tags | String collection |", "| value | String |\n| tags | String collection |"),
  );
  const withMember = modelOfTexts(member, memo);
  assert.deepEqual(withoutMemoKeys(withMember), withoutMemoKeys(modelOfTexts(member)));
  assert.equal(operation("gizmo-submitgizmos", withMember).requestBody?.kind, "type");
  // Neither a GET of its path nor the Methods table says what the PATCH updates any more.
  const unlisted = new Map(member).set(
    resource,
    member.get(resource)!.replace("| [Update gizmo](../api/gizmo-update.md) | None | Update a gizmo. |\n", ""),
  );
  unlisted.delete("v1.0/api/gizmo-get.md");
  const alone = modelOfTexts(unlisted, memo);
  assert.deepEqual(withoutMemoKeys(alone), withoutMemoKeys(modelOfTexts(unlisted)));
  const update = operation("gizmo-update", alone).requestBody;
  assert.ok(update?.kind === "parameters" && update.resource === undefined);
});
