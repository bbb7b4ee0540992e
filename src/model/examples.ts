/**
 * Documented examples, attached to their operation: the example URL is matched against path templates to recover
 * the keys, the bodies are checked against the model, and the example becomes a test plan for its sound parts, or
 * says why it cannot be replayed. Every defect is a diagnostic at its line.
 */
import { basename } from "node:path";
import type {
  Example,
  ExampleRequest,
  ExampleResponse,
  HttpHeader,
  JsonValue,
  MessageBody,
  PageModel,
} from "../parse/index.js";
import type { ExampleBody, ExampleTest, Operation, OperationExample, OperationPath, SourceRef } from "./api-model.js";
import { memoKey, pageMemoKey, type ModelContext } from "./context.js";
import { checkRequestBody, checkResponseBody, defectLine, type BodyDefect, type TypeTable } from "./example-checks.js";
import { exampleTarget, matchTemplate, readQuery, splitPath, type PathArgument } from "./paths.js";
import type { TypeLookup } from "./type-refs.js";
import { addTo } from "../util/group.js";

const placeholder =
  /^(String|Int16|Int32|Int64|Integer|Boolean|DateTimeOffset|DateTime|Date|TimeOfDay|Duration|Guid|GUID|Double|Single|Decimal|Binary|Stream|Byte)(\s*\([^)]*\))?$/;

/** Headers the runtime sets itself; the rest of an example's headers are replayed (Content-Type for non-JSON bodies). */
const ownHeaders = new Set(["authorization", "content-length", "host"]);

/** Trailing segments an example may add to a documented path: a type cast (`microsoft.graph.user`) or `$count`. */
const extension = /^([a-z]+\.)+[A-Za-z]+$|^\$count$/;

export interface ExampleContext {
  readonly model: ModelContext;
  readonly types: TypeTable;
  readonly lookup: TypeLookup;
  /** Operations of a method with a path whose first segment is the one given (or is not static), in order. */
  byFirstSegment(method: string, first: string | undefined): readonly number[];
  /**
   * A hash of all planning reads besides the page and the types: the operations without prose, the type lookup and
   * the service root. The types a page's examples read are hashed by name (`shapeOf`) into the key of its plans.
   */
  readonly key: string;
  /** Declarations.shapeOf: a hash of what reading a type or enum by its qualified name reads. */
  readonly shapeOf: (qualifiedName: string) => string;
}

interface Planned {
  readonly operation: number;
  readonly example: OperationExample;
  /** A path the example documents beyond the syntax lines (a cast or `$count` appended), added to the operation. */
  readonly addedPath?: OperationPath;
}

/**
 * A Planned as the memo keeps it: its JSON bodies as text. Every run reads the whole memo, and the bodies of the
 * examples, a third of it, are read again only to describe the test files of the pages that changed; kept as text,
 * each is one string to read rather than a tree of objects, and it is parsed when first read (plannedFrom).
 */
type StoredPlan = PlanWith<StoredBody>;

type StoredBody = { readonly kind: "json"; readonly json: string } | { readonly kind: "text"; readonly text: string };

/** A StoredPlan with the hash of its JSON, when the model has a memo (ModelContext.derivedAs). */
type KeyedPlan = StoredPlan & { readonly key?: string };

/** A Planned whose example's bodies are `Body`s. */
interface PlanWith<Body> extends Omit<Planned, "example"> {
  readonly example: Omit<OperationExample, "test"> & {
    readonly test?: Omit<ExampleTest, "body" | "response"> & {
      readonly body?: Body;
      readonly response?: Omit<NonNullable<ExampleTest["response"]>, "body"> & { readonly body?: Body };
    };
  };
}

function storedPlan(planned: Planned): StoredPlan {
  return withBodies(planned, storedBody);
}

/** The Planned a StoredPlan keeps, each JSON body parsed when first read. */
function plannedFrom({ key: _key, ...stored }: KeyedPlan): Planned {
  return withBodies(stored, bodyFrom);
}

/** A plan with the bodies of its example's request and response as `convert` gives them. */
function withBodies<From, To>(plan: PlanWith<From>, convert: (body: From) => To): PlanWith<To> {
  const { test, ...example } = plan.example;
  if (!test) return { ...plan, example };
  const { response, ...request } = test;
  return {
    ...plan,
    example: {
      ...example,
      test: { ...withBody(request, convert), ...(response ? { response: withBody(response, convert) } : {}) },
    },
  };
}

/** A request or response with its body, if it has one, as `convert` gives it. */
function withBody<T extends { readonly body?: From }, From, To>(
  part: T,
  convert: (body: From) => To,
): Omit<T, "body"> & { body?: To } {
  const { body, ...rest } = part;
  return body === undefined ? rest : { ...rest, body: convert(body) };
}

function storedBody(body: ExampleBody): StoredBody {
  return body.kind === "json" ? { kind: "json", json: JSON.stringify(body.value) } : body;
}

function bodyFrom(stored: StoredBody): ExampleBody {
  if (stored.kind === "text") return stored;
  let value: JsonValue | undefined;
  return {
    kind: "json",
    get value(): JsonValue {
      return (value ??= JSON.parse(stored.json) as JsonValue);
    },
  };
}

/** An index of the operations by method and first path segment, so that an example finds its path quickly. */
export function operationIndex(operations: readonly Operation[]): ExampleContext["byFirstSegment"] {
  // Built when first asked: a run after an edit plans the examples of a page or two, or none.
  let built: Map<string, number[]> | undefined;
  const indexOf = (): Map<string, number[]> => {
    const index = new Map<string, number[]>();
    operations.forEach((operation, position) => {
      const keys = new Set(
        operation.paths.map((path) => {
          const first = path.segments[0];
          return `${operation.method} ${first?.kind === "static" ? first.name.toLowerCase() : "*"}`;
        }),
      );
      for (const key of keys) addTo(index, key, position);
    });
    return index;
  };
  return (method, first) => {
    const index = (built ??= indexOf());
    const named = index.get(`${method} ${(first ?? "").toLowerCase()}`) ?? [];
    const any = index.get(`${method} *`) ?? [];
    return any.length === 0 ? named : [...named, ...any].sort((a, b) => a - b);
  };
}

export function attachExamples(operations: Operation[], context: ExampleContext): Operation[] {
  const byFile = new Map<string, number[]>();
  operations.forEach((operation, index) => addTo(byFile, operation.source.file, index));
  const examples = operations.map(() => [] as OperationExample[]);
  const added = operations.map(() => [] as OperationPath[]);
  const names = new Map<string, SourceRef>();
  // With a memo, each plan carries the hash of its JSON: what a test module reads of its example.
  const keyed = context.model.memoKeys !== undefined;
  for (const { file, examples: outlines } of context.model.pages) {
    if (outlines.length === 0) continue;
    const own = byFile.get(file) ?? [];
    const input = context.model.pageInput(file);
    // Kept by the types the page's examples read (and what those are now), so that a type edited elsewhere leaves
    // the examples that do not read it as derived.
    const { value: plans, key } = context.model.deriveReading(
      pageMemoKey(input, "example reads", context.key),
      (names) => pageMemoKey(input, "examples", context.key, memoKey(...names.map(context.shapeOf)))!,
      (read) => {
        const page = context.model.page(file);
        const reading = { ...context, types: readingTypes(context.types, read) };
        // A response that answers several requests is checked once: by its line.
        const checked = new Set<number>();
        // null, not undefined, for an example with no plan: the memo is kept as JSON.
        return page.examples.map((example): KeyedPlan | null => {
          const planned = new ExamplePlanner(example, page, own, operations, reading, checked).plan();
          if (!planned) return null;
          const stored = storedPlan(planned);
          return keyed ? { ...stored, key: memoKey(JSON.stringify(stored)) } : stored;
        });
      },
    );
    for (const [index, stored] of plans.entries()) {
      if (!stored) continue;
      const planned = plannedFrom(stored);
      // A test module reads an example by the hash of its plan, not by the key of the derivation: an example planned
      // again because a type it reads changed, and planned as before, leaves its page's test module as described.
      if (key && stored.key) context.model.derivedAs(planned.example, stored.key);
      const { name, source } = planned.example;
      const first = names.get(name);
      if (first && outlines[index]!.named)
        context.model.report(file, "exampleNameDuplicate", { line: source.line }, name, `${first.file}:${first.line}`);
      else names.set(name, source);
      examples[planned.operation]!.push(planned.example);
      if (
        planned.addedPath &&
        !added[planned.operation]!.some((path) => path.template === planned.addedPath!.template)
      ) {
        added[planned.operation]!.push(planned.addedPath);
      }
    }
  }
  return operations.map((operation, index) => ({
    ...operation,
    paths: [...operation.paths, ...added[index]!],
    examples: examples[index]!,
  }));
}

/** The types, telling `read` the name of each looked up. */
function readingTypes(types: TypeTable, read: (qualifiedName: string) => void): TypeTable {
  return {
    objects: {
      get: (qualifiedName) => {
        read(qualifiedName);
        return types.objects.get(qualifiedName);
      },
    },
    enums: {
      get: (qualifiedName) => {
        read(qualifiedName);
        return types.enums.get(qualifiedName);
      },
    },
  };
}

class ExamplePlanner {
  private readonly name: string;
  private readonly line: number;

  constructor(
    private readonly example: Example,
    private readonly page: PageModel,
    /** Indexes of the page's own operations. */
    private readonly own: number[],
    private readonly operations: Operation[],
    private readonly context: ExampleContext,
    /** The lines of the page's responses checked so far. */
    checked: Set<number>,
  ) {
    this.name = example.name ?? `${basename(page.file, ".md")}-${example.index}`;
    this.line = example.request?.line ?? example.response?.line ?? 1;
    const response = example.response?.line;
    this.answersFirst = response === undefined || !checked.has(response);
    if (response !== undefined) checked.add(response);
  }

  /** Whether no example before this one on the page has its response (one answering several requests). */
  private readonly answersFirst: boolean;

  plan(): Planned | undefined {
    const { request, response } = this.example;
    if (request?.body) this.checkPlaceholders(request.body, "request");
    if (response?.body && this.answersFirst) this.checkPlaceholders(response.body, "response");
    const fallback = this.own.find((index) => this.operations[index]!.method === request?.method) ?? this.own[0];
    if (!request) {
      if (fallback !== undefined && response) this.checkResponse(response, this.operations[fallback]!);
      return fallback === undefined
        ? this.unattached("it has no request")
        : this.untested(fallback, "it has no request");
    }
    const target = exampleTarget(request.url, this.context.model.versionSegment);
    const located = this.locate(request, target.path);
    const index = located?.operation ?? fallback;
    if (index === undefined) return this.unattached("its page documents no operation");
    const operation = this.operations[index]!;
    if (response) this.checkResponse(response, operation);
    if (!located) return this.untested(index, "its URL matches no documented path");

    const sendsBody = request.method !== "GET" && request.method !== "DELETE";
    if (request.body && !sendsBody) this.report("exampleBodyIgnored", { line: request.body.line }, request.method);
    const body = sendsBody ? this.requestBody(request, operation) : undefined;
    if (body === "unreadable") return this.untested(index, "its request body is not readable JSON");
    if (response && response.status < 200)
      return this.untested(index, `its response status ${response.status} is not final`);
    const responseBody = response ? toExampleBody(response.body) : undefined;
    if (responseBody === "unreadable") return this.untested(index, "its response body is not readable JSON");

    const notes = [
      located.note,
      body && (body.left ?? 0) > 0 ? `${body.left} defective part(s) of the request body are left out` : undefined,
    ].filter((note): note is string => note !== undefined);
    const path = located.addedPath ?? operation.paths[located.pathIndex]!;
    const test: ExampleTest = {
      path: path.template,
      arguments: located.args,
      query: readQuery(target.query),
      headers: request.headers.filter((header) => {
        const name = header.name.toLowerCase();
        return !ownHeaders.has(name) && !(name === "content-type" && body?.body.kind !== "text");
      }),
      ...(body
        ? {
            body: body.body,
            bodyTyped: body.typed,
            derived: body.derived,
            ...(body.loose?.length ? { loose: body.loose } : {}),
          }
        : {}),
      ...(response
        ? {
            response: {
              status: response.status,
              headers: response.headers.filter((header: HttpHeader) => header.name.toLowerCase() !== "content-length"),
              ...(responseBody ? { body: responseBody } : {}),
            },
          }
        : {}),
    };
    return {
      operation: index,
      example: {
        name: this.name,
        source: this.source(),
        test,
        ...(notes.length > 0 ? { partial: notes.join("; ") } : {}),
      },
      ...(located.addedPath ? { addedPath: located.addedPath } : {}),
    };
  }

  /**
   * The operation and path the example exercises: a path of the page's own operations; one of them extended by a
   * cast or `$count`; the only path of the page's operation when the URL has none (its placeholders as keys); or a
   * path another page documents.
   */
  private locate(
    request: ExampleRequest,
    path: string | undefined,
  ):
    | { operation: number; pathIndex: number; args: PathArgument[]; addedPath?: OperationPath; note?: string }
    | undefined {
    const own = this.own.filter((index) => this.operations[index]!.method === request.method);
    if (!path) {
      this.report("exampleUrlNoPath", { line: request.line }, request.url);
      const index = own[0];
      const template = index === undefined ? undefined : this.operations[index]!.paths[0];
      if (index === undefined || !template) return undefined;
      const args = template.segments.flatMap((segment): PathArgument[] =>
        segment.kind === "key" || segment.kind === "itemPath"
          ? [segment.name]
          : segment.kind === "function"
            ? [
                Object.fromEntries(
                  segment.parameters.map((parameter) => [
                    parameter.name,
                    parameter.quoted ? `'${parameter.name}'` : parameter.name,
                  ]),
                ),
              ]
            : [],
      );
      return {
        operation: index,
        pathIndex: 0,
        args,
        note: "its URL has no path: the keys are the template's placeholder names",
      };
    }
    const segments = splitPath(path);
    const direct = matchAmong(own, this.operations, segments);
    if (direct) return direct;
    // A documented path with a cast or `$count` appended.
    for (let cut = segments.length - 1; cut > 0 && extension.test(segments[cut]!); cut--) {
      const base = matchAmong(own, this.operations, segments.slice(0, cut));
      if (!base) continue;
      const documented = this.operations[base.operation]!.paths[base.pathIndex]!;
      const extra = segments.slice(cut);
      const addedPath: OperationPath = {
        template: `${documented.template}/${extra.join("/")}`,
        segments: [...documented.segments, ...extra.map((name) => ({ kind: "static" as const, name }))],
        source: { file: this.page.file, line: request.line },
      };
      this.report("examplePathExtended", { line: request.line }, path, documented.template);
      return { ...base, addedPath };
    }
    const elsewhere = matchAmong(this.context.byFirstSegment(request.method, segments[0]), this.operations, segments);
    if (elsewhere) {
      const operation = this.operations[elsewhere.operation]!;
      this.report(
        "exampleTestedElsewhere",
        { line: request.line },
        path,
        `${operation.method} ${operation.paths[elsewhere.pathIndex]!.template}`,
        operation.source.file,
      );
      return elsewhere;
    }
    this.report("exampleUrlUnmatched", { line: request.line }, path);
    return undefined;
  }

  /** The body the test sends: a JSON body's sound part (typed when complete), or the text as written. */
  private requestBody(
    request: ExampleRequest,
    operation: Operation,
  ):
    | { body: ExampleBody; typed: boolean; derived: Record<string, string>; loose?: string[]; left?: number }
    | "unreadable"
    | undefined {
    const body = request.body;
    if (!body) {
      // No body where the call requires parameters: said at the request, the test sends none.
      const declared = operation.requestBody;
      if (declared?.kind === "parameters")
        for (const parameter of declared.parameters.filter((candidate) => candidate.required))
          this.report("exampleMissingRequired", { line: request.line }, parameter.name);
      return undefined;
    }
    if (body.json === undefined)
      return /^\s*[[{]/.test(body.text)
        ? "unreadable"
        : { body: { kind: "text", text: body.text }, typed: false, derived: {} };
    let value = body.json;
    const declared = operation.requestBody;
    if (declared?.kind === "type" && declared.type.kind === "named" && Array.isArray(value)) {
      this.report("exampleBodyArray", { line: body.line }, shortName(declared.type.qualifiedName));
      // The sound part of an array where one object belongs is its first element.
      const first = value.find((item) => item !== null && typeof item === "object" && !Array.isArray(item));
      if (first === undefined) return { body: { kind: "json", value }, typed: false, derived: {} };
      value = first;
    }
    if (!declared) return { body: { kind: "json", value }, typed: false, derived: {} };
    const offset = value === body.json ? "" : `/${(body.json as JsonValue[]).indexOf(value)}`;
    const check = checkRequestBody(value, declared, this.context.types, true);
    this.reportDefects(check.defects, body, "request", offset);
    const left = check.defects.filter((defect) => defect.kind !== "missingRequired").length;
    if (check.sound === undefined) return { body: { kind: "json", value: {} }, typed: false, derived: {}, left };
    return {
      body: { kind: "json", value: check.sound },
      typed: check.complete,
      derived: check.derived,
      loose: check.loose,
      left,
    };
  }

  /** What the response says against what the Response section says. */
  private checkResponse(response: ExampleResponse, operation: Operation): void {
    if (!this.answersFirst) return;
    const shape = operation.response;
    const annotation = response.annotation;
    if (
      response.status < 300 &&
      shape.status !== response.status &&
      !(shape.status === 204 && response.status === 200 && !response.body)
    ) {
      this.report("exampleStatusMismatch", { line: response.line }, response.status, shape.status);
    }
    if (annotation?.truncated) this.report("exampleTruncated", { line: response.line });
    const documented = shape.type?.kind === "named" ? shape.type.qualifiedName : undefined;
    const annotated =
      annotation?.odataType && !annotation.odataType.includes("$(")
        ? this.context.lookup.byName(
            annotation.odataType,
            this.page.namespace?.text ?? this.context.model.defaultNamespace,
          )
        : undefined;
    if (
      annotated &&
      documented &&
      !this.derivesFrom(annotated, documented) &&
      !this.derivesFrom(documented, annotated)
    ) {
      this.report("exampleTypeMismatch", { line: response.line }, annotation!.odataType!, shortName(documented));
    }
    const json = response.body?.json;
    if (json === undefined || response.status >= 300) return;
    if (shape.collection && (json === null || typeof json !== "object" || Array.isArray(json) || !("value" in json))) {
      this.report("exampleCollectionWithoutValue", { line: response.body!.line });
    }
    this.checkWrapped(operation, response.body!);
    if (shape.type)
      this.reportDefects(
        checkResponseBody(json, shape.type, shape.collection, this.context.types),
        response.body!,
        "response",
        "",
      );
  }

  private derivesFrom(type: string, base: string): boolean {
    for (
      let current = this.context.types.objects.get(type), depth = 0;
      current && depth < 32;
      current = current.baseType ? this.context.types.objects.get(current.baseType) : undefined, depth++
    ) {
      if (current.qualifiedName === base) return true;
    }
    return false;
  }

  private reportDefects(defects: BodyDefect[], body: MessageBody, side: "request" | "response", offset: string): void {
    for (const defect of defects) {
      const pointer = `${offset}${defect.pointer}`;
      const position = { line: defectLine(body, pointer) };
      const member = memberPath(pointer);
      switch (defect.kind) {
        case "unknownMember":
          this.report("exampleUnknownMember", position, side, member, defect.type);
          break;
        case "wrongType":
          this.report("exampleWrongType", position, side, member, defect.actual, defect.expected);
          break;
        case "enumValue":
          this.report("exampleEnumValue", position, side, member, defect.value, defect.type);
          break;
        case "readOnly":
          this.report("exampleReadOnly", position, member);
          break;
        case "missingRequired":
          this.report("exampleMissingRequired", position, defect.name);
          break;
      }
    }
  }

  /** A single object documented as `{ "value": [ ... ] }`, the shape of a collection page. */
  private checkWrapped(operation: Operation, body: MessageBody): void {
    const type = operation.response.type;
    const json = body.json;
    if (!type || type.kind !== "named" || operation.response.collection) return;
    if (json === null || typeof json !== "object" || Array.isArray(json) || !Array.isArray(json["value"])) return;
    const objectType = this.context.types.objects.get(type.qualifiedName);
    if (!objectType || objectType.properties.some((property) => property.name === "value")) return;
    this.report("exampleResponseWrapped", { line: body.jsonLines?.["/value"] ?? body.line }, objectType.name);
  }

  private checkPlaceholders(body: MessageBody, side: "request" | "response"): void {
    if (body.json === undefined) return;
    const found: Array<{ pointer: string; value: string }> = [];
    const visit = (value: JsonValue, pointer: string): void => {
      if (typeof value === "string") {
        if (placeholder.test(value.trim())) found.push({ pointer, value });
      } else if (Array.isArray(value)) value.forEach((item, i) => visit(item, `${pointer}/${i}`));
      else if (value !== null && typeof value === "object") {
        for (const [key, item] of Object.entries(value))
          visit(item, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`);
      }
    };
    visit(body.json, "");
    if (found.length === 0) return;
    const listed = found.slice(0, 3).map(({ pointer, value }) => `\`${pointer.split("/").pop()}: "${value}"\``);
    const more = found.length > 3 ? ` and ${found.length - 3} more` : "";
    this.report(
      "examplePlaceholders",
      { line: body.jsonLines?.[found[0]!.pointer] ?? body.line },
      side,
      `${listed.join(", ")}${more}`,
    );
  }

  private source(): SourceRef {
    return { file: this.page.file, line: this.line };
  }

  private untested(operation: number, reason: string): Planned {
    this.report("exampleUntested", { line: this.line }, this.name, reason);
    return { operation, example: { name: this.name, source: this.source(), untestedReason: reason } };
  }

  /** An example on a page without an operation: reported, and left out of the package. */
  private unattached(reason: string): undefined {
    this.report("exampleUntested", { line: this.line }, this.name, reason);
    return undefined;
  }

  private report(
    name: Parameters<ModelContext["report"]>[1],
    position: { line: number },
    ...args: Array<string | number>
  ): void {
    this.context.model.report(this.page.file, name, position, ...args);
  }
}

/** The first operation among `indexes` with a path that matches, and the keys the URL gives. */
function matchAmong(
  indexes: readonly number[],
  operations: Operation[],
  path: readonly string[],
): { operation: number; pathIndex: number; args: PathArgument[] } | undefined {
  for (const index of indexes) {
    for (const [pathIndex, template] of operations[index]!.paths.entries()) {
      const args = matchTemplate(template.segments, path);
      if (args) return { operation: index, pathIndex, args };
    }
  }
  return undefined;
}

function toExampleBody(body: MessageBody | undefined): ExampleBody | "unreadable" | undefined {
  if (!body) return undefined;
  if (body.json !== undefined) return { kind: "json", value: body.json };
  if (/^\s*[[{]/.test(body.text)) return "unreadable";
  return { kind: "text", text: body.text };
}

/** `/0/passwordProfile/password` -> `[0].passwordProfile.password`, as a doc writer reads it. */
function memberPath(pointer: string): string {
  if (pointer === "") return "the body";
  return pointer
    .split("/")
    .slice(1)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join("")
    .replace(/^\./, "");
}

function shortName(qualifiedName: string): string {
  return qualifiedName.slice(qualifiedName.lastIndexOf(".") + 1);
}
