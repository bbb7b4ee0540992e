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
  });
});

test("a segment the client cannot address is reported as unsupported", () => {
  assert.deepEqual(readTemplate("/me/drive/root:/{item-path}:/content", "v1.0"), {
    kind: "unsupported",
    segment: "root:",
  });
  assert.deepEqual(readTemplate("/items/{id}.json", "v1.0"), { kind: "unsupported", segment: "{id}.json" });
});

test("matches example URLs against templates and captures keys and parameters", () => {
  const read = readTemplate("/users/{id}/microsoft.graph.delta/getX(period='{p}')", undefined);
  assert.ok(read.kind === "template");
  assert.deepEqual(matchTemplate(read.segments, "/Users/a%2Fb/delta/getX(period='D7')"), ["a/b", { period: "D7" }]);
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
