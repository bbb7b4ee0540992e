/**
 * Operations from API pages: one per HTTP syntax block and method, each syntax line an alternative path. The
 * request body, response and permissions come from the page's Request body, Response and Permissions sections.
 * Pages whose syntax block is empty get their path from the pages around them (recover-paths.ts).
 */
import { splitTarget } from "../parse/http-message.js";
import type { HttpMethod, HttpSyntaxLine, PageModel } from "../parse/index.js";
import type {
  BodyParameter,
  ObjectType,
  Operation,
  OperationParameter,
  OperationPath,
  Permission,
  RequestBody,
  RequestHeader,
  ResponseShape,
  TypeRef,
} from "./api-model.js";
import { memoKey, pageMemoKey, shapeKey, type ModelContext } from "./context.js";
import { columnCell, memberRowName, readPropertyRow, type Declarations } from "./declarations.js";
import { attachExamples, operationIndex } from "./examples.js";
import { isRelativeUrl } from "./page-facts.js";
import { readTemplate } from "./paths.js";
import { recoverPaths } from "./recover-paths.js";
import { addTo } from "../util/group.js";
import { restatesMembers, settleRequestBodies, type BodyNotes } from "./request-bodies.js";
import { readTypeText } from "./type-refs.js";
import { addPathMembers, titledAsRelationship } from "./path-members.js";

export function buildOperations(
  context: ModelContext,
  declarations: Declarations,
): { operations: Operation[]; types: ObjectType[]; shapeKey: string; typesKey: string } {
  const described: Described[] = [];
  /** The key of each operation for what reads it (ModelContext.derivedAs): the hash of its description. */
  const derivedUnder = new Map<Described, string>();
  // With the memo, each description carries the hash of its JSON, made with it: a file that reads an operation reads
  // that, so that an operation described again as before (its request body's type changed, say) leaves the file.
  const keyed = <T extends Described | undefined>(entry: T): T =>
    entry && context.memoKeys ? { ...entry, key: memoKey(JSON.stringify(entry)) } : entry;
  const unresolved: string[] = [];
  // What describing a page's operations reads besides the page.
  const describeReads = (file: string) => [
    declarations.requestBodyTypes.get(file),
    membersKey(declarations, declarations.requestBodyTypes.get(file)),
    declarations.lookup.key,
    context.versionSegment,
    context.defaultNamespace,
  ];
  /** The operations a page documents itself: described from the page alone. */
  const describeOwn = (file: string, from: "operations" | "example paths"): number => {
    const key = pageMemoKey(context.pageInput(file), from, ...describeReads(file));
    const ofPage = context.derive(key, () =>
      (from === "operations"
        ? describePage(context.page(file), context, declarations)
        : describeFromExamples(context.page(file), context, declarations)
      ).map(keyed),
    );
    if (key) ofPage.forEach((entry) => entry.key && derivedUnder.set(entry, entry.key));
    described.push(...ofPage);
    return ofPage.length;
  };
  for (const { file, kind, syntaxBlocks, examples } of context.pages) {
    if (kind !== "api") continue;
    if (syntaxBlocks.some((lines) => lines > 0)) {
      describeOwn(file, "operations");
      continue;
    }
    // Without syntax lines, example requests written as paths (no host) document the paths; else the siblings may.
    const fromExamples = examples.some((example) => example.relative) ? describeOwn(file, "example paths") : 0;
    if (fromExamples === 0 && (syntaxBlocks.length > 0 || examples.length > 0)) unresolved.push(file);
  }
  // Recovery reads the operations documented so far, never other recovered ones, and the Methods tables.
  const documentedOperations = described.map(({ operation }) => operation);
  const documentedKey =
    unresolved.length > 0
      ? memoKey(
          ...described.map(({ shape }) => shape),
          // The shapes leave lines out; a recovered operation copies its siblings' paths, lines and all.
          JSON.stringify(described.map(({ operation }) => operation.paths.map((path) => path.source.line))),
          JSON.stringify(context.pages.map(({ file, tables }) => [file, tables.map(({ linked }) => linked ?? [])])),
        )
      : undefined;
  for (const file of unresolved) {
    const key =
      documentedKey && pageMemoKey(context.pageInput(file), "recovered", documentedKey, ...describeReads(file));
    const recovered = context.derive(key, () =>
      keyed(recoverOperation(context.page(file), documentedOperations, context, declarations)),
    );
    if (!recovered) continue;
    if (key && recovered.key) derivedUnder.set(recovered, recovered.key);
    described.push(recovered);
  }
  described.sort(({ operation: a }, { operation: b }) =>
    a.source.file < b.source.file ? -1 : a.source.file > b.source.file ? 1 : a.source.line - b.source.line,
  );
  const operations = settleRequestBodies(described, {
    members: declarations.members,
    listedBy: listedBy(context, declarations),
  });
  // Members only paths document join their types before examples are checked against them: found again only when the
  // types they read, the names and base types of all, or the operations' shapes change (the titles as far as they
  // read them; lines are read each run).
  const pathMembersMemo = context.options.memo && {
    readsKey: memoKey(
      "path members",
      declarations.outlineKey,
      ...described.map(({ shape }) => shape),
      operations.map((operation) => (titledAsRelationship(operation) ? "1" : "0")).join(""),
    ),
    shapeOf: declarations.shapeOf,
  };
  const pathMembers = addPathMembers(declarations.types, operations, context, pathMembersMemo || undefined);
  const types = new Map(pathMembers.types.map((type) => [type.qualifiedName, type]));
  const key = memoKey(
    pathMembers.shapeKey,
    ...described.map(({ shape }) => shape),
    // The bodies as settled (which read the types' members and the Methods tables).
    shapeKey(operations.map((operation) => operation.requestBody ?? null)),
    declarations.lookup.key,
    JSON.stringify([context.options.baseUrl, context.basePath, context.versionSegment, context.defaultNamespace]),
  );
  const withExamples = attachExamples(operations, {
    model: context,
    types: { objects: types, enums: new Map(declarations.enums.map((type) => [type.qualifiedName, type])) },
    lookup: declarations.lookup,
    byFirstSegment: operationIndex(operations),
    key,
    shapeOf: declarations.shapeOf,
  });
  reportDuplicates(withExamples, context);
  withExamples.forEach((operation, index) => context.derivedAs(operation, derivedUnder.get(described[index]!)));
  const added = withExamples.map((operation, index) => operation.paths.slice(operations[index]!.paths.length));
  const bodies = withExamples.map((operation) => operation.requestBody ?? null);
  // The model's shape as naming and navigation read it: the operations', and the types' outline (the key of the
  // examples leaves the types to those each page reads), with the members paths added. The paths examples add are
  // keyed without their lines, which no file reads.
  return {
    operations: withExamples,
    types: pathMembers.types,
    shapeKey: memoKey(key, declarations.outlineKey, pathMembers.shapeKey, shapeKey(added), JSON.stringify(bodies)),
    // The members paths add are the shapeKey's.
    typesKey: declarations.typesKey,
  };
}

/**
 * An operation as its page describes it (examples aside), what its Request body section says beyond the body read
 * alone (settleRequestBodies weighs it against the types), and a hash of both without prose.
 */
interface Described extends BodyNotes {
  readonly operation: Operation;
  readonly shape: string;
  /** With the memo: the hash of the rest of the description, as JSON. */
  readonly key?: string;
}

/** The object types whose resource pages list each API page in their Methods table. */
function listedBy(context: ModelContext, declarations: Declarations): Map<string, string[]> {
  const listed = new Map<string, string[]>();
  for (const page of context.pages) {
    if (page.kind !== "resource") continue;
    const type = declarations.lookup.byPage(page.file, "");
    if (!type) continue;
    for (const { linked } of page.tables) for (const file of linked ?? []) addTo(listed, file, type);
  }
  return listed;
}

/** The operation of a page whose syntax blocks are empty, on the paths its siblings give; reported either way. */
function recoverOperation(
  page: PageModel,
  documented: readonly Operation[],
  context: ModelContext,
  declarations: Declarations,
): Described | undefined {
  const line = page.httpSyntax[0]?.line ?? page.title?.line ?? 1;
  const recovered = recoverPaths(page, documented, context, declarations);
  if (!recovered) {
    context.report(page.file, "operationPathUnrecoverable", { line });
    return undefined;
  }
  const templates = recovered.paths.map((path) => `${recovered.method} ${path.template}`).join("`, `");
  context.report(page.file, "operationPathRecovered", { line }, templates, recovered.from);
  const { operation, ...reading } = describe(
    page,
    `${page.file}#1`,
    recovered.method,
    recovered.paths,
    line,
    context,
    declarations,
  );
  return describedAs({ ...operation, recoveredFrom: recovered.from }, reading);
}

function describedAs(operation: Operation, reading: BodyNotes): Described {
  return { operation, ...reading, shape: shapeKey({ operation, ...reading }) };
}

/**
 * The operations of an API page without syntax lines whose example requests are paths with no host
 * (`GET /me/drives`): one per method, each distinct example path (keys aside) an alternative path, reported at its
 * example. Their queries are the examples' data, not part of the path.
 */
function describeFromExamples(page: PageModel, context: ModelContext, declarations: Declarations): Described[] {
  const lines: HttpSyntaxLine[] = [];
  const seen = new Set<string>();
  for (const { request } of page.examples) {
    if (!request || !isRelativeUrl(request.url)) continue;
    const path = splitTarget(request.url).path;
    const key = `${request.method} ${path.toLowerCase().replace(/\{[^}]*\}/g, "{}")}`;
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push({ line: request.line, method: request.method, path });
  }
  const described: Described[] = [];
  for (const method of methodsOf(lines)) {
    const paths = toPaths(
      lines.filter((line) => line.method === method),
      page,
      context,
    );
    if (paths.length === 0) continue;
    for (const { template, source } of paths)
      context.report(
        page.file,
        "operationPathRecovered",
        { line: source.line },
        `${method} ${template}`,
        "its example request",
      );
    const id = `${page.file}#${described.length + 1}`;
    const line = paths[0]!.source.line;
    const { operation, ...reading } = describe(page, id, method, paths, line, context, declarations);
    described.push(describedAs({ ...operation, recoveredFrom: "its example requests" }, reading));
  }
  return described;
}

/** The operations of a page whose syntax blocks hold lines: one per block and method. */
function describePage(page: PageModel, context: ModelContext, declarations: Declarations): Described[] {
  const described: Described[] = [];
  for (const block of page.httpSyntax.filter((candidate) => candidate.lines.length > 0)) {
    for (const method of methodsOf(block.lines)) {
      const paths = toPaths(
        block.lines.filter((line) => line.method === method),
        page,
        context,
      );
      if (paths.length === 0) continue;
      const id = `${page.file}#${described.length + 1}`;
      const { operation, ...reading } = describe(page, id, method, paths, block.line, context, declarations);
      described.push(describedAs(operation, reading));
    }
  }
  return described;
}

function methodsOf(lines: HttpSyntaxLine[]): HttpMethod[] {
  return [...new Set(lines.map((line) => line.method))];
}

function toPaths(lines: HttpSyntaxLine[], page: PageModel, context: ModelContext): OperationPath[] {
  const paths: OperationPath[] = [];
  for (const line of lines) {
    const read = readTemplate(line.path, context.versionSegment);
    if (read.kind === "unsupported") {
      context.report(page.file, "pathSegmentUnsupported", { line: line.line }, line.path, read.segment);
      continue;
    }
    for (const key of read.concreteKeys)
      context.report(page.file, "pathKeyConcrete", { line: line.line }, line.path, key);
    if (paths.some((path) => path.template === read.template)) continue;
    paths.push({
      template: read.template,
      segments: read.segments,
      ...(line.query ? { query: line.query } : {}),
      source: { file: page.file, line: line.line },
    });
  }
  return paths;
}

function describe(
  page: PageModel,
  id: string,
  method: HttpMethod,
  paths: OperationPath[],
  line: number,
  context: ModelContext,
  declarations: Declarations,
): BodyNotes & { operation: Operation } {
  const { body: requestBody, ...reading } =
    method === "GET" || method === "DELETE" ? {} : readRequestBody(page, context, declarations);
  const description = page.frontMatter.description;
  const operation: Operation = {
    id,
    title: page.title?.text ?? page.frontMatter.title ?? page.file,
    ...(description ? { description } : {}),
    method,
    paths,
    ...(requestBody ? { requestBody } : {}),
    response: readResponse(page, context, declarations),
    permissions: readPermissions(page),
    parameters: readParameters(page, context, declarations),
    requestHeaders: readRequestHeaders(page),
    examples: [],
    source: { file: page.file, line },
  };
  return { operation, ...reading };
}

/**
 * The Request body section: the type its prose names, else its table's parameters. A table none of whose rows is a
 * member of the type the prose names documents the body instead ("For each tiIndicator, supply a JSON representation
 * of a [tiIndicator] object" under a table `value | tiIndicator collection`).
 */
function readRequestBody(page: PageModel, context: ModelContext, declarations: Declarations): BodyReading {
  const typeName = declarations.requestBodyTypes.get(page.file);
  const otherMembers = writableOthers.test(page.requestBodyProse?.text ?? "");
  const reading = { ...(otherMembers ? { otherMembers } : {}) };
  const members = typeName ? declarations.members(typeName) : undefined;
  // Where the table restates the type's members it is not read again: the type's resource page defines them.
  if (typeName && (members === undefined ? !bodyTableRows(page) : restatesMembers(bodyTableRows(page) ?? [], members)))
    return { body: { kind: "type", type: { kind: "named", qualifiedName: typeName } }, ...reading };
  const table = readBodyTable(page, context, declarations);
  return { ...(table ? { body: { kind: "parameters", parameters: table } } : {}), ...reading };
}

/** The names the Request body table's rows give, read without reporting; undefined without a table or rows. */
function bodyTableRows(page: PageModel): Array<{ name: string }> | undefined {
  const table = page.tables.find((candidate) => candidate.kind === "requestBody");
  if (!table || table.rows.length === 0) return undefined;
  return table.rows.flatMap((row) => {
    const name = memberRowName(row, table);
    return name ? [{ name }] : [];
  });
}

/** A hash of the member names of a type and its base types, for keys of what weighs a table against them. */
function membersKey(declarations: Declarations, typeName: string | undefined): string | undefined {
  const members = typeName ? declarations.members(typeName) : undefined;
  return members && memoKey(...members);
}

interface BodyReading extends BodyNotes {
  readonly body?: RequestBody;
}

/** "Specify other writable properties as necessary", "You can specify any other writable x properties". */
const writableOthers = /\b(?:other|any)\b[^.]*\bwritable\b[^.]*\bpropert/i;

/** The Request body table's rows as parameters; undefined without a table or rows. */
function readBodyTable(
  page: PageModel,
  context: ModelContext,
  declarations: Declarations,
): BodyParameter[] | undefined {
  const table = page.tables.find((candidate) => candidate.kind === "requestBody");
  if (!table || table.rows.length === 0) return undefined;
  const namespace = page.namespace?.text ?? context.defaultNamespace;
  const parameters: BodyParameter[] = [];
  for (const row of table.rows) {
    const property = readPropertyRow(row, table, namespace, declarations.lookup, page, context);
    if (!property || parameters.some((parameter) => parameter.name === property.name)) continue;
    const requiredCell = columnCell(row, table, "required")?.text ?? "";
    // "Required." opens or closes the description, or a Required column says so.
    const description = property.description ?? "";
    const required =
      /^(yes|true|required)\b/i.test(requiredCell) ||
      /^required\b/i.test(description) ||
      /\brequired\.?$/i.test(description);
    parameters.push({
      name: property.name,
      type: property.type,
      required,
      ...(property.description ? { description: property.description } : {}),
    });
  }
  return parameters;
}

function readResponse(page: PageModel, context: ModelContext, declarations: Declarations): ResponseShape {
  const prose = page.responseProse;
  const text = prose?.text ?? "";
  const status = Number(/\b([1-5]\d\d)\s+[A-Z]/.exec(text)?.[1] ?? 0) || undefined;
  const namespace = page.namespace?.text ?? context.defaultNamespace;
  let type: TypeRef | undefined;
  for (const link of prose?.links ?? []) {
    const found = link.value.page ? declarations.lookup.byPage(link.value.page, link.value.url) : undefined;
    if (found) {
      type = { kind: "named", qualifiedName: found };
      break;
    }
  }
  if (!type) {
    for (const match of text.matchAll(/\b([A-Za-z_][\w.]*)\s+(?:object|objects|collection|entity|resource)\b/g)) {
      const found = declarations.lookup.byName(match[1]!, namespace);
      if (found) {
        type = { kind: "named", qualifiedName: found };
        break;
      }
    }
  }
  const annotated = page.examples
    .map((example) => example.response?.annotation)
    .find((annotation) => annotation?.odataType);
  if (!type && annotated?.odataType && status !== 204) {
    const fromAnnotation = readTypeText(annotated.odataType, [], namespace, declarations.lookup);
    if (fromAnnotation.kind === "named") type = fromAnnotation;
  }
  const collection = /\bcollection\b/i.test(text) || (annotated?.isCollection ?? false);
  const noContent = status === 204 || (!status && /\bno content\b/i.test(text));
  if (noContent) return { status: 204, collection: false };
  if (!type && prose && /\b(object|objects|collection)\b/i.test(text)) {
    context.report(page.file, "responseTypeUnknown", { line: prose.line });
  }
  return { status: status ?? 200, ...(type ? { type } : {}), collection: collection && type !== undefined };
}

const parameterTables = { pathParameters: "path", functionParameters: "function", queryParameters: "query" } as const;

/** Path, Function and Query parameters tables: a name, a type where the table has one, Required or Optional. */
function readParameters(page: PageModel, context: ModelContext, declarations: Declarations): OperationParameter[] {
  const parameters: OperationParameter[] = [];
  const namespace = page.namespace?.text ?? context.defaultNamespace;
  for (const table of page.tables) {
    const where =
      table.kind in parameterTables ? parameterTables[table.kind as keyof typeof parameterTables] : undefined;
    if (!where) continue;
    for (const row of table.rows) {
      const name = /^[$@]?[A-Za-z_][\w.-]*/.exec((columnCell(row, table, "name") ?? row.cells[0])?.text ?? "")?.[0];
      if (!name || parameters.some((parameter) => parameter.in === where && parameter.name === name)) continue;
      const typeCell = columnCell(row, table, "type");
      const property = typeCell
        ? readPropertyRow(row, table, namespace, declarations.lookup, page, context)
        : undefined;
      const description =
        columnCell(row, table, "description")?.text || columnCell(row, table, "value")?.text || undefined;
      const requiredCell = columnCell(row, table, "required")?.text ?? "";
      parameters.push({
        in: where,
        name,
        ...(property ? { type: property.type } : {}),
        required:
          where === "path" || /^(yes|true|required)\b/i.test(requiredCell) || /\brequired\b/i.test(description ?? ""),
        ...(description ? { description } : {}),
      });
    }
  }
  return parameters;
}

/** The Request headers table: `Header|Value` or `Name|Description`. */
function readRequestHeaders(page: PageModel): RequestHeader[] {
  const table = page.tables.find((candidate) => candidate.kind === "requestHeaders");
  if (!table) return [];
  return table.rows.flatMap((row) => {
    const name = /^[A-Za-z][\w-]*/.exec(row.cells[0]?.text ?? "")?.[0];
    if (!name) return [];
    const description =
      row.cells
        .slice(1)
        .map((cell) => cell.text)
        .filter((text) => text !== "")
        .join(" ") || undefined;
    return [
      {
        name,
        ...(description ? { description } : {}),
        required: /\brequired\b/i.test(description ?? "") && !/\boptional\b/i.test(description ?? ""),
      },
    ];
  });
}

function readPermissions(page: PageModel): Permission[] {
  const table = page.tables.find((candidate) => candidate.kind === "permissions");
  if (!table) return [];
  return table.rows.map((row) => ({
    kind: row.cells[0]?.text ?? "",
    scopes: (row.cells[1]?.text ?? "")
      .split(/[,;]|\s+and\s+|\s+or\s+/)
      .map((scope) => scope.trim().replace(/\.$/, ""))
      .filter((scope) => /^[A-Za-z][\w.-]*$/.test(scope) && !/^(not|none|n\/a)$/i.test(scope)),
  }));
}

/** Two pages documenting the same method and path: both are kept, the first defines the emitted signature. */
function reportDuplicates(operations: Operation[], context: ModelContext): void {
  const seen = new Map<string, Operation>();
  for (const operation of operations) {
    for (const path of operation.paths) {
      const key = `${operation.method} ${path.template.toLowerCase().replace(/\{[^}]*\}/g, "{}")}`;
      const first = seen.get(key);
      if (first && first.source.file !== operation.source.file) {
        context.report(
          path.source.file,
          "operationDuplicate",
          { line: path.source.line },
          operation.method,
          path.template,
          first.source.file,
        );
      } else if (!first) seen.set(key, operation);
    }
  }
}
