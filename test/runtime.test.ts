/**
 * The runtime shipped in every generated package (templates/runtime), against real HTTP servers on 127.0.0.1 and
 * 127.0.0.2: navigation and encoding, query options, paging, retries, timeouts, errors, and where tokens go.
 */
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import {
  ApiError,
  createApiClient,
  literal,
  NetworkError,
  TimeoutError,
  type ClientOptions,
  type RequestDescription,
} from "../templates/runtime/index.js";

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

type Reply = (request: Seen, response: ServerResponse, index: number) => void;

/** A server that records every request and answers with `reply`. */
async function startServer(
  host: string,
): Promise<{ server: Server; seen: Seen[]; url: string; reply: (next: Reply) => void }> {
  const seen: Seen[] = [];
  let reply: Reply = (_request, response) => response.end();
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
      reply(entry, response, seen.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    server,
    seen,
    url: `http://${host}:${(server.address() as AddressInfo).port}`,
    reply: (next) => {
      reply = next;
      seen.length = 0;
    },
  };
}

let main: Awaited<ReturnType<typeof startServer>>;
let other: Awaited<ReturnType<typeof startServer>>;

before(async () => {
  main = await startServer("127.0.0.1");
  other = await startServer("127.0.0.2");
});
after(async () => {
  for (const { server } of [main, other]) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

// The runtime is typed by the generated interfaces; here it is driven untyped.
type Untyped = Record<string, any>;
const offline = createApiClient<Untyped>({ baseUrl: "https://graph.microsoft.com/v1.0/" });
const local = (options: Partial<ClientOptions> = {}): Untyped =>
  createApiClient<Untyped>({ baseUrl: `${main.url}/v1.0`, allowInsecure: true, ...options });
const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  (_request, response) =>
    response.writeHead(status, { "Content-Type": "application/json", ...headers }).end(JSON.stringify(body));

test("property access, byId, byPath and calls build the path; a key is one segment whatever it holds", () => {
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
  assert.equal(
    offline.me.drive.root.byPath("a b/c#.txt").content.toGetRequest().url,
    "https://graph.microsoft.com/v1.0/me/drive/root:/a%20b/c%23.txt:/content",
  );
  assert.equal(offline.items.delete_.toPostRequest().url, "https://graph.microsoft.com/v1.0/items/delete");
  assert.equal(offline.items.other_.toGetRequest().url, "https://graph.microsoft.com/v1.0/items/other_");
});

test("query options serialize in a fixed order, with readable OData punctuation", () => {
  const request: RequestDescription = offline.users.toGetRequest({
    query: { startDateTime: "2021-06-01T00:00:00Z", skipped: undefined },
    count: true,
    top: 5,
    skip: 10,
    search: '"displayName:a b"',
    orderby: ["displayName desc", "mail"],
    filter: "startswith(displayName,'a b') and mail eq 'x@y.z'",
    expand: ["manager"],
    select: ["displayName", "mail"],
  });
  assert.equal(
    request.url,
    "https://graph.microsoft.com/v1.0/users?$select=displayName,mail&$expand=manager&$filter=startswith(displayName,%27a%20b%27)%20and%20mail%20eq%20%27x@y.z%27&$orderby=displayName%20desc,mail&$top=5&$skip=10&$search=%22displayName:a%20b%22&$count=true&startDateTime=2021-06-01T00:00:00Z",
  );
});

test("a filter with quotes, spaces and ampersands reaches the server exactly", async () => {
  main.reply(json(200, { value: [] }));
  const filter = "displayName eq 'O''Neil & Sons' or city eq 'São Paulo'";
  await local().users.get({ filter, select: ["id"] });
  const received = new URL(main.seen[0]!.url, main.url).searchParams;
  assert.equal(received.get("$filter"), filter);
  assert.equal(received.get("$select"), "id");
});

test("describing a request sends nothing; bodies and headers are serialized", () => {
  const request: RequestDescription = offline.users.toPostRequest({ displayName: "A" }, { headers: { Prefer: "x" } });
  assert.deepEqual(
    [request.method, request.headers, request.body],
    ["POST", { Prefer: "x", "Content-Type": "application/json" }, '{"displayName":"A"}'],
  );
  const text = offline.notes.toPutRequest("plain", { headers: { "content-type": "text/html" } });
  assert.deepEqual([text.body, text.headers], ["plain", { "content-type": "text/html" }]);
  assert.equal(
    offline.photo.$value.toPutRequest(new Uint8Array([1, 2])).headers["Content-Type"],
    "application/octet-stream",
  );
});

/**
 * Calls `call` expecting a promise that rejects with `pattern`, never a synchronous throw: a caller that writes
 * `client.x.get().catch(handle)` must see every refusal in `handle`.
 */
async function assertRejects(call: () => unknown, pattern: RegExp): Promise<void> {
  let promise: unknown;
  assert.doesNotThrow(() => {
    promise = call();
  }, "the call threw instead of returning a rejected promise");
  assert.ok(promise instanceof Promise, "the call returned no promise");
  await assert.rejects(promise, pattern);
}

test("a header value with a line break is refused before anything is sent: the verb's promise rejects", async () => {
  main.reply(json(200, {}));
  assert.throws(() => offline.me.toGetRequest({ headers: { "X-Evil": "a\r\nInjected: 1" } }), /line break/);
  await assertRejects(() => local().me.get({ headers: { "X-Evil": "a\nb" } }), /Header X-Evil holds a line break/);
  await assertRejects(() => local().users.post({ displayName: "A" }, { headers: { "X-Evil": "a\rb" } }), /line break/);
  await assertRejects(
    () =>
      local({ headers: { "X-Evil": "\n" } })
        .users.byId("1")
        .delete(),
    /line break/,
  );
  assert.equal(main.seen.length, 0);
});

test("a plain http: base URL is refused unless allowed: the verb's promise rejects, nothing is sent", async () => {
  main.reply(json(200, {}));
  const insecure = createApiClient<Untyped>({ baseUrl: `${main.url}/v1.0` });
  await assertRejects(() => insecure.me.get(), /is not https/);
  await assertRejects(() => insecure.users.byId("1").patch({ displayName: "B" }), /is not https/);
  await assert.rejects(insecure.users.iterate()[Symbol.asyncIterator]().next(), /is not https/);
  assert.equal(main.seen.length, 0);
  await local().me.get();
  assert.equal(main.seen.length, 1);
});

test("a key, a parameter or a query value that cannot be encoded is refused: the verb's promise rejects", async () => {
  main.reply(json(200, {}));
  const lone = "a\ud800b";
  await assertRejects(() => local().users.byId(lone).get(), /The key "a\\ud800b" holds a lone surrogate/);
  await assertRejects(() => local().users.byId(lone).manager.patch({}), /lone surrogate/);
  await assertRejects(() => local().drive.root.byPath(`x/${lone}`).content.get(), /item path .* lone surrogate/);
  await assertRejects(() => local().reports.getReport({ period: lone }).get(), /parameter .* lone surrogate/);
  await assertRejects(() => local().users.get({ query: { q: lone } }), /query value .* lone surrogate/);
  await assert.rejects(local().users.byId(lone).members.iterate()[Symbol.asyncIterator]().next(), /lone surrogate/);
  // Describing the request without sending it still throws at once.
  assert.throws(() => offline.users.byId(lone).toGetRequest(), /lone surrogate/);
  assert.equal(main.seen.length, 0);
});

test("an item call sends method, path, headers and body, and returns the JSON body", async () => {
  main.reply(json(200, { id: "1" }));
  const result = await local({ accessToken: "t0", headers: { "client-request-id": "c1" } })
    .users.byId("a b/c")
    .patch({ displayName: "B" }, { select: ["id"] });
  assert.deepEqual(result, { id: "1" });
  const [request] = main.seen;
  assert.equal(request!.method, "PATCH");
  assert.equal(request!.url, "/v1.0/users/a%20b%2Fc?$select=id");
  assert.equal(request!.headers.authorization, "Bearer t0");
  assert.equal(request!.headers["client-request-id"], "c1");
  assert.equal(request!.body, '{"displayName":"B"}');
});

test("the token provider is called for every request, so tokens can refresh", async () => {
  main.reply((_request, response) => response.writeHead(204).end());
  let calls = 0;
  const client = local({ accessToken: async () => `token-${++calls}` });
  assert.equal(await client.me.delete(), undefined);
  await client.me.delete();
  assert.deepEqual(
    main.seen.map((request) => request.headers.authorization),
    ["Bearer token-1", "Bearer token-2"],
  );
});

test("a list call returns the page; iterate() walks every page and keeps the delta link", async () => {
  main.reply(mainPaging());
  const client = local({ accessToken: "t" });
  const first = await client.users.get({ top: 2 });
  assert.deepEqual(first.value, [{ id: "u1a" }, { id: "u1b" }]);
  main.reply(mainPaging());
  const users = client.users.iterate({ top: 2 });
  const ids: string[] = [];
  for await (const user of users) ids.push(user.id);
  assert.deepEqual(ids, ["u1a", "u1b", "u2a", "u2b", "u3a", "u3b"]);
  assert.equal(users.deltaLink, `${main.url}/v1.0/users/delta()?token=d`);
  assert.deepEqual(
    main.seen.map((request) => request.url),
    ["/v1.0/users?$top=2", "/v1.0/users?page=2", "/v1.0/users?page=3"],
  );
  assert.ok(main.seen.every((request) => request.headers.authorization === "Bearer t"));
});

function mainPaging(): Reply {
  return (request, response) => {
    const page = new URL(request.url, main.url).searchParams.get("page") ?? "1";
    const next =
      page === "3"
        ? { "@odata.deltaLink": `${main.url}/v1.0/users/delta()?token=d` }
        : { "@odata.nextLink": `${main.url}/v1.0/users?page=${Number(page) + 1}` };
    json(200, { value: [{ id: `u${page}a` }, { id: `u${page}b` }], ...next })(request, response, 0);
  };
}

test("a next link to another host is followed without the token", async () => {
  main.reply(json(200, { value: [{ id: "a" }], "@odata.nextLink": `${other.url}/v1.0/users?page=2` }));
  other.reply(json(200, { value: [{ id: "b" }] }));
  const ids: string[] = [];
  for await (const user of local({ accessToken: "secret" }).users.iterate()) ids.push(user.id);
  assert.deepEqual(ids, ["a", "b"]);
  assert.equal(main.seen[0]!.headers.authorization, "Bearer secret");
  assert.equal(other.seen[0]!.headers.authorization, undefined);
});

test("429 with Retry-After is retried and then succeeds", async () => {
  main.reply((request, response, index) =>
    index === 0
      ? json(429, { error: { code: "TooManyRequests" } }, { "Retry-After": "0" })(request, response, index)
      : json(200, { id: "ok" })(request, response, index),
  );
  assert.deepEqual(await local().me.get(), { id: "ok" });
  assert.equal(main.seen.length, 2);
  // An HTTP date in the past means "now".
  main.reply((request, response, index) =>
    index === 0
      ? json(503, {}, { "Retry-After": new Date(Date.now() - 1000).toUTCString() })(request, response, index)
      : json(200, { id: "ok" })(request, response, index),
  );
  assert.deepEqual(await local().me.get(), { id: "ok" });
  assert.equal(main.seen.length, 2);
});

test("503 is retried with backoff until the retries run out", async () => {
  main.reply(json(503, { error: { code: "serviceNotAvailable", message: "Busy." } }));
  const error: unknown = await local({ retry: { maxRetries: 2, baseDelayMs: 1 } })
    .me.get()
    .catch((caught: unknown) => caught);
  assert.ok(error instanceof ApiError);
  assert.equal(error.status, 503);
  assert.equal(main.seen.length, 3);
});

test("other statuses, waits longer than allowed and bodies that cannot be replayed are not retried", async () => {
  main.reply(json(500, {}));
  await assert.rejects(local().me.get(), ApiError);
  assert.equal(main.seen.length, 1);
  main.reply(json(429, {}, { "Retry-After": "120" }));
  await assert.rejects(
    local({ retry: { maxDelayMs: 1000 } }).me.get(),
    (error: unknown) => error instanceof ApiError && error.status === 429,
  );
  assert.equal(main.seen.length, 1);
  main.reply(json(503, {}, { "Retry-After": "0" }));
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode("bytes"));
      controller.close();
    },
  });
  await assert.rejects(local().photo.$value.put(stream), ApiError);
  assert.equal(main.seen.length, 1);
  assert.equal(main.seen[0]!.body, "bytes");
  main.reply(json(503, {}, { "Retry-After": "0" }));
  await assert.rejects(local({ retry: false }).me.get(), ApiError);
  assert.equal(main.seen.length, 1);
});

test("a non-2xx response rejects with ApiError carrying the OData error", async () => {
  main.reply(
    json(
      404,
      { error: { code: "itemNotFound", message: "Not there.", innerError: { date: "2021-01-01" } } },
      { "request-id": "r1", "client-request-id": "c1" },
    ),
  );
  const error: unknown = await local()
    .users.byId("x")
    .get()
    .catch((caught: unknown) => caught);
  assert.ok(error instanceof ApiError);
  assert.deepEqual(
    [error.status, error.code, error.message, error.innerError, error.requestId, error.clientRequestId],
    [404, "itemNotFound", "Not there.", { date: "2021-01-01" }, "r1", "c1"],
  );
  assert.deepEqual(error.body, {
    error: { code: "itemNotFound", message: "Not there.", innerError: { date: "2021-01-01" } },
  });
  main.reply((_request, response) => response.writeHead(500, { "Content-Type": "text/plain" }).end("boom"));
  const plain: unknown = await local()
    .me.get()
    .catch((caught: unknown) => caught);
  assert.ok(plain instanceof ApiError);
  assert.deepEqual([plain.message, plain.body], ["Request failed with status 500", "boom"]);
});

test("text, bytes and empty bodies come back as text, an ArrayBuffer and undefined", async () => {
  main.reply((_request, response) => response.writeHead(200, { "Content-Type": "text/csv" }).end("a,b"));
  assert.equal(await local().report.get(), "a,b");
  main.reply((_request, response) =>
    response.writeHead(200, { "Content-Type": "application/octet-stream" }).end(Buffer.from([1, 2, 3])),
  );
  assert.deepEqual([...new Uint8Array((await local().photo.$value.get()) as ArrayBuffer)], [1, 2, 3]);
  main.reply((_request, response) => response.writeHead(202).end());
  assert.equal(await local().me.post(), undefined);
});

test("a call that outlives timeoutMs rejects promptly and leaves no request open", async () => {
  let closed!: () => void;
  const connectionClosed = new Promise<void>((resolve) => (closed = resolve));
  main.reply((_request, response) => {
    response.on("close", () => closed());
    setTimeout(() => response.end(), 5000).unref();
  });
  const started = Date.now();
  const error: unknown = await local({ timeoutMs: 5000 })
    .me.get({ timeoutMs: 100 })
    .catch((caught: unknown) => caught);
  assert.ok(error instanceof TimeoutError, String(error));
  assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
  await connectionClosed;
});

test("an aborted signal cancels the call, retries included", async () => {
  main.reply(json(503, {}, { "Retry-After": "10" }));
  const controller = new AbortController();
  const call = local({ retry: { maxDelayMs: 60_000 } }).me.get({ signal: controller.signal });
  setTimeout(() => controller.abort(new Error("stop")), 50);
  await assert.rejects(call, /stop/);
});

test("a network failure rejects with a NetworkError that keeps the cause", async () => {
  const closed = await startServer("127.0.0.1");
  await new Promise<void>((resolve) => closed.server.close(() => resolve()));
  const error: unknown = await createApiClient<Untyped>({
    baseUrl: `${closed.url}/v1.0`,
    allowInsecure: true,
    retry: false,
  })
    .me.get()
    .catch((caught: unknown) => caught);
  assert.ok(error instanceof NetworkError);
  assert.ok(error.cause instanceof Error);
});

test("a builder is not mistaken for a promise", async () => {
  const users = offline.users;
  assert.equal(users.then, undefined);
  assert.equal(await Promise.resolve(users), users);
});
