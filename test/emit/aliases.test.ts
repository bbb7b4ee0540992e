/**
 * `/me` is the signed-in user: pages document a call under both `/me/...` and `/users/{id}/...`, or only one of the
 * two, and every path documented below `/users/{id}` is reachable from `client.me` (test/fixtures/aliases).
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { resolveConfig } from "../../src/run/config.js";
import { planPackage } from "../../src/emit/plan.js";
import { generate } from "../../src/run/generate.js";
import { writeOutput } from "../../src/run/output.js";
import { compilePackage, fixtures, root, tempDir } from "../helpers.js";

const docs = join(fixtures, "aliases");
const out = join(tempDir("aliases"), "pkg");
const result = await generate(
  resolveConfig(root, { input: docs, out, baseUrl: "https://graph.microsoft.com/v1.0", packageName: "aliases" }),
  "aliases",
);

test("a static path documented beside a keyed one for the same calls is an alias of it, and so are its children", () => {
  const plan = planPackage(result.model, result.model.defaultNamespace);
  const me = plan.root.children.get("static:me")!;
  assert.equal(me.alias?.path, "/users/{id | userPrincipalName}");
  assert.equal(me.children.get("static:messages")!.alias?.path, "/users/{id | userPrincipalName}/messages");
  // `/me/mailFolders/{id}/messages` beside `/me/messages` does not make `/me` a mail folder: one lies inside the other.
  assert.equal(me.children.get("static:mailfolders")!.children.get("key")!.alias, undefined);
  assert.equal(plan.root.children.get("static:users")!.alias, undefined);
});

test("every path documented below /users/{id} is reachable from client.me, and goes out under /me", async () => {
  await writeOutput(out, result.files);
  writeFileSync(
    join(out, "test", "me.ts"),
    `import { createClient } from "../src/index.js";

const client = createClient({ accessToken: "t" });
export const requests = [
  client.me.toGetRequest({ select: ["displayName"] }),
  client.me.messages.byId("m").attachments.toGetRequest({ top: 2 }),
  client.me.sendMail.toPostRequest({ subject: "Hi" }),
  client.me.toDeleteRequest(),
  client.users.byId("u").messages.toGetRequest(),
];
// @ts-expect-error sendMail takes its documented parameters
client.me.sendMail.toPostRequest({ subjct: "Hi" });
`,
  );
  await compilePackage(out, join(out, "dist"));
  const { requests } = (await import(join(out, "dist", "test", "me.js"))) as {
    requests: Array<{ method: string; url: string }>;
  };
  assert.deepEqual(
    requests.map(({ method, url }) => `${method} ${url.replace("https://graph.microsoft.com/v1.0", "")}`),
    [
      "GET /me?$select=displayName",
      "GET /me/messages/m/attachments?$top=2",
      "POST /me/sendMail",
      "DELETE /me",
      "GET /users/u/messages",
    ],
  );
});
