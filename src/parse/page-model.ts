/**
 * The PageModel: everything one markdown page says, read without knowledge of any other page.
 * It is plain JSON-compatible data (no class instances, no Maps) so that it can be cached on disk and passed between
 * worker threads. Every extracted item keeps the line it came from, 1-based, in the page's own text.
 */
import type { Diagnostic } from "../diagnostics/index.js";

export type PageKind = "resource" | "api" | "enum" | "conceptual";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface PageModel {
  /** Path relative to the docs root, posix separators: `beta/api/update-devicerunstates.md`. */
  readonly file: string;
  readonly kind: PageKind;
  readonly frontMatter: FrontMatter;
  readonly title?: LocatedText;
  /** From the `Namespace: microsoft.graph` line. */
  readonly namespace?: LocatedText;
  readonly sections: Section[];
  readonly tables: Table[];
  readonly httpSyntax: HttpSyntaxBlock[];
  readonly examples: Example[];
  /** The annotation of the `## JSON representation` block of a resource page. */
  readonly resourceAnnotation?: Located<Annotation>;
  /** The members the `## JSON representation` block lists, with the shape of each sample value. */
  readonly representation?: RepresentationMember[];
  /** "Inherits from [entity](entity.md)." */
  readonly inheritsFrom?: Located<Link>;
  /** The prose of the `Request body` and `Response` sections, which name body and return types. */
  readonly requestBodyProse?: Prose;
  readonly responseProse?: Prose;
  /** Every link whose target is another markdown page (relative `.md` targets), resolved to docs-root paths. */
  readonly links: Located<Link>[];
  /** docfx `[!INCLUDE [name](path)]` lines: the model reads the included file's tables where it is in the docs set. */
  readonly includes: Include[];
  readonly diagnostics: Diagnostic[];
}

export interface Include {
  readonly line: number;
  /** Index into `sections` of the section the include sits in, or -1. */
  readonly section: number;
  readonly name: string;
  /** As written. */
  readonly url: string;
  /** Docs-root path of the included file; undefined when it lies outside the docs root. */
  readonly page?: string;
}

export interface Located<T> {
  readonly line: number;
  readonly value: T;
}

export interface LocatedText {
  readonly line: number;
  readonly text: string;
}

export interface FrontMatter {
  readonly line: number;
  readonly title?: string;
  readonly description?: string;
  /** `doc_type` as written (`apiPageType`, `resourcePageType`, ...). */
  readonly docType?: string;
}

export interface Section {
  readonly title: string;
  readonly depth: number;
  readonly line: number;
  /** Index of the enclosing section (the nearest heading of lower depth), or -1 at the top. */
  readonly parent: number;
}

export interface Link {
  readonly text: string;
  /** As written in the page. */
  readonly url: string;
  /** Docs-root path of the target page for a relative `.md` link (fragment dropped), else undefined. */
  readonly page?: string;
}

export type TableKind =
  | "properties"
  | "relationships"
  | "requestBody"
  | "permissions"
  | "requestHeaders"
  | "pathParameters"
  | "queryParameters"
  | "functionParameters"
  | "enumMembers"
  | "methods"
  | "other";

/** What a column holds, from its header cell. */
export type ColumnRole = "name" | "type" | "description" | "value" | "required" | "permissions" | "other";

export interface Table {
  readonly kind: TableKind;
  readonly line: number;
  /** The file the table was written in, when it is not the page itself (a table brought in by an INCLUDE). */
  readonly file?: string;
  /** Index into `sections` of the section the table sits in, or -1. */
  readonly section: number;
  readonly header: string[];
  readonly columns: ColumnRole[];
  /** Data rows, without section rows (a bold first cell and nothing else) and blank rows. */
  readonly rows: TableRow[];
}

export interface TableRow {
  readonly line: number;
  readonly cells: Cell[];
}

export interface Cell {
  /** Plain text: inline code, emphasis and links reduced to their text, trimmed. */
  readonly text: string;
  readonly links: Link[];
  /** The inline code spans of the cell, in order (`unknown`, `success` in "Possible values are: ..."). */
  readonly code: string[];
  readonly col: number;
}

export interface Annotation {
  readonly blockType?: string;
  /** `name` as a list (pages write a string or an array). */
  readonly names: string[];
  readonly odataType?: string;
  readonly isCollection?: boolean;
  readonly truncated?: boolean;
  readonly baseType?: string;
  readonly keyProperty?: string;
  readonly openType?: boolean;
  readonly abstract?: boolean;
  readonly optionalProperties?: string[];
}

/** A member of a resource's JSON representation: `"system": { "@odata.type": "microsoft.graph.systemFacet" }`. */
export interface RepresentationMember {
  readonly name: string;
  readonly line: number;
  readonly value: RepresentationValue;
}

/** The shape of a sample value; an object or array item names its type by `@odata.type` where the sample does. */
export type RepresentationValue =
  | { readonly kind: "string"; readonly text: string }
  | { readonly kind: "number" | "boolean" | "null" }
  | { readonly kind: "object"; readonly odataType?: string }
  | { readonly kind: "array"; readonly of?: RepresentationValue };

export interface HttpSyntaxBlock {
  readonly line: number;
  readonly section: number;
  readonly lines: HttpSyntaxLine[];
}

export interface HttpSyntaxLine {
  readonly line: number;
  readonly method: HttpMethod;
  /** The path as documented, without query string: `/users/{id | userPrincipalName}/messages`. */
  readonly path: string;
  readonly query?: string;
}

export interface Prose {
  readonly line: number;
  readonly text: string;
  readonly links: Located<Link>[];
}

export interface HttpHeader {
  readonly name: string;
  readonly value: string;
}

export interface MessageBody {
  readonly line: number;
  readonly text: string;
  /** Present when the body was read as JSON (possibly after repairs). */
  readonly json?: JsonValue;
  /** Line of each JSON value, keyed by JSON pointer (`/value/0/id`). */
  readonly jsonLines?: Record<string, number>;
}

export interface ExampleRequest {
  readonly line: number;
  readonly method: HttpMethod;
  readonly url: string;
  readonly headers: HttpHeader[];
  readonly body?: MessageBody;
  readonly annotation?: Annotation;
}

export interface ExampleResponse {
  readonly line: number;
  /** Annotated `"blockType": "ignored"`: paired only with a request still waiting for its response. */
  readonly ignored?: boolean;
  readonly status: number;
  readonly headers: HttpHeader[];
  readonly body?: MessageBody;
  readonly annotation?: Annotation;
}

/** A documented request with its response, paired by annotation name or else by order. */
export interface Example {
  /** 1-based position among the page's examples. */
  readonly index: number;
  readonly name?: string;
  readonly request?: ExampleRequest;
  readonly response?: ExampleResponse;
}
