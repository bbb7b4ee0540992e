/**
 * Example requests and responses: each block is read as an HTTP message, its body as (tolerant) JSON, and the
 * blocks are paired into examples: by annotation `name` where both sides carry one, else each response with the
 * nearest unpaired request before it (machine-generated pages have no annotations at all).
 */
import type { DiagnosticBag } from "../diagnostics/index.js";
import { readRequest, readResponse } from "./http-message.js";
import type {
  Annotation,
  Example,
  ExampleRequest,
  ExampleResponse,
  HttpHeader,
  JsonValue,
  MessageBody,
} from "./page-model.js";
import { readTolerantJson } from "./tolerant-json.js";

export interface ExampleBlock {
  readonly role: "request" | "response";
  /** Line of the block's first content line. */
  readonly firstLine: number;
  readonly content: string;
  readonly annotation?: Annotation;
  /** Annotated `"blockType": "ignored"`: kept only where it answers a request that has no response yet. */
  readonly ignored?: boolean;
  /** A request kept only where a response answers it: a syntax line that doubles as the example's request. */
  readonly ifAnswered?: boolean;
}

export function readExamples(blocks: ExampleBlock[], diagnostics: DiagnosticBag): Example[] {
  const requests: ExampleRequest[] = [];
  const responses: ExampleResponse[] = [];
  const ifAnswered = new Set<ExampleRequest>();
  for (const block of blocks) {
    if (block.role === "request") {
      const request = toRequest(block, diagnostics);
      if (request) requests.push(request);
      if (request && block.ifAnswered) ifAnswered.add(request);
    } else {
      const response = toResponse(block, diagnostics);
      if (response) responses.push(response);
    }
  }
  return pairExamples(requests, responses, ifAnswered, diagnostics);
}

function toRequest(block: ExampleBlock, diagnostics: DiagnosticBag): ExampleRequest | undefined {
  const read = readRequest(block.content, block.firstLine);
  if (read.kind === "invalid") {
    diagnostics.report("exampleRequestInvalid", { line: read.line }, truncate(read.text));
    return undefined;
  }
  if (read.layout.length > 0)
    diagnostics.report("exampleLayout", { line: read.line }, "request", read.layout.join(", "));
  const body = read.body ? readBody(read.body, read.headers, "request", diagnostics) : undefined;
  return {
    line: read.line,
    method: read.method,
    url: read.url,
    headers: read.headers,
    ...(body ? { body } : {}),
    ...(block.annotation ? { annotation: block.annotation } : {}),
  };
}

function toResponse(block: ExampleBlock, diagnostics: DiagnosticBag): ExampleResponse | undefined {
  const read = readResponse(block.content, block.firstLine);
  if (read.kind === "invalid") {
    diagnostics.report("exampleResponseInvalid", { line: read.line }, truncate(read.text));
    return undefined;
  }
  if (read.layout.length > 0)
    diagnostics.report("exampleLayout", { line: read.line }, "response", read.layout.join(", "));
  const body = read.body ? readBody(read.body, read.headers, "response", diagnostics) : undefined;
  return {
    line: read.line,
    ...(block.ignored ? { ignored: true } : {}),
    status: read.status,
    headers: read.headers,
    ...(body ? { body } : {}),
    ...(block.annotation ? { annotation: block.annotation } : {}),
  };
}

function readBody(
  body: { line: number; text: string },
  headers: HttpHeader[],
  side: "request" | "response",
  diagnostics: DiagnosticBag,
): MessageBody {
  const contentType = headers.find((header) => header.name.toLowerCase() === "content-type")?.value.toLowerCase() ?? "";
  const declaredJson = contentType.includes("json") && !contentType.includes("multipart");
  // A declared non-JSON type (a zip, bytes, text) is taken at its word, whatever the body looks like.
  if (contentType !== "" && !declaredJson) return body;
  if (!declaredJson && !/^[\s\u00a0]*[[{]/.test(body.text)) return body;
  // `{Raw bytes of the file}`, `[Zip file containing a package]`: words standing in for data.
  const placeholder = /^\s*(\{[^{}":,[\]]*\}|\[[^{}":,[\]]*\])\s*$/.exec(body.text);
  if (placeholder && /[A-Za-z]{2,}\s+[A-Za-z]/.test(placeholder[1]!)) {
    diagnostics.report("exampleBodyPlaceholder", { line: body.line }, side, placeholder[1]!);
    return body;
  }
  const read = readTolerantJson(body.text, { offsets: true });
  const lineOf = lineIndex(body.text, body.line);
  if (read.error || read.value === undefined) {
    diagnostics.report(
      "exampleBodyUnreadable",
      { line: lineOf(read.error?.offset ?? 0) },
      side,
      read.error?.message ?? "empty body",
    );
    return body;
  }
  if (read.repairs.length > 0)
    diagnostics.report("exampleBodyRepaired", { line: body.line }, side, read.repairs.join(", "));
  const jsonLines: Record<string, number> = {};
  for (const [pointer, offset] of Object.entries(read.offsets ?? {})) jsonLines[pointer] = lineOf(offset);
  return { ...body, json: read.value as JsonValue, jsonLines };
}

function lineIndex(text: string, firstLine: number): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return firstLine + low;
  };
}

function pairExamples(
  requests: ExampleRequest[],
  responses: ExampleResponse[],
  ifAnswered: ReadonlySet<ExampleRequest>,
  diagnostics: DiagnosticBag,
): Example[] {
  const pairs: { request?: ExampleRequest; response?: ExampleResponse; line: number }[] = requests.map((request) => ({
    request,
    line: request.line,
  }));
  const taken = new Set<number>();
  for (const response of responses) {
    const names = response.annotation?.names ?? [];
    let index =
      names.length > 0
        ? pairs.findIndex(
            (pair, i) => !taken.has(i) && pair.request?.annotation?.names.some((name) => names.includes(name)),
          )
        : -1;
    if (index < 0) {
      // The nearest unpaired request above the response.
      for (let i = pairs.length - 1; i >= 0; i--) {
        if (!taken.has(i) && pairs[i]!.request && pairs[i]!.line < response.line) {
          index = i;
          break;
        }
      }
    }
    if (index >= 0) {
      taken.add(index);
      pairs[index]!.response = response;
    } else {
      if (response.ignored) continue;
      pairs.push({ response, line: response.line });
      taken.add(pairs.length - 1);
    }
  }
  // A response annotated with the names of several requests answers each of them that nothing else answers.
  for (const [i, pair] of pairs.entries()) {
    if (taken.has(i) || !pair.request) continue;
    const names = pair.request.annotation?.names ?? [];
    const shared = responses.find(
      (response) =>
        !response.ignored &&
        (response.annotation?.names.length ?? 0) > 1 &&
        response.annotation!.names.some((name) => names.includes(name)),
    );
    if (shared) pair.response = shared;
  }
  pairs.sort((a, b) => a.line - b.line);
  return pairs
    .filter((pair) => pair.response || !ifAnswered.has(pair.request!))
    .map((pair, i) => {
      if (!pair.response) diagnostics.report("exampleUnpaired", { line: pair.line }, "request", "response");
      if (!pair.request) diagnostics.report("exampleUnpaired", { line: pair.line }, "response", "request");
      const name = pair.request?.annotation?.names[0] ?? pair.response?.annotation?.names[0];
      return {
        index: i + 1,
        ...(name ? { name } : {}),
        ...(pair.request ? { request: pair.request } : {}),
        ...(pair.response ? { response: pair.response } : {}),
      };
    });
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
