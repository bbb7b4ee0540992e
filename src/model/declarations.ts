/**
 * Object types and enums of the docs set. Declared first (a name per resource page, enum table, and request-body
 * table that documents an otherwise undocumented type), so that Type cells anywhere can link to any of them; then
 * defined (members, base types), then refined (members documented again on derived types are dropped).
 */
import type { Cell, PageModel, RepresentationMember, RepresentationValue, Table, TableRow } from "../parse/index.js";
import type { EnumMember, EnumType, ObjectType, Property, TypeRef } from "./api-model.js";
import { memoKey, pageMemoKey, shapeKey, type ModelContext } from "./context.js";
import type { PageFacts, TableOutline } from "./page-facts.js";
import { readTypeCell, readTypeText, typeRefWords, type TypeLookup } from "./type-refs.js";
import { addTo } from "../util/group.js";
import { CaseTolerantMap } from "./case-tolerant-map.js";
import { memberIndex } from "./request-bodies.js";

export interface Declarations {
  readonly types: ObjectType[];
  readonly enums: EnumType[];
  readonly lookup: TypeLookup;
  /** The type an API page's Request body section names, by page. */
  readonly requestBodyTypes: ReadonlyMap<string, string>;
  /** The names of an object type's members and its base types'; undefined for an enum or an unknown name. */
  readonly members: (qualifiedName: string) => ReadonlySet<string> | undefined;
  /**
   * A hash of what a derivation reads of one type or enum, by qualified name: without prose and lines, of an object
   * type with its base types (what reads a type reads its members and its bases'); a name of neither has one too.
   * For keys of what reads a few types only.
   */
  readonly shapeOf: (qualifiedName: string) => string;
  /**
   * A hash of the types and enums without their prose and lines, and of the object types without the members that
   * are not relationships: what naming and navigation read of them (names, namespaces, base types, relationships).
   */
  readonly outlineKey: string;
  /**
   * A hash of the types and enums without their prose and lines, members whole (names, types, read-only flags, the
   * pages that document them): with outlineKey, what the API surface reads of them.
   */
  readonly typesKey: string;
}

interface Declared {
  readonly name: string;
  readonly namespace: string;
  readonly qualifiedName: string;
  readonly page: PageFacts;
  readonly line: number;
  /** The table that documents the members, by index among the page's tables; else its member tables do. */
  readonly tableIndex?: number;
}

interface DeclaredEnum extends Declared {
  readonly tableIndex: number;
  /** The heading slug that links to this enum on a page holding several. */
  readonly anchor?: string;
}

export function buildDeclarations(context: ModelContext): Declarations {
  const objects = new Map<string, Declared & { origin: ObjectType["origin"] }>();
  const enums = new Map<string, DeclaredEnum>();
  // Links name pages in any case (the docs site ignores it): an exact path wins over one that differs in case only.
  const byPage = new CaseTolerantMap<string>();
  const enumsByAnchor = new CaseTolerantMap<string>();
  const byName = new Map<string, string[]>();
  const byQualified = new Map<string, string>();

  // A type documented by several resource pages (the Intune docs restate `user` with one member) gets the members of
  // all of them; the other pages are kept here.
  const restated = new Map<string, Declared[]>();

  const declare = (entry: Declared, into: Map<string, Declared>, what: "type" | "enum"): boolean => {
    const existing = into.get(entry.qualifiedName) ?? (what === "type" ? enums : objects).get(entry.qualifiedName);
    if (existing) {
      const merged = what === "type" && objects.get(entry.qualifiedName)?.origin === "resource";
      context.report(
        entry.page.file,
        merged ? "typeDuplicate" : "enumDuplicate",
        { line: entry.line },
        entry.qualifiedName,
        existing.page.file,
      );
      if (merged) addTo(restated, entry.qualifiedName, entry);
      return merged;
    }
    into.set(entry.qualifiedName, entry);
    byQualified.set(entry.qualifiedName.toLowerCase(), entry.qualifiedName);
    const simple = entry.name.toLowerCase();
    addTo(byName, simple, entry.qualifiedName);
    return true;
  };

  // Resource pages, then enum pages.
  for (const page of context.pages) {
    if (page.kind === "resource") {
      const named = nameOfResourcePage(page, context.defaultNamespace);
      if (!named) {
        if (page.tables.some((table) => table.kind === "properties")) {
          context.report(page.file, "typeNameMissing", { line: page.title?.line ?? 1 });
        }
        continue;
      }
      const entry = {
        ...named,
        page,
        line: page.resourceAnnotation?.line ?? page.title?.line ?? 1,
        origin: "resource" as const,
      };
      if (declare(entry, objects, "type")) byPage.set(page.file, entry.qualifiedName);
    }
    // Enum pages hold enums; other pages may document one under an `x values` heading, linked by its anchor.
    const memberTables =
      page.kind === "api"
        ? []
        : page.tables.flatMap((table, tableIndex) => (table.kind === "enumMembers" ? [{ table, tableIndex }] : []));
    const enumPage = page.kind === "enum";
    for (const { table, tableIndex } of memberTables) {
      const named = nameOfEnumTable(page, table, enumPage && memberTables.length === 1, context.defaultNamespace);
      if (!named) {
        if (enumPage) context.report(page.file, "typeNameMissing", { line: table.line });
        continue;
      }
      const entry = { ...named, page, tableIndex, line: table.line };
      if (!declare(entry, enums, "enum")) continue;
      if (enumPage && memberTables.length === 1) byPage.set(page.file, entry.qualifiedName);
      if (named.anchor) enumsByAnchor.set(`${page.file}#${named.anchor}`, entry.qualifiedName);
    }
  }

  // Types that only an API page's request-body table documents.
  const requestBodyTypes = new Map<string, string>();
  for (const page of context.pages) {
    if (page.kind !== "api") continue;
    const bodyName = requestBodyTypeName(page);
    if (!bodyName) continue;
    const linked = bodyName.page ? byPage.get(bodyName.page) : undefined;
    const known = linked ?? lookupName(bodyName.name, page.namespace?.text ?? context.defaultNamespace);
    // A word of the prose names a type only when a page documents it: a request-body table another page read as a
    // type is not one (it would make the body depend on which page came first).
    if (known && (bodyName.page || objects.get(known)?.origin !== "requestBody")) {
      requestBodyTypes.set(page.file, known);
      continue;
    }
    // Only a link names a type no page documents; a word of the prose ("the parameters") names none.
    if (!bodyName.page) continue;
    const tableIndex = page.tables.findIndex((candidate) => candidate.kind === "requestBody");
    const table = page.tables[tableIndex];
    if (!table || table.rows === 0 || !/^[A-Za-z_]\w*$/.test(bodyName.name)) continue;
    const namespace = page.namespace?.text ?? context.defaultNamespace;
    const entry = {
      name: bodyName.name,
      namespace,
      qualifiedName: `${namespace}.${bodyName.name}`,
      page,
      line: table.line,
      origin: "requestBody" as const,
      tableIndex,
    };
    if (declare(entry, objects, "type")) {
      context.report(page.file, "typeFromRequestBody", { line: table.line }, bodyName.name);
      if (bodyName.page) byPage.set(bodyName.page, entry.qualifiedName);
      requestBodyTypes.set(page.file, entry.qualifiedName);
    }
  }

  function lookupName(name: string, namespace: string): string | undefined {
    const trimmed = name.trim().replace(/^#/, "");
    const qualified = byQualified.get(trimmed.toLowerCase());
    if (qualified) return qualified;
    const candidates = byName.get(trimmed.toLowerCase());
    if (!candidates) return undefined;
    return (
      candidates.find((candidate) => candidate.slice(0, candidate.lastIndexOf(".")) === namespace) ?? candidates[0]
    );
  }

  const lookup: TypeLookup = {
    byPage(page, url) {
      const fragment = /#(.+)$/.exec(url)?.[1]?.toLowerCase();
      return (fragment ? enumsByAnchor.get(`${page}#${fragment}`) : undefined) ?? byPage.get(page);
    },
    byName: lookupName,
    key: memoKey(JSON.stringify([[...byPage.entries()], [...enumsByAnchor.entries()], [...byName], [...byQualified]])),
  };

  const defined = [...objects.values()].map((declared) => {
    const others = restated.get(declared.qualifiedName) ?? [];
    const inputs = [declared, ...others].map((entry) => context.pageInput(entry.page.file));
    const entries = [declared, ...others].map((entry) => [entry.name, entry.namespace, entry.line]);
    const at = JSON.stringify([entries, declared.origin, declared.tableIndex ?? -1]);
    const key = inputs.every((input) => input !== undefined)
      ? pageMemoKey(inputs[0], "type", at, lookup.key, ...inputs)
      : undefined;
    // With the type, what other derivations read of it, hashed once: its shape, and its outline (relationships only).
    const derived = context.derive(key, () => {
      const type = defineObjectType(declared, others, lookup, context);
      return { type, shape: shapeKey(type), outline: shapeKey(outlineOf(type)) };
    });
    return { ...derived, key };
  });
  const enumTypes = [...enums.values()].map((declared) => {
    const input = context.pageInput(declared.page.file);
    const at = JSON.stringify([declared.name, declared.namespace, declared.line, declared.tableIndex]);
    const key = pageMemoKey(input, "enum", at);
    const type = context.derive(key, () => defineEnum(declared, context));
    context.derivedAs(type, key);
    return type;
  });
  const types = dropInheritedMembers(
    breakBaseCycles(
      defined.map(({ type }) => type),
      context,
    ),
  );
  types.forEach((type, index) => context.derivedAs(type, defined[index]!.key));
  // A type as the model gives it is the type derived less the members its base types have, and without its base
  // type where that closed a cycle: its base type and the names of its members tell it from the type derived.
  const settled = (type: ObjectType, hash: string): string =>
    memoKey(hash, type.baseType, ...type.properties.map((property) => property.name));
  const shapes = new Map(types.map((type, index) => [type.qualifiedName, settled(type, defined[index]!.shape)]));
  const outlines = types.map((type, index) => settled(outlineOf(type), defined[index]!.outline));
  const enumsKey = shapeKey(enumTypes);
  return {
    shapeOf: shapesOf(types, shapes, enumTypes),
    outlineKey: memoKey(...outlines, enumsKey),
    typesKey: memoKey(...shapes.values(), enumsKey),
    types: types.sort(byQualifiedName),
    enums: enumTypes.sort(byQualifiedName),
    lookup,
    requestBodyTypes,
    members: memberIndex(new Map(types.map((type) => [type.qualifiedName, type]))),
  };
}

/** An object type as naming and navigation read it: without the members that are not relationships. */
function outlineOf(type: ObjectType): ObjectType {
  return { ...type, properties: type.properties.filter((property) => property.navigation) };
}

/**
 * Declarations.shapeOf of the types (given the shape of each, by qualified name) and enums as the model gives
 * them, each hashed when first asked for.
 */
function shapesOf(
  types: readonly ObjectType[],
  shapes: ReadonlyMap<string, string>,
  enums: readonly EnumType[],
): (qualifiedName: string) => string {
  const objects = new Map(types.map((type) => [type.qualifiedName, type]));
  const enumsByName = new Map(enums.map((type) => [type.qualifiedName, type]));
  const known = new Map<string, string>();
  return (qualifiedName) => {
    let shape = known.get(qualifiedName);
    if (shape === undefined) {
      const chain: string[] = [];
      const seen = new Set<string>();
      for (
        let type = objects.get(qualifiedName);
        type && !seen.has(type.qualifiedName);
        type = type.baseType ? objects.get(type.baseType) : undefined
      ) {
        seen.add(type.qualifiedName);
        chain.push(shapes.get(type.qualifiedName)!);
      }
      const enumType = enumsByName.get(qualifiedName);
      shape = memoKey(qualifiedName, ...chain, enumType && shapeKey(enumType));
      known.set(qualifiedName, shape);
    }
    return shape;
  };
}

function nameOfResourcePage(
  page: PageFacts,
  defaultNamespace: string,
): Pick<Declared, "name" | "namespace" | "qualifiedName"> | undefined {
  const odataType = page.resourceAnnotation?.value.odataType?.replace(/^#/, "");
  if (odataType && /^[A-Za-z_][\w.]*$/.test(odataType)) {
    const dot = odataType.lastIndexOf(".");
    if (dot > 0)
      return { name: odataType.slice(dot + 1), namespace: odataType.slice(0, dot), qualifiedName: odataType };
  }
  const title = /^(.+?)\s+resource type\b/i.exec(page.title?.text ?? page.frontMatter.title ?? "")?.[1]?.trim();
  if (!title || !/^[A-Za-z_]\w*$/.test(title)) return undefined;
  const namespace = page.namespace?.text ?? defaultNamespace;
  return { name: title, namespace, qualifiedName: `${namespace}.${title}` };
}

/** An enum is named by its page's title when it is the page's only table, else by its `x values` heading. */
function nameOfEnumTable(
  page: PageFacts,
  table: TableOutline,
  namedByTitle: boolean,
  defaultNamespace: string,
): (Pick<Declared, "name" | "namespace" | "qualifiedName"> & { anchor?: string }) | undefined {
  const namespace = page.namespace?.text ?? defaultNamespace;
  const { heading } = table;
  const fromHeading = /^(.+?)\s+(?:enum(?:eration)?\s+)?(?:values|type|members)$/i.exec(heading)?.[1]?.trim();
  const fromTitle = /^(.+?)\s+(?:enum(?:eration)?\s+type|enum(?:eration)?|values)$/i
    .exec(page.title?.text ?? page.frontMatter.title ?? "")?.[1]
    ?.trim();
  const name = namedByTitle && isIdentifier(fromTitle) ? fromTitle : fromHeading;
  if (!isIdentifier(name)) return undefined;
  return { name, namespace, qualifiedName: `${namespace}.${name}`, ...(heading ? { anchor: slug(heading) } : {}) };
}

/**
 * The type a Request body section names: the link or the word that follows "representation of" (or "JSON body of")
 * in the same sentence ("supply a JSON representation of the [user](../resources/user.md) object", "... for the
 * user object"). A word names a type only if a page documents one by that name ("representation of the parameters"
 * names none); a link elsewhere in the section (a list of the resources a parameter may point to) names nothing.
 */
function requestBodyTypeName(page: PageFacts): { name: string; page?: string } | undefined {
  const prose = page.requestBodyProse;
  if (!prose) return undefined;
  for (const paragraph of prose.text.split("\n")) {
    const at = paragraph.search(/\b(?:representation|JSON body) (?:of|for)\b/i);
    if (at < 0) continue;
    const sentence = paragraph.slice(at).split(/\.(?:\s|$)/)[0]!;
    const link = prose.links.find(
      ({ value }) => value.page && value.text.trim() !== "" && sentence.includes(value.text),
    );
    if (link) return { name: link.value.text.replace(/[`*]/g, "").trim(), page: link.value.page! };
    const word = /^(?:representation|JSON body) (?:of|for) (?:(?:an?|the|each|updated|new) )*([A-Za-z_]\w*)/i.exec(
      sentence,
    )?.[1];
    if (word) return { name: word };
  }
  return undefined;
}

function memberTables(declared: Declared, context: ModelContext): Table[] {
  const { tables } = context.page(declared.page.file);
  return declared.tableIndex !== undefined
    ? [tables[declared.tableIndex]!]
    : tables.filter((table) => table.kind === "properties" || table.kind === "relationships");
}

function defineObjectType(
  first: Declared & { origin: ObjectType["origin"] },
  others: Declared[],
  lookup: TypeLookup,
  context: ModelContext,
): ObjectType {
  // Of the pages documenting the type, the one with the most rows leads (its description, base type, member order).
  const rows = (declared: Declared): number =>
    memberTables(declared, context).reduce((count, table) => count + table.rows.length, 0);
  const pages = [first, ...others].sort((a, b) => rows(b) - rows(a));
  const declared = { ...pages[0]!, origin: first.origin };
  const page = context.page(declared.page.file);
  const annotation = page.resourceAnnotation?.value;
  const properties: Property[] = [];
  const seen = new Set<string>();
  const coverage = context.coverage;
  for (const source of pages) {
    const sourcePage = context.page(source.page.file);
    const listed = representationByName(sourcePage);
    const tables = memberTables(source, context);
    for (const table of tables) {
      if (tableOfSomethingElse(table, tables, listed)) {
        context.report(
          table.file ?? sourcePage.file,
          "tableNotMembers",
          { line: table.line },
          sourcePage.sections[table.section]?.title ?? "",
          declared.name,
        );
        continue;
      }
      for (const row of table.rows) {
        coverage.propertyRows++;
        const name = memberRowName(row, table);
        const property = readPropertyRow(
          row,
          table,
          declared.namespace,
          lookup,
          sourcePage,
          context,
          true,
          name === undefined ? undefined : listed.get(name.toLowerCase()),
        );
        if (!property) continue;
        coverage.propertyRowsRead++;
        if (seen.has(property.name)) continue;
        seen.add(property.name);
        properties.push(property);
      }
    }
  }
  // Members the JSON representation lists and no table does, where the sample names their type. An open type's
  // sample shows keys of an instance (`"ca2a1df2-...": "..."`), not members.
  const known = new Set([...seen].map((name) => name.toLowerCase()));
  for (const member of annotation?.openType ? [] : (page.representation ?? [])) {
    if (!/^[A-Za-z_]\w*$/.test(member.name) || known.has(member.name.toLowerCase())) continue;
    // Only a sample that names a documented type is read: a primitive's placeholder (`"string"`) is template text,
    // which outlives the row a writer removed.
    const type = representationType(member.value, declared.namespace, lookup);
    const primitive = type?.kind === "primitive" || (type?.kind === "collection" && type.of.kind === "primitive");
    if (!type || primitive) continue;
    known.add(member.name.toLowerCase());
    context.report(page.file, "memberFromRepresentation", { line: member.line }, member.name, typeRefWords(type));
    properties.push({
      name: member.name,
      type,
      readOnly: false,
      navigation: false,
      source: { file: page.file, line: member.line },
    });
  }
  let baseType: string | undefined;
  if (declared.origin === "resource") {
    const baseName = annotation?.baseType?.replace(/^#/, "");
    baseType = baseName ? lookup.byName(baseName, declared.namespace) : undefined;
    const inherits = page.inheritsFrom?.value;
    if (!baseType && inherits?.page) baseType = lookup.byPage(inherits.page, inherits.url);
    if (baseType === declared.qualifiedName) baseType = undefined;
    const documentedBase = baseName ?? inherits?.text;
    if (!baseType && documentedBase) {
      context.report(
        page.file,
        "baseTypeUnknown",
        { line: page.inheritsFrom?.line ?? declared.line },
        documentedBase,
        declared.name,
      );
    }
  }
  const description = page.kind === "resource" ? page.frontMatter.description : undefined;
  return {
    kind: "object",
    name: declared.name,
    namespace: declared.namespace,
    qualifiedName: declared.qualifiedName,
    ...(description && !/^not yet documented\.?$/i.test(description) ? { description } : {}),
    ...(baseType ? { baseType } : {}),
    abstract: annotation?.abstract ?? false,
    openType: annotation?.openType ?? false,
    properties,
    source: { file: page.file, line: declared.line },
    origin: declared.origin,
  };
}

/** One row of a Properties, Relationships or request-body table. */
export function readPropertyRow(
  row: TableRow,
  table: Table,
  namespace: string,
  lookup: TypeLookup,
  page: PageModel,
  context: ModelContext,
  reportUnknown = true,
  /** The member as the page's JSON representation shows it, which settles what the Type cell leaves open. */
  represented?: RepresentationMember,
): Property | undefined {
  const name = memberRowName(row, table);
  if (!name) return undefined;
  const typeCell = columnCell(row, table, "type");
  const descriptionCell = columnCell(row, table, "description");
  const description = descriptionCell?.text || undefined;
  let type: TypeRef = typeCell ? readTypeCell(typeCell, namespace, lookup) : { kind: "unknown", text: "" };
  if (represented) {
    const settled = settleByRepresentation(type, represented.value, namespace, lookup);
    if (settled) {
      if (reportUnknown) {
        context.report(
          table.file ?? page.file,
          "typeFromRepresentation",
          { line: row.line, col: typeCell?.col ?? 1 },
          typeCell?.text ?? "",
          name,
          typeRefWords(settled),
        );
      }
      type = settled;
    }
  }
  if (reportUnknown) {
    context.coverage.typeCells++;
    if (type.kind !== "unknown") context.coverage.typeCellsKnown++;
  }
  if (type.kind === "unknown" && reportUnknown) {
    context.report(
      table.file ?? page.file,
      "typeCellUnknown",
      { line: row.line, col: typeCell?.col ?? 1 },
      typeCell?.text ?? "",
      name,
    );
  }
  const literals = descriptionCell ? possibleValues(descriptionCell) : undefined;
  if (literals && type.kind === "primitive" && type.name === "string") type = { kind: "literals", values: literals };
  else if (literals && type.kind === "collection" && type.of.kind === "primitive" && type.of.name === "string") {
    type = { kind: "collection", of: { kind: "literals", values: literals } };
  }
  return {
    name,
    type,
    ...(description ? { description } : {}),
    readOnly: /\bread[- ]?only\b/i.test(description ?? ""),
    navigation: table.kind === "relationships",
    source: { file: table.file ?? page.file, line: row.line },
  };
}

/** The member or parameter a row of a Properties, Relationships or request-body table names, if any. */
export function memberRowName(row: TableRow, table: Table): string | undefined {
  return /^[@A-Za-z_$][\w.@$-]*/.exec((columnCell(row, table, "name") ?? row.cells[0])?.text ?? "")?.[0];
}

export function columnCell(row: TableRow, table: Table, role: Table["columns"][number]): Cell | undefined {
  const index = table.columns.indexOf(role);
  return index < 0 ? undefined : row.cells[index];
}

/** "Possible values are: `a`, `b`, `unknownFutureValue`.", "Possible values: ...", "The possible value is: `a`." */
function possibleValues(cell: Cell): string[] | undefined {
  const match = /possible values? (?:are|is|include)?\s*:?\s*([^.]*)/i.exec(cell.text);
  if (!match) return undefined;
  const listed = match[1]!;
  const fromCode = cell.code.filter((code) => listed.includes(code) && /^[A-Za-z_][\w-]*$/.test(code));
  const values =
    fromCode.length > 0
      ? fromCode
      : listed
          .split(/,|\bor\b|\band\b/)
          .map((part) => part.trim().replace(/^["']|["']$/g, ""))
          .filter((part) => /^[A-Za-z_][\w-]*$/.test(part));
  const unique = [...new Set(values)];
  return unique.length > 0 ? unique : undefined;
}

function defineEnum(declared: DeclaredEnum, context: ModelContext): EnumType {
  const members: EnumMember[] = [];
  const seen = new Set<string>();
  const page = context.page(declared.page.file);
  const table = page.tables[declared.tableIndex]!;
  for (const row of table.rows) {
    const nameCell = columnCell(row, table, "name") ?? row.cells[0];
    const name = /^[A-Za-z_][\w-]*/.exec(nameCell?.text ?? "")?.[0];
    if (!name || seen.has(name)) continue;
    seen.add(name);
    const value = columnCell(row, table, "value")?.text;
    const description = columnCell(row, table, "description")?.text;
    members.push({
      name,
      ...(value ? { value } : {}),
      ...(description && !/^not yet documented\.?$/i.test(description) ? { description } : {}),
    });
  }
  const description = page.frontMatter.description;
  return {
    kind: "enum",
    name: declared.name,
    namespace: declared.namespace,
    qualifiedName: declared.qualifiedName,
    ...(description && !/^not yet documented\.?$/i.test(description) ? { description } : {}),
    members,
    source: { file: declared.page.file, line: declared.line },
  };
}

/**
 * A base type must be an object type, and pages that contradict each other can make a type its own base (A inherits
 * from B, B from A), which no language can declare. A base that names an enum is dropped, and each cycle is broken
 * at its first type in name order, which is emitted without its base; both are reported.
 */
function breakBaseCycles(types: ObjectType[], context: ModelContext): ObjectType[] {
  const byName = new Map(types.map((type) => [type.qualifiedName, type]));
  const broken = new Set<string>();
  for (const type of types) {
    if (!type.baseType || byName.has(type.baseType)) continue;
    broken.add(type.qualifiedName);
    context.report(
      type.source.file,
      "baseTypeUnknown",
      { line: type.source.line },
      shortName(type.baseType),
      type.name,
    );
  }
  const settled = new Set<string>();
  for (const start of types) {
    const chain: string[] = [];
    let current: ObjectType | undefined = start;
    while (current && !settled.has(current.qualifiedName)) {
      const at = chain.indexOf(current.qualifiedName);
      if (at >= 0) {
        const cycle = chain.slice(at);
        const first = [...cycle].sort()[0]!;
        const type = byName.get(first)!;
        broken.add(first);
        const path = [...cycle.slice(cycle.indexOf(first)), ...cycle.slice(0, cycle.indexOf(first)), first];
        context.report(
          type.source.file,
          "baseTypeCycle",
          { line: type.source.line },
          shortName(type.baseType!),
          type.name,
          path.map(shortName).join(" -> "),
        );
        break;
      }
      chain.push(current.qualifiedName);
      current = current.baseType && !broken.has(current.qualifiedName) ? byName.get(current.baseType) : undefined;
    }
    for (const name of chain) settled.add(name);
  }
  if (broken.size === 0) return types;
  return types.map((type) => {
    if (!broken.has(type.qualifiedName)) return type;
    const { baseType: _, ...rest } = type;
    return rest;
  });
}

function shortName(qualifiedName: string): string {
  return qualifiedName.slice(qualifiedName.lastIndexOf(".") + 1);
}

/** Members a page documents again although a base type already has them ("Inherited from entity"). */
function dropInheritedMembers(types: ObjectType[]): ObjectType[] {
  const byName = new Map(types.map((type) => [type.qualifiedName, type]));
  const inherited = (type: ObjectType): Set<string> => {
    const names = new Set<string>();
    const visited = new Set<string>([type.qualifiedName]);
    for (
      let base = type.baseType && byName.get(type.baseType);
      base && !visited.has(base.qualifiedName);
      base = base.baseType && byName.get(base.baseType)
    ) {
      visited.add(base.qualifiedName);
      for (const property of base.properties) names.add(property.name);
    }
    return names;
  };
  return types.map((type) => {
    const names = inherited(type);
    return names.size === 0
      ? type
      : { ...type, properties: type.properties.filter((property) => !names.has(property.name)) };
  });
}

function byQualifiedName(a: { qualifiedName: string }, b: { qualifiedName: string }): number {
  return a.qualifiedName < b.qualifiedName ? -1 : a.qualifiedName > b.qualifiedName ? 1 : 0;
}

function isIdentifier(name: string | undefined): name is string {
  return name !== undefined && /^[A-Za-z_]\w*$/.test(name);
}

/** GitHub-style heading anchor: `callType values` -> `calltype-values`. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .trim()
    .replace(/[^\w\s-]/g, "")
    .replace(/\s/g, "-");
}

function representationByName(page: PageModel): Map<string, RepresentationMember> {
  return new Map((page.representation ?? []).map((member) => [member.name.toLowerCase(), member]));
}

/**
 * A second member table of a resource page that names none of the members its JSON representation lists, where the
 * first table names some: it documents something else (the fields of a JSON string a member holds, under a
 * `Properties of a policy definition` heading), not the page's type.
 */
function tableOfSomethingElse(table: Table, tables: readonly Table[], listed: ReadonlyMap<string, unknown>): boolean {
  // Relationships tables are left alone: representations often leave navigation properties out.
  const first = tables.find((candidate) => candidate.kind === "properties");
  if (listed.size === 0 || table.kind !== "properties" || table === first || table.rows.length === 0) return false;
  const names = (candidate: Table) =>
    candidate.rows.flatMap((row) => memberRowName(row, candidate)?.toLowerCase() ?? []);
  return names(first!).some((name) => listed.has(name)) && !names(table).some((name) => listed.has(name));
}

/**
 * The type a representation's sample value names, where it names one the docs document. A sample value (`true`,
 * `3`, `"Contoso"`) names none: an open type's sample shows an instance's keys, not members.
 */
function representationType(value: RepresentationValue, namespace: string, lookup: TypeLookup): TypeRef | undefined {
  switch (value.kind) {
    case "object": {
      const named = value.odataType ? lookup.byName(value.odataType, namespace) : undefined;
      return named ? { kind: "named", qualifiedName: named } : undefined;
    }
    case "array": {
      const item = value.of && representationType(value.of, namespace, lookup);
      return item ? { kind: "collection", of: item } : undefined;
    }
    case "string": {
      // A sample names a primitive (`"string"`, `"String (timestamp)"`, `"Guid"`) or is a value: only the first is read.
      const type = readTypeText(value.text, [], namespace, lookup);
      return type.kind === "primitive" ? type : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * What the representation settles about a Type cell: a cell that names no known type takes the type the sample names
 * (`[systemFacet][]` of a broken reference link, `"system": { "@odata.type": "microsoft.graph.systemFacet" }`), and a
 * named type the sample shows as an array is a collection of it. Undefined where the cell stands.
 */
function settleByRepresentation(
  type: TypeRef,
  value: RepresentationValue,
  namespace: string,
  lookup: TypeLookup,
): TypeRef | undefined {
  if (type.kind === "unknown") {
    const shown = representationType(value, namespace, lookup);
    return shown && shown.kind !== "primitive" ? shown : undefined;
  }
  // A collection of a primitive the sample shows as one value (`"availability": "string"`) is one value.
  if (type.kind === "collection" && type.of.kind === "primitive" && value.kind === "string") {
    const shown = representationType(value, namespace, lookup);
    if (shown?.kind === "primitive" && shown.name === type.of.name) return type.of;
  }
  if (type.kind === "named" && value.kind === "array") {
    const item =
      value.of?.kind === "object" && value.of.odataType ? lookup.byName(value.of.odataType, namespace) : undefined;
    if (item === undefined || item.toLowerCase() === type.qualifiedName.toLowerCase())
      return { kind: "collection", of: type };
  }
  return undefined;
}
