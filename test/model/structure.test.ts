/**
 * Docs sets of their own (test/fixtures/structure/<case>): pages read by their structure where front matter, headings
 * or link spellings mislead, each case a small docs set so that the shared fixture's counts stay as they are.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { listDocsFiles, readDocsFile } from "../../src/docs-set.js";
import type { ApiModel, Operation } from "../../src/model/index.js";
import { fixtures, modelOfTexts } from "../helpers.js";

/** A case's docs set as text, by path. */
function textsOf(name: string): Map<string, string> {
  const docsRoot = join(fixtures, "structure", name);
  return new Map(listDocsFiles(docsRoot).map((file) => [file, readDocsFile(docsRoot, file).text]));
}

function codes(model: ApiModel, file: string): string[] {
  return model.diagnostics
    .filter((diagnostic) => diagnostic.file === file)
    .map((diagnostic) => `${diagnostic.line} ${diagnostic.code}`);
}

function operationsOf(model: ApiModel, file: string): Operation[] {
  return model.operations.filter((operation) => operation.source.file === file);
}

function typeOf(model: ApiModel, qualifiedName: string) {
  const found = model.types.find((type) => type.qualifiedName === qualifiedName);
  assert.ok(found, qualifiedName);
  return found;
}

test("page links resolve whatever their case: type cells, inheritance, Methods tables, INCLUDEs, prose", () => {
  const texts = textsOf("link-case");
  for (const model of [modelOfTexts(texts), modelOfTexts(texts, new Map())]) {
    const bolt = typeOf(model, "microsoft.graph.bolt");
    // `Inherits from [entity](Entity.md)`: `id` is inherited, so it is not repeated.
    assert.equal(bolt.baseType, "microsoft.graph.entity");
    assert.deepEqual(
      bolt.properties.map((property) => [property.name, property.type]),
      [
        ["thread", { kind: "named", qualifiedName: "microsoft.graph.threadKind" }],
        ["nut", { kind: "named", qualifiedName: "microsoft.graph.nut" }],
      ],
    );
    const [get] = operationsOf(model, "v1.0/api/bolt-get.md");
    // The Response prose links `BOLT.md`; the permissions come from `Bolt-Permissions.md`, an INCLUDE.
    assert.deepEqual(get!.response.type, { kind: "named", qualifiedName: "microsoft.graph.bolt" });
    assert.deepEqual(get!.permissions[2], { kind: "Application", scopes: ["Bolt.Read.All"] });
    // The update page's empty syntax block is recovered from its sibling in the Methods table (`Bolt-Update.md`).
    const [update] = operationsOf(model, "v1.0/api/bolt-update.md");
    assert.deepEqual(
      update!.paths.map((path) => path.template),
      ["/bolts/{id}"],
    );
    // The create page's Request body prose (`Bolt.md`) names the type it sends.
    const [create] = operationsOf(model, "v1.0/api/bolt-create.md");
    assert.deepEqual(create!.requestBody, {
      kind: "type",
      type: { kind: "named", qualifiedName: "microsoft.graph.bolt" },
    });
    // No link is reported as naming a missing page, and no INCLUDE as unresolved.
    assert.deepEqual(
      model.diagnostics.filter((diagnostic) => diagnostic.code === "DT234" || diagnostic.code === "DT200"),
      [],
    );
  }
});

test("a page link matching a file name exactly wins over one that differs only in case", () => {
  const texts = textsOf("link-case").set(
    "v1.0/resources/Nut.md",
    "---\ndoc_type: resourcePageType\n---\n\n# nutCap resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| color | String | The color of the cap. |\n",
  );
  const model = modelOfTexts(texts);
  const nut = typeOf(model, "microsoft.graph.bolt").properties.find((property) => property.name === "nut");
  assert.deepEqual(nut?.type, { kind: "named", qualifiedName: "microsoft.graph.nutCap" });
});

test("a page whose HTTP request section holds syntax lines is an API page, whatever its doc_type says", () => {
  const model = modelOfTexts(textsOf("kind-by-structure"));
  const kinds = Object.fromEntries(model.pages.map((page) => [page.file, page.kind]));
  assert.deepEqual(kinds, {
    "v1.0/api/gear-update.md": "api",
    "v1.0/resources/gear-overview.md": "conceptual",
    "v1.0/resources/gear.md": "resource",
  });
  assert.deepEqual(codes(model, "v1.0/api/gear-update.md"), ["1 DT105"]);
  const [update] = operationsOf(model, "v1.0/api/gear-update.md");
  assert.equal(update!.method, "PATCH");
  assert.deepEqual(
    update!.paths.map((path) => path.template),
    ["/gears/{id}"],
  );
  assert.deepEqual(update!.examples[0]!.test?.arguments, ["g1"]);
  assert.deepEqual(typeOf(model, "microsoft.graph.gear").properties.length, 2);
});
