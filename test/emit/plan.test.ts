import assert from "node:assert/strict";
import { test } from "node:test";
import { planPackage, type NavigationNode } from "../../src/emit/plan.js";
import { buildApiModel } from "../../src/model/index.js";
import { parsePage } from "../../src/parse/index.js";

const resource = (name: string, base: string | undefined, relationships = ""): string =>
  `---\ndoc_type: resourcePageType\n---\n# ${name} resource type\n\nNamespace: microsoft.graph\n\n${base ? `Inherits from [${base}](${base}.md).\n\n` : ""}## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| ${name}Id | String | Key. |\n${relationships ? `\n## Relationships\n\n| Relationship | Type | Description |\n|:--|:--|:--|\n${relationships}` : ""}`;
const get = (type: string): string =>
  `---\ndoc_type: apiPageType\n---\n# Get ${type}\n\nNamespace: microsoft.graph\n\n## HTTP request\n\n\`\`\`http\nGET /apps/{id}\n\`\`\`\n\n## Response\n\nIf successful, this method returns a \`200 OK\` response code and a [${type}](../resources/${type}.md) object in the response body.\n`;

const model = buildApiModel(
  [
    parsePage("v1.0/resources/app.md", resource("app", undefined, "| owner | [person](person.md) | The owner. |\n")),
    parsePage("v1.0/resources/person.md", resource("person", undefined)),
    parsePage("v1.0/resources/androidapp.md", resource("androidApp", "app")),
    parsePage("v1.0/resources/iosapp.md", resource("iosApp", "app")),
    parsePage("v1.0/api/androidapp-get.md", get("androidApp")),
    parsePage("v1.0/api/iosapp-get.md", get("iosApp")),
  ],
  { baseUrl: "https://graph.microsoft.com/v1.0" },
);
const plan = planPackage(model, model.defaultNamespace);
const item = plan.root.children.get("static:apps")!.children.get("key")! as NavigationNode;

test("two pages documenting the same path: the verb returns either type", () => {
  assert.deepEqual(item.operations.get("GET")!.response.type, {
    kind: "union",
    of: [
      { kind: "named", qualifiedName: "microsoft.graph.androidApp" },
      { kind: "named", qualifiedName: "microsoft.graph.iosApp" },
    ],
  });
  assert.equal(item.operations.get("GET")!.source.file, "v1.0/api/androidapp-get.md");
});

test("the path addresses the types' shared base, whose relationships it can follow", () => {
  assert.equal(item.itemType, "microsoft.graph.app");
  assert.equal(plan.navigationNames.get("microsoft.graph.app"), "AppNavigation");
  assert.equal(plan.navigationNames.get("microsoft.graph.androidApp"), "AndroidAppNavigation");
  assert.equal(plan.navigationNames.has("microsoft.graph.person"), false);
});
