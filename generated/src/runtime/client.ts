/**
 * The client runtime shipped inside every generated package. Navigation is data-free: a property access appends
 * its name as a path segment, `byId(key)` appends the percent-encoded key, a call appends OData function parameters,
 * and the verbs send what was built. The generated interfaces say which paths and verbs the docs document, so the
 * code stays the same size whatever the size of the docs set.
 */
import { ApiError } from "./errors.js";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface ClientOptions {
  /** The service root, e.g. `https://graph.microsoft.com/v1.0`. */
  baseUrl?: string;
  /** Sent as `Authorization: Bearer <token>`; a function is called for every request, so tokens can refresh. */
  accessToken?: string | (() => string | Promise<string>);
  /** Defaults to the global `fetch`. */
  fetch?: typeof globalThis.fetch;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
}

export interface RequestOptions {
  /** Query parameters, serialized in order: `{ $select: "id,displayName", $top: 5 }`. */
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export type RequestBody = string | Blob | ArrayBuffer | Uint8Array | object;

/** A request as it would be sent, without sending it. */
export interface RequestDescription {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: string | Blob | ArrayBuffer | Uint8Array;
}

/** One page of a collection. */
export interface CollectionPage<T> {
  value?: T[];
  "@odata.nextLink"?: string;
  "@odata.deltaLink"?: string;
  "@odata.count"?: number;
  "@odata.context"?: string;
}

/** An object reached along a relationship that no page documents as its own path: it can be read. */
export interface ItemRequests<T> {
  get(options?: RequestOptions): Promise<T>;
  /** The request `get` would send, without sending it. */
  toGetRequest(options?: RequestOptions): RequestDescription;
}

/** A collection reached along a relationship: it can be listed, and its members addressed by key. */
export interface CollectionRequests<T, Item> {
  get(options?: RequestOptions): Promise<CollectionPage<T>>;
  /** The request `get` would send, without sending it. */
  toGetRequest(options?: RequestOptions): RequestDescription;
  byId(key: string): Item;
}

interface Settings {
  readonly baseUrl: string;
  readonly accessToken: ClientOptions["accessToken"];
  readonly fetch: typeof globalThis.fetch;
  readonly headers: Record<string, string>;
}

const verbs: Record<string, HttpMethod> = {
  get: "GET",
  post: "POST",
  put: "PUT",
  patch: "PATCH",
  delete: "DELETE",
};
const bodyless = new Set<HttpMethod>(["GET", "DELETE"]);

/**
 * Names the builders use themselves. A path segment with one of these names is exposed as the name plus `_`
 * (`delete_`), which this runtime maps back.
 */
const reserved = new Set([
  "byId",
  "byPath",
  "then",
  ...Object.keys(verbs),
  ...Object.values(verbs).map(requestMethodName),
]);

function requestMethodName(method: HttpMethod): string {
  return `to${method[0]}${method.slice(1).toLowerCase()}Request`;
}

export function createApiClient<T>(options: ClientOptions & { baseUrl: string }): T {
  const settings: Settings = {
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    accessToken: options.accessToken,
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    headers: { ...options.headers },
  };
  return builder(settings, "") as T;
}

function builder(settings: Settings, path: string): unknown {
  // A function target, so that a segment can also be called: `reports.getEmailActivityUserDetail({ period: "D7" })`.
  const target = function () {};
  return new Proxy(target, {
    get(_target, property) {
      if (typeof property !== "string" || property === "then") return undefined;
      if (property === "byId")
        return (key: string | number) => builder(settings, `${path}/${encodeKey(key)}`);
      if (property === "byPath")
        return (itemPath: string) => builder(settings, `${path}:/${encodeItemPath(itemPath)}:`);
      const verb = verbs[property];
      if (verb) {
        return bodyless.has(verb)
          ? (options?: RequestOptions) =>
              send(settings, describe(settings, verb, path, undefined, options), options)
          : (body?: RequestBody, options?: RequestOptions) =>
              send(settings, describe(settings, verb, path, body, options), options);
      }
      const described = /^to(Get|Post|Put|Patch|Delete)Request$/.exec(property);
      if (described) {
        const method = described[1]!.toUpperCase() as HttpMethod;
        return bodyless.has(method)
          ? (options?: RequestOptions) => describe(settings, method, path, undefined, options)
          : (body?: RequestBody, options?: RequestOptions) =>
              describe(settings, method, path, body, options);
      }
      const stem = property.slice(0, -1);
      return builder(
        settings,
        `${path}/${property.endsWith("_") && reserved.has(stem) ? stem : property}`,
      );
    },
    apply(_target, _this, args: unknown[]) {
      return builder(settings, `${path}(${formatParameters(args[0])})`);
    },
  });
}

/** An item path (`root:/folder/file.txt:`) keeps its slashes; each part is percent-encoded. */
export function encodeItemPath(itemPath: string): string {
  return itemPath.split("/").map(encodeURIComponent).join("/");
}

/** A key is one path segment whatever it holds: `a/b` is sent as `a%2Fb`. */
export function encodeKey(key: string | number): string {
  return encodeURIComponent(String(key));
}

/** `{ period: "D7", top: 5 }` -> `period='D7',top=5`: strings quoted (quotes doubled), numbers and booleans bare. */
export function formatParameters(parameters: unknown): string {
  if (parameters === undefined || parameters === null) return "";
  return Object.entries(parameters as Record<string, unknown>)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => {
      if (typeof value === "number" || typeof value === "boolean" || value === null)
        return `${name}=${String(value)}`;
      if (value instanceof Literal) return `${name}=${encodeURIComponent(value.text)}`;
      return `${name}='${encodeURIComponent(String(value).replace(/'/g, "''"))}'`;
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

/** Percent-encodes a query component, keeping the characters OData query options use readable (`$ , : / @`).
 * `'` is encoded: fetch would encode it in a query anyway, and the description must match what is sent. */
export function encodeQueryComponent(text: string): string {
  return encodeURIComponent(text)
    .replace(/%(24|2C|3A|2F|40)/g, (escape) => decodeURIComponent(escape))
    .replace(/'/g, "%27");
}

function describe(
  settings: Settings,
  method: HttpMethod,
  path: string,
  body: RequestBody | undefined,
  options: RequestOptions | undefined,
): RequestDescription {
  const query = Object.entries(options?.query ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${encodeQueryComponent(name)}=${encodeQueryComponent(String(value))}`)
    .join("&");
  const headers: Record<string, string> = { ...settings.headers, ...options?.headers };
  const request: RequestDescription = {
    method,
    url: `${settings.baseUrl}${path}${query ? `?${query}` : ""}`,
    headers,
  };
  if (body !== undefined) {
    const raw =
      typeof body === "string" ||
      body instanceof Blob ||
      body instanceof ArrayBuffer ||
      body instanceof Uint8Array;
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
  const headers = { ...request.headers };
  const token =
    typeof settings.accessToken === "function"
      ? await settings.accessToken()
      : settings.accessToken;
  if (token) headers["Authorization"] = `Bearer ${token}`;
  const response = await settings.fetch(request.url, {
    method: request.method,
    headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
    ...(options?.signal ? { signal: options.signal } : {}),
  });
  const body = await readBody(response);
  if (!response.ok) throw new ApiError(response.status, body, response.headers);
  return body;
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
