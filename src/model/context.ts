/**
 * What every model pass reads: the facts of the pages in path order, the whole page where a derivation needs it,
 * the docs set's default namespace, one place to report diagnostics against any page, and the memo of what earlier
 * runs derived (`derive`), so that a run after an edit derives again only what reads the pages edited.
 */
import * as crypto from "node:crypto";
import { createDiagnostic, type Diagnostic, type DiagnosticName, type Position } from "../diagnostics/index.js";
import type { PageModel } from "../parse/index.js";
import { CaseTolerantMap } from "./case-tolerant-map.js";
import { pageFacts, type PageFacts } from "./page-facts.js";

export interface ModelOptions {
  /** The service root the docs' example URLs are written against: `https://graph.microsoft.com/beta`. */
  readonly baseUrl: string;
  /**
   * What passes derived in earlier runs, for them to take instead of deriving it again (generate.ts keeps it in the
   * cache). Each entry is keyed by a hash of all the derivation read: page keys, and hashes of what it reads of the
   * rest of the model.
   */
  readonly memo?: ModelMemo;
  /** The key of each page (a hash of its path and text), by path. Nothing of a page without one is memoized. */
  readonly pageKeys?: ReadonlyMap<string, string>;
}

/** Derivations of earlier runs by key: `get` answers what `set` stored under the key then, or undefined. */
export interface ModelMemo {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/**
 * What a memoized derivation gave: its value, and what it reported and counted meanwhile. Each is left out when
 * there is nothing (most derivations report nothing and count nothing): every run reads the whole memo.
 */
interface Derivation {
  /** Left out when undefined: the memo is kept as JSON. */
  readonly value?: unknown;
  readonly diagnostics?: Diagnostic[];
  readonly coverage?: Coverage;
}

/** How much of what the pages document made it into the model, for the report. */
export interface Coverage {
  /** Data rows of the Properties and Relationships tables of the types the model declares. */
  propertyRows: number;
  /** Those rows that became a member (of the type, or of its base type for a restated inherited member). */
  propertyRowsRead: number;
  /** Type cells of every table read (properties, relationships, request bodies), and those naming a known type. */
  typeCells: number;
  typeCellsKnown: number;
}

/** The pages of a docs set: the facts of each, and the whole page when a derivation needs it. */
export interface PageSource {
  readonly facts: readonly PageFacts[];
  load(file: string): PageModel;
}

export class ModelContext {
  readonly coverage: Coverage = { propertyRows: 0, propertyRowsRead: 0, typeCells: 0, typeCellsKnown: 0 };
  /** The facts of every page, in path order (of a page that includes others, with their tables). */
  readonly pages: PageFacts[];
  readonly pageByFile: ReadonlyMap<string, PageFacts>;
  /** The namespace of pages that state none: the one most pages state, or state one below. */
  readonly defaultNamespace: string;
  readonly diagnostics: Diagnostic[] = [];
  /**
   * The INCLUDEs of files outside the docs set, by page in path order: an info each (DT200), made only when the
   * diagnostics are read whole (`includeInfos`). Most pages include snippet files no docs set has: eleven thousand
   * of them on the Graph v1.0 docs, which a run that prints no infos would otherwise make and sort.
   */
  readonly unresolvedIncludes: UnresolvedIncludes = [];
  /** What each type, enum, operation and example of the model was derived under (ApiModel.memoKeys). */
  private readonly derivedKeys = new Map<object, string>();
  /** The last segment of the base URL's path (`beta`, `v1.0`): a syntax line may repeat it, the client must not. */
  readonly versionSegment: string | undefined;
  /** The base URL's path without a trailing slash (`/beta`). */
  readonly basePath: string;
  /** A hash of the paths of the docs set: for keys of what reads which pages there are. */
  readonly filesKey: string;
  /** The pages each page includes, by path. */
  private readonly included = new Map<string, string[]>();
  private readonly loaded = new Map<string, PageModel>();
  private readonly inputs = new Map<string, string | undefined>();
  private readonly load: (file: string) => PageModel;

  constructor(
    pages: readonly PageModel[] | PageSource,
    readonly options: ModelOptions,
  ) {
    const source = "facts" in pages ? pages : pageSourceOf(pages);
    this.load = (file) => source.load(file);
    const sorted = [...source.facts].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    this.pageByFile = new Map(sorted.map((page) => [page.file, page]));
    this.filesKey = memoKey(...this.pageByFile.keys());
    const includes = new Map<string, IncludedTables[]>();
    for (const page of sorted) {
      if (!page.includes) continue;
      const own = options.pageKeys?.get(page.file);
      const { included, unresolved } = this.derive(pageMemoKey(own, "includes", this.filesKey), () =>
        this.resolveIncludes(page.file),
      );
      // Kept as a line and a path, not a sentence, in the memo every run reads, and made a diagnostic only when read.
      if (unresolved.length > 0) this.unresolvedIncludes.push([page.file, unresolved]);
      if (included.length === 0) continue;
      includes.set(page.file, included);
      this.included.set(page.file, [...new Set(included.map(({ page: file }) => file))]);
    }
    // The tables of a page that INCLUDEs others are its own and then theirs, under the INCLUDE line's heading.
    this.pages = sorted.map((page) => {
      const included = includes.get(page.file);
      if (!included) return page;
      const tables = included.flatMap(({ page: file, heading }) =>
        this.pageByFile.get(file)!.tables.map((table) => ({ ...table, heading })),
      );
      return { ...page, tables: [...page.tables, ...tables] };
    });
    this.pageByFile = new Map(this.pages.map((page) => [page.file, page]));
    const counts = new Map<string, number>();
    for (const page of this.pages) {
      const namespace = page.namespace?.text;
      if (namespace) counts.set(namespace, (counts.get(namespace) ?? 0) + 1);
    }
    this.basePath = new URL(options.baseUrl).pathname.replace(/\/+$/, "");
    this.versionSegment = this.basePath.split("/").pop() || undefined;
    // A page counts for its namespace and every stated namespace above it (`microsoft.graph.callRecords` for
    // `microsoft.graph`), so that pages of a namespace below the default one cannot outvote it.
    const below = [...counts.keys()].map((namespace): [string, number] => [
      namespace,
      [...counts].reduce((sum, [other, count]) => (other.startsWith(`${namespace}.`) ? sum + count : sum), 0) +
        counts.get(namespace)!,
    ]);
    this.defaultNamespace = below.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? "default";
  }

  /**
   * The whole page, read on first use. A page that INCLUDEs files of the docs set has their tables, as if written
   * where the INCLUDE line stands (newer pages include their permissions table).
   */
  page(file: string): PageModel {
    const loaded = this.loaded.get(file);
    if (loaded) return loaded;
    let page = this.load(file);
    if (this.included.has(file)) {
      const tables = [...page.tables];
      for (const include of page.includes) {
        const target = include.page && this.resolvePage(include.page);
        if (!target) continue;
        const included = this.load(target);
        for (const table of included.tables)
          tables.push({ ...table, section: include.section, file: table.file ?? included.file });
      }
      page = { ...page, tables };
    }
    this.loaded.set(file, page);
    return page;
  }

  /** The pages of the docs set the page INCLUDEs, and the line and path of each INCLUDE of a file outside it. */
  private resolveIncludes(file: string): { included: IncludedTables[]; unresolved: Array<[number, string]> } {
    const page = this.load(file);
    const included: IncludedTables[] = [];
    const unresolved: Array<[number, string]> = [];
    for (const include of page.includes) {
      const target = include.page && this.resolvePage(include.page);
      if (!target) {
        unresolved.push([include.line, include.url]);
        continue;
      }
      included.push({ page: target, heading: include.section >= 0 ? page.sections[include.section]!.title : "" });
    }
    return { included, unresolved };
  }

  /**
   * The page of the docs set a link names: that path, else the first in path order that differs from it only in
   * case (the docs site ignores case, so `driveItem.md` is `driveitem.md`); undefined when there is none. What
   * calls it reads which pages there are: its memo key holds `filesKey`.
   */
  resolvePage(path: string): string | undefined {
    if (this.pageByFile.has(path)) return path;
    this.pagePaths ??= new CaseTolerantMap([...this.pageByFile.keys()].map((file) => [file, file] as const));
    return this.pagePaths.get(path);
  }

  private pagePaths: CaseTolerantMap<string> | undefined;

  /** The memo keys objects of the model were derived under, noted with `derivedAs`; undefined without a memo. */
  get memoKeys(): ReadonlyMap<object, string> | undefined {
    return this.options.memo ? this.derivedKeys : undefined;
  }

  /** Notes that `object` of the model was derived under `key` (with a memo and a key, else nothing to note). */
  derivedAs(object: object, key: string | undefined): void {
    if (this.options.memo && key !== undefined) this.derivedKeys.set(object, key);
  }

  report(file: string, name: DiagnosticName, position: Position, ...args: ReadonlyArray<string | number>): void {
    this.diagnostics.push(createDiagnostic(name, file, position, ...args));
  }

  /**
   * What a pass reads of a page: its key, or, for a page that includes others, a hash of its key and theirs;
   * undefined when a page has no key (then nothing derived from it is memoized).
   */
  pageInput(file: string): string | undefined {
    if (this.inputs.has(file)) return this.inputs.get(file);
    const keys = this.options.pageKeys;
    const included = this.included.get(file);
    // A page's key is a hash of its path and text already: hashed again, for each of thousands of pages, it would
    // tell no more.
    const inputs = [file, ...(included ?? [])].map((page) => keys?.get(page));
    const input = !inputs.every((key) => key !== undefined)
      ? undefined
      : included
        ? memoKey("page", ...inputs)
        : inputs[0];
    this.inputs.set(file, input);
    return input;
  }

  /**
   * `make()`, or what it gave in an earlier run under the same key: its value, with the diagnostics it reported
   * and the rows it counted replayed. `key` must hash everything `make` reads; undefined derives afresh.
   */
  derive<T>(key: string | undefined, make: () => T): T {
    const memo = this.options.memo;
    if (!memo || key === undefined) return make();
    const stored = memo.get(key) as Derivation | undefined;
    if (stored) return this.replay<T>(stored);
    const { value, derivation } = this.record(make);
    memo.set(key, derivation);
    return value;
  }

  /**
   * `derive` for a derivation that reads named things (types) it finds only as it runs: `make` tells each name it
   * reads to `read`. The names it read are kept under `readsKey`, which must hash all else it reads; the derivation
   * under `keyOf(names)`, which must hash those names and what each of them is now. A later run asks the names the
   * last derivation read, and takes the derivation if the key they now give finds one: made from the same inputs,
   * reading the same names as they are now, it would read and give the same again. Gives the value and the key it
   * is kept under (undefined without a memo or `readsKey`).
   */
  deriveReading<T>(
    readsKey: string | undefined,
    keyOf: (names: readonly string[]) => string,
    make: (read: (name: string) => void) => T,
  ): { value: T; key: string | undefined } {
    const memo = this.options.memo;
    if (!memo || readsKey === undefined) return { value: make(() => undefined), key: undefined };
    const names = memo.get(readsKey) as string[] | undefined;
    if (names) {
      const key = keyOf(names);
      const stored = memo.get(key) as Derivation | undefined;
      if (stored) return { value: this.replay<T>(stored), key };
    }
    const read = new Set<string>();
    const { value, derivation } = this.record(() => make((name) => read.add(name)));
    const sorted = [...read].sort();
    const key = keyOf(sorted);
    memo.set(readsKey, sorted);
    memo.set(key, derivation);
    return { value, key };
  }

  /** A derivation's value, with the diagnostics it reported and the rows it counted replayed. */
  private replay<T>(stored: Derivation): T {
    const { diagnostics, coverage } = stored;
    if (diagnostics) for (const diagnostic of diagnostics) this.diagnostics.push(diagnostic);
    if (coverage) for (const field of coverageFields) this.coverage[field] += coverage[field];
    return stored.value as T;
  }

  /** `make()`, and the derivation to keep of it: its value, what it reported and what it counted. */
  private record<T>(make: () => T): { value: T; derivation: Derivation } {
    const reported = this.diagnostics.length;
    const counted = { ...this.coverage };
    const value = make();
    const coverage = { ...this.coverage };
    for (const field of coverageFields) coverage[field] -= counted[field];
    const diagnostics = this.diagnostics.slice(reported);
    const derivation: Derivation = {
      ...(value === undefined ? {} : { value }),
      ...(diagnostics.length > 0 ? { diagnostics } : {}),
      ...(coverageFields.some((field) => coverage[field] !== 0) ? { coverage } : {}),
    };
    return { value, derivation };
  }
}

/** The INCLUDEs of files outside the docs set: the line and path of each, by page. */
export type UnresolvedIncludes = Array<readonly [string, ReadonlyArray<readonly [number, string]>]>;

/** The info of each INCLUDE of a file outside the docs set (DT200), in page and line order. */
export function includeInfos(unresolved: UnresolvedIncludes): Diagnostic[] {
  return unresolved.flatMap(([file, includes]) =>
    includes.map(([line, url]) => createDiagnostic("includeUnresolved", file, { line }, url)),
  );
}

/** A page of the docs set that a page INCLUDEs, and the heading its tables then sit under. */
interface IncludedTables {
  readonly page: string;
  readonly heading: string;
}

/** PageModels already in memory: their facts, and each of them by path. */
function pageSourceOf(pages: readonly PageModel[]): PageSource {
  const byFile = new Map(pages.map((page) => [page.file, page]));
  return { facts: pages.map(pageFacts), load: (file) => byFile.get(file)! };
}

const coverageFields = ["propertyRows", "propertyRowsRead", "typeCells", "typeCellsKnown"] as const;

/** A memo key: a hash of the derivation's name and of all it reads (hex first, so that keys spread over shards). */
export function memoKey(...parts: ReadonlyArray<string | undefined>): string {
  let text = "";
  for (const part of parts) text += `${part ?? "\u0001"}\0`;
  return sha1(text);
}

/**
 * The sha1 of a text, in hex. Keys are hashed by the ten thousand in a run: node's one-call `hash` (20.12 and
 * later) takes half the time of a Hash object for short texts.
 */
const sha1: (text: string) => string =
  typeof crypto.hash === "function"
    ? (text) => crypto.hash("sha1", text)
    : (text) => crypto.createHash("sha1").update(text).digest("hex");

/**
 * The key of a derivation from a page (`input`, its `pageInput`): led by the input's first two digits, so that what
 * is derived from one page shares a shard of the memo, and an edit rewrites one or two shards. Undefined without
 * input.
 */
export function pageMemoKey(
  input: string | undefined,
  ...parts: ReadonlyArray<string | undefined>
): string | undefined {
  return input === undefined ? undefined : `${input.slice(0, 2)}${memoKey(...parts, input)}`;
}

/**
 * A hash of values as JSON without their prose (descriptions and titles) and their line numbers: what a derivation
 * reads of types and operations other than its own, so that a description edited elsewhere keeps it, and so does a
 * paragraph added above them (which moves every line after it). What passes compute from prose (a member's
 * read-only flag, its literal values) is not prose and counts. A derivation that copies lines of other pages into
 * what it gives keys them itself (a recovered operation takes its siblings' paths, lines and all).
 */
export function shapeKey(value: unknown): string {
  return memoKey(JSON.stringify(value, (key, item: unknown) => (unshaped.has(key) ? undefined : item)));
}

/** What shapeKey leaves out: prose, and where things stand on their page. */
const unshaped = new Set(["description", "title", "line"]);
