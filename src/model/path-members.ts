/**
 * Navigation properties that only paths document. A resource page's tables often leave out a relationship that an
 * API page documents by its path and response (`GET /users/{id}/joinedTeams` answers a collection of team, and
 * `GET /users/{id}` answers a user): the type reached by the path's parent gains the member, typed by the response.
 *
 * A segment is read as a member only where the docs leave no doubt that it is one: the parent path answers one object
 * of a documented type that has no member of that name, the path answers objects of a documented type other than the
 * parent's own (an operation that answers its own kind, like a delta, is no relationship), the docs never call
 * the name as a function (`delta()`), and the page is titled as a relationship's are (`List x`, `Get x`).
 */
import type { ObjectType, Operation, PathSegment, Property, TypeRef } from "./api-model.js";
import { memoKey, type ModelContext } from "./context.js";
import { typeRefWords } from "./type-refs.js";
import { addTo } from "../util/group.js";

/**
 * The members paths add, and the members they make collections, as the memo keeps them: without lines, which each
 * run reads from the objects they name (a paragraph added above a syntax line moves it).
 */
interface FoundMembers {
  /** By type, in the order found: each member's name and type, and the operation and path (by index) that give it. */
  readonly gained: Array<[string, Array<[string, TypeRef, number, number]>]>;
  /** In the order found: the type that declares the member, the member's index among its properties, the path. */
  readonly listed: Array<[string, number, string]>;
}

/**
 * How the memo keeps what paths add. Finding the members reads the members of the few types the paths lead through,
 * and of their derived types where a member may be theirs: it is found again only when one of those changes (each
 * by `shapeOf`, which hashes a type with its base types), or what `readsKey` hashes: all else it reads but lines (the
 * names and base types of all types, the operations' methods, paths, responses and whether each is titled as a
 * relationship's page). A member added to a type no path leads through keeps what was found.
 */
export interface PathMembersMemo {
  readonly readsKey: string;
  readonly shapeOf: (qualifiedName: string) => string;
}

export function addPathMembers(
  types: readonly ObjectType[],
  operations: readonly Operation[],
  context: ModelContext,
  memo?: PathMembersMemo,
): { types: ObjectType[]; shapeKey: string } {
  const { value: found } = context.deriveReading(
    memo?.readsKey,
    (names) => memoKey(memo!.readsKey, ...names.map((name) => `${name} ${memo!.shapeOf(name)}`)),
    (read) => findPathMembers(types, operations, read),
  );
  const byName = new Map(types.map((type) => [type.qualifiedName, type]));
  const gained = new Map(
    found.gained.map(([parent, added]) => [
      parent,
      added.map(([name, type, operation, at]) => {
        const path = operations[operation]!.paths[at]!;
        const source = { file: path.source.file, line: path.source.line };
        return { property: { name, type, readOnly: false, navigation: true, source }, path: path.template };
      }),
    ]),
  );
  const listed = new Map(
    found.listed.map(([owner, index, template]) => [byName.get(owner)!.properties[index]!, template]),
  );

  const result = types.map((type) => {
    const added = gained.get(type.qualifiedName) ?? [];
    const relisted = type.properties.filter((property) => listed.has(property));
    if (added.length === 0 && relisted.length === 0) return type;
    for (const property of relisted) {
      context.report(
        property.source.file,
        "collectionFromPath",
        { line: property.source.line },
        property.name,
        listed.get(property)!,
      );
    }
    for (const { property, path } of added) {
      context.report(
        property.source.file,
        "memberFromPath",
        { line: property.source.line },
        property.name,
        type.name,
        path,
        typeRefWords(property.type),
      );
    }
    const properties = type.properties.map((property) =>
      listed.has(property) ? { ...property, type: { kind: "collection" as const, of: property.type } } : property,
    );
    const extended: ObjectType = { ...type, properties: [...properties, ...added.map(({ property }) => property)] };
    const key = context.memoKeys?.get(type);
    const change = JSON.stringify([added, relisted.map((property) => property.name)]);
    context.derivedAs(extended, key === undefined ? undefined : memoKey(key, change));
    return extended;
  });
  // What the rest of the model reads of these members, without lines: a paragraph added above a syntax line moves
  // it, and must not make every example be checked again.
  const shape = [
    [...gained].map(([name, added]) => [
      name,
      added.map(({ property }) => [property.name, property.type, property.source.file]),
    ]),
    [...listed].map(([property]) => [property.source.file, property.name]),
  ];
  return { types: result, shapeKey: memoKey(JSON.stringify(shape)) };
}

/**
 * What the paths add to the types, found from the types and operations alone. Each type whose members it reads (with
 * its base types') is told to `read`; of the others it reads only the names and base types.
 */
function findPathMembers(
  types: readonly ObjectType[],
  operations: readonly Operation[],
  read: (qualifiedName: string) => void,
): FoundMembers {
  const byName = new Map(types.map((type) => [type.qualifiedName, type]));
  // Asked again and again for the same few types (every path through them): read once each.
  const membersOf = new Map<string, ReadonlyMap<string, Property>>();
  const members = (qualifiedName: string): ReadonlyMap<string, Property> => {
    let found = membersOf.get(qualifiedName);
    if (!found) {
      read(qualifiedName);
      membersOf.set(qualifiedName, (found = ownAndInherited(qualifiedName)));
    }
    return found;
  };
  const ownAndInherited = (qualifiedName: string): Map<string, Property> => {
    const found = new Map<string, Property>();
    for (let type = byName.get(qualifiedName), guard = 0; type && guard < 64; guard++) {
      for (const property of type.properties) {
        if (!found.has(property.name.toLowerCase())) found.set(property.name.toLowerCase(), property);
      }
      type = type.baseType ? byName.get(type.baseType) : undefined;
    }
    return found;
  };

  const derived = new Map<string, ObjectType[]>();
  for (const type of types) {
    if (type.baseType) addTo(derived, type.baseType, type);
  }
  const descendantHas = (qualifiedName: string, name: string, depth = 0): boolean =>
    depth < 64 &&
    (derived.get(qualifiedName) ?? []).some((type) => {
      read(type.qualifiedName);
      return (
        type.properties.some((property) => property.name.toLowerCase() === name) ||
        descendantHas(type.qualifiedName, name, depth + 1)
      );
    });

  // What each documented GET path answers, by its shape (keys as `{}`, names in lower case).
  const answers = new Map<string, Array<Operation["response"]>>();
  const called = new Set<string>();
  const keyed = new Set<string>();
  for (const operation of operations) {
    for (const path of operation.paths) {
      for (const segment of path.segments) if (segment.kind === "function") called.add(segment.name.toLowerCase());
      // The shape of each path the segments lead through, the whole path's last.
      let shape = "";
      path.segments.forEach((segment, index) => {
        if (segment.kind === "key" && index > 0) keyed.add(shape);
        shape = index === 0 ? segmentShape(segment) : `${shape}/${segmentShape(segment)}`;
      });
      // A query (`?$expand=manager`) changes what a path answers: only plain paths say what it is.
      if (operation.method === "GET" && path.query === undefined) {
        addTo(answers, shape, operation.response);
      }
    }
  }
  // What a path reaches: what most plain GETs of it answer; else, walking from a shorter path that answers, the
  // item of a keyed collection or the documented member of an object.
  interface Position {
    readonly type: string;
    readonly collection: boolean;
  }
  const answered = (shape: string, keyedIsCollection = true): Position | undefined => {
    const said = (answers.get(shape) ?? []).map((response) =>
      response.type?.kind === "named" ? `${response.collection ? "[]" : ""}${response.type.qualifiedName}` : "",
    );
    const counts = new Map<string, number>();
    for (const name of said) counts.set(name, (counts.get(name) ?? 0) + 1);
    const [top] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    if (!top || !top[0] || top[1] * 2 <= said.length) return undefined;
    const collection = top[0].startsWith("[]");
    const type = collection ? top[0].slice(2) : top[0];
    // A keyed path is a collection, whatever a page says it answers.
    return byName.has(type) ? { type, collection: collection || (keyedIsCollection && keyed.has(shape)) } : undefined;
  };
  const walked = new Map<string, Position | null>();
  const positionAt = (segments: readonly PathSegment[]): Position | undefined => {
    if (segments.length === 0) return undefined;
    const shape = pathShape(segments);
    const known = walked.get(shape);
    if (known !== undefined) return known ?? undefined;
    walked.set(shape, null);
    let position = answered(shape);
    const last = segments.at(-1)!;
    const parent = position ? undefined : positionAt(segments.slice(0, -1));
    if (parent && last.kind === "key" && parent.collection) position = { type: parent.type, collection: false };
    else if (parent && last.kind === "static" && !parent.collection) {
      const member = members(parent.type).get(last.name.toLowerCase())?.type;
      if (member?.kind === "named" && byName.has(member.qualifiedName)) {
        position = { type: member.qualifiedName, collection: false };
      } else if (member?.kind === "collection" && member.of.kind === "named" && byName.has(member.of.qualifiedName)) {
        position = { type: member.of.qualifiedName, collection: true };
      }
    }
    walked.set(shape, position ?? null);
    return position;
  };
  const singleObject = (segments: readonly PathSegment[]): string | undefined => {
    const position = positionAt(segments);
    return position && !position.collection ? position.type : undefined;
  };

  const gained = new Map<string, Array<[string, TypeRef, number, number]>>();
  // A member documented as one entity whose items the docs address by key (`items/{item-id}`) is a collection: the
  // Relationships table left out the word.
  const listed = new Map<Property, string>();
  for (const operation of operations) {
    for (const path of operation.paths) {
      path.segments.forEach((segment, index) => {
        if (segment.kind !== "static" || path.segments[index + 1]?.kind !== "key") return;
        const parent = singleObject(path.segments.slice(0, index));
        const member = parent ? members(parent).get(segment.name.toLowerCase()) : undefined;
        if (member?.type.kind !== "named" || !byName.has(member.type.qualifiedName) || listed.has(member)) return;
        // Only entities (with an `id`) are addressed by key: a key placeholder under an object without one stands for
        // a member's name (`apiConnectorConfiguration/{step}`).
        if (!members(member.type.qualifiedName).has("id")) return;
        // Nor where a GET of the member itself answers one object, or the same call is documented without the key
        // (`photo` and `photo/{size}`: the key names a size, not an item).
        if (answered(pathShape(path.segments.slice(0, index + 1)), false)?.collection === false) return;
        const unkeyed = pathShape([...path.segments.slice(0, index + 1), ...path.segments.slice(index + 2)]);
        if (operation.paths.some((other) => pathShape(other.segments) === unkeyed)) return;
        listed.set(member, path.template);
      });
    }
  }
  for (const [index, operation] of operations.entries()) {
    if (operation.method !== "GET" || !titledAsRelationship(operation)) continue;
    const answer = operation.response.type;
    if (answer?.kind !== "named" || !byName.has(answer.qualifiedName)) continue;
    for (const [at, path] of operation.paths.entries()) {
      const last = path.segments.at(-1);
      if (last?.kind !== "static" || !/^[A-Za-z_]\w*$/.test(last.name) || called.has(last.name.toLowerCase())) continue;
      const parent = singleObject(path.segments.slice(0, -1));
      if (!parent || parent === answer.qualifiedName) continue;
      // A member a derived type documents belongs to it: the path reached it through the base's answer.
      if (members(parent).has(last.name.toLowerCase()) || descendantHas(parent, last.name.toLowerCase())) continue;
      const list = gained.get(parent) ?? [];
      if (list.some(([name]) => name.toLowerCase() === last.name.toLowerCase())) continue;
      const collection = operation.response.collection || keyed.has(pathShape(path.segments));
      const type: TypeRef = collection ? { kind: "collection", of: answer } : answer;
      list.push([last.name, type, index, at]);
      gained.set(parent, list);
    }
  }
  const declaredBy = new Map<Property, [string, number]>();
  for (const type of types)
    type.properties.forEach((property, index) => declaredBy.set(property, [type.qualifiedName, index]));
  return {
    gained: [...gained],
    listed: [...listed].map(([property, template]) => [...declaredBy.get(property)!, template]),
  };
}

/**
 * Pages that document a relationship are titled for it (`List joinedTeams`, `Get presence`); a function's page is
 * titled by its name (`reportRoot: getOffice365ActivationCounts`, `Table: DataBodyRange`).
 */
export function titledAsRelationship(operation: Operation): boolean {
  return /^(list|get)\s/i.test(operation.title);
}

/** `/users/{id}/joinedTeams` -> `users/{}/joinedteams`: paths that differ in key names or case are one. */
function pathShape(segments: readonly PathSegment[]): string {
  return segments.map(segmentShape).join("/");
}

function segmentShape(segment: PathSegment): string {
  return segment.kind === "key" ? "{}" : segment.kind === "itemPath" ? ":{}:" : segment.name.toLowerCase();
}
