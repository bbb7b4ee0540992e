/**
 * Paths for API pages whose syntax block is empty (machine-generated stubs). The page's siblings know the path:
 * the other pages listed in the Methods table that links this page, or else the operations on the same type.
 * A page that updates, deletes or gets one item takes its siblings' item paths (ending in a key); one that creates
 * or lists takes their collection paths. Where an example URL has a path, it picks among the candidates.
 */
import type { HttpMethod, PageModel } from "../parse/index.js";
import type { Operation, OperationPath } from "./api-model.js";
import type { ModelContext } from "./context.js";
import type { Declarations } from "./declarations.js";
import { examplePath, matchTemplate } from "./paths.js";
import { addTo } from "../util/group.js";

export interface RecoveredPaths {
  readonly method: HttpMethod;
  readonly paths: OperationPath[];
  /** Where the paths came from, for the diagnostic: "the Methods table of `x.md`". */
  readonly from: string;
}

export function recoverPaths(
  page: PageModel,
  operations: readonly Operation[],
  context: ModelContext,
  declarations: Declarations,
): RecoveredPaths | undefined {
  const method = methodOf(page);
  if (!method) return undefined;
  const itemAddressed =
    method === "PATCH" ||
    method === "PUT" ||
    method === "DELETE" ||
    (method === "GET" && !/^list\b/i.test(titleOf(page)));
  const exampleUrls = page.examples
    .map((example) => example.request)
    .filter((request) => request?.method === method)
    .map((request) => examplePath(request!.url, context.versionSegment))
    .filter((path): path is string => path !== undefined && path !== "/");

  for (const source of siblingSources(page, operations, context, declarations)) {
    const candidates: OperationPath[] = [];
    for (const operation of source.operations) {
      for (const path of operation.paths) {
        const last = path.segments[path.segments.length - 1];
        if (!last || (last.kind === "key" || last.kind === "itemPath") !== itemAddressed) continue;
        if (candidates.some((candidate) => candidate.template === path.template)) continue;
        candidates.push(path);
      }
    }
    if (candidates.length === 0) continue;
    const matching = candidates.filter((path) => exampleUrls.some((url) => matchTemplate(path.segments, url)));
    return { method, paths: matching.length > 0 ? matching : candidates, from: source.description };
  }
  return undefined;
}

function titleOf(page: PageModel): string {
  return page.title?.text ?? page.frontMatter.title ?? "";
}

/** The method of the page's examples, else the verb its title starts with. */
function methodOf(page: PageModel): HttpMethod | undefined {
  const fromExample = page.examples.find((example) => example.request)?.request?.method;
  if (fromExample) return fromExample;
  const verb = /^(\w+)/.exec(titleOf(page))?.[1]?.toLowerCase();
  switch (verb) {
    case "update":
      return "PATCH";
    case "delete":
    case "remove":
      return "DELETE";
    case "create":
    case "add":
      return "POST";
    case "get":
    case "list":
      return "GET";
    default:
      return undefined;
  }
}

interface SiblingSource {
  readonly description: string;
  readonly operations: Operation[];
}

/** Methods tables that link the page first, then the operations on the type the page's body or response names. */
function* siblingSources(
  page: PageModel,
  operations: readonly Operation[],
  context: ModelContext,
  declarations: Declarations,
): Generator<SiblingSource> {
  const byFile = new Map<string, Operation[]>();
  for (const operation of operations) addTo(byFile, operation.source.file, operation);
  for (const other of context.pages) {
    for (const table of other.tables) {
      // A link that differs from a page's path only in case names that page.
      const linked = table.linked?.map((file) => context.resolvePage(file) ?? file);
      if (!linked?.includes(page.file)) continue;
      const siblings = linked.filter((file) => file !== page.file).flatMap((file) => byFile.get(file) ?? []);
      if (siblings.length > 0)
        yield {
          description: `the pages listed with it in the Methods table of \`${other.file}\``,
          operations: siblings,
        };
    }
  }
  const typeName = declarations.requestBodyTypes.get(page.file);
  if (typeName) {
    const sameType = operations.filter((operation) => {
      const response = operation.response.type;
      const body = operation.requestBody?.kind === "type" ? operation.requestBody.type : undefined;
      return (
        (response?.kind === "named" && response.qualifiedName === typeName) ||
        (body?.kind === "named" && body.qualifiedName === typeName)
      );
    });
    if (sameType.length > 0) yield { description: `the operations on \`${typeName}\``, operations: sameType };
  }
}
