/**
 * Literals as prettier prints them, so that printed code needs no formatting pass to look formatted (fit.ts):
 * strings in double quotes unless they hold more double than single quotes, numbers in their shortest spelling,
 * object keys unquoted where they are identifier names.
 */
/** A string literal: `"a"`, or `'say "hi"'` (prettier picks the quote that needs fewer escapes). */
export function printString(value: string): string {
  // Most strings need neither escapes nor a choice of quote (api.md prints tens of thousands of them).
  if (plainString.test(value)) return `"${value}"`;
  const doubles = value.split('"').length - 1;
  const singles = value.split("'").length - 1;
  const json = JSON.stringify(value);
  if (doubles <= singles) return json;
  // JSON escapes only `"`, `\` and control characters; the single-quoted form unescapes `"` and escapes `'`.
  const content = json
    .slice(1, -1)
    .replace(/\\(.)|'/g, (match, escaped: string | undefined) =>
      escaped === '"' ? '"' : escaped === undefined ? "\\'" : match,
    );
  return `'${content}'`;
}

/** Printable ASCII but quotes and the backslash: JSON.stringify keeps these as they are. */
const plainString = /^[ !#-&(-[\]-~]*$/;

/** A number literal the way prettier normalizes it (`1e21`, not `1e+21`). */
export function printNumber(value: number): string {
  return String(value)
    .toLowerCase()
    .replace(/^([+-]?[\d.]+e)(?:\+|(-))?0*(\d)/, "$1$2$3")
    .replace(/^([+-]?[\d.]+)e[+-]?0+$/, "$1")
    .replace(/(\.\d+?)0+(?=e|$)/, "$1")
    .replace(/\.(?=e|$)/, "");
}

/** `null`, `true`, `1`, `"a"`. */
export function printPrimitive(value: null | boolean | number | string): string {
  if (typeof value === "string") return printString(value);
  if (typeof value === "number") return printNumber(value);
  return String(value);
}

/** An ASCII identifier name; reserved words are names too (valid as keys and members). */
export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(name);
}

/**
 * An object key: bare where it is an identifier name, else quoted. Keys with other than ASCII letters are quoted
 * too; prettier unquotes some of them, so fit.ts leaves lines holding them to prettier.
 */
export function printKey(key: string): string {
  return isIdentifier(key) ? key : printString(key);
}

/** An object literal on one line: `{ a: 1, "b.c": "d" }`, or `{}`. */
export function printInlineObject(entries: ReadonlyArray<readonly [string, string]>): string {
  return entries.length === 0 ? "{}" : `{ ${entries.map(([key, code]) => `${printKey(key)}: ${code}`).join(", ")} }`;
}
