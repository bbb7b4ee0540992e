/**
 * The ApiModel: the whole docs set linked into one language-neutral description of the API. Built from all
 * PageModels by the model stage (the only place that knows about more than one page), written out by the emit stage.
 * Names are the documented ones (`deviceComplianceScriptDeviceState`); turning them into TypeScript names is the
 * emitter's job.
 */
import type { DeferringDiagnostics } from "../diagnostics/index.js";
import type { HttpHeader, HttpMethod, JsonValue, PageKind } from "../parse/index.js";
import type { Coverage } from "./context.js";

export type { Coverage };

/**
 * The model, with the diagnostics of every stage so far, parse included: the infos of INCLUDEs of files outside the
 * docs set (DT200, eleven thousand on the Graph v1.0 docs) are deferred.
 */
export interface ApiModel extends DeferringDiagnostics {
  /** Object types and enums, sorted by qualified name. */
  readonly types: ObjectType[];
  readonly enums: EnumType[];
  /** Operations, sorted by page then line. */
  readonly operations: Operation[];
  readonly pages: PageSummary[];
  /**
   * The namespace most pages state, or state one below; its types are exported by their plain names, other
   * namespaces' under their namespace.
   */
  readonly defaultNamespace: string;
  readonly coverage: Coverage;
  /**
   * A hash of the model without its prose (descriptions, titles), lines and examples, and without the members of
   * object types other than relationships, but with the request bodies whole and the paths examples add: all that
   * naming and navigation read. Files emitted from a part of the model are keyed by this and that part (a type's
   * module by the type's members too).
   */
  readonly shapeKey: string;
  /**
   * A hash of the types and enums without their prose and lines, but with all their members (names, types, read-only
   * flags, the pages that document them): with the shapeKey, all that the API surface (api.md) reads of the model.
   */
  readonly typesKey: string;
  /**
   * The memo key each type, enum, operation and example was derived under (operations and examples: with their
   * place in what the derivation gave), when the model was built with a memo. A memo key hashes all its derivation
   * read, so an object of the same key is the same object, given the shapeKey (which covers what the model adds to
   * it: members a base type has dropped, paths the examples add). The emit keys parts by these instead of hashing
   * their JSON.
   */
  readonly memoKeys?: ReadonlyMap<object, string>;
}

/** Where something was documented. */
export interface SourceRef {
  readonly file: string;
  readonly line: number;
}

export interface PageSummary {
  readonly file: string;
  readonly kind: PageKind;
}

export interface ObjectType {
  readonly kind: "object";
  /** As documented: `deviceComplianceScriptDeviceState`. */
  readonly name: string;
  /** `microsoft.graph`, `microsoft.graph.callRecords`. */
  readonly namespace: string;
  readonly qualifiedName: string;
  readonly description?: string;
  /**
   * Qualified name of the base type: always an object type of the model, and following base types always ends (the
   * model drops a base that names an enum and breaks cycles, DT204 and DT209).
   */
  readonly baseType?: string;
  readonly abstract: boolean;
  readonly openType: boolean;
  /** Own members only: members documented again on a derived type's page are dropped in favour of the base's. */
  readonly properties: Property[];
  readonly source: SourceRef;
  /** A resource page, or only an API page's request-body table. */
  readonly origin: "resource" | "requestBody";
}

export interface Property {
  readonly name: string;
  readonly type: TypeRef;
  readonly description?: string;
  readonly readOnly: boolean;
  /** From a Relationships table. */
  readonly navigation: boolean;
  readonly source: SourceRef;
}

export interface EnumType {
  readonly kind: "enum";
  readonly name: string;
  readonly namespace: string;
  readonly qualifiedName: string;
  readonly description?: string;
  readonly members: EnumMember[];
  readonly source: SourceRef;
}

export interface EnumMember {
  readonly name: string;
  readonly value?: string;
  readonly description?: string;
}

/** A type as a Type cell, a Response section or an annotation names it. */
export type TypeRef =
  | { readonly kind: "primitive"; readonly name: "string" | "number" | "boolean"; readonly format?: string }
  /** An object type or enum of the model, by qualified name. */
  | { readonly kind: "named"; readonly qualifiedName: string }
  /** "Possible values are: `a`, `b`" on a property with no enum page. */
  | { readonly kind: "literals"; readonly values: string[] }
  | { readonly kind: "collection"; readonly of: TypeRef }
  | { readonly kind: "union"; readonly of: TypeRef[] }
  /** Documented as free-form JSON (`Json`). */
  | { readonly kind: "json" }
  /** A spelling that names nothing known; always diagnosed where it was read. */
  | { readonly kind: "unknown"; readonly text: string };

export interface Operation {
  /** Unique and stable: `beta/api/user-get.md#1`. */
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly method: HttpMethod;
  /** Alternative paths, one per syntax line. */
  readonly paths: OperationPath[];
  readonly requestBody?: RequestBody;
  readonly response: ResponseShape;
  readonly permissions: Permission[];
  /** From the Path, Function and Query parameters tables. */
  readonly parameters: OperationParameter[];
  /** From the Request headers table. */
  readonly requestHeaders: RequestHeader[];
  readonly examples: OperationExample[];
  readonly source: SourceRef;
  /** Set when the path came from elsewhere than the page's own syntax block. */
  readonly recoveredFrom?: string;
}

export interface OperationParameter {
  readonly in: "path" | "function" | "query";
  readonly name: string;
  /** Undefined where the table has no Type column. */
  readonly type?: TypeRef;
  readonly required: boolean;
  readonly description?: string;
}

export interface RequestHeader {
  readonly name: string;
  /** The value or description cell: `Bearer {token}. Required.` */
  readonly description?: string;
  readonly required: boolean;
}

export interface OperationPath {
  /** As documented, normalized (no version prefix, no query): `/users/{id | userPrincipalName}/messages`. */
  readonly template: string;
  readonly segments: PathSegment[];
  readonly query?: string;
  readonly source: SourceRef;
}

export type PathSegment =
  | { readonly kind: "static"; readonly name: string }
  | { readonly kind: "key"; readonly name: string }
  /** An item addressed by its path inside a drive: `root:/{item-path}:`; the segment before it carries the colon. */
  | { readonly kind: "itemPath"; readonly name: string }
  /** An OData function call or alternate key: `getEmailActivityUserDetail(period='{period_value}')`. */
  | { readonly kind: "function"; readonly name: string; readonly parameters: FunctionParameter[] };

export interface FunctionParameter {
  readonly name: string;
  /** Whether the documented form quotes the value (`period='{period_value}'`) or not (`date={date_value}`). */
  readonly quoted: boolean;
}

export type RequestBody =
  /** The body is a resource (create, update): `supply a JSON representation of the [user] object`. */
  | { readonly kind: "type"; readonly type: TypeRef }
  /** The body is an object of documented parameters (actions). */
  | {
      readonly kind: "parameters";
      readonly parameters: BodyParameter[];
      /**
       * The object type the operation creates or updates, where the parameters are members of it (a create or update
       * page's table of the properties to set): the body also takes the type's other members, by qualified name.
       */
      readonly resource?: string;
    };

export interface BodyParameter {
  readonly name: string;
  readonly type: TypeRef;
  readonly required: boolean;
  readonly description?: string;
}

export interface ResponseShape {
  /** The success status the Response section names; 200 (204 without a type) when it names none. */
  readonly status: number;
  /** Undefined for an empty response (`204 No Content`). */
  readonly type?: TypeRef;
  /** The response is a collection page (`{ value: T[] }`). */
  readonly collection: boolean;
}

export interface Permission {
  /** `Delegated (work or school account)`, `Delegated (personal Microsoft account)`, `Application`. */
  readonly kind: string;
  /** Empty where the page says "Not supported." or nothing. */
  readonly scopes: string[];
}

/** A documented example, matched against its operation; `test` is set when it can be replayed. */
export interface OperationExample {
  /** Annotation name, or `<page>-<index>`. */
  readonly name: string;
  readonly source: SourceRef;
  readonly test?: ExampleTest;
  /** Why the example gets no test, when it gets none. */
  readonly untestedReason?: string;
  /** What the test could not take from the example, when it tests only part of it. */
  readonly partial?: string;
}

export interface ExampleTest {
  /** The template of the operation's path the URL matched (`/users/{id}`). */
  readonly path: string;
  /**
   * One value per key or function segment of the template, in order (`{}` of parameters for functions). Function
   * parameters are as the URL writes them, decoded: a quoted one keeps its quotes (`'A1:B2'`, `'it''s'`).
   */
  readonly arguments: Array<string | Record<string, string>>;
  /** Query parameters of the example URL, decoded, in order. */
  readonly query: Array<[string, string]>;
  /** Request headers worth replaying (not Authorization, Content-Type, Content-Length, Host). */
  readonly headers: HttpHeader[];
  /** The sound part of the documented body: what the test sends. */
  readonly body?: ExampleBody;
  /** Whether that body satisfies the verb's declared body type as it is, so that the test can type it. */
  readonly bodyTyped?: boolean;
  /**
   * Objects of the body checked as a derived type (by their `@odata.type`): JSON pointer -> qualified name. The
   * declared type accepts them as they are (the emitted `X.OrDerived`).
   */
  readonly derived?: Record<string, string>;
  /** Values of the body the docs allow but the TypeScript types do not express (flags enums), by JSON pointer. */
  readonly loose?: string[];
  /** Undefined when the example documents no response: the test checks the request only. */
  readonly response?: {
    readonly status: number;
    readonly headers: HttpHeader[];
    readonly body?: ExampleBody;
  };
}

export type ExampleBody =
  { readonly kind: "json"; readonly value: JsonValue } | { readonly kind: "text"; readonly text: string };
