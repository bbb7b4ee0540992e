/**
 * The files of the generated package as data, before they are printed: a ts-morph source file structure, the cases
 * of a test module, or text. Descriptions are plain JSON, so that a file's cache key is a hash of its description
 * and only files whose description changed are printed and formatted, in a worker.
 */
import { createHash } from "node:crypto";
import type { OptionalKind, SourceFileStructure } from "ts-morph";

export type FileContent =
  | { readonly kind: "structure"; readonly structure: OptionalKind<SourceFileStructure> }
  | { readonly kind: "tests"; readonly module: TestModule }
  /**
   * How the text is formatted: `typescript` laid out by fit.ts (hand-written prettier-clean), `json` and
   * `markdown` by prettier, `as-is` not at all (data written canonically, by JSON.stringify).
   */
  | { readonly kind: "text"; readonly text: string; readonly format: "typescript" | "json" | "markdown" | "as-is" };

export interface PendingFile {
  /** Package-relative path, posix separators. */
  readonly path: string;
  readonly content: FileContent;
}

/**
 * A file emitted from a part of the model that is as an earlier run saw it: known by the cache key that run gave
 * its description, and described only if its text must be rendered again.
 */
export interface KnownFile {
  readonly path: string;
  readonly key: string;
  describe(): FileContent;
}

export type EmittedFile = PendingFile | KnownFile;

/** The file as data, a known file described. */
export function pendingOf(file: EmittedFile): PendingFile {
  return "content" in file ? file : { path: file.path, content: file.describe() };
}

/** A test module: the cases of one docs page, replayed against a local server. */
export interface TestModule {
  readonly page: string;
  /** Names imported from the package's index (`createClient`, `type FileAttachment`). */
  readonly fromIndex: string[];
  /** The JSON file (next to the module) holding the documented responses, when a case has one. */
  readonly dataFile?: string;
  readonly cases: TestModuleCase[];
}

export type TestModuleCase =
  | { readonly title: string; readonly skip: string }
  | { readonly title: string; readonly partial?: string; readonly test: TestCase };

/** Everything one generated test states. */
export interface TestCase {
  readonly method: string;
  /** The builder expression after `client` (`.users.byId("a")`). */
  readonly accessor: string;
  readonly verb: string;
  readonly describeName: string;
  readonly callArgs: string;
  /**
   * The request body: a JSON value, checked against the verb (`satisfies ...`) where it is complete, else cast
   * (`as never`); or text, as code.
   */
  readonly body?:
    | { readonly kind: "json"; readonly value: TsValue; readonly check: string }
    | { readonly kind: "text"; readonly code: string };
  /**
   * What the test passes to the builders cast (`as never`) instead of typed, and why: the request is still checked
   * against the documented one, but tsc does not hold that part to the types.
   */
  readonly untyped?: string[];
  /** The Content-Type the request must carry, where it has a body. */
  readonly contentType?: string;
  readonly expectedUrl: string;
  readonly expectedPath: string;
  readonly basePath: string;
  readonly baseUrl: string;
  /** Undefined when the example documents no response: the request alone is checked. */
  readonly response?: {
    readonly status: number;
    /** Index of the documented exchange in the module's data file. */
    readonly index: number;
    /** How the client's result is compared: the documented body, its bytes, the redirect target, or nothing. */
    readonly expect: "body" | "bytes" | "redirected" | "nothing" | "rejection";
  };
}

/** A JSON value to write as a TypeScript literal, with the casts the model's checks call for. */
export type TsValue =
  | { readonly kind: "primitive"; readonly value: null | boolean | number | string }
  | { readonly kind: "array"; readonly items: TsValue[] }
  | { readonly kind: "object"; readonly entries: Array<[string, TsValue]> }
  | { readonly kind: "cast"; readonly value: TsValue; readonly to: string };

/**
 * One documented response, as the data file holds it: status, headers, and the body, as JSON (`json`, which the
 * server sends serialized and the client must return parsed) or as text (`body`).
 */
export interface DocumentedExchange {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body?: string;
  readonly json?: unknown;
}

/** The cache key of a file: its path and description, under a version of docs2ts. */
export function fileKey(file: PendingFile, version: string): string {
  const hash = createHash("sha1").update(version).update("\0").update(file.path).update("\0");
  const { content } = file;
  // A text is hashed as it is, not as JSON (api.md is a megabyte, escaped line by line); JSON starts with `{`.
  if (content.kind === "text") return hash.update(`text ${content.format}\0`).update(content.text).digest("hex");
  return hash.update(JSON.stringify(content)).digest("hex");
}
