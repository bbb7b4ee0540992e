import assert from "node:assert/strict";
import { test } from "node:test";
import {
  examplePath,
  exampleTarget,
  matchTemplate,
  readQuery,
  readTemplate,
  splitPath,
} from "../../src/model/paths.js";

test("splits paths on slashes outside parentheses, braces and quotes", () => {
  assert.deepEqual(splitPath("/a/f(x='1/2')/{id | name}/b/"), ["a", "f(x='1/2')", "{id | name}", "b"]);
});

test("reads path templates: statics, keys, functions with quoted and bare parameters", () => {
  const read = readTemplate(
    "/v1.0/users/{id | userPrincipalName}/microsoft.graph.delta/getX(period='{p}',date={d})/$value",
    "v1.0",
  );
  assert.ok(read.kind === "template");
  assert.equal(
    read.template,
    "/users/{id | userPrincipalName}/microsoft.graph.delta/getX(period='{p}',date={d})/$value",
  );
  assert.deepEqual(read.segments, [
    { kind: "static", name: "users" },
    { kind: "key", name: "id | userPrincipalName" },
    { kind: "static", name: "microsoft.graph.delta" },
    {
      kind: "function",
      name: "getX",
      parameters: [
        { name: "period", quoted: true },
        { name: "date", quoted: false },
      ],
    },
    { kind: "static", name: "$value" },
  ]);
  assert.deepEqual(readTemplate("/beta/me", "v1.0"), {
    kind: "template",
    template: "/me",
    segments: [{ kind: "static", name: "me" }],
    concreteKeys: [],
  });
});

test("a segment the client cannot address is reported as unsupported", () => {
  assert.deepEqual(readTemplate("/items/{id}.json", "v1.0"), { kind: "unsupported", segment: "{id}.json" });
  assert.deepEqual(readTemplate("/directoryRoles/roleTemplateId={id}", "v1.0"), {
    kind: "unsupported",
    segment: "roleTemplateId={id}",
  });
});

test("an item addressed by its path: `root:/{item-path}:`", () => {
  const read = readTemplate("/me/drive/root:/{item-path}:/content", "v1.0");
  assert.ok(read.kind === "template");
  assert.deepEqual(read.segments, [
    { kind: "static", name: "me" },
    { kind: "static", name: "drive" },
    { kind: "static", name: "root" },
    { kind: "itemPath", name: "item-path" },
    { kind: "static", name: "content" },
  ]);
  assert.deepEqual(matchTemplate(read.segments, "/me/drive/root:/a/b c.txt:/content"), ["a/b c.txt"]);
  assert.equal(matchTemplate(read.segments, "/me/drive/root:/a/b.txt/content"), undefined);
  const last = readTemplate("/drive/root:/{item-path}", "v1.0");
  assert.ok(last.kind === "template");
  assert.deepEqual(matchTemplate(last.segments, "/drive/root:/Documents/x.docx"), ["Documents/x.docx"]);
});

test("a concrete key in a syntax line is read as a key and reported", () => {
  const read = readTemplate("/education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/assignments", "v1.0");
  assert.ok(read.kind === "template");
  assert.equal(read.template, "/education/classes/{id}/assignments");
  assert.deepEqual(read.concreteKeys, ["acdefc6b-2dc6-4e71-b1e9-6d9810ab1793"]);
});

test("matches example URLs against templates and captures keys and parameters", () => {
  const read = readTemplate("/users/{id}/microsoft.graph.delta/getX(period='{p}')", undefined);
  assert.ok(read.kind === "template");
  assert.deepEqual(matchTemplate(read.segments, "/Users/a%2Fb/delta/getX(period='D7')"), ["a/b", { period: "'D7'" }]);
  assert.equal(matchTemplate(read.segments, "/users/a/delta"), undefined);
  assert.equal(matchTemplate(read.segments, "/users/a/other/getX(period='D7')"), undefined);
  assert.equal(matchTemplate(read.segments, "/users/a/delta/getX(other='D7')"), undefined);
});

test("example URLs lose their host and version; a URL of the service root has no path", () => {
  assert.equal(examplePath("https://graph.microsoft.com/beta", "beta"), undefined);
  assert.equal(examplePath("https://graph.microsoft.com/beta/me/events", "beta"), "/me/events");
  assert.equal(examplePath("/v1.0/me", "beta"), "/me");
  assert.deepEqual(exampleTarget("https://graph.microsoft.com/v1.0/me?$select=id", "v1.0"), {
    path: "/me",
    query: "$select=id",
  });
  assert.deepEqual(readQuery("$filter=name%20eq%20'a'&$count"), [
    ["$filter", "name eq 'a'"],
    ["$count", ""],
  ]);
});
