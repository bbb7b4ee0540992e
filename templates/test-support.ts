/**
 * Replays documented examples against the generated client: a real HTTP server on 127.0.0.1 serves the documented
 * response and records what the client sent. A documented redirect is pointed back at this server, where
 * `/__docs2ts/redirected` answers `redirected`, so that following it is checked without the network. With
 * `DOCS2TS_MOCK=1` in the environment, the client sends through `createMockFetch()` (src/mocks/) instead, which
 * must answer each example with its documented response.
 */
import assert from "node:assert/strict";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { ApiError, createClient, type ApiClient, type RequestDescription } from "../src/index.js";
import { isDeepStrictEqual } from "node:util";
import { createMockFetch, documentedExamples } from "../src/mocks/index.js";

export interface RecordedRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A documented response: its body as text (`body`) or as JSON (`json`, sent serialized). Headers may be undefined
 * because the JSON files that hold responses type their entries as one union, absent members as `undefined`.
 */
export interface DocumentedResponse {
  status: number;
  headers: Record<string, string | undefined>;
  body?: string | undefined;
  json?: unknown;
}

export interface ExampleServer {
  /** Base URL to point a client at, with the documented base path: `http://127.0.0.1:PORT/beta`. */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export const redirectedPath = "/__docs2ts/redirected";

/** What the client must return for a documented response: the JSON value, or the text. */
export function documentedResult(response: Pick<DocumentedResponse, "body" | "json">): unknown {
  return response.json !== undefined ? response.json : response.body;
}

export async function serve(response: DocumentedResponse, basePath = ""): Promise<ExampleServer> {
  const requests: RecordedRequest[] = [];
  let origin = "";
  const server = createServer((request, reply) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      requests.push({
        method: request.method ?? "",
        url: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      if (request.url === redirectedPath) {
        reply.writeHead(200, { "Content-Type": "text/plain" }).end("redirected");
        return;
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (value === undefined) continue;
        const redirect =
          name.toLowerCase() === "location" && response.status >= 300 && response.status < 400;
        headers[name] = redirect ? `${origin}${redirectedPath}` : value;
      }
      reply.writeHead(response.status, headers);
      const body = response.json !== undefined ? JSON.stringify(response.json) : response.body;
      reply.end(response.status === 204 || response.status === 304 ? undefined : body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}${basePath}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      ),
  };
}

/** One documented example, as a generated test states it. */
export interface Replay {
  /** The documented base URL (`https://graph.microsoft.com/v1.0`). */
  baseUrl: string;
  method: string;
  /** The URL the example documents, as the client must build it. */
  url: string;
  /** The request body the client must send, where the example has one. */
  body?: unknown;
  contentType?: string;
  /** The documented response, or undefined when the example documents none (the request alone is checked). */
  response?: DocumentedResponse;
  /** How the result is checked: the documented body, its bytes, the redirect target, nothing, or a rejection. */
  expect: "body" | "bytes" | "redirected" | "nothing" | "rejection";
  describe(client: ApiClient): RequestDescription;
  send(client: ApiClient): Promise<unknown>;
}

/** Checks the request the builders describe, then sends it to a server answering as documented. */
export async function replay(example: Replay): Promise<void> {
  const request = example.describe(createClient({ baseUrl: example.baseUrl }));
  assert.equal(request.method, example.method);
  assert.equal(request.url, example.url);
  const base = new URL(example.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, "");
  const path = example.url.slice(base.origin.length);
  if (example.body !== undefined) {
    if (example.contentType === "application/json")
      assert.deepEqual(asJson(String(request.body)), example.body);
    else assert.equal(request.body, example.body);
    const contentType = Object.entries(request.headers).find(
      ([name]) => name.toLowerCase() === "content-type",
    )?.[1];
    assert.equal(contentType, example.contentType);
  }
  if (process.env["DOCS2TS_MOCK"] === "1") return replayThroughMock(example);
  const server = await serve(example.response ?? { status: 204, headers: {} }, basePath);
  try {
    const client = createClient({
      baseUrl: server.url,
      accessToken: "example-token",
      allowInsecure: true,
      retry: false,
    });
    const call = example.send(client);
    let result: unknown;
    if (example.expect === "rejection") {
      await assert.rejects(
        call,
        (error: unknown) => error instanceof ApiError && error.status === example.response?.status,
      );
    } else {
      result = await call;
    }
    const received = server.requests[0];
    assert.equal(received?.method, example.method);
    assert.equal(received?.url, path);
    assert.equal(received?.headers.authorization, "Bearer example-token");
    if (example.body !== undefined) {
      if (example.contentType === "application/json")
        assert.deepEqual(asJson(received?.body ?? ""), example.body);
      else assert.equal(received?.body, example.body);
      assert.equal(received?.headers["content-type"], example.contentType);
    }
    if (example.expect === "redirected") {
      assert.equal(server.requests[1]?.url, redirectedPath);
      assert.equal(result, "redirected");
    } else if (example.expect === "bytes") {
      assert.equal(
        Buffer.from(result as ArrayBuffer).toString("utf8"),
        documentedResult(example.response!),
      );
    } else if (example.expect === "body") {
      assert.deepEqual(result, documentedResult(example.response!));
    } else if (example.expect === "nothing") {
      assert.equal(result, undefined);
    }
  } finally {
    await server.close();
  }
}

/** A body sent as JSON, read back; a documented body that is no JSON (text under a JSON content type) as written. */
function asJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Sends the example's request through the mock fetch, which must answer with the documented response, or with
 * that of another example of the very same request (pages of derived types document one URL each, examples may
 * differ only in their prose): a request cannot tell them apart.
 */
async function replayThroughMock(example: Replay): Promise<void> {
  // An example that documents no response gives the mock nothing to answer with.
  if (!example.response) return;
  const client = createClient({
    baseUrl: example.baseUrl,
    fetch: createMockFetch({ baseUrl: example.baseUrl }),
    retry: false,
  });
  const outcome = await example.send(client).then(
    (result: unknown) => ({ result }),
    (error: unknown) => ({ error }),
  );
  const fits = (
    response: Pick<DocumentedResponse, "status" | "body" | "json">,
    expect: Replay["expect"],
  ): boolean => {
    if ("error" in outcome)
      return outcome.error instanceof ApiError && outcome.error.status === response.status;
    if (expect === "rejection") return false;
    if (expect === "redirected") return true;
    if (expect === "nothing") return outcome.result === undefined;
    if (expect === "bytes")
      return (
        Buffer.from(outcome.result as ArrayBuffer).toString("utf8") === documentedResult(response)
      );
    return isDeepStrictEqual(outcome.result, documentedResult(response));
  };
  if (fits(example.response, example.expect)) return;
  // What another example's response would have the client return.
  const expectOf = (response: Pick<DocumentedResponse, "status" | "body" | "json">) =>
    response.status >= 400
      ? "rejection"
      : response.status >= 300
        ? "redirected"
        : example.expect === "bytes"
          ? "bytes"
          : documentedResult(response) === undefined
            ? "nothing"
            : "body";
  const base = example.baseUrl.replace(/\/+$/, "");
  const same = documentedExamples.filter(
    (other) => other.method === example.method && `${base}${other.url}` === example.url,
  );
  if (same.some((other) => fits(other.response, expectOf(other.response)))) return;
  if ("error" in outcome) throw outcome.error;
  assert.deepEqual(outcome.result, documentedResult(example.response));
}
