/**
 * Request bodies settled against the rest of the operations, once every one is described: the type a body of
 * parameters creates or updates, where the Request body table documents members of it (the object type a PATCH or
 * PUT returns, its path reads or its resource page's Methods table lists it under; the one a POST returns with
 * `201 Created` or its path lists). The body then takes the table's members as documented and the type's other
 * members too ("Specify other writable properties as necessary"). Reads no page, only what the operations'
 * derivations gave, the types' members and the Methods tables.
 */
import type { BodyParameter, ObjectType, Operation } from "./api-model.js";

/** What a Request body section says beyond the body itself. */
export interface BodyNotes {
  /** The prose says members beyond the table's may be sent ("Specify other writable properties as necessary"). */
  readonly otherMembers?: boolean;
}

export interface BodySources {
  /** The names of an object type's members and its base types'. */
  readonly members: (qualifiedName: string) => ReadonlySet<string> | undefined;
  /** The object types whose resource pages list the API page in their Methods table, by page. */
  readonly listedBy: ReadonlyMap<string, readonly string[]>;
}

/** The operations with their request bodies settled (the same objects where nothing changes). */
export function settleRequestBodies(
  described: ReadonlyArray<BodyNotes & { readonly operation: Operation }>,
  sources: BodySources,
): Operation[] {
  const reads = pathReads(described.map(({ operation }) => operation));
  return described.map(({ operation, otherMembers }) => {
    const body = operation.requestBody;
    if (body?.kind !== "parameters") return operation;
    const resource = writtenType(operation, body.parameters, otherMembers ?? false, reads, sources);
    return resource ? { ...operation, requestBody: { ...body, resource } } : operation;
  });
}

/**
 * Whether the rows of a Request body table restate members of a type (`members`, its and its base types'): one row
 * that is a member will do (tables restate members loosely), and a table of instance annotations only restates none
 * but contradicts nothing either.
 */
export function restatesMembers(rows: ReadonlyArray<{ readonly name: string }>, members: ReadonlySet<string>): boolean {
  const named = dataRows(rows);
  if (named.length === 0) return true;
  const lower = new Set([...members].map((name) => name.toLowerCase()));
  return named.some((row) => lower.has(row.name.toLowerCase()));
}

/**
 * The object type the operation creates or updates whose members the table documents: every row a member, or most
 * of them where the prose says other members may be sent too.
 */
function writtenType(
  operation: Operation,
  parameters: readonly BodyParameter[],
  otherMembers: boolean,
  reads: ReadonlyMap<string, { readonly type: string; readonly collection: boolean }>,
  sources: BodySources,
): string | undefined {
  const rows = dataRows(parameters);
  if (rows.length === 0) return undefined;
  const response = operation.response;
  const returned = response.type?.kind === "named" && !response.collection ? response.type.qualifiedName : undefined;
  const candidates: string[] = [];
  if (operation.method === "PATCH" || operation.method === "PUT") {
    if (returned) candidates.push(returned);
    for (const path of operation.paths) {
      const read = reads.get(pathKey(path.template));
      if (read && !read.collection) candidates.push(read.type);
    }
    candidates.push(...(sources.listedBy.get(operation.source.file) ?? []));
  } else if (operation.method === "POST") {
    if (returned && response.status === 201) candidates.push(returned);
    for (const path of operation.paths) {
      const read = reads.get(pathKey(path.template));
      if (read?.collection) candidates.push(read.type);
    }
  }
  for (const candidate of new Set(candidates)) {
    const own = sources.members(candidate);
    if (!own) continue;
    const found = rows.filter((row) => own.has(row.name)).length;
    if (found === rows.length || (otherMembers && found * 2 >= rows.length)) return candidate;
  }
  return undefined;
}

/** Rows that name members, not instance annotations (`@odata.id`, `site@odata.bind`). */
function dataRows<T extends { readonly name: string }>(rows: readonly T[]): readonly T[] {
  return rows.filter((row) => !row.name.includes("@"));
}

/** What the GET of each path returns, by path with its keys left unnamed. */
function pathReads(
  operations: readonly Operation[],
): Map<string, { readonly type: string; readonly collection: boolean }> {
  const reads = new Map<string, { type: string; collection: boolean }>();
  for (const operation of operations) {
    const type = operation.response.type;
    if (operation.method !== "GET" || type?.kind !== "named") continue;
    for (const path of operation.paths) {
      const key = pathKey(path.template);
      if (!reads.has(key)) reads.set(key, { type: type.qualifiedName, collection: operation.response.collection });
    }
  }
  return reads;
}

function pathKey(template: string): string {
  return template.toLowerCase().replace(/\{[^}]*\}/g, "{}");
}

/** The names of an object type's members and its base types', made once per type. */
export function memberIndex(
  types: ReadonlyMap<string, ObjectType>,
): (qualifiedName: string) => ReadonlySet<string> | undefined {
  const made = new Map<string, ReadonlySet<string>>();
  return (qualifiedName) => {
    const known = made.get(qualifiedName);
    if (known) return known;
    if (!types.has(qualifiedName)) return undefined;
    const names = new Set<string>();
    const visited = new Set<string>();
    for (
      let current = types.get(qualifiedName);
      current && !visited.has(current.qualifiedName);
      current = current.baseType ? types.get(current.baseType) : undefined
    ) {
      visited.add(current.qualifiedName);
      for (const property of current.properties) names.add(property.name);
    }
    made.set(qualifiedName, names);
    return names;
  };
}
