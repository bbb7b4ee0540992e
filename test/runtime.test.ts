/**
 * The runtime shipped in every generated package (templates/runtime), against a real HTTP server on 127.0.0.1.
 */
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { ApiError, createApiClient, literal, type RequestDescription } from "../templates/runtime/index.js";

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

const seen: Seen[] = [];
let reply: (request: Seen, response: ServerResponse) => void = (_request, response) => response.end();
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const entry = {
      method: request.method ?? "",
      url: request.url ?? "",
      headers: request.headers,
      body: Buffer.concat(chunks).toString(),
    };
    seen.push(entry);
    reply(entry, response);
  });
});
let baseUrl = "";

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

// The runtime is typed by the generated interfaces; here it is driven untyped.
type Untyped = Record<string, any>;
const offline = createApiClient<Untyped>({ baseUrl: "https://graph.microsoft.com/v1.0/" });

test("property access, byId and calls build the path; keys are one segment whatever they hold", () => {
  const request: RequestDescription = offline.users.byId("a/../b?c#d").messages.toGetRequest();
  assert.equal(request.url, "https://graph.microsoft.com/v1.0/users/a%2F..%2Fb%3Fc%23d/messages");
  assert.equal(
    offline.reports.getReport({ period: "D7", top: 5, flag: true }).toGetRequest().url,
    "https://graph.microsoft.com/v1.0/reports/getReport(period='D7',top=5,flag=true)",
  );
  assert.equal(
    offline.reports.getReport({ date: literal("2021-06-01") }).toGetRequest().url,
    "https://graph.microsoft.com/v1.0/reports/getReport(date=2021-06-01)",
  );
  assert.equal(offline.x.f({ name: "it's" }).toGetRequest().url, "https://graph.microsoft.com/v1.0/x/f(name='it''s')");
  assert.equal(offline.me.messages.delta().toGetRequest().url, "https://graph.microsoft.com/v1.0/me/messages/delta()");
  assert.equal(
    offline.me["microsoft.graph.delta"].toGetRequest().url,
    "https://graph.microsoft.com/v1.0/me/microsoft.graph.delta",
  );
});

test("a path segment named like a builder member is reached with a trailing underscore", () => {
  assert.equal(offline.items.delete_.toPostRequest().url, "https://graph.microsoft.com/v1.0/items/delete");
  assert.equal(offline.items.other_.toGetRequest().url, "https://graph.microsoft.com/v1.0/items/other_");
});

test("describing a request sends nothing and serializes query options and bodies", () => {
  const request: RequestDescription = offline.users.toPostRequest(
    { displayName: "A" },
    { query: { $filter: "name eq 'a b'", $top: 5, skip: undefined }, headers: { Prefer: "x" } },
  );
  assert.equal(request.method, "POST");
  assert.equal(request.url, "https://graph.microsoft.com/v1.0/users?$filter=name%20eq%20%27a%20b%27&$top=5");
  assert.deepEqual(request.headers, { Prefer: "x", "Content-Type": "application/json" });
  assert.equal(request.body, '{"displayName":"A"}');
  const text = offline.notes.toPutRequest("plain", { headers: { "content-type": "text/html" } });
  assert.deepEqual([text.body, text.headers], ["plain", { "content-type": "text/html" }]);
  const bytes = offline.photo.$value.toPutRequest(new Uint8Array([1, 2]));
  assert.equal(bytes.headers["Content-Type"], "application/octet-stream");
});

test("a header value with a line break is refused before anything is sent", () => {
  assert.throws(() => offline.me.toGetRequest({ headers: { "X-Evil": "a\r\nInjected: 1" } }), /line break/);
});

test("a call sends method, path, query, headers and body, and returns the JSON body", async () => {
  reply = (_request, response) => response.writeHead(200, { "Content-Type": "application/json" }).end('{"id":"1"}');
  seen.length = 0;
  const client = createApiClient<Untyped>({ baseUrl, accessToken: "t0", headers: { "client-request-id": "c1" } });
  const result = await client.users.byId("a b").patch({ displayName: "B" }, { query: { $select: "id" } });
  assert.deepEqual(result, { id: "1" });
  assert.equal(seen[0]!.method, "PATCH");
  assert.equal(seen[0]!.url, "/v1.0/users/a%20b?$select=id");
  assert.equal(seen[0]!.headers.authorization, "Bearer t0");
  assert.equal(seen[0]!.headers["client-request-id"], "c1");
  assert.equal(seen[0]!.headers["content-type"], "application/json");
  assert.equal(seen[0]!.body, '{"displayName":"B"}');
});

test("the token provider is called for every request", async () => {
  reply = (_request, response) => response.writeHead(204).end();
  seen.length = 0;
  let calls = 0;
  const client = createApiClient<Untyped>({ baseUrl, accessToken: async () => `token-${++calls}` });
  assert.equal(await client.me.delete(), undefined);
  await client.me.delete();
  assert.deepEqual(
    seen.map((request) => request.headers.authorization),
    ["Bearer token-1", "Bearer token-2"],
  );
});

test("text, bytes and empty bodies come back as text, an ArrayBuffer and undefined", async () => {
  const client = createApiClient<Untyped>({ baseUrl });
  reply = (_request, response) => response.writeHead(200, { "Content-Type": "text/csv" }).end("a,b");
  assert.equal(await client.report.get(), "a,b");
  reply = (_request, response) =>
    response.writeHead(200, { "Content-Type": "application/octet-stream" }).end(Buffer.from([1, 2, 3]));
  const bytes = (await client.photo.$value.get()) as ArrayBuffer;
  assert.deepEqual([...new Uint8Array(bytes)], [1, 2, 3]);
  reply = (_request, response) => response.writeHead(202).end();
  assert.equal(await client.me.post(), undefined);
});

test("a non-2xx response rejects with ApiError carrying the OData error", async () => {
  reply = (_request, response) =>
    response
      .writeHead(404, { "Content-Type": "application/json", "request-id": "r1", "client-request-id": "c1" })
      .end('{"error":{"code":"itemNotFound","message":"Not there.","innerError":{"date":"2021-01-01"}}}');
  const client = createApiClient<Untyped>({ baseUrl });
  const error: unknown = await client.users
    .byId("x")
    .get()
    .catch((caught: unknown) => caught);
  assert.ok(error instanceof ApiError);
  assert.equal(error.status, 404);
  assert.equal(error.code, "itemNotFound");
  assert.equal(error.message, "Not there.");
  assert.deepEqual(error.innerError, { date: "2021-01-01" });
  assert.equal(error.requestId, "r1");
  assert.equal(error.clientRequestId, "c1");
  assert.deepEqual(error.body, {
    error: { code: "itemNotFound", message: "Not there.", innerError: { date: "2021-01-01" } },
  });
  reply = (_request, response) => response.writeHead(500, { "Content-Type": "text/plain" }).end("boom");
  const plain: unknown = await client.me.get().catch((caught: unknown) => caught);
  assert.ok(plain instanceof ApiError);
  assert.equal(plain.message, "Request failed with status 500");
  assert.equal(plain.body, "boom");
});

test("a builder is not mistaken for a promise", async () => {
  const builder = offline.users;
  assert.equal(builder.then, undefined);
  assert.equal(await Promise.resolve(1), 1);
});
