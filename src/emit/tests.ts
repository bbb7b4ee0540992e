/**
 * One test module per API page under test/examples/, planned here as data (the renderer in test-module.ts prints
 * it): each documented example is rebuilt through the request builders (keys from the example URL, query and body
 * from the example) and checked against the documented request, then sent to a local server that answers with the
 * documented response, whose body the client must return. The documented responses go to a JSON file beside the
 * module: data, not code to format. Examples that cannot be replayed become skipped tests that say why.
 */
import type { ExampleBody, ExampleTest, Operation, OperationExample } from "../model/index.js";
import type { JsonValue } from "../parse/index.js";
import type { DocumentedExchange, PendingFile, TestCase, TestModuleCase, TsValue } from "./files.js";
import { printInlineObject, printPrimitive, printString } from "./literals.js";
import { kebabCase, NameScope } from "./names.js";
import { childKey, memberAccess, type EmitPlan, type NavigationNode } from "./plan.js";
import { StructureKind } from "./structure-kinds.js";
import { encodeItemPath, encodeKeySegment, encodeQueryComponent, formatFunctionValue } from "./url.js";
import { addTo } from "../util/group.js";

export interface TestEmitOptions {
  readonly baseUrl: string;
}

export interface PlannedExample {
  readonly operation: Operation;
  readonly example: OperationExample;
}

/** The test modules: one per page with examples, in path order, named and with its examples in line order. */
export function testModules(plan: EmitPlan): Array<{ name: string; page: string; examples: PlannedExample[] }> {
  const byPage = new Map<string, PlannedExample[]>();
  for (const operation of plan.model.operations) {
    for (const example of operation.examples) {
      addTo(byPage, example.source.file, { operation, example });
    }
  }
  const scope = new NameScope();
  return [...byPage]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([page, examples]) => {
      examples.sort((a, b) => a.example.source.line - b.example.source.line);
      const name = scope.claim(kebabCase(page.replace(/^.*\//, "").replace(/\.md$/i, "")) || "page");
      return { name, page, examples };
    });
}

/** One entry point, so that `node --test` runs every example in one process instead of one per page. */
export function examplesEntry(modules: readonly string[]): PendingFile {
  return {
    path: "test/examples.test.ts",
    content: {
      kind: "structure",
      structure: {
        statements: [
          "// Runs the tests of every documented example; test/examples/<page>.ts holds those of one page.",
          ...modules.map((name) => ({
            kind: StructureKind.ImportDeclaration,
            moduleSpecifier: `./examples/${name}.js`,
          })),
        ],
      },
    },
  };
}

/** The module of one page's tests, and the JSON file of its documented responses. */
export function testModuleFiles(
  name: string,
  page: string,
  examples: PlannedExample[],
  plan: EmitPlan,
  options: TestEmitOptions,
): PendingFile[] {
  const used = new Set<string>();
  const exchanges: DocumentedExchange[] = [];
  const mocks: MockExample[] = [];
  const cases: TestModuleCase[] = examples.map(({ operation, example }) => {
    const title = `${example.name} (${example.source.file}:${example.source.line})`;
    if (!example.test) return { title, skip: example.untestedReason ?? "not replayable" };
    const test = planTestCase(operation, example.test, plan, options, used, exchanges);
    if (test.response)
      mocks.push({
        method: test.method,
        template: example.test.path,
        url: test.expectedPath,
        ...(example.test.body
          ? {
              body:
                example.test.body.kind === "json" ? JSON.stringify(example.test.body.value) : example.test.body.text,
            }
          : {}),
        ...(Object.keys(headers(example.test)).length > 0 ? { headers: headers(example.test) } : {}),
        response: exchanges[test.response.index]!,
      });
    return { title, ...(example.partial ? { partial: example.partial } : {}), test };
  });
  const fromIndex = [...used].sort((a, b) => a.replace(/^type /, "").localeCompare(b.replace(/^type /, ""), "en-US"));
  const dataFile = exchanges.length > 0 ? `./${name}.json` : undefined;
  return [
    {
      path: `test/examples/${name}.ts`,
      content: { kind: "tests", module: { page, fromIndex, ...(dataFile ? { dataFile } : {}), cases } },
    },
    ...(dataFile
      ? [
          {
            path: `test/examples/${name}.json`,
            content: {
              kind: "text" as const,
              format: "as-is" as const,
              text: `${JSON.stringify(exchanges, null, 2)}\n`,
            },
          },
        ]
      : []),
    ...(mocks.length > 0 ? [mockDataFile(name, page, mocks)] : []),
  ];
}

/** What a documented example gives the mock (templates/mocks/mock-fetch.ts): the request sent, the response. */
interface MockExample {
  readonly method: string;
  readonly template: string;
  readonly url: string;
  readonly body?: string;
  readonly headers?: Record<string, string>;
  readonly response: DocumentedExchange;
}

/** The request headers a test replays (those node:http can send). */
function headers(test: ExampleTest): Record<string, string> {
  return Object.fromEntries(
    test.headers
      .filter((header) => validHeader(header.name, header.value))
      .map((header) => [header.name, header.value]),
  );
}

/** Whether a page's examples give the mock anything: a tested example that documents a response. */
export function hasMockData(examples: readonly PlannedExample[]): boolean {
  return examples.some(({ example }) => example.test?.response !== undefined);
}

/**
 * The documented exchanges of a page for the mock, under src/mocks/examples/: JSON in a string, which costs the
 * compiler nothing to check, in the layout prettier gives the statement.
 */
function mockDataFile(name: string, page: string, mocks: readonly MockExample[]): PendingFile {
  const statement = `export const examples: readonly MockExample[] = JSON.parse(${printString(JSON.stringify(mocks))});`;
  const laidOut =
    statement.length <= 100 ? statement : statement.replace(/JSON\.parse\((.*)\);$/s, "JSON.parse(\n  $1,\n);");
  const text = [
    `// The documented responses of ${page}, which createMockFetch (./index.ts) answers with.`,
    `import type { MockExample } from "../mock-fetch.js";`,
    "",
    laidOut,
    "",
  ].join("\n");
  return { path: `src/mocks/examples/${name}.ts`, content: { kind: "text", format: "as-is", text } };
}

function planTestCase(
  operation: Operation,
  plan: ExampleTest,
  emitPlan: EmitPlan,
  options: TestEmitOptions,
  used: Set<string>,
  exchanges: DocumentedExchange[],
): TestCase {
  used.add("type ApiClient");
  const path = operation.paths.find((candidate) => candidate.template === plan.path)!;
  const untyped: string[] = [];
  const { accessor, urlPath, node } = navigate(emitPlan.root, path.segments, plan.arguments, used, untyped);
  // Query parameters the page documents as numbers or booleans are passed as such; a value that is not one is
  // passed as written (cast), since the URL is what the example documents.
  const query: Record<string, string | number | boolean> = {};
  let queryCast = false;
  for (const [name, value] of plan.query) {
    const documented = operation.parameters.find(
      (parameter) => parameter.in === "query" && parameter.name === name,
    )?.type;
    const kind = documented?.kind === "primitive" ? documented.name : "string";
    if (kind === "boolean" && (value === "true" || value === "false")) query[name] = value === "true";
    else if (kind === "number" && value !== "" && String(Number(value)) === value) query[name] = Number(value);
    else {
      query[name] = value;
      queryCast ||= kind !== "string";
    }
  }
  const queryText = Object.entries(query)
    .map(([name, value]) => `${encodeQueryComponent(name)}=${encodeQueryComponent(String(value))}`)
    .join("&");
  const expectedPath = `${urlPath}${queryText ? `?${queryText}` : ""}`;
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const verb = operation.method.toLowerCase();
  const hasBodyParameter = operation.method === "POST" || operation.method === "PUT" || operation.method === "PATCH";
  const headers = Object.fromEntries(
    plan.headers
      .filter((header) => validHeader(header.name, header.value))
      .map((header) => [header.name, header.value]),
  );
  const inline = (record: Record<string, string | number | boolean>): string =>
    printInlineObject(Object.entries(record).map(([name, value]) => [name, printPrimitive(value)]));
  const members: Array<[string, string]> = [
    ...(Object.keys(query).length > 0
      ? [["query", `${inline(query)}${queryCast ? " as never" : ""}`] as [string, string]]
      : []),
    ...(Object.keys(headers).length > 0 ? [["headers", inline(headers)] as [string, string]] : []),
  ];
  if (queryCast) untyped.push("a query value is sent as written where the page types the parameter otherwise");
  const optionsText = members.length > 0 ? printInlineObject(members) : undefined;
  // The verb's signature is that of the operation the path's builder took (the first page documenting the path, or
  // a merge), which may ask for a body where this example's page documents none.
  const signature = node.operations.get(operation.method) ?? operation;
  // An example without a body still calls a verb whose signature asks for one.
  const missingBody = signature.requestBody ? "undefined as never" : "undefined";
  const args = [hasBodyParameter ? (plan.body ? "requestBody" : missingBody) : undefined, optionsText].filter(
    (arg) => arg !== undefined,
  );
  while (args.length > 0 && args[args.length - 1] === "undefined") args.pop();
  if (hasBodyParameter && !plan.body && signature.requestBody)
    untyped.push("the example sends no body where the verb asks for one");

  let body: TestCase["body"];
  let contentType: string | undefined;
  if (plan.body?.kind === "json") {
    const value = tsValue(plan.body.value, new Set(plan.loose ?? []));
    // A body the model found complete is typed against the verb, so tsc checks it against the interfaces.
    // Typed against the verb only where the verb takes this operation's body: a path several pages document takes
    // the first page's (or the union of their types).
    // A verb without a documented body type takes any RequestBody, which a JSON object, array or string is.
    const documented = plan.body.value;
    const anyBody =
      !signature.requestBody &&
      (typeof documented === "string" || (typeof documented === "object" && documented !== null));
    const takes = takesBodyOf(signature, operation);
    const typed = anyBody || (plan.bodyTyped && takes);
    const check = typed ? `satisfies Parameters<ReturnType<typeof at>[${printString(verb)}]>[0]` : "as never";
    if (!typed)
      untyped.push(
        !signature.requestBody
          ? "the documented body is not a JSON object, array or text"
          : !takes
            ? "another page documenting this path defines the verb's body"
            : "the documented body leaves out a parameter the call requires",
      );
    if (plan.loose?.length)
      untyped.push("a flags value (`a,b`) is wider than the union of the enum's members, which types it");
    body = { kind: "json", value, check };
    contentType = "application/json";
  } else if (plan.body?.kind === "text") {
    // Text fits a verb the docs give no body type (it takes any RequestBody); against a documented type it is cast.
    body = { kind: "text", code: `${printString(plan.body.text)}${signature.requestBody ? " as never" : ""}` };
    if (signature.requestBody) untyped.push("the documented body is text where the verb takes an object");
    contentType = Object.entries(headers).find(([name]) => name.toLowerCase() === "content-type")?.[1] ?? "text/plain";
  }
  const response = plan.response ? documentedResponse(plan.response, exchanges) : undefined;
  return {
    method: operation.method,
    accessor,
    verb,
    describeName: `to${operation.method[0]}${operation.method.slice(1).toLowerCase()}Request`,
    callArgs: args.join(", "),
    ...(untyped.length > 0 ? { untyped } : {}),
    ...(body ? { body } : {}),
    ...(contentType ? { contentType } : {}),
    expectedUrl: `${baseUrl}${expectedPath}`,
    expectedPath,
    basePath: new URL(baseUrl).pathname.replace(/\/+$/, ""),
    baseUrl,
    ...(response ? { response } : {}),
  };
}

function takesBodyOf(verb: Operation | undefined, operation: Operation): boolean {
  const mine = operation.requestBody;
  const theirs = verb?.requestBody;
  if (!mine || !theirs) return false;
  if (JSON.stringify(mine) === JSON.stringify(theirs)) return true;
  return (
    mine.kind === "type" &&
    theirs.kind === "type" &&
    theirs.type.kind === "union" &&
    theirs.type.of.some((member) => JSON.stringify(member) === JSON.stringify(mine.type))
  );
}

/**
 * A JSON value as a TypeScript expression. An object the model checked as a derived type (by its `@odata.type`) is
 * written as it is: the type the interface declares accepts its derived types' payloads (`X.OrDerived`), and the
 * model's base types never loop. Only a flags enum's `a,b`, which the union of member names does not express, is
 * cast.
 */
function tsValue(value: JsonValue, loose: ReadonlySet<string>, pointer = ""): TsValue {
  let result: TsValue;
  if (Array.isArray(value)) {
    result = { kind: "array", items: value.map((item, index) => tsValue(item, loose, `${pointer}/${index}`)) };
  } else if (value !== null && typeof value === "object") {
    result = {
      kind: "object",
      entries: Object.entries(value).map(([key, item]) => [
        key,
        tsValue(item, loose, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`),
      ]),
    };
  } else result = { kind: "primitive", value };
  return loose.has(pointer) ? { kind: "cast", value: result, to: "never" } : result;
}

/** The builder expression for a path (`.users.byId("a").messages`) and the path the runtime will send. */
function navigate(
  root: NavigationNode,
  segments: Operation["paths"][number]["segments"],
  args: ExampleTest["arguments"],
  used: Set<string>,
  untyped: string[],
): { accessor: string; urlPath: string; node: NavigationNode } {
  let node = root;
  let accessor = "";
  let urlPath = "";
  let argIndex = 0;
  for (const segment of segments) {
    const key = childKey(segment);
    const next = node.children.get(key);
    if (!next) throw new Error(`navigation has no ${key} under ${node.path}`);
    if (segment.kind === "static") {
      accessor += memberAccess(next.member);
      urlPath += `/${next.segment.kind === "static" ? next.segment.name : segment.name}`;
    } else if (segment.kind === "key") {
      const value = String(args[argIndex++] ?? "");
      accessor += `.byId(${printString(value)})`;
      urlPath += `/${encodeKeySegment(value)}`;
    } else if (segment.kind === "itemPath") {
      const value = String(args[argIndex++] ?? "");
      accessor += `.byPath(${printString(value)})`;
      urlPath += `:/${encodeItemPath(value)}:`;
    } else {
      const values = (args[argIndex++] ?? {}) as Record<string, string>;
      const literals: Array<[string, string]> = [];
      const formatted: string[] = [];
      for (const [name, written] of Object.entries(values)) {
        const parameter = next.parameters.get(name);
        // The value goes out in the form the example writes it: quoted (a string) or bare.
        const quoted = /^'.*'$/s.test(written);
        const text = quoted ? written.slice(1, -1).replace(/''/g, "'") : written;
        const { code, url } = formatFunctionValue(text, quoted);
        if (code.startsWith("literal(")) used.add("literal");
        // A form the syntax lines do not document, or a value the docs' own table does not allow (text where it
        // says Int32), is replayed as written.
        const declared = parameter?.type?.kind === "primitive" ? parameter.type.name : undefined;
        const bareFits =
          !declared ||
          declared === "string" ||
          (declared === "number" ? /^-?[\d.]+$/.test(code) : /^(true|false)$/.test(code));
        const fits = !parameter || (quoted ? parameter.quoted : parameter.bare && bareFits);
        literals.push([name, `${code}${fits ? "" : " as never"}`]);
        if (!fits)
          untyped.push(
            `the function parameter \`${name}\` is sent as the example writes it, which the docs type otherwise`,
          );
        formatted.push(`${name}=${url}`);
      }
      accessor += `${memberAccess(next.member)}(${literals.length > 0 || next.parameters.size > 0 ? printInlineObject(literals) : ""})`;
      urlPath += `/${next.segment.kind === "function" ? next.segment.name : segment.name}(${formatted.join(",")})`;
    }
    node = next;
  }
  return { accessor, urlPath, node };
}

/** The documented response goes to the module's data file; the test compares the client's result with it. */
function documentedResponse(
  response: NonNullable<ExampleTest["response"]>,
  exchanges: DocumentedExchange[],
): NonNullable<TestCase["response"]> {
  const { served, expected } = servedResponse(response);
  const index = exchanges.length;
  const { body, ...head } = served;
  exchanges.push(
    expected && typeof expected === "object" && expected.kind === "json" ? { ...head, json: expected.value } : served,
  );
  const rejection = response.status >= 300 && expected !== "redirected";
  const expect = rejection
    ? "rejection"
    : expected === "bytes" || expected === "redirected"
      ? expected
      : expected
        ? "body"
        : "nothing";
  return { status: response.status, index, expect };
}

function servedResponse(response: NonNullable<ExampleTest["response"]>): {
  served: { status: number; headers: Record<string, string>; body?: string };
  expected: ExampleBody | "bytes" | "redirected" | undefined;
} {
  const headers: Record<string, string> = {};
  for (const header of response.headers)
    if (validHeader(header.name, header.value)) headers[header.name] = header.value;
  // A redirect that names where to go is followed; the test server points it back at itself.
  if (response.status >= 300 && response.status < 400) {
    const located = Object.keys(headers).some((name) => name.toLowerCase() === "location");
    return {
      served: { status: response.status, headers },
      expected: located && response.status !== 304 ? "redirected" : undefined,
    };
  }
  const typeHeader = Object.keys(headers).find((name) => name.toLowerCase() === "content-type");
  const noBody = response.status === 204 || response.status === 205;
  if (!response.body || noBody) return { served: { status: response.status, headers }, expected: undefined };
  if (response.body.kind === "json") {
    if (!typeHeader || !/json/i.test(headers[typeHeader]!)) {
      if (typeHeader) delete headers[typeHeader];
      headers["Content-Type"] = "application/json";
    }
    return {
      served: { status: response.status, headers, body: JSON.stringify(response.body.value) },
      expected: response.body,
    };
  }
  if (!typeHeader) headers["Content-Type"] = "text/plain";
  const type = typeHeader ? headers[typeHeader]! : "text/plain";
  const text = response.body.text;
  const readAsText = /json|^text\/|xml/i.test(type);
  return {
    served: { status: response.status, headers, body: text },
    expected: readAsText ? { kind: "text", text } : "bytes",
  };
}

/** Headers node:http would refuse to send are left out of the replay. */
function validHeader(name: string, value: string): boolean {
  return /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) && /^[\t\x20-\x7e]*$/.test(value);
}
