/**
 * The client runtime shipped inside every generated package. Navigation is data-free: a property access appends
 * its name as a path segment, `byId(key)` appends the percent-encoded key, `byPath(path)` an item path, a call
 * appends OData function parameters, and the verbs send what was built. The generated interfaces say which paths
 * and verbs the docs document, so the code stays the same size whatever the size of the docs set.
 */
import { ApiError, NetworkError, TimeoutError } from "./errors.js";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RetryOptions {
  /** Retries after the first attempt (default 3). */
  maxRetries?: number;
  /** The longest wait before a retry; a server asking for longer (`Retry-After`) is not retried (default 30 s). */
  maxDelayMs?: number;
  /** The first backoff delay when the server gives no `Retry-After`; doubled on each retry, with jitter (default 500 ms). */
  baseDelayMs?: number;
}

export interface ClientOptions {
  /** The service root, e.g. `https://graph.microsoft.com/v1.0`. */
  baseUrl?: string;
  /** Sent as `Authorization: Bearer <token>` to the host of `baseUrl` only; a function is called for every request. */
  accessToken?: string | (() => string | Promise<string>);
  /** Defaults to the global `fetch`. */
  fetch?: typeof globalThis.fetch;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Time limit of each call, retries included. */
  timeoutMs?: number;
  /** Retries of 429, 503 and 504 responses; `false` turns them off. */
  retry?: RetryOptions | false;
  /** Allow a plain `http:` base URL (a local server); refused otherwise, so that tokens never travel in clear. */
  allowInsecure?: boolean;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
  timeoutMs?: number;
  retry?: RetryOptions | false;
}

/**
 * OData query options, serialized as `$select=a,b&$top=5`. `select` and `orderby` take the response type's property
 * names, `expand` its relationships; `query` takes any other parameter (a page's own, like `startDateTime`).
 */
export interface QueryOptions<
  Select extends string = string,
  Expand extends string = string,
  Query = {},
> extends RequestOptions {
  select?: readonly Select[];
  expand?: readonly Expand[];
  filter?: string;
  orderby?: readonly (Select | `${Select} asc` | `${Select} desc`)[];
  top?: number;
  skip?: number;
  search?: string;
  count?: boolean;
  query?: Query & Record<string, string | number | boolean | undefined>;
}

/** The names of a type's properties, without instance annotations: what `select` and `orderby` take. */
export type Selectable<T> = Exclude<
  T extends unknown ? keyof T & string : never,
  `${string}@${string}`
>;

export type RequestBody =
  string | Blob | ArrayBuffer | Uint8Array | ReadableStream<Uint8Array> | object;

/** A request as it would be sent, without sending it. */
export interface RequestDescription {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: string | Blob | ArrayBuffer | Uint8Array | ReadableStream<Uint8Array>;
}

/** One page of a collection. */
export interface CollectionPage<T> {
  value: T[];
  "@odata.nextLink"?: string;
  "@odata.deltaLink"?: string;
  "@odata.count"?: number;
  "@odata.context"?: string;
}

/** The items of a collection, page after page; after the last page, `deltaLink` holds the delta link if one came. */
export interface PageIterator<T> extends AsyncIterable<T> {
  readonly deltaLink: string | undefined;
}

/** An object reached along a relationship that no page documents as its own path: it can be read. */
export interface ItemRequests<T> {
  get(options?: QueryOptions<Selectable<T>>): Promise<T>;
  /** The request `get` would send, without sending it. */
  toGetRequest(options?: QueryOptions<Selectable<T>>): RequestDescription;
}

/** A collection reached along a relationship: it can be listed, iterated, and its members addressed by key. */
export interface CollectionRequests<T, Item> {
  get(options?: QueryOptions<Selectable<T>>): Promise<CollectionPage<T>>;
  /** The request `get` would send, without sending it. */
  toGetRequest(options?: QueryOptions<Selectable<T>>): RequestDescription;
  /** Every item of the collection, following `@odata.nextLink` page by page. */
  iterate(options?: QueryOptions<Selectable<T>>): PageIterator<T>;
  byId(key: string): Item;
}

interface Settings {
  readonly baseUrl: string;
  readonly origin: string;
  readonly accessToken: ClientOptions["accessToken"];
  readonly fetch: typeof globalThis.fetch;
  readonly headers: Record<string, string>;
  readonly timeoutMs: number | undefined;
  readonly retry: RetryOptions | false | undefined;
  readonly allowInsecure: boolean;
  /** Why no verb may send (a base URL that is not https without allowInsecure). */
  readonly refusal?: Error;
}

const verbs: Record<string, HttpMethod> = {
  get: "GET",
  post: "POST",
  put: "PUT",
  patch: "PATCH",
  delete: "DELETE",
};
const bodyless = new Set<HttpMethod>(["GET", "DELETE"]);
const odataOptions = [
  "select",
  "expand",
  "filter",
  "orderby",
  "top",
  "skip",
  "search",
  "count",
] as const;

/**
 * Names the builders use themselves. A path segment with one of these names is exposed as the name plus `_`
 * (`delete_`), and so is a segment named like that (`delete_` as `delete__`); this runtime maps each back.
 */
const reserved = new Set([
  "byId",
  "byPath",
  "iterate",
  "then",
  ...Object.keys(verbs),
  ...Object.values(verbs).map(describeName),
]);

function describeName(method: HttpMethod): string {
  return `to${method[0]}${method.slice(1).toLowerCase()}Request`;
}

export function createApiClient<T>(options: ClientOptions & { baseUrl: string }): T {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  // A base URL the client must not send to is refused by every verb (a rejected promise), not by this call.
  const url = parseUrl(baseUrl);
  const refusal = !url
    ? new TypeError(`The base URL ${baseUrl} is not a URL; the request is not sent.`)
    : url.protocol === "http:" && !options.allowInsecure
      ? new TypeError(
          `The base URL ${baseUrl} is not https: tokens would travel in clear. Pass allowInsecure: true for a local server.`,
        )
      : undefined;
  const settings: Settings = {
    baseUrl,
    origin: url?.origin ?? "",
    accessToken: options.accessToken,
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    headers: { ...options.headers },
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    allowInsecure: options.allowInsecure ?? false,
    ...(refusal ? { refusal } : {}),
  };
  return builder(settings, "") as T;
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/**
 * The builder at `path`. A segment that cannot be encoded (a key holding a lone surrogate) leaves the builder
 * `refused`: navigation goes on, and every verb below it returns a promise rejected with that error.
 */
function builder(settings: Settings, path: string, refused?: Error): unknown {
  // A function target, so that a segment can also be called: `reports.getEmailActivityUserDetail({ period: "D7" })`.
  const target = function () {};
  const below = (segment: () => string): unknown => {
    if (refused) return builder(settings, path, refused);
    try {
      return builder(settings, `${path}${segment()}`);
    } catch (error) {
      return builder(settings, path, error as Error);
    }
  };
  const describing =
    (method: HttpMethod, body: RequestBody | undefined, options: QueryOptions | undefined) =>
    (): RequestDescription => {
      if (refused) throw refused;
      return describe(settings, method, path, body, options);
    };
  return new Proxy(target, {
    get(_target, property) {
      if (typeof property !== "string" || property === "then") return undefined;
      if (property === "byId") return (key: string | number) => below(() => `/${encodeKey(key)}`);
      if (property === "byPath")
        return (itemPath: string) => below(() => `:/${encodeItemPath(itemPath)}:`);
      if (property === "iterate")
        return (options?: QueryOptions) =>
          iterate(settings, describing("GET", undefined, options), options);
      const verb = verbs[property];
      if (verb) {
        return bodyless.has(verb)
          ? (options?: QueryOptions) =>
              request(settings, describing(verb, undefined, options), options)
          : (body?: RequestBody, options?: QueryOptions) =>
              request(settings, describing(verb, body, options), options);
      }
      const described = /^to(Get|Post|Put|Patch|Delete)Request$/.exec(property);
      if (described) {
        const method = described[1]!.toUpperCase() as HttpMethod;
        return bodyless.has(method)
          ? (options?: QueryOptions) => describing(method, undefined, options)()
          : (body?: RequestBody, options?: QueryOptions) => describing(method, body, options)();
      }
      const escaped = property.endsWith("_") && reserved.has(property.replace(/_+$/, ""));
      return builder(settings, `${path}/${escaped ? property.slice(0, -1) : property}`, refused);
    },
    apply(_target, _this, args: unknown[]) {
      return below(() => `(${formatParameters(args[0])})`);
    },
  });
}

/**
 * A verb: describes the request and sends it. Whatever refuses the request before it is sent (a base URL that is
 * not https, a segment or header that cannot be sent) rejects the promise: it never throws at the call.
 */
async function request(
  settings: Settings,
  describeRequest: () => RequestDescription,
  options: RequestOptions | undefined,
): Promise<unknown> {
  if (settings.refusal) throw settings.refusal;
  return send(settings, describeRequest(), options);
}

/** `encodeURIComponent`, with an error that says what could not be encoded (a lone surrogate cannot). */
function encodeComponent(text: string, what: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    throw new TypeError(
      `The ${what} ${JSON.stringify(text)} holds a lone surrogate and cannot be encoded in a URL; the request is not sent.`,
    );
  }
}

/** An item path (`root:/folder/file.txt:`) keeps its slashes; each part is percent-encoded. */
export function encodeItemPath(itemPath: string): string {
  return itemPath
    .split("/")
    .map((part) => encodeComponent(part, "item path"))
    .join("/");
}

/** A key is one path segment whatever it holds: `a/b` is sent as `a%2Fb`. */
export function encodeKey(key: string | number): string {
  return encodeComponent(String(key), "key");
}

/** `{ period: "D7", top: 5 }` -> `period='D7',top=5`: strings quoted (quotes doubled), numbers and booleans bare. */
export function formatParameters(parameters: unknown): string {
  if (parameters === undefined || parameters === null) return "";
  return Object.entries(parameters as Record<string, unknown>)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => {
      if (typeof value === "number" || typeof value === "boolean" || value === null)
        return `${name}=${String(value)}`;
      if (value instanceof Literal) return `${name}=${encodeComponent(value.text, "parameter")}`;
      return `${name}='${encodeComponent(String(value).replace(/'/g, "''"), "parameter")}'`;
    })
    .join(",");
}

/** A function parameter value written unquoted, as OData writes dates and numbers: `date=2021-06-01`. */
export class Literal {
  constructor(readonly text: string) {}
}

export function literal(text: string): Literal {
  return new Literal(text);
}

/**
 * Percent-encodes a query component, keeping the characters OData query options use readable (`$ , : / @`).
 * `'` is encoded: fetch would encode it in a query anyway, and the description must match what is sent.
 */
export function encodeQueryComponent(text: string): string {
  return encodeComponent(text, "query value")
    .replace(/%(24|2C|3A|2F|40)/g, (escape) => decodeURIComponent(escape))
    .replace(/'/g, "%27");
}

/** `$select=a,b&$top=5&startDateTime=...`: the OData options in a fixed order, then `query` as given. */
export function serializeQuery(options: QueryOptions | undefined): string {
  if (!options) return "";
  const parts: string[] = [];
  for (const name of odataOptions) {
    const value = options[name];
    if (value !== undefined)
      parts.push(
        `$${name}=${encodeQueryComponent(Array.isArray(value) ? value.join(",") : String(value))}`,
      );
  }
  for (const [name, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined)
      parts.push(`${encodeQueryComponent(name)}=${encodeQueryComponent(String(value))}`);
  }
  return parts.length > 0 ? `?${parts.join("&")}` : "";
}

function describe(
  settings: Settings,
  method: HttpMethod,
  path: string,
  body: RequestBody | undefined,
  options: QueryOptions | undefined,
): RequestDescription {
  const headers: Record<string, string> = { ...settings.headers, ...options?.headers };
  const request: RequestDescription = {
    method,
    url: `${settings.baseUrl}${path}${serializeQuery(options)}`,
    headers,
  };
  if (body !== undefined) {
    const raw =
      typeof body === "string" ||
      body instanceof Blob ||
      body instanceof ArrayBuffer ||
      body instanceof Uint8Array ||
      body instanceof ReadableStream;
    request.body = raw ? body : JSON.stringify(body);
    if (!Object.keys(headers).some((name) => name.toLowerCase() === "content-type")) {
      headers["Content-Type"] = raw
        ? typeof body === "string"
          ? "text/plain"
          : "application/octet-stream"
        : "application/json";
    }
  }
  for (const [name, value] of Object.entries(headers)) {
    if (/[\r\n]/.test(value))
      throw new TypeError(`Header ${name} holds a line break; the request is not sent.`);
  }
  return request;
}

async function send(
  settings: Settings,
  request: RequestDescription,
  options: RequestOptions | undefined,
): Promise<unknown> {
  const target = new URL(request.url);
  if (target.protocol === "http:" && !settings.allowInsecure)
    throw new TypeError(`Refusing to send a request to ${target.origin} in clear.`);
  // The token goes to the service only: a next link that points elsewhere is followed without it.
  const trusted = target.origin === settings.origin;
  const retry =
    options?.retry === false || settings.retry === false
      ? undefined
      : { ...settings.retry, ...options?.retry };
  const maxRetries = retry?.maxRetries ?? 3;
  const timeoutMs = options?.timeoutMs ?? settings.timeoutMs;
  const controller = new AbortController();
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => controller.abort(new TimeoutError(timeoutMs)), timeoutMs);
  const signal = options?.signal;
  const forward = (): void => controller.abort(signal!.reason);
  if (signal?.aborted) forward();
  signal?.addEventListener("abort", forward, { once: true });
  try {
    for (let attempt = 0; ; attempt++) {
      const headers = { ...request.headers };
      if (trusted) {
        const token =
          typeof settings.accessToken === "function"
            ? await settings.accessToken()
            : settings.accessToken;
        if (token) headers["Authorization"] = `Bearer ${token}`;
      }
      let response: Response;
      try {
        response = await settings.fetch(request.url, {
          method: request.method,
          headers,
          signal: controller.signal,
          ...(request.body === undefined ? {} : { body: request.body }),
          ...(request.body instanceof ReadableStream ? { duplex: "half" } : {}),
        } as RequestInit);
      } catch (cause) {
        if (controller.signal.aborted) throw controller.signal.reason;
        throw new NetworkError(
          `${request.method} ${request.url} failed: ${(cause as Error)?.message ?? String(cause)}`,
          { cause },
        );
      }
      const delay =
        retry && attempt < maxRetries && !(request.body instanceof ReadableStream)
          ? retryDelay(response, attempt, retry)
          : undefined;
      if (delay !== undefined) {
        await response.body?.cancel();
        await sleep(delay, controller.signal);
        continue;
      }
      const body = await readBody(response);
      if (!response.ok) throw new ApiError(response.status, body, response.headers);
      return body;
    }
  } catch (error) {
    // A body read cut short by the timeout rejects with an AbortError; the caller wants the reason.
    throw controller.signal.aborted ? controller.signal.reason : error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", forward);
  }
}

/** How long to wait before retrying a 429, 503 or 504; undefined when the response is final or the wait too long. */
function retryDelay(response: Response, attempt: number, retry: RetryOptions): number | undefined {
  if (response.status !== 429 && response.status !== 503 && response.status !== 504)
    return undefined;
  const maxDelayMs = retry.maxDelayMs ?? 30_000;
  const header = response.headers.get("retry-after");
  let delay: number;
  if (header !== null && /^\d+$/.test(header.trim())) delay = Number(header) * 1000;
  else if (header !== null && !Number.isNaN(Date.parse(header)))
    delay = Math.max(0, Date.parse(header) - Date.now());
  else
    delay =
      Math.min(maxDelayMs, (retry.baseDelayMs ?? 500) * 2 ** attempt) * (0.5 + Math.random() / 2);
  return delay <= maxDelayMs ? delay : undefined;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const done = (): void => {
      signal.removeEventListener("abort", abort);
      resolve();
    };
    const abort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", abort, { once: true });
  });
}

function iterate(
  settings: Settings,
  describeFirst: () => RequestDescription,
  options: RequestOptions | undefined,
): PageIterator<unknown> {
  const iterator = {
    deltaLink: undefined as string | undefined,
    async *[Symbol.asyncIterator](): AsyncGenerator<unknown> {
      // Described when the first page is asked for: a refusal rejects that promise.
      if (settings.refusal) throw settings.refusal;
      const first = describeFirst();
      let request: RequestDescription | undefined = first;
      while (request) {
        const page = (await send(settings, request, options)) as
          Partial<CollectionPage<unknown>> | undefined;
        yield* page?.value ?? [];
        iterator.deltaLink = page?.["@odata.deltaLink"] ?? iterator.deltaLink;
        const next = page?.["@odata.nextLink"];
        request = next
          ? {
              method: "GET",
              url: new URL(next, `${settings.baseUrl}/`).href,
              headers: first.headers,
            }
          : undefined;
      }
    },
  };
  return iterator;
}

/** JSON for JSON, text for text, bytes for the rest; undefined for an empty body. */
async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 205) return undefined;
  const type = response.headers.get("content-type") ?? "";
  if (/json|^text\/|xml/i.test(type) || type === "") {
    const text = await response.text();
    if (text === "") return undefined;
    if (!/json/i.test(type)) return text;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  const bytes = await response.arrayBuffer();
  return bytes.byteLength === 0 ? undefined : bytes;
}
