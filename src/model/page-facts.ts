/**
 * What the model reads of every page on every run to decide what there is to derive: the names a page gives, the
 * outline of its tables, syntax blocks and examples. The rest of a page is read only by a derivation the memo does
 * not hold, so a run after an edit reads the pages edited rather than the whole docs set (generate.ts keeps the
 * facts in the cache beside the PageModels).
 */
import type { Diagnostic } from "../diagnostics/index.js";
import type {
  Annotation,
  FrontMatter,
  Located,
  LocatedText,
  PageKind,
  PageModel,
  Prose,
  TableKind,
} from "../parse/index.js";

export interface PageFacts {
  readonly file: string;
  readonly kind: PageKind;
  readonly frontMatter: Pick<FrontMatter, "title">;
  readonly title?: LocatedText;
  readonly namespace?: LocatedText;
  readonly resourceAnnotation?: Located<Annotation>;
  readonly requestBodyProse?: Prose;
  readonly tables: readonly TableOutline[];
  /** The number of lines of each HTTP syntax block. */
  readonly syntaxBlocks: readonly number[];
  readonly examples: readonly ExampleOutline[];
  /** Whether the page has INCLUDE lines (resolved by a derivation, which reports those it cannot resolve). */
  readonly includes: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

export interface TableOutline {
  readonly kind: TableKind;
  readonly line: number;
  /** The title of the section the table sits in, or "". */
  readonly heading: string;
  readonly rows: number;
  /** For a Methods table, the pages of the docs set its first column links. */
  readonly linked?: readonly string[];
}

export interface ExampleOutline {
  /** Whether the example is named (by its annotation) rather than numbered. */
  readonly named: boolean;
  /** Of its request and response bodies: those that look like JSON, and those read as JSON. */
  readonly jsonBodies: number;
  readonly jsonBodiesRead: number;
  /** Whether its request URL is a path with no host (`GET /me/drives`): written as a path of the API. */
  readonly relative: boolean;
}

export function pageFacts(page: PageModel): PageFacts {
  const bodies = (example: PageModel["examples"][number]) =>
    [example.request?.body, example.response?.body].filter(
      (body) => body !== undefined && (body.json !== undefined || /^\s*[[{]/.test(body.text)),
    );
  return {
    file: page.file,
    kind: page.kind,
    frontMatter: page.frontMatter.title === undefined ? {} : { title: page.frontMatter.title },
    ...(page.title ? { title: page.title } : {}),
    ...(page.namespace ? { namespace: page.namespace } : {}),
    ...(page.resourceAnnotation ? { resourceAnnotation: page.resourceAnnotation } : {}),
    ...(page.requestBodyProse ? { requestBodyProse: page.requestBodyProse } : {}),
    tables: page.tables.map((table) => ({
      kind: table.kind,
      line: table.line,
      heading: table.section >= 0 ? page.sections[table.section]!.title : "",
      rows: table.rows.length,
      ...(table.kind === "methods"
        ? { linked: table.rows.flatMap((row) => (row.cells[0]?.links ?? []).flatMap((link) => link.page ?? [])) }
        : {}),
    })),
    syntaxBlocks: page.httpSyntax.map((block) => block.lines.length),
    examples: page.examples.map((example) => {
      const json = bodies(example);
      return {
        named: example.name !== undefined,
        jsonBodies: json.length,
        jsonBodiesRead: json.filter((body) => body!.json !== undefined).length,
        relative: example.request !== undefined && isRelativeUrl(example.request.url),
      };
    }),
    includes: page.includes.length > 0,
    diagnostics: page.diagnostics,
  };
}

/** `/me/drives`, not `https://graph.microsoft.com/v1.0/me/drives` nor `//host/me`. */
export function isRelativeUrl(url: string): boolean {
  return /^\/(?!\/)/.test(url.trim());
}
