/**
 * Documented examples, attached to their operation: the example URL is matched against the operation's path
 * templates to recover the keys, and the example is checked for the defects that make it untrustworthy (no path,
 * an array body where one object is expected, placeholder values, a single object wrapped in `value`). An example
 * that can be replayed gets a test plan; one that cannot says why.
 */
import { basename } from "node:path";
import type { Example, HttpHeader, JsonValue, MessageBody, PageModel } from "../parse/index.js";
import type { ExampleBody, ExampleTest, ObjectType, Operation, OperationExample } from "./api-model.js";
import type { ModelContext } from "./context.js";
import { exampleTarget, matchTemplate, readQuery, type PathArgument } from "./paths.js";

const placeholder =
  /^(String|Int16|Int32|Int64|Integer|Boolean|DateTimeOffset|DateTime|Date|TimeOfDay|Duration|Guid|GUID|Double|Single|Decimal|Binary|Stream|Byte)(\s*\([^)]*\))?$/;

/** Headers the runtime sets itself; the rest of an example's headers are replayed (Content-Type for non-JSON bodies). */
const ownHeaders = new Set(["authorization", "content-length", "host"]);

export function attachExamples(
  operations: Operation[],
  context: ModelContext,
  types: ReadonlyMap<string, ObjectType>,
): Operation[] {
  const byFile = new Map<string, number[]>();
  operations.forEach((operation, index) =>
    byFile.set(operation.source.file, [...(byFile.get(operation.source.file) ?? []), index]),
  );
  const examples = operations.map(() => [] as OperationExample[]);
  for (const page of context.pages) {
    const indexes = byFile.get(page.file);
    if (!indexes) continue;
    for (const example of page.examples) {
      const planned = planExample(
        example,
        indexes.map((index) => operations[index]!),
        page,
        context,
        types,
      );
      examples[indexes[planned.operation]!]!.push(planned.example);
    }
  }
  return operations.map((operation, index) => ({ ...operation, examples: examples[index]! }));
}

function planExample(
  example: Example,
  operations: Operation[],
  page: PageModel,
  context: ModelContext,
  types: ReadonlyMap<string, ObjectType>,
): { operation: number; example: OperationExample } {
  const name = example.name ?? `${basename(page.file, ".md")}-${example.index}`;
  const line = example.request?.line ?? example.response?.line ?? 1;
  const source = { file: page.file, line };
  const untested = (operation: number, reason: string): { operation: number; example: OperationExample } => {
    context.report(page.file, "exampleUntested", { line }, name, reason);
    return { operation, example: { name, source, untestedReason: reason } };
  };
  const { request, response } = example;
  if (request?.body) checkPlaceholders(request.body, "request", page, context);
  if (response?.body) checkPlaceholders(response.body, "response", page, context);
  const target = request ? exampleTarget(request.url, context.versionSegment) : undefined;
  if (request && !target?.path) context.report(page.file, "exampleUrlNoPath", { line: request.line }, request.url);
  const match = request && target?.path ? matchOperation(operations, request.method, target.path) : undefined;
  if (request && target?.path && !match)
    context.report(page.file, "exampleUrlUnmatched", { line: request.line }, target.path);
  // The defects of the bodies are judged against the operation the example documents, matched or not.
  const operationIndex =
    match?.operation ??
    Math.max(request ? operations.findIndex((candidate) => candidate.method === request.method) : -1, 0);
  const operation = operations[operationIndex]!;
  const bodyType = operation.requestBody?.kind === "type" ? operation.requestBody.type : undefined;
  const arrayBody = bodyType?.kind === "named" && Array.isArray(request?.body?.json);
  if (arrayBody)
    context.report(page.file, "exampleBodyArray", { line: request!.body!.line }, shortName(bodyType.qualifiedName));
  if (response) checkWrappedResponse(operation, response.body, page, context, types);

  if (!request) return untested(operationIndex, "it has no request");
  if (!match)
    return untested(operationIndex, target?.path ? "its URL matches no documented path" : "its URL has no path");
  if (arrayBody) return untested(operationIndex, "its request body is an array where one object is expected");
  const sendsBody = request.method !== "GET" && request.method !== "DELETE";
  if (request.body && !sendsBody)
    context.report(page.file, "exampleBodyIgnored", { line: request.body.line }, request.method);
  const requestBody = sendsBody ? toExampleBody(request.body) : undefined;
  if (requestBody === "unreadable") return untested(operationIndex, "its request body is not readable JSON");
  if (!response) return untested(operationIndex, "it has no response");
  if (response.status < 200 || (response.status >= 300 && response.status < 400)) {
    return untested(operationIndex, `its response status ${response.status} is not a final answer a client can replay`);
  }
  const responseBody = toExampleBody(response.body);
  if (responseBody === "unreadable") return untested(operationIndex, "its response body is not readable JSON");

  const test: ExampleTest = {
    pathIndex: match.pathIndex,
    arguments: match.args,
    query: readQuery(target?.query),
    headers: request.headers.filter((header) => {
      const name = header.name.toLowerCase();
      return !ownHeaders.has(name) && !(name === "content-type" && requestBody?.kind !== "text");
    }),
    ...(requestBody ? { body: requestBody } : {}),
    response: {
      status: response.status,
      headers: response.headers.filter((header: HttpHeader) => header.name.toLowerCase() !== "content-length"),
      ...(responseBody ? { body: responseBody } : {}),
    },
  };
  return { operation: operationIndex, example: { name, source, test } };
}

function matchOperation(
  operations: Operation[],
  method: string,
  path: string,
): { operation: number; pathIndex: number; args: PathArgument[] } | undefined {
  for (const [operation, candidate] of operations.entries()) {
    if (candidate.method !== method) continue;
    for (const [pathIndex, template] of candidate.paths.entries()) {
      const args = matchTemplate(template.segments, path);
      if (args) return { operation, pathIndex, args };
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

function checkPlaceholders(
  body: MessageBody,
  side: "request" | "response",
  page: PageModel,
  context: ModelContext,
): void {
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
  context.report(
    page.file,
    "examplePlaceholders",
    { line: body.jsonLines?.[found[0]!.pointer] ?? body.line },
    side,
    `${listed.join(", ")}${more}`,
  );
}

/** A single object documented as `{ "value": [ ... ] }`, the shape of a collection page. */
function checkWrappedResponse(
  operation: Operation,
  body: MessageBody | undefined,
  page: PageModel,
  context: ModelContext,
  types: ReadonlyMap<string, ObjectType>,
): void {
  const type = operation.response.type;
  const json = body?.json;
  if (!type || type.kind !== "named" || operation.response.collection) return;
  if (json === null || typeof json !== "object" || Array.isArray(json) || !Array.isArray(json["value"])) return;
  const objectType = types.get(type.qualifiedName);
  if (!objectType || objectType.properties.some((property) => property.name === "value")) return;
  context.report(
    page.file,
    "exampleResponseWrapped",
    { line: body?.jsonLines?.["/value"] ?? body!.line },
    objectType.name,
  );
}

function shortName(qualifiedName: string): string {
  return qualifiedName.slice(qualifiedName.lastIndexOf(".") + 1);
}
