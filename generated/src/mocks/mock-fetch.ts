/**
 * A `fetch` for consumers' tests: it answers each documented request (matched by method and path template, the
 * query ignored) with the response its example documents, status and headers included, and any other request
 * with a 404 and a Graph-style error body. Among the examples of one path, the one whose URL and body are those
 * of the request answers. Handlers given by path override the documented answers. No network, no server.
 */

/** A response to answer with: its body as text (`body`) or as JSON (`json`, sent serialized). */
export interface MockResponse {
  status: number;
  headers?: Record<string, string | undefined>;
  body?: string | undefined;
  json?: unknown;
}

/** One documented example: the request the client sends for it, and the documented response. */
export interface MockExample {
  method: string;
  /** The documented path template the example's URL matched: `/users/{id}`. */
  template: string;
  /** The path and query the client sends, after the base URL: `/users/a?$select=id`. */
  url: string;
  /** The request body the client sends, as text, where the example has one. */
  body?: string;
  /** The request headers the example sends (`Prefer`), which tell apart examples of one URL. */
  headers?: Record<string, string>;
  response: MockResponse;
}

/** Answers a request: with a response of its own, or one described as data. */
export type MockHandler = (
  request: Request,
) => Response | MockResponse | Promise<Response | MockResponse>;

export interface MockFetchOptions {
  /** The base URL the client is created with; its path (`/v1.0`) is taken off before matching. */
  baseUrl?: string;
  /**
   * Answers that take precedence over the documented ones, by `"METHOD /path/template"` or `"/path/template"`
   * (any method), a `{...}` placeholder matching one segment: `{ "GET /users/{id}": { status: 200, json: {} } }`.
   */
  handlers?: Record<string, MockHandler | MockResponse>;
}

/** A fetch that answers from `examples` (see MockFetchOptions). */
export function mockFetch(
  examples: readonly MockExample[],
  options: MockFetchOptions = {},
): typeof fetch {
  const basePath = options.baseUrl ? new URL(options.baseUrl).pathname.replace(/\/+$/, "") : "";
  const routes = routesOf(examples);
  const handlers = Object.entries(options.handlers ?? {}).map(([key, handler]) => {
    const match = /^([A-Za-z]+)\s+(\S.*)$/.exec(key);
    return {
      method: match ? match[1]!.toUpperCase() : undefined,
      pattern: templatePattern(match ? match[2]! : key),
      handler,
    };
  });
  const answer = async (request: Request, redirects: number): Promise<Response> => {
    const url = new URL(request.url);
    let path = url.pathname;
    if (basePath && path.toLowerCase().startsWith(basePath.toLowerCase()))
      path = path.slice(basePath.length) || "/";
    const method = request.method.toUpperCase();
    for (const { method: wanted, pattern, handler } of handlers) {
      if ((wanted === undefined || wanted === method) && pattern.test(path))
        return respond(typeof handler === "function" ? await handler(request) : handler);
    }
    const candidates = (routes.get(method) ?? []).filter(({ pattern }) => pattern.test(path));
    if (candidates.length === 0) return notFound(method, path);
    const sent = method === "GET" || method === "HEAD" ? "" : await request.text();
    // The example of the request's path, then of its query, its body, and most of its headers.
    const score = (example: MockExample): number => {
      const [examplePath = ""] = example.url.split("?");
      const headers = Object.entries(example.headers ?? {}).filter(
        ([name, value]) => request.headers.get(name) === value,
      ).length;
      return (
        (examplePath.toLowerCase() === path.toLowerCase() ? 1000 : 0) +
        (example.url === `${path}${url.search}` ? 100 : 0) +
        ((example.body ?? "") === sent ? 10 : 0) +
        Math.min(headers, 9)
      );
    };
    let best = candidates[0]!.example;
    for (const { example } of candidates) if (score(example) > score(best)) best = example;
    const location = Object.entries(best.response.headers ?? {}).find(
      ([name]) => name.toLowerCase() === "location",
    )?.[1];
    const status = best.response.status;
    // A redirect is followed, as fetch would: to another documented response, else to an empty one.
    if (status >= 300 && status < 400 && status !== 304 && location !== undefined) {
      const target = new URL(location, request.url);
      if (redirects >= 5 || target.origin !== url.origin) return new Response("", { status: 200 });
      const next = await answer(new Request(target), redirects + 1);
      return next.status === 404 ? new Response("", { status: 200 }) : next;
    }
    return respond(best.response);
  };
  return async (input, init) => {
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    if (signal?.aborted) throw signal.reason;
    return answer(new Request(input, init), 0);
  };
}

/** The examples by method, each with the pattern of its template: made once for a list of examples. */
function routesOf(
  examples: readonly MockExample[],
): ReadonlyMap<string, Array<{ example: MockExample; pattern: RegExp }>> {
  let routes = compiled.get(examples);
  if (!routes) {
    const byMethod = new Map<string, Array<{ example: MockExample; pattern: RegExp }>>();
    const patterns = new Map<string, RegExp>();
    for (const example of examples) {
      let pattern = patterns.get(example.template);
      if (!pattern) patterns.set(example.template, (pattern = templatePattern(example.template)));
      const list = byMethod.get(example.method) ?? [];
      list.push({ example, pattern });
      byMethod.set(example.method, list);
    }
    compiled.set(examples, (routes = byMethod));
  }
  return routes;
}

const compiled = new WeakMap<
  readonly MockExample[],
  ReadonlyMap<string, Array<{ example: MockExample; pattern: RegExp }>>
>();

/** `/users/{id}/messages` as a pattern: a placeholder is one segment, an item path (`:/{path}:`) any. */
function templatePattern(template: string): RegExp {
  let source = "";
  let previous = "";
  for (const part of template.split(/(\{[^}]*\}|\([^)]*\))/)) {
    if (part.startsWith("{")) source += previous.endsWith(":/") ? ".+" : "[^/]+";
    else if (part.startsWith("(")) source += "\\([^/]*\\)";
    else source += part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    previous = part;
  }
  return new RegExp(`^${source}/?$`, "i");
}

function respond(response: Response | MockResponse): Response {
  if (response instanceof Response) return response;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers ?? {}))
    if (value !== undefined) headers[name] = value;
  const json = response.json !== undefined;
  if (json && !Object.keys(headers).some((name) => name.toLowerCase() === "content-type"))
    headers["Content-Type"] = "application/json";
  const empty = response.status === 204 || response.status === 205 || response.status === 304;
  const body = empty ? null : json ? JSON.stringify(response.json) : (response.body ?? null);
  return new Response(body, { status: response.status, headers });
}

function notFound(method: string, path: string): Response {
  const error = {
    error: {
      code: "itemNotFound",
      message: `No documented example answers ${method} ${path}.`,
      innerError: {
        "request-id": "00000000-0000-0000-0000-000000000000",
        date: new Date().toISOString(),
      },
    },
  };
  return new Response(JSON.stringify(error), {
    status: 404,
    headers: { "Content-Type": "application/json" },
  });
}
