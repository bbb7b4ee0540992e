/**
 * Hostile text the fuzz campaign plants in pages: names that are reserved or special in JavaScript and
 * TypeScript, or that no identifier can be, and descriptions that would end a comment, a string or a template, or
 * a script element. Each planted text carries a marker (`FUZZPWN<n>`) written as code would be: the injection scan
 * fails the campaign where a marker comes out of the package as an identifier, outside strings and comments.
 */
import type { Random } from "./random.js";

export const markerPrefix = "FUZZPWN";

/** Names that must come out as valid, distinct members and types, never as code. */
export const hostileNames: readonly string[] = [
  "constructor",
  "__proto__",
  "prototype",
  "then",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "default",
  "delete",
  "class",
  "function",
  "new",
  "this",
  "void",
  "typeof",
  "instanceof",
  "enum",
  "await",
  "yield",
  "let",
  "static",
  "implements",
  "package",
  "interface",
  "eval",
  "arguments",
  "undefined",
  "NaN",
  "Infinity",
  "null",
  "true",
  "any",
  "never",
  "unknown",
  "object",
  "string",
  "Promise",
  "Array",
  "Object",
  "1stProperty",
  "0",
  "123abc",
  "a-b",
  "a.b",
  "$ref",
  "$",
  "_",
  "with space",
  "@odata.type",
  "a\u2028b",
  "a\u2029b",
  "caf\u00e9",
  "\u0442\u0438\u043f",
  "emoji\u{1F600}",
  "\u200bzero",
];

/** A hostile name, sometimes a plain one in another case (names that differ only in case). */
export function hostileName(random: Random): string {
  return random.pick(hostileNames);
}

/** A text that would break out of a comment, string, template or script if copied as written. */
export function hostileText(random: Random, marker: string): string {
  const call = `${marker}()`;
  return random.pick([
    `*/ ${call}; /*`,
    `\`; ${call}; \``,
    `\${${call}}`,
    `</script><script>${call}</script>`,
    `"; ${call}; "`,
    `'); ${call}; ('`,
    `\\"; ${call}; //`,
    `\u2028${call}\u2029`,
    `-->${call}<!--`,
    `\n*/\n${call};\n/*\n`,
  ]);
}

/** A name that holds a marker behind characters no identifier can hold. */
export function hostileMarkedName(random: Random, marker: string): string {
  return random.pick([
    `x"]: ${marker}, ["y`,
    `a*/${marker}/*`,
    `\`\${${marker}}\``,
    `b'); ${marker}('`,
    `c\u2028${marker}`,
  ]);
}
