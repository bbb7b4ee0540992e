/**
 * Path templates of syntax lines (`/users/{id | userPrincipalName}/messages`,
 * `/reports/getEmailActivityUserDetail(period='{period_value}')`) and the URLs of examples matched against them.
 */
import { splitTarget } from "../parse/http-message.js";
import type { FunctionParameter, PathSegment } from "./api-model.js";

export type TemplateRead =
  | {
      readonly kind: "template";
      readonly template: string;
      readonly segments: PathSegment[];
      /** Concrete keys (GUIDs) a syntax line wrote where a placeholder belongs; read as keys. */
      readonly concreteKeys: string[];
    }
  | { readonly kind: "unsupported"; readonly segment: string };

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Splits a path on `/`, except inside `(...)`, `{...}` and quotes. Empty segments are dropped. */
export function splitPath(path: string): string[] {
  const segments: string[] = [];
  let depth = 0;
  let quote = false;
  let current = "";
  for (const ch of path) {
    if (ch === "'" && depth > 0) quote = !quote;
    else if (!quote && (ch === "(" || ch === "{")) depth++;
    else if (!quote && (ch === ")" || ch === "}") && depth > 0) depth--;
    if (ch === "/" && depth === 0 && !quote) {
      if (current.trim() !== "") segments.push(current.trim());
      current = "";
    } else current += ch;
  }
  if (current.trim() !== "") segments.push(current.trim());
  return segments;
}

/**
 * Drops a leading version segment (`/v1.0/me`, `/beta/me`): the base URL already carries it. `versionSegment` is the
 * last segment of the base URL's path.
 */
export function stripVersion(segments: string[], versionSegment: string | undefined): string[] {
  const first = segments[0]?.toLowerCase();
  if (first !== undefined && (first === versionSegment?.toLowerCase() || /^(v\d+(\.\d+)?|beta)$/.test(first)))
    return segments.slice(1);
  return segments;
}

export function readTemplate(path: string, versionSegment: string | undefined): TemplateRead {
  const raw = stripVersion(splitPath(path), versionSegment);
  const segments: PathSegment[] = [];
  const concreteKeys: string[] = [];
  const template: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const text = raw[i]!;
    const next = raw[i + 1];
    // `root:/{item-path}:` (or `{parent-id}:/{filename}:`) addresses an item by its path.
    const addressed = text.endsWith(":") && next !== undefined && /^\{[^{}]+\}:?$/.test(next);
    const own = addressed ? text.slice(0, -1) : text;
    if (guid.test(own)) {
      concreteKeys.push(own);
      segments.push({ kind: "key", name: "id" });
      template.push(addressed ? "{id}:" : "{id}");
    } else {
      const segment = readSegment(own);
      if (!segment) return { kind: "unsupported", segment: text };
      segments.push(segment);
      template.push(text);
    }
    if (addressed) {
      segments.push({ kind: "itemPath", name: next.replace(/^\{|\}:?$/g, "").trim() });
      template.push(next);
      i++;
    }
  }
  return { kind: "template", template: `/${template.join("/")}`, segments, concreteKeys };
}

const staticSegment = /^[A-Za-z_$@][\w$@.-]*$/;

function readSegment(text: string): PathSegment | undefined {
  const key = /^\{([^{}]+)\}$/.exec(text);
  if (key) return { kind: "key", name: key[1]!.trim() };
  const call = /^([A-Za-z_][\w.]*)\((.*)\)$/.exec(text);
  if (call) {
    const parameters = readFunctionParameters(call[2]!);
    return parameters ? { kind: "function", name: call[1]!, parameters } : undefined;
  }
  return staticSegment.test(text) ? { kind: "static", name: text } : undefined;
}

/** `period='{period_value}',date={date}` -> parameters; undefined when the text is not `name=value` pairs. */
function readFunctionParameters(text: string): FunctionParameter[] | undefined {
  if (text.trim() === "") return [];
  const parameters: FunctionParameter[] = [];
  for (const part of splitArguments(text)) {
    const match = /^\s*([A-Za-z_]\w*)\s*=\s*(.*?)\s*$/.exec(part);
    if (!match) return undefined;
    parameters.push({ name: match[1]!, quoted: /^'.*'$/.test(match[2]!) });
  }
  return parameters;
}

/** Splits `a='x,y',b=2` on commas outside quotes. */
export function splitArguments(text: string): string[] {
  const parts: string[] = [];
  let quote = false;
  let current = "";
  for (const ch of text) {
    if (ch === "'") quote = !quote;
    if (ch === "," && !quote) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

export type PathArgument = string | Record<string, string>;

/**
 * Matches the path of an example URL (already relative to the service root) against a template: the same number of
 * segments, statics equal (ignoring case and a `microsoft.graph.`-style namespace), keys and function parameters
 * captured. Returns one argument per key or function segment.
 */
const dotSegment = (text: string): boolean => text === "." || text === "..";

export function matchTemplate(
  segments: readonly PathSegment[],
  examplePath: string | readonly string[],
): PathArgument[] | undefined {
  const actual = typeof examplePath === "string" ? splitPath(examplePath) : examplePath;
  const args: PathArgument[] = [];
  let j = 0;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    let text = actual[j++];
    if (text === undefined) return undefined;
    if (segments[i + 1]?.kind === "itemPath") {
      if (!text.endsWith(":")) return undefined;
      text = text.slice(0, -1);
    }
    switch (segment.kind) {
      case "static":
        if (!sameName(segment.name, decode(text).replace(/\(\)$/, ""))) return undefined;
        break;
      case "key":
        // `.` and `..` are no keys: every URL parser resolves them away (`%2E%2E` too), so none can be sent.
        if (/^\{?\s*\}?$/.test(text) || dotSegment(decode(text))) return undefined;
        args.push(decode(text));
        break;
      case "itemPath": {
        // The path runs up to the segment that ends with `:`, or to the end of the URL.
        const parts = [text];
        while (!parts.at(-1)!.endsWith(":") && j < actual.length) parts.push(actual[j++]!);
        if (!parts.at(-1)!.endsWith(":") && i < segments.length - 1) return undefined;
        parts[parts.length - 1] = parts.at(-1)!.replace(/:$/, "");
        if (parts.some((part) => dotSegment(decode(part)))) return undefined;
        args.push(parts.map(decode).join("/"));
        break;
      }
      case "function": {
        const call = /^([A-Za-z_][\w.]*)(?:\((.*)\))?$/.exec(text);
        if (!call || !sameName(segment.name, call[1]!)) return undefined;
        const values: Record<string, string> = {};
        if (call[2] !== undefined && call[2].trim() !== "") {
          for (const part of splitArguments(call[2])) {
            const pair = /^\s*([A-Za-z_]\w*)\s*=\s*(.*?)\s*$/.exec(part);
            if (!pair) return undefined;
            const parameter = segment.parameters.find((p) => p.name.toLowerCase() === pair[1]!.toLowerCase());
            if (!parameter) return undefined;
            values[parameter.name] = decode(pair[2]!);
          }
        }
        if (Object.keys(values).length !== segment.parameters.length) return undefined;
        args.push(values);
        break;
      }
    }
  }
  return j === actual.length ? args : undefined;
}

function sameName(template: string, actual: string): boolean {
  const a = template.toLowerCase();
  const b = actual.toLowerCase();
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

export function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Query string -> decoded pairs, in order. */
export function readQuery(query: string | undefined): Array<[string, string]> {
  if (!query) return [];
  return query
    .split("&")
    .filter((part) => part !== "")
    .map((part) => {
      const eq = part.indexOf("=");
      return eq < 0 ? [decode(part), ""] : [decode(part.slice(0, eq)), decode(part.slice(eq + 1))];
    });
}

/** The path and query of an example URL relative to the service root; `path` is undefined when the URL has none. */
export function examplePath(url: string, versionSegment: string | undefined): string | undefined {
  return exampleTarget(url, versionSegment).path;
}

export function exampleTarget(url: string, versionSegment: string | undefined): { path?: string; query?: string } {
  const { path, query } = splitTarget(url);
  const segments = stripVersion(splitPath(path), versionSegment);
  return { ...(segments.length > 0 ? { path: `/${segments.join("/")}` } : {}), ...(query ? { query } : {}) };
}
