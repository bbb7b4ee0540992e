/**
 * One test module per API page under test/examples/: each documented example is rebuilt through the request builders (keys
 * from the example URL, query and body from the example) and checked against the documented request, then sent to
 * a local server that answers with the documented response, whose body the client must return. Examples that cannot
 * be replayed are emitted as skipped tests that say why.
 */
import { StructureKind, type CodeBlockWriter, type OptionalKind, type SourceFileStructure } from "ts-morph";
import type { ExampleBody, ExampleTest, Operation, OperationExample } from "../model/index.js";
import type { JsonValue } from "../parse/index.js";
import type { ModuleFile } from "./models.js";
import { kebabCase, NameScope } from "./names.js";
import { childKey, memberAccess, type EmitPlan, type NavigationNode } from "./plan.js";
import { encodeItemPath, encodeKeySegment, encodeQueryComponent, formatFunctionValue } from "./url.js";

export interface TestEmitOptions {
  readonly baseUrl: string;
}

interface PlannedExample {
  readonly operation: Operation;
  readonly example: OperationExample;
}

export function emitTests(plan: EmitPlan, options: TestEmitOptions): ModuleFile[] {
  const byPage = new Map<string, PlannedExample[]>();
  for (const operation of plan.model.operations) {
    for (const example of operation.examples) {
      byPage.set(example.source.file, [...(byPage.get(example.source.file) ?? []), { operation, example }]);
    }
  }
  const scope = new NameScope();
  const files: ModuleFile[] = [];
  for (const [page, examples] of [...byPage].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    examples.sort((a, b) => a.example.source.line - b.example.source.line);
    const base = kebabCase(page.replace(/^.*\//, "").replace(/\.md$/i, "")) || "page";
    files.push({ module: `test/examples/${scope.claim(base)}`, structure: testFile(page, examples, plan, options) });
  }
  // One entry point, so that `node --test` runs every example in one process instead of one per page.
  files.push({
    module: "test/examples.test",
    structure: {
      statements: [
        "// Runs the tests of every documented example; test/examples/<page>.ts holds those of one page.",
        ...files.map((file) => ({
          kind: StructureKind.ImportDeclaration as const,
          moduleSpecifier: `./${file.module.slice("test/".length)}.js`,
        })),
      ],
    },
  });
  return files;
}

function testFile(
  page: string,
  examples: PlannedExample[],
  plan: EmitPlan,
  options: TestEmitOptions,
): OptionalKind<SourceFileStructure> {
  // Cases are planned before anything is printed, so that the imports name exactly what the tests use.
  const used = new Set<string>();
  const cases = examples.map(({ operation, example }) => {
    const title = `${example.name} (${example.source.file}:${example.source.line})`;
    if (!example.test) return { title, skip: example.untestedReason ?? "not replayable" };
    return { title, testCase: planTestCase(operation, example.test, plan, options, used), partial: example.partial };
  });
  const fromIndex = [...used]
    .filter((name) => name !== "serve" && name !== "assert")
    .sort((a, b) => a.replace(/^type /, "").localeCompare(b.replace(/^type /, "")));
  return {
    statements: [
      `// Tests generated from the examples of ${page}.`,
      ...(used.has("assert")
        ? [
            {
              kind: StructureKind.ImportDeclaration as const,
              defaultImport: "assert",
              moduleSpecifier: "node:assert/strict",
            },
          ]
        : []),
      { kind: StructureKind.ImportDeclaration, namedImports: ["test"], moduleSpecifier: "node:test" },
      ...(fromIndex.length > 0
        ? [
            {
              kind: StructureKind.ImportDeclaration as const,
              namedImports: fromIndex.map((name) =>
                name === "ApiClient"
                  ? { name, isTypeOnly: true }
                  : name.startsWith("type ")
                    ? { name: name.slice(5), isTypeOnly: true }
                    : name,
              ),
              moduleSpecifier: "../../src/index.js",
            },
          ]
        : []),
      ...(used.has("serve")
        ? [
            {
              kind: StructureKind.ImportDeclaration as const,
              namedImports: ["serve"],
              moduleSpecifier: "../support.js",
            },
          ]
        : []),
      ...cases.map((entry) => (writer: CodeBlockWriter) => {
        writer.blankLineIfLastNot();
        if ("skip" in entry) {
          writer.writeLine(`test(${JSON.stringify(entry.title)}, { skip: ${JSON.stringify(entry.skip)} }, () => {});`);
          return;
        }
        // A test of the example's sound parts says what it leaves out.
        if (entry.partial) writer.writeLine(`// Partial: ${entry.partial}.`);
        writeTestCase(writer, entry.title, entry.testCase);
      }),
    ],
  };
}

/** Everything one generated test states, decided before printing. */
interface TestCase {
  readonly method: string;
  readonly accessor: string;
  readonly verb: string;
  readonly describeName: string;
  readonly callArgs: string;
  /** The request body as TypeScript: typed against the verb (`satisfies`) where it is complete, else cast. */
  readonly body?: { readonly kind: ExampleBody["kind"]; readonly code: string };
  /** The Content-Type the request must carry, where it has a body. */
  readonly contentType?: string;
  readonly expectedUrl: string;
  readonly expectedPath: string;
  readonly basePath: string;
  readonly baseUrl: string;
  /** Undefined when the example documents no response: the request alone is checked. */
  readonly response?: {
    readonly status: number;
    readonly served: { status: number; headers: Record<string, string>; body?: string };
    readonly expected: ExampleBody | "bytes" | "redirected" | undefined;
  };
}

function planTestCase(
  operation: Operation,
  plan: ExampleTest,
  emitPlan: EmitPlan,
  options: TestEmitOptions,
  used: Set<string>,
): TestCase {
  for (const name of ["assert", "ApiClient", "createClient", "serve"]) used.add(name);
  const path = operation.paths.find((candidate) => candidate.template === plan.path)!;
  const { accessor, urlPath, node } = navigate(emitPlan.root, path.segments, plan.arguments, used);
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
  const members = [
    ...(Object.keys(query).length > 0 ? [`query: ${JSON.stringify(query)}${queryCast ? " as never" : ""}`] : []),
    ...(Object.keys(headers).length > 0 ? [`headers: ${JSON.stringify(headers)}`] : []),
  ];
  const optionsText = members.length > 0 ? `{ ${members.join(", ")} }` : undefined;
  // An example without a body still calls a verb whose signature asks for one.
  const missingBody = operation.requestBody ? "undefined as never" : "undefined";
  const args = [hasBodyParameter ? (plan.body ? "requestBody" : missingBody) : undefined, optionsText].filter(
    (arg) => arg !== undefined,
  );
  while (args.length > 0 && args[args.length - 1] === "undefined") args.pop();

  let body: TestCase["body"];
  let contentType: string | undefined;
  if (plan.body?.kind === "json") {
    const literal = tsLiteral(
      plan.body.value,
      { derived: plan.derived ?? {}, loose: new Set(plan.loose ?? []) },
      emitPlan,
      used,
    );
    // A body the model found complete is typed against the verb, so tsc checks it against the interfaces.
    // Typed against the verb only where the verb takes this operation's body: a path several pages document takes
    // the first page's (or the union of their types).
    const typed = plan.bodyTyped && takesBodyOf(node.operations.get(operation.method), operation);
    const code = typed
      ? `${literal} satisfies Parameters<ReturnType<typeof at>[${JSON.stringify(verb)}]>[0]`
      : `${literal} as never`;
    body = { kind: "json", code };
    contentType = "application/json";
  } else if (plan.body?.kind === "text") {
    // Text fits a verb the docs give no body type (it takes any RequestBody); against a documented type it is cast.
    body = { kind: "text", code: `${JSON.stringify(plan.body.text)}${operation.requestBody ? " as never" : ""}` };
    contentType = Object.entries(headers).find(([name]) => name.toLowerCase() === "content-type")?.[1] ?? "text/plain";
  }
  if (plan.response && plan.response.status >= 400) used.add("ApiError");
  return {
    method: operation.method,
    accessor,
    verb,
    describeName: `to${operation.method[0]}${operation.method.slice(1).toLowerCase()}Request`,
    callArgs: args.join(", "),
    ...(body ? { body } : {}),
    ...(contentType ? { contentType } : {}),
    expectedUrl: `${baseUrl}${expectedPath}`,
    expectedPath,
    basePath: new URL(baseUrl).pathname.replace(/\/+$/, ""),
    baseUrl,
    ...(plan.response ? { response: { status: plan.response.status, ...servedResponse(plan.response) } } : {}),
  };
}

function writeTestCase(writer: CodeBlockWriter, title: string, test: TestCase): void {
  writer.write(`test(${JSON.stringify(title)}, async () => `).inlineBlock(() => {
    writer.writeLine(`const at = (client: ApiClient) => client${test.accessor};`);
    if (test.body) writer.writeLine(`const requestBody = ${test.body.code};`);
    writer.writeLine(
      `const request = at(createClient({ baseUrl: ${JSON.stringify(test.baseUrl)} })).${test.describeName}(${test.callArgs});`,
    );
    writer.writeLine(`assert.equal(request.method, ${JSON.stringify(test.method)});`);
    writer.writeLine(`assert.equal(request.url, ${JSON.stringify(test.expectedUrl)});`);
    if (test.body?.kind === "json")
      writer.writeLine("assert.deepEqual(JSON.parse(String(request.body)), requestBody);");
    if (test.body?.kind === "text") writer.writeLine("assert.equal(request.body, requestBody);");
    if (test.contentType) {
      writer.writeLine(
        `assert.equal(Object.entries(request.headers).find(([name]) => name.toLowerCase() === "content-type")?.[1], ${JSON.stringify(test.contentType)});`,
      );
    }
    writer.blankLine();
    const response = test.response;
    // Without a documented response, the request alone is checked, against a server that answers 204.
    const served = response?.served ?? { status: 204, headers: {} };
    writer.writeLine(`const server = await serve(${JSON.stringify(served)}, ${JSON.stringify(test.basePath)});`);
    writer.write("try ").inlineBlock(() => {
      writer.writeLine(
        `const call = at(createClient({ baseUrl: server.url, accessToken: "example-token", allowInsecure: true, retry: false })).${test.verb}(${test.callArgs});`,
      );
      const rejects = response !== undefined && response.status >= 300 && response.expected !== "redirected";
      if (rejects) {
        writer.writeLine(
          `await assert.rejects(call, (error: unknown) => error instanceof ApiError && error.status === ${response.status});`,
        );
      } else {
        writer.writeLine(response ? "const result: unknown = await call;" : "await call;");
      }
      writer.writeLine("const received = server.requests[0];");
      writer.writeLine(`assert.equal(received?.method, ${JSON.stringify(test.method)});`);
      writer.writeLine(`assert.equal(received?.url, ${JSON.stringify(`${test.basePath}${test.expectedPath}`)});`);
      writer.writeLine(`assert.equal(received?.headers.authorization, "Bearer example-token");`);
      if (test.body?.kind === "json")
        writer.writeLine('assert.deepEqual(JSON.parse(received?.body ?? ""), requestBody);');
      if (test.body?.kind === "text") writer.writeLine("assert.equal(received?.body, requestBody);");
      if (test.contentType)
        writer.writeLine(`assert.equal(received?.headers["content-type"], ${JSON.stringify(test.contentType)});`);
      if (!response || rejects) return;
      if (response.expected === "redirected") {
        writer.writeLine('assert.equal(server.requests[1]?.url, "/__docs2ts/redirected");');
        writer.writeLine('assert.equal(result, "redirected");');
      } else if (response.expected === "bytes") {
        writer.writeLine(
          `assert.equal(Buffer.from(result as ArrayBuffer).toString("utf8"), ${JSON.stringify(response.served.body)});`,
        );
      } else {
        writer.writeLine(
          `assert.deepEqual(result, ${response.expected === undefined ? "undefined" : bodyLiteral(response.expected)});`,
        );
      }
    });
    writer.write(" finally ").inlineBlock(() => {
      writer.writeLine("await server.close();");
    });
    writer.newLine();
  });
  writer.write(");").newLine();
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
 * A JSON value as a TypeScript expression; an object the model checked as a derived type (by its `@odata.type`)
 * is cast to it, so that it satisfies the base type the interface declares.
 */
function tsLiteral(
  value: JsonValue,
  casts: { derived: Record<string, string>; loose: Set<string> },
  plan: EmitPlan,
  used: Set<string>,
  pointer = "",
): string {
  let code: string;
  if (Array.isArray(value))
    code = `[${value.map((item, index) => tsLiteral(item, casts, plan, used, `${pointer}/${index}`)).join(", ")}]`;
  else if (value !== null && typeof value === "object") {
    const members = Object.entries(value).map(
      ([key, item]) =>
        `${JSON.stringify(key)}: ${tsLiteral(item, casts, plan, used, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`)}`,
    );
    code = `{ ${members.join(", ")} }`;
  } else code = JSON.stringify(value);
  // A flags enum's `a,b` fits the docs but not the union of member names.
  if (casts.loose.has(pointer)) return `(${code} as never)`;
  const cast = casts.derived[pointer];
  const name = cast ? plan.typeNames.get(cast) : undefined;
  if (!name) return code;
  used.add(`type ${name}`);
  return `(${code} as ${name})`;
}

/** The builder expression for a path (`.users.byId("a").messages`) and the path the runtime will send. */
function navigate(
  root: NavigationNode,
  segments: Operation["paths"][number]["segments"],
  args: ExampleTest["arguments"],
  used: Set<string>,
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
      accessor += `.byId(${JSON.stringify(value)})`;
      urlPath += `/${encodeKeySegment(value)}`;
    } else if (segment.kind === "itemPath") {
      const value = String(args[argIndex++] ?? "");
      accessor += `.byPath(${JSON.stringify(value)})`;
      urlPath += `:/${encodeItemPath(value)}:`;
    } else {
      const values = (args[argIndex++] ?? {}) as Record<string, string>;
      const literals: string[] = [];
      const formatted: string[] = [];
      for (const [name, text] of Object.entries(values)) {
        const parameter = next.parameters.get(name);
        const { code, url } = formatFunctionValue(text, parameter?.quoted ?? true);
        if (code.startsWith("literal(")) used.add("literal");
        // A value the docs' own table does not allow (text where it says Int32) is replayed as written.
        const declared = parameter?.type?.kind === "primitive" ? parameter.type.name : undefined;
        const fits =
          parameter?.quoted !== false ||
          !declared ||
          declared === "string" ||
          (declared === "number" ? /^-?[\d.]+$/.test(code) : /^(true|false)$/.test(code));
        literals.push(`${JSON.stringify(name)}: ${code}${fits ? "" : " as never"}`);
        formatted.push(`${name}=${url}`);
      }
      accessor += `${memberAccess(next.member)}(${literals.length > 0 || next.parameters.size > 0 ? `{ ${literals.join(", ")} }` : ""})`;
      urlPath += `/${next.segment.kind === "function" ? next.segment.name : segment.name}(${formatted.join(",")})`;
    }
    node = next;
  }
  return { accessor, urlPath, node };
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

function bodyLiteral(body: ExampleBody): string {
  return body.kind === "json" ? JSON.stringify(body.value, null, 2) : JSON.stringify(body.text);
}

/** Headers node:http would refuse to send are left out of the replay. */
function validHeader(name: string, value: string): boolean {
  return /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) && /^[\t\x20-\x7e]*$/.test(value);
}
