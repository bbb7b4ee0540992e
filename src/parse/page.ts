/**
 * One page's text -> PageModel. Walks the blocks of the markdown tree in document order, keeping track of the
 * section each block sits in, and hands tables, annotations, code blocks and prose to their readers. Pure: it knows
 * nothing of other pages, so its result can be cached by content and computed in a worker.
 */
import type { Code, Definition, Heading, Html, Nodes, Paragraph, Root, RootContent } from "mdast";
import { toString } from "mdast-util-to-string";
import remarkFrontmatter from "remark-frontmatter";
import remarkParse from "remark-parse";
import { unified } from "unified";
import {
  compareDiagnostics,
  createDiagnostic,
  DiagnosticBag,
  type DiagnosticName,
  type Position,
} from "../diagnostics/index.js";
import { readAnnotation } from "./annotations.js";
import { readExamples, type ExampleBlock } from "./examples.js";
import { pageKindOfDocType, readFrontMatter } from "./front-matter.js";
import { looksLikeRequest, looksLikeResponse, looksLikeSyntax, readSyntaxBlock } from "./http-message.js";
import { resolvePageLink, toLink } from "./links.js";
import type {
  Annotation,
  HttpSyntaxBlock,
  HttpSyntaxLine,
  Include,
  Link,
  Located,
  PageKind,
  PageModel,
  RepresentationMember,
  Prose,
  Section,
  Table,
} from "./page-model.js";
import { readRepresentation } from "./representation.js";
import { cleanText, collectLinks, readTable } from "./tables.js";
import { findUnclosedFence } from "./fences.js";
import { parseWithOpaqueCode } from "./opaque-code.js";
import { parseByRuns, RunCache } from "./repeated-blocks.js";
import remarkGfmTable from "./gfm-table.js";
import { findTemplateLeftovers } from "./template-text.js";
import { boundNestingText, boundTreeDepth, cutDepth, maxTreeDepth } from "./depth.js";

const processor = unified().use(remarkParse).use(remarkGfmTable).use(remarkFrontmatter, ["yaml"]).freeze();

/** Runs of blocks this thread has parsed, for the pages that repeat them. */
const runCache = new RunCache();
const parseRun = (text: string): Root => boundTreeDepth(processor.parse(boundNestingText(text)));

export function parseMarkdown(text: string): Root {
  return parseWithOpaqueCode(text, (markdown) => parseByRuns(markdown, parseRun, runCache));
}

export function parsePage(file: string, text: string): PageModel {
  const source = text.replace(/\r\n?/g, "\n");
  const root = parseMarkdown(source);
  const fence = findUnclosedFence(source, root);
  if (!fence) return new PageReader(file, source, root).read();
  // Read the repaired page, but report (and scan for template text) against what was written.
  const repaired = fence.text ?? source;
  const reader = new PageReader(file, repaired, fence.text ? parseMarkdown(repaired) : root);
  if (fence.closedBefore)
    reader.report("codeFenceUnclosed", { line: fence.line }, `it is closed before line ${fence.closedBefore}`);
  else reader.report("codeFenceUnclosed", { line: fence.line }, "the rest of the page is read as code");
  return reader.read();
}

/**
 * `parsePage` that never throws: a page the parser chokes on (a bug, not bad docs) is reported and read as an
 * empty page, so one page cannot stop a run.
 */
export function parsePageSafely(file: string, text: string): PageModel {
  try {
    return parsePage(file, text);
  } catch (error) {
    return {
      file,
      kind: "conceptual",
      frontMatter: { line: 1 },
      sections: [],
      tables: [],
      httpSyntax: [],
      examples: [],
      links: [],
      includes: [],
      diagnostics: [createDiagnostic("pageParseFailed", file, { line: 1 }, (error as Error).message)],
    };
  }
}

interface PendingAnnotation {
  readonly annotation: Annotation;
  readonly line: number;
  /** What stood between the annotation and the next code block, if anything did. */
  interruptedBy?: string;
}

class PageReader {
  private readonly diagnostics: DiagnosticBag;
  private readonly definitions = new Map<string, Definition>();
  private readonly sections: Section[] = [];
  private readonly tables: Table[] = [];
  private readonly httpSyntax: HttpSyntaxBlock[] = [];
  private readonly exampleBlocks: ExampleBlock[] = [];
  /** Blocks of `METHOD /path` lines outside the HTTP request and example sections of an API page. */
  private readonly syntaxElsewhere: { content: string; line: number; section: number; request: boolean }[] = [];
  private readonly links: Located<Link>[] = [];
  private readonly includes: Include[] = [];
  private title: { line: number; text: string } | undefined;
  private namespace: { line: number; text: string } | undefined;
  private resourceAnnotation: Located<Annotation> | undefined;
  private representation: RepresentationMember[] | undefined;
  private inheritsFrom: Located<Link> | undefined;
  private requestBodyProse: { line: number; texts: string[]; links: Located<Link>[] } | undefined;
  private responseProse: { line: number; texts: string[]; links: Located<Link>[] } | undefined;
  private currentSection = -1;
  private pending: PendingAnnotation | undefined;
  private kind: PageKind = "conceptual";

  constructor(
    private readonly file: string,
    private readonly source: string,
    private readonly root: Root,
  ) {
    this.diagnostics = new DiagnosticBag(file);
  }

  report(name: DiagnosticName, position: Position, ...args: string[]): void {
    this.diagnostics.report(name, position, ...args);
  }

  read(): PageModel {
    const yamlNode = this.root.children[0]?.type === "yaml" ? this.root.children[0] : undefined;
    const frontMatterRead = readFrontMatter(yamlNode?.value, yamlNode?.position?.start.line ?? 1);
    if (frontMatterRead.error)
      this.diagnostics.report(
        "frontMatterInvalid",
        { line: frontMatterRead.error.line },
        frontMatterRead.error.message,
      );
    for (const leftover of findTemplateLeftovers(this.source)) {
      this.diagnostics.report("templateLeftover", leftover, leftover.text);
    }
    this.collectDefinitionsAndLinks(this.root);
    const docTypeKind = pageKindOfDocType(frontMatterRead.frontMatter.docType);
    const syntaxSection = this.hasSyntaxSection();
    const structure = syntaxSection ? "api" : this.inferKind();
    this.kind = docTypeKind ?? structure;
    if (!docTypeKind) {
      this.diagnostics.report(
        "pageKindInferred",
        { line: frontMatterRead.frontMatter.line },
        frontMatterRead.frontMatter.docType ? `\`${frontMatterRead.frontMatter.docType}\`` : "none given",
        this.kind,
      );
    } else if (contradicts(docTypeKind, structure, syntaxSection)) {
      this.kind = structure;
      this.diagnostics.report(
        "pageKindContradicted",
        { line: frontMatterRead.frontMatter.line },
        frontMatterRead.frontMatter.docType!,
        structure,
      );
    }

    for (const node of blocks(this.root)) this.visit(node);
    this.reportEmptySection(1);
    this.flushPending();
    this.addSyntaxByStructure();
    if (!this.title && this.kind !== "conceptual") this.diagnostics.report("titleMissing", { line: 1 });
    if (this.kind === "api" && this.httpSyntax.length === 0 && this.sectionIndex(/^http requests?\b/i) < 0) {
      this.diagnostics.report("syntaxMissing", { line: this.title?.line ?? 1 });
    }
    const examples = readExamples(this.exampleBlocks, this.diagnostics);

    return {
      file: this.file,
      kind: this.kind,
      frontMatter: frontMatterRead.frontMatter,
      ...(this.title ? { title: this.title } : {}),
      ...(this.namespace ? { namespace: this.namespace } : {}),
      sections: this.sections,
      tables: this.tables,
      httpSyntax: this.httpSyntax,
      examples,
      ...(this.resourceAnnotation ? { resourceAnnotation: this.resourceAnnotation } : {}),
      ...(this.representation ? { representation: this.representation } : {}),
      ...(this.inheritsFrom ? { inheritsFrom: this.inheritsFrom } : {}),
      ...(this.requestBodyProse ? { requestBodyProse: toProse(this.requestBodyProse) } : {}),
      ...(this.responseProse ? { responseProse: toProse(this.responseProse) } : {}),
      links: this.links,
      includes: this.includes,
      diagnostics: this.diagnostics.items.sort(compareDiagnostics),
    };
  }

  /** A page without a usable doc_type is read by what it contains. */
  private inferKind(): PageKind {
    const headings = this.root.children
      .filter((node): node is Heading => node.type === "heading")
      .map((node) => cleanText(toString(node)));
    const title = headings[0] ?? "";
    if (headings.some((heading) => /^http requests?\b/i.test(heading))) return "api";
    if (/\b(values|enum type|enumeration)$/i.test(title)) return "enum";
    if (/resource type$/i.test(title) || headings.some((heading) => /^properties$/i.test(heading))) return "resource";
    // Who may call it: an API page that documents its calls in sections of their own or only by example.
    if (headings.some((heading) => /^permissions$/i.test(heading))) return "api";
    return "conceptual";
  }

  /** Whether an `HTTP request` section holds a block of `METHOD /path` lines: the page documents a call. */
  private hasSyntaxSection(): boolean {
    const open: { depth: number; syntax: boolean }[] = [];
    for (const node of blocks(this.root)) {
      if (node.type === "heading" && !isTabMarker(node)) {
        while (open.length > 0 && open[open.length - 1]!.depth >= node.depth) open.pop();
        const syntax = /^http requests?\b/i.test(cleanText(toString(node)));
        open.push({ depth: node.depth, syntax: syntax || (open[open.length - 1]?.syntax ?? false) });
      } else if (node.type === "code" && open[open.length - 1]?.syntax && looksLikeSyntax(node.value)) return true;
    }
    return false;
  }

  /** Reads the link definitions (and reports where the tree was cut at its depth bound), then the links. */
  private collectDefinitionsAndLinks(root: Root): void {
    const stack: Nodes[] = [root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === "definition") this.definitions.set(node.identifier.toLowerCase(), node);
      if (cutDepth(node) !== undefined) {
        this.report("nestingTooDeep", { line: node.position?.start.line ?? 1 }, String(maxTreeDepth));
      }
      // Children pushed last first, so that they are visited in document order (a later definition wins).
      if ("children" in node)
        for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index]!);
    }
    this.collectPageLinks(root);
  }

  private collectPageLinks(node: Nodes): void {
    if (node.type === "link" || node.type === "linkReference") {
      const url = node.type === "link" ? node.url : this.definitions.get(node.identifier.toLowerCase())?.url;
      if (url !== undefined) {
        const link = toLink(cleanText(toString(node)), url, this.file);
        if (link.page && !url.startsWith("#")) this.links.push({ line: node.position?.start.line ?? 0, value: link });
      }
      return;
    }
    if ("children" in node) for (const child of node.children) this.collectPageLinks(child);
  }

  private visit(node: RootContent): void {
    if (node.type !== "heading" && node.type !== "yaml" && node.type !== "definition") this.sectionHasContent = true;
    switch (node.type) {
      case "heading":
        return this.visitHeading(node);
      case "html":
        return this.visitHtml(node);
      case "code":
        return this.visitCode(node);
      case "table": {
        this.interruptPending("a table");
        const read = readTable(node, {
          file: this.file,
          pageKind: this.kind,
          headings: this.headingChain(),
          section: this.currentSection,
          definitions: this.definitions,
        });
        for (const row of read.ragged) {
          this.diagnostics.report("tableRowMalformed", { line: row.line }, row.cells, read.table.header.length);
        }
        if (
          read.table.kind === "permissions" &&
          read.table.rows.every((row) => row.cells.slice(1).every((cell) => cell.text === ""))
        ) {
          this.diagnostics.report("permissionsEmpty", { line: read.table.line });
        }
        this.tables.push(read.table);
        return;
      }
      case "paragraph":
        this.interruptPending("a paragraph");
        return this.visitParagraph(node);
      default:
        return;
    }
  }

  private visitHeading(node: Heading): void {
    const text = cleanText(toString(node));
    const line = node.position?.start.line ?? 0;
    // docfx tab markers (`# [HTTP](#tab/http)`) are written as headings but open no section.
    if (isTabMarker(node)) return;
    this.reportEmptySection(node.depth);
    if (this.pending) this.pending.interruptedBy ??= `the heading "${text}"`;
    if (node.depth === 1 && !this.title) {
      this.title = { line, text };
    }
    let parent = this.currentSection;
    while (parent >= 0 && this.sections[parent]!.depth >= node.depth) parent = this.sections[parent]!.parent;
    this.sections.push({ title: text, depth: node.depth, line, parent });
    this.currentSection = this.sections.length - 1;
    this.sectionHasContent = false;
  }

  private sectionHasContent = true;

  /** A section whose heading is followed by nothing before a heading of its level or higher (or the end). */
  private reportEmptySection(nextDepth: number): void {
    const section = this.sections[this.currentSection];
    if (section && !this.sectionHasContent && nextDepth <= section.depth) {
      this.diagnostics.report("sectionEmpty", { line: section.line }, section.title);
    }
  }

  private visitHtml(node: Html): void {
    const read = readAnnotation(node.value);
    const line = node.position?.start.line ?? 0;
    if (read.kind === "none") return;
    if (read.kind === "invalid") {
      this.diagnostics.report("annotationInvalid", { line }, read.message);
      return;
    }
    if (read.repairs.length > 0) this.diagnostics.report("annotationRepaired", { line }, read.repairs.join(", "));
    if (read.pageLevel) return;
    this.flushPending();
    this.pending = { annotation: read.annotation, line };
  }

  private visitCode(node: Code): void {
    const pending = this.pending;
    this.pending = undefined;
    const blockLine = node.position?.start.line ?? 0;
    if (pending?.interruptedBy) {
      this.diagnostics.report("annotationDetached", { line: pending.line }, pending.interruptedBy, blockLine);
    }
    const annotation = pending?.annotation;
    const blockType = annotation?.blockType?.toLowerCase();
    const content = node.value;
    const firstLine = blockLine + 1;
    if (blockType === "resource") {
      if (!this.resourceAnnotation) {
        this.resourceAnnotation = { line: pending!.line, value: annotation! };
        this.representation = readRepresentation(content, firstLine);
      }
      return;
    }
    const inSyntaxSection = this.inSection(/^http requests?\b/i);
    // An interactive request in the HTTP request section, with no host, is the syntax of the call; on an API page it
    // is an example too where a response answers it (one request line, nothing else).
    if (blockType === "request" && inSyntaxSection && looksLikeSyntax(content)) {
      this.readSyntax(content, blockLine, firstLine);
      if (this.kind === "api" && !content.trim().includes("\n"))
        this.exampleBlocks.push({ role: "request", firstLine, content, annotation: annotation!, ifAnswered: true });
      return;
    }
    // Elsewhere outside the examples (a section per way to call it), such a block may be syntax too: which count is
    // decided once the page is read (addSyntaxByStructure). A request-annotated one stays an example as well.
    if (
      this.kind === "api" &&
      !inSyntaxSection &&
      !this.inSection(/^examples?\b|^request$|^response$/i) &&
      looksLikeSyntax(content)
    ) {
      const request = blockType === "request";
      this.syntaxElsewhere.push({ content, line: blockLine, section: this.currentSection, request });
      if (!request) return;
    }
    if (blockType === "request" || blockType === "response") {
      this.exampleBlocks.push({ role: blockType, firstLine, content, ...(annotation ? { annotation } : {}) });
      return;
    }
    const lang = (node.lang ?? "").toLowerCase();
    if (inSyntaxSection) {
      if (
        lang === "" ||
        lang === "http" ||
        lang === "msgraph-interactive" ||
        looksLikeRequest(content) ||
        content.trim() === ""
      ) {
        this.readSyntax(content, blockLine, firstLine);
      }
      return;
    }
    if (this.inSection(/^examples?\b|^request$|^response$/i)) {
      if (looksLikeRequest(content))
        this.exampleBlocks.push({ role: "request", firstLine, content, ...(annotation ? { annotation } : {}) });
      else if (looksLikeResponse(content))
        this.exampleBlocks.push({
          role: "response",
          firstLine,
          content,
          ...(annotation ? { annotation } : {}),
          // `"blockType": "ignored"` on a response: a follow-up message (after a redirect) rather than an example.
          ...(blockType === "ignored" ? { ignored: true } : {}),
        });
    }
  }

  private readSyntax(content: string, blockLine: number, firstLine: number): void {
    const read = readSyntaxBlock(content, firstLine);
    for (const invalid of read.invalid)
      this.diagnostics.report("syntaxLineInvalid", { line: invalid.line }, invalid.text);
    for (const relative of read.relative)
      this.diagnostics.report("syntaxPathRelative", { line: relative.line }, relative.path);
    if (read.lines.length === 0 && read.invalid.length === 0)
      this.diagnostics.report("syntaxBlockEmpty", { line: blockLine });
    this.httpSyntax.push({ line: blockLine, section: this.currentSection, lines: read.lines });
  }

  /**
   * Syntax blocks found by their structure outside the HTTP request sections. A page with syntax lines of its own
   * takes its request-annotated ones, for the lines it does not list yet (a section per path, each with its
   * request); an unannotated block there (a remark showing another call, a query option) is not the page's call. A
   * page without syntax lines takes its unannotated ones (a section per way to call it, no `HTTP request` heading);
   * its request-annotated ones stay examples, and the model reads their paths.
   */
  private addSyntaxByStructure(): void {
    const listed = new Set(this.httpSyntax.flatMap((block) => block.lines.map(syntaxKey)));
    const ownLines = listed.size > 0;
    for (const block of this.syntaxElsewhere) {
      if (block.request !== ownLines) continue;
      const lines = readSyntaxBlock(block.content, block.line + 1).lines.filter((line) => !listed.has(syntaxKey(line)));
      if (lines.length === 0) continue;
      for (const line of lines) listed.add(syntaxKey(line));
      this.httpSyntax.push({ line: block.line, section: block.section, lines });
    }
    this.httpSyntax.sort((a, b) => a.line - b.line);
  }

  private visitParagraph(node: Paragraph): void {
    const text = cleanText(toString(node));
    const line = node.position?.start.line ?? 0;
    if (/^\[!INCLUDE/i.test(text)) {
      // One INCLUDE per line; consecutive lines make one paragraph.
      for (let at = line; at <= (node.position?.end.line ?? line); at++) {
        const include = /^\s*\[!INCLUDE\s*\[([^\]]*)\]\(([^)]+)\)\s*\]/i.exec(this.sourceLine(at));
        if (!include) continue;
        const url = include[2]!.trim();
        const page = resolvePageLink(this.file, url);
        this.includes.push({
          line: at,
          section: this.currentSection,
          name: include[1]!,
          url,
          ...(page ? { page } : {}),
        });
      }
      return;
    }
    if (!this.namespace) {
      const namespace = /^namespace\s*:\s*([A-Za-z][\w.]*)/i.exec(text);
      if (namespace) this.namespace = { line, text: namespace[1]! };
    }
    const links: Link[] = [];
    collectLinks(node.children, { file: this.file, definitions: this.definitions }, links);
    const located = links.map((value) => ({ line, value }));
    const inherits = /\binherits from\b/i.exec(text);
    if (!this.inheritsFrom && inherits) {
      // The base is what the sentence names after "inherits from": "The [x](x.md) resource inherits from this base
      // type" names a derived type before it.
      let cursor = 0;
      const target = links.find((link) => {
        const at = text.indexOf(link.text, cursor);
        if (at >= 0) cursor = at + link.text.length;
        return link.page !== undefined && at > inherits.index;
      });
      if (target) this.inheritsFrom = { line, value: target };
    }
    if (this.inSection(/^request body$/i) && !this.inSection(/^examples?\b/i)) {
      this.requestBodyProse ??= { line, texts: [], links: [] };
      if (this.requestBodyProse.texts.length < 4) {
        this.requestBodyProse.texts.push(text);
        this.requestBodyProse.links.push(...located);
      }
    }
    if (this.inSection(/^responses?$/i) && !this.inSection(/^examples?\b/i)) {
      this.responseProse ??= { line, texts: [], links: [] };
      if (this.responseProse.texts.length < 4) {
        this.responseProse.texts.push(text);
        this.responseProse.links.push(...located);
      }
    }
  }

  /** Something stands between an annotation and its code block: it still attaches, with a diagnostic. */
  private interruptPending(what: string): void {
    if (this.pending) this.pending.interruptedBy ??= what;
  }

  /** An annotation that meets no code block before the next annotation or the end of the page is an orphan. */
  private flushPending(): void {
    const pending = this.pending;
    this.pending = undefined;
    if (!pending) return;
    const blockType = pending.annotation.blockType?.toLowerCase();
    if (blockType === "request" || blockType === "response" || blockType === "resource") {
      this.diagnostics.report("annotationOrphan", { line: pending.line }, blockType);
    }
  }

  private sourceLine(line: number): string {
    return (this.lines ??= this.source.split("\n"))[line - 1] ?? "";
  }

  private lines: string[] | undefined;

  private headingChain(): string[] {
    const chain: string[] = [];
    for (let i = this.currentSection; i >= 0; i = this.sections[i]!.parent) chain.push(this.sections[i]!.title);
    return chain;
  }

  private inSection(pattern: RegExp): boolean {
    return this.headingChain().some((title) => pattern.test(title));
  }

  private sectionIndex(pattern: RegExp): number {
    return this.sections.findIndex((section) => pattern.test(section.title));
  }
}

/** Block nodes in document order; lists and block quotes are looked into, since tables and code sit inside them. */
function* blocks(parent: { children: Nodes[] }): Generator<RootContent> {
  for (const node of parent.children) {
    if (node.type === "list" || node.type === "listItem" || node.type === "blockquote") yield* blocks(node);
    else yield node as RootContent;
  }
}

function syntaxKey(line: HttpSyntaxLine): string {
  return `${line.method} ${line.path.toLowerCase()}`;
}

function isTabMarker(node: Heading): boolean {
  const only = node.children.length === 1 ? node.children[0] : undefined;
  return only?.type === "link" && only.url.startsWith("#tab/");
}

function toProse(prose: { line: number; texts: string[]; links: Located<Link>[] }): Prose {
  return { line: prose.line, text: prose.texts.join("\n"), links: prose.links };
}

/**
 * A doc_type that the page's structure plainly contradicts: an "API" page with no HTTP request section that
 * documents a resource type, or a page of another kind whose HTTP request section holds syntax lines.
 */
function contradicts(docType: PageKind, structure: PageKind, syntaxSection: boolean): boolean {
  return (docType === "api" && structure === "resource") || (docType !== "api" && syntaxSection);
}
