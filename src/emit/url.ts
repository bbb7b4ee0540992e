/**
 * The URL encoding rules of the runtime (templates/runtime/client.ts), restated here so that generated tests hold
 * the runtime to the documented URLs: a test that derived its expectation from the runtime itself could not fail.
 */
import { printString } from "./literals.js";

/** A key is one path segment whatever it holds. */
export function encodeKeySegment(key: string): string {
  return encodeURIComponent(key);
}

/** An item path (`folder/file.txt`) keeps its slashes; each part is percent-encoded. */
export function encodeItemPath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

/** Query components keep `$ , : / @` readable, as OData writes them; `'` is encoded, as fetch would. */
export function encodeQueryComponent(text: string): string {
  return encodeURIComponent(text)
    .replace(/%(24|2C|3A|2F|40)/g, (escape) => decodeURIComponent(escape))
    .replace(/'/g, "%27");
}

/**
 * A function parameter from an example: the code that passes it to the builder and the text the runtime writes
 * into the URL. Quoted parameters are strings; unquoted ones are numbers, booleans or OData literals.
 */
export function formatFunctionValue(text: string, quoted: boolean): { code: string; url: string } {
  if (quoted) return { code: printString(text), url: `'${encodeURIComponent(text.replace(/'/g, "''"))}'` };
  if (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(text) && String(Number(text)) === text) return { code: text, url: text };
  if (text === "true" || text === "false") return { code: text, url: text };
  return { code: `literal(${printString(text)})`, url: encodeURIComponent(text) };
}
