/**
 * A JSON reader for the bodies and annotations of docs pages, which are often not strict JSON. It repairs what a
 * human reader would read past (trailing commas, comments, non-breaking spaces, smart or single quotes, raw newlines in
 * strings, missing commas, `...` placeholders, text after the value) and names each repair, so that the caller can
 * report it. What it cannot read is an error with an offset.
 */
import type { JsonValue } from "./page-model.js";

export type JsonRepair =
  | "trailing comma"
  | "comment"
  | "non-breaking space"
  | "smart quotes"
  | "single quotes"
  | "raw newline in string"
  | "missing comma"
  | "`...` placeholder"
  | "text after the value"
  | "unquoted key"
  | "unquoted value"
  | "doubled quote";

export interface JsonReadResult {
  readonly value?: JsonValue;
  /** Distinct repairs made, in order of first occurrence. Empty for strict JSON. */
  readonly repairs: JsonRepair[];
  readonly error?: { readonly message: string; readonly offset: number };
  /** Offset of each value in the text, keyed by JSON pointer; filled only when asked for. */
  readonly offsets?: Record<string, number>;
}

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const smartOpen = new Set(["\u201c", "\u201d", "\u201e"]);
const singleQuotes = new Set(["'", "\u2018", "\u2019"]);
const ellipsis = /^(?:\.\.\.|\u2026)/;

/**
 * How deep objects and arrays may nest. Documented bodies nest a dozen levels at most; a body nested deeper is
 * broken, and reading it (or anything walking the value afterwards) must not run out of stack.
 */
export const maxJsonDepth = 64;

export function readTolerantJson(text: string, options: { offsets?: boolean } = {}): JsonReadResult {
  const reader = new Reader(text, options.offsets === true);
  try {
    reader.skipSpace();
    const value = reader.value("");
    reader.skipSpace();
    if (reader.pos < text.length) reader.repair("text after the value");
    return reader.result(value);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return { ...reader.result(undefined), error: { message: error.message, offset: error.offset } };
  }
}

class Reader {
  pos = 0;
  private depth = 0;
  private readonly repairs = new Set<JsonRepair>();
  private readonly offsets: Record<string, number> | undefined;

  constructor(
    private readonly text: string,
    keepOffsets: boolean,
  ) {
    this.offsets = keepOffsets ? {} : undefined;
  }

  result(value: JsonValue | undefined): JsonReadResult {
    return {
      ...(value === undefined ? {} : { value }),
      repairs: [...this.repairs],
      ...(this.offsets ? { offsets: this.offsets } : {}),
    };
  }

  repair(kind: JsonRepair): void {
    this.repairs.add(kind);
  }

  fail(message: string): never {
    throw new JsonSyntaxError(message, this.pos);
  }

  skipSpace(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const ch = text[this.pos]!;
      if (ch === " " || ch === "\t" || ch === "\n" || ch === "\r" || ch === "\ufeff" || ch === "\u200b") {
        this.pos++;
      } else if (ch === "\u00a0" || ch === "\u202f" || ch === "\u2007") {
        this.repair("non-breaking space");
        this.pos++;
      } else if (ch === "/" && text[this.pos + 1] === "/") {
        this.repair("comment");
        const end = text.indexOf("\n", this.pos);
        this.pos = end < 0 ? text.length : end;
      } else if (ch === "/" && text[this.pos + 1] === "*") {
        this.repair("comment");
        const end = text.indexOf("*/", this.pos + 2);
        this.pos = end < 0 ? text.length : end + 2;
      } else {
        return;
      }
    }
  }

  /** Skips a `...` placeholder if one is next; returns whether it did. */
  skipEllipsis(): boolean {
    const match = ellipsis.exec(this.text.slice(this.pos, this.pos + 3));
    if (!match) return false;
    this.repair("`...` placeholder");
    this.pos += match[0].length;
    while (this.text[this.pos] === ".") this.pos++;
    this.skipSpace();
    return true;
  }

  value(pointer: string): JsonValue {
    if (this.pos >= this.text.length) this.fail("unexpected end of text");
    if (this.offsets) this.offsets[pointer] = this.pos;
    const ch = this.text[this.pos]!;
    if (ch === "{") return this.object(pointer);
    if (ch === "[") return this.array(pointer);
    if (ch === '"' || smartOpen.has(ch) || singleQuotes.has(ch)) return this.string();
    if (ch === "-" || (ch >= "0" && ch <= "9")) {
      const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 400));
      // `2018-04-01T12:39:16Z` starts like a number but is an unquoted value; read as one below.
      if (number && !/[\w:.+-]/.test(this.text[this.pos + number[0].length] ?? "")) return this.number();
    }
    for (const [word, value] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    // A bare word where a value belongs (`"deletedDateTime": 2018-04-01T12:39:16Z,`) reads as a string; not a
    // bare word for the whole body, which is text (a header line below a stray blank line), not JSON.
    const bare = /^[^,\]}\n\r"{[]+/.exec(this.text.slice(this.pos, this.pos + 400))?.[0].trim();
    if (bare && /^[\w+-]/.test(bare) && this.depth > 0) {
      this.repair("unquoted value");
      this.pos += this.text.slice(this.pos).indexOf(bare) + bare.length;
      return bare;
    }
    return this.fail(`unexpected \`${this.text.slice(this.pos, this.pos + 12).split("\n")[0]}\``);
  }

  /** Whether a value can end at `index`: only spaces up to `,`, `}`, `]`, `:` or the end of a line. */
  private endsValue(index: number): boolean {
    return /^[ \t]*(?:[,}\]:]|\r?\n|$)/.test(this.text.slice(index, index + 40));
  }

  object(pointer: string): { [key: string]: JsonValue } {
    const result: { [key: string]: JsonValue } = {};
    this.members("}", "object", () => {
      const key = this.key();
      this.skipSpace();
      if (this.text[this.pos] !== ":") this.fail(`expected \`:\` after key "${key}"`);
      this.pos++;
      this.skipSpace();
      if (!this.skipEllipsis()) result[key] = this.value(`${pointer}/${escapePointer(key)}`);
    });
    return result;
  }

  array(pointer: string): JsonValue[] {
    const result: JsonValue[] = [];
    this.members("]", "array", () => result.push(this.value(`${pointer}/${result.length}`)));
    return result;
  }

  /** The comma-separated members of an object or array, up to and including `close`, read one by one by `member`. */
  private members(close: "}" | "]", what: string, member: () => void): void {
    if (++this.depth > maxJsonDepth) this.fail(`${what} nests deeper than ${maxJsonDepth} levels`);
    this.pos++;
    let needComma = false;
    for (;;) {
      this.skipSpace();
      if (this.skipEllipsis()) {
        if (this.text[this.pos] === ",") this.pos++;
        continue;
      }
      const ch = this.text[this.pos];
      if (ch === undefined) this.fail(`${what} is not closed`);
      if (ch === close) {
        this.pos++;
        this.depth--;
        return;
      }
      if (ch === ",") {
        this.pos++;
        this.skipSpace();
        // A comma right before the closing bracket is a trailing comma; doubled commas read the same way.
        if (this.text[this.pos] === close || this.text[this.pos] === ",") this.repair("trailing comma");
        needComma = false;
        continue;
      }
      if (needComma) this.repair("missing comma");
      member();
      needComma = true;
    }
  }

  key(): string {
    const ch = this.text[this.pos]!;
    if (ch === '"' || smartOpen.has(ch) || singleQuotes.has(ch)) return this.string();
    const match = /^[A-Za-z_$@][\w$@.\-]*/.exec(this.text.slice(this.pos, this.pos + 200));
    if (!match) this.fail(`expected a property name, found \`${ch}\``);
    this.repair("unquoted key");
    this.pos += match[0].length;
    return match[0];
  }

  string(): string {
    const text = this.text;
    const open = text[this.pos]!;
    let close: (ch: string) => boolean;
    if (open === '"') {
      // `""word"`: a doubled opening quote.
      if (text[this.pos + 1] === '"' && /\w/.test(text[this.pos + 2] ?? "")) {
        this.repair("doubled quote");
        this.pos++;
      }
      // `"GET”`: opened straight, closed curly, where the curly quote ends the value.
      close = (ch) =>
        ch === '"' || (ch === "\u201d" && this.endsValue(this.pos + 1) && (this.repair("smart quotes"), true));
    } else if (smartOpen.has(open)) {
      this.repair("smart quotes");
      close = (ch) => ch === "\u201d" || ch === "\u201c" || ch === '"';
    } else {
      this.repair("single quotes");
      close = (ch) => singleQuotes.has(ch);
    }
    const start = this.pos;
    this.pos++;
    let out = "";
    while (this.pos < text.length) {
      const ch = text[this.pos]!;
      if (close(ch)) {
        this.pos++;
        return out;
      }
      if (ch === "\\") {
        const next = text[this.pos + 1];
        this.pos += 2;
        switch (next) {
          case "n":
            out += "\n";
            break;
          case "t":
            out += "\t";
            break;
          case "r":
            out += "\r";
            break;
          case "b":
            out += "\b";
            break;
          case "f":
            out += "\f";
            break;
          case "u": {
            const hex = text.slice(this.pos, this.pos + 4);
            if (/^[0-9a-fA-F]{4}$/.test(hex)) {
              out += String.fromCharCode(parseInt(hex, 16));
              this.pos += 4;
            } else out += "u";
            break;
          }
          case undefined:
            this.pos = start;
            return this.fail("string is not closed");
          default:
            out += next;
        }
        continue;
      }
      if (ch === "\n" || ch === "\r") this.repair("raw newline in string");
      out += ch;
      this.pos++;
    }
    this.pos = start;
    return this.fail("string is not closed");
  }

  number(): number {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 400));
    if (!match) this.fail(`unexpected \`${this.text.slice(this.pos, this.pos + 12)}\``);
    this.pos += match[0].length;
    return Number(match[0]);
  }
}

function escapePointer(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}
