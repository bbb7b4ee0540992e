/**
 * The refine pass that runs before any file is written: TypeScript names and modules for every type and enum
 * (type-names.ts), the navigation tree of every documented path, and the names of its builder interfaces. Emitters
 * only print what this plan decided.
 */
import type { ApiModel, EnumType, ObjectType, Operation, PathSegment, RequestBody, TypeRef } from "../model/index.js";
import type { HttpMethod } from "../parse/index.js";
import { isIdentifier, kebabCase, NameScope, pascalCase } from "./names.js";
import { planTypeNames, type TypeNaming } from "./type-names.js";
import { printString } from "./literals.js";
import { assignAliases } from "./aliases.js";

export interface EmitPlan extends TypeNaming {
  readonly model: ApiModel;
  readonly root: NavigationNode;
  /** Qualified name -> name of the interface that navigates the type's relationships, for types that have any. */
  readonly navigationNames: ReadonlyMap<string, string>;
  /**
   * The interface each body of documented parameters is declared as, by the body: its name, and the path whose
   * builder module declares it (the first in tree order that takes it; others import it).
   */
  readonly bodyNames: ReadonlyMap<RequestBody, { readonly name: string; readonly node: NavigationNode }>;
  /**
   * The operations of the tree that merge those documented for the same path and verb, each with the operations of
   * the model it merges, in order: what it is made of, for the emit to key its files by.
   */
  readonly merged: ReadonlyMap<Operation, readonly Operation[]>;
}

/** A relationship (navigation property) whose target is a documented object type. */
export interface Relationship {
  readonly member: string;
  readonly name: string;
  readonly target: string;
  readonly collection: boolean;
}

/** One addressable path prefix: `/deviceManagement/deviceComplianceScripts/{id}`. */
export interface NavigationNode {
  readonly segment: PathSegment | { readonly kind: "root" };
  /** How the parent reaches this node: a property name (static), `byId` (key) or a method name (function). */
  member: string;
  /** Builder interface name. */
  interfaceName: string;
  /** Module under src/ that declares the interface (`requests/device-management`). */
  module: string;
  readonly children: Map<string, NavigationNode>;
  /**
   * Function segments merged under one name, with every parameter seen: how often, and whether a syntax line quotes
   * it (`address='{address}'`), leaves it bare (`address={address}`), or both (pages differ).
   */
  readonly parameters: Map<string, { quoted: boolean; bare: boolean; count: number; type?: TypeRef }>;
  variants: number;
  readonly operations: Map<HttpMethod, Operation>;
  readonly path: string;
  /** The object type this path addresses one of, where known: from its GET, its collection, or a relationship. */
  itemType?: string;
  /** The object type of the members of the collection this path addresses, where known. */
  elementType?: string;
  /** The path follows a relationship of the type above it, so it can be read even where no page documents a GET. */
  relationship?: boolean;
  /** Another path that addresses the same thing (`/me` of `/users/{id}`): its builder extends that path's. */
  alias?: NavigationNode;
  /** Of an alias: the interface of the members it declares itself, which its builder puts before its target's. */
  ownInterfaceName?: string;
}

/** Members a builder has itself; a path segment with one of these names is exposed with a trailing `_`. */
export const builderMembers = new Set([
  "byId",
  "byPath",
  "iterate",
  "then",
  "get",
  "post",
  "put",
  "patch",
  "delete",
  "toGetRequest",
  "toPostRequest",
  "toPutRequest",
  "toPatchRequest",
  "toDeleteRequest",
]);

export function planPackage(model: ApiModel, defaultNamespace: string): EmitPlan {
  const scope = new NameScope();
  const naming = planTypeNames(model, defaultNamespace, scope);
  const { declarations, typeNames, typeNamespaces } = naming;
  // A type of another namespace navigates by its namespace's names and its own (`CallRecordsSessionNavigation`); the
  // default namespace's claim theirs first.
  const navigationNames = new Map<string, string>();
  const navigable = model.types.filter((type) => hasRelationships(type, declarations));
  const inDefault = (type: ObjectType): boolean => typeNamespaces.get(type.qualifiedName)!.length === 0;
  for (const type of [...navigable.filter(inDefault), ...navigable.filter((type) => !inDefault(type))]) {
    const stem = [...typeNamespaces.get(type.qualifiedName)!, typeNames.get(type.qualifiedName)!].join("");
    navigationNames.set(type.qualifiedName, scope.claim(`${stem}Navigation`));
  }
  const merged = new Map<Operation, readonly Operation[]>();
  const root = buildNavigation(model.operations, scope, merged);
  assignItemTypes(root, undefined, undefined, declarations);
  assignAliases(root, model.operations, declarations);
  nameOwnInterfaces(root, scope);
  const bodyNames = new Map<RequestBody, { name: string; node: NavigationNode }>();
  nameBodies(root, scope, bodyNames);
  return { model, ...naming, root, navigationNames, bodyNames, merged };
}

/**
 * The type's own relationships whose targets are documented object types. Found once per type and set of
 * declarations: the plan asks for them at every path below the type, and for every type that derives from it.
 */
export function relationshipsOf(
  type: ObjectType,
  declarations: ReadonlyMap<string, ObjectType | EnumType>,
): readonly Relationship[] {
  let known = foundRelationships.get(declarations);
  if (!known) foundRelationships.set(declarations, (known = new WeakMap()));
  let relationships = known.get(type);
  if (!relationships) known.set(type, (relationships = collectRelationships(type, declarations)));
  return relationships;
}

const foundRelationships = new WeakMap<
  ReadonlyMap<string, ObjectType | EnumType>,
  WeakMap<ObjectType, readonly Relationship[]>
>();

function collectRelationships(
  type: ObjectType,
  declarations: ReadonlyMap<string, ObjectType | EnumType>,
): Relationship[] {
  return type.properties.flatMap((property) => {
    if (!property.navigation) return [];
    const collection = property.type.kind === "collection";
    const target = property.type.kind === "collection" ? property.type.of : property.type;
    if (target.kind !== "named" || declarations.get(target.qualifiedName)?.kind !== "object") return [];
    return [
      {
        member: memberName({ kind: "static", name: property.name }),
        name: property.name,
        target: target.qualifiedName,
        collection,
      },
    ];
  });
}

function hasRelationships(type: ObjectType, declarations: ReadonlyMap<string, ObjectType | EnumType>): boolean {
  const seen = new Set<string>();
  for (
    let current: ObjectType | EnumType | undefined = type;
    current?.kind === "object" && !seen.has(current.qualifiedName);
    current = current.baseType ? declarations.get(current.baseType) : undefined
  ) {
    seen.add(current.qualifiedName);
    if (relationshipsOf(current, declarations).length > 0) return true;
  }
  return false;
}

/** A relationship of the type or of one of its base types. */
function findRelationship(
  qualifiedName: string,
  name: string,
  declarations: ReadonlyMap<string, ObjectType | EnumType>,
): Relationship | undefined {
  const seen = new Set<string>();
  for (
    let current = declarations.get(qualifiedName);
    current?.kind === "object" && !seen.has(current.qualifiedName);
    current = current.baseType ? declarations.get(current.baseType) : undefined
  ) {
    seen.add(current.qualifiedName);
    const found = relationshipsOf(current, declarations).find(
      (relationship) => relationship.name.toLowerCase() === name.toLowerCase(),
    );
    if (found) return found;
  }
  return undefined;
}

/**
 * What each path addresses: the type its GET returns, the member type of the collection above a key, or the target
 * of a relationship of the type above. Builders of such paths can then also follow the type's relationships.
 */
/**
 * Two pages documenting the same method and path (a base type's pages and each derived type's, in the Intune docs):
 * the first page names and documents the verb, and its body and response accept any of the documented types.
 */
function mergeOperations(first: Operation, other: Operation): Operation {
  const body =
    first.requestBody?.kind === "type" && other.requestBody?.kind === "type"
      ? unionOf(first.requestBody.type, other.requestBody.type)
      : undefined;
  const response =
    first.response.type && other.response.type && first.response.collection === other.response.collection
      ? unionOf(first.response.type, other.response.type)
      : undefined;
  return {
    ...first,
    ...(body ? { requestBody: { kind: "type" as const, type: body } } : {}),
    ...(response ? { response: { ...first.response, type: response } } : {}),
  };
}

/** The object type a response names; for a union of types, the nearest base type they share. */
export function objectTypeOf(
  type: TypeRef,
  declarations: ReadonlyMap<string, ObjectType | EnumType>,
): string | undefined {
  const names = (type.kind === "union" ? type.of : [type]).map((member) =>
    member.kind === "named" ? member.qualifiedName : undefined,
  );
  if (names.some((name) => name === undefined || declarations.get(name)?.kind !== "object")) return undefined;
  const chain = (name: string): string[] => {
    const found: string[] = [];
    for (
      let current = declarations.get(name);
      current?.kind === "object" && !found.includes(current.qualifiedName);
      current = current.baseType ? declarations.get(current.baseType) : undefined
    ) {
      found.push(current.qualifiedName);
    }
    return found;
  };
  const [first, ...rest] = names.map((name) => chain(name!));
  return first!.find((candidate) => rest.every((other) => other.includes(candidate)));
}

function unionOf(a: TypeRef, b: TypeRef): TypeRef {
  const members = [...(a.kind === "union" ? a.of : [a]), ...(b.kind === "union" ? b.of : [b])];
  const byJson = new Map<string, TypeRef>();
  for (const member of members) {
    const json = JSON.stringify(member);
    if (!byJson.has(json)) byJson.set(json, member);
  }
  const unique = [...byJson.values()];
  return unique.length === 1 ? unique[0]! : { kind: "union", of: unique };
}

function assignItemTypes(
  node: NavigationNode,
  parentItem: string | undefined,
  parentElement: string | undefined,
  declarations: ReadonlyMap<string, ObjectType | EnumType>,
  parentRelationship = false,
): void {
  const response = node.operations.get("GET")?.response;
  const returned = response?.type ? objectTypeOf(response.type, declarations) : undefined;
  const segment = node.segment;
  if (returned && !response!.collection) node.itemType = returned;
  else if (returned) node.elementType = returned;
  else if ((segment.kind === "key" || segment.kind === "itemPath") && parentElement) {
    node.itemType = parentElement;
    node.relationship = parentRelationship;
  } else if (segment.kind === "static" && parentItem) {
    const relationship = findRelationship(parentItem, segment.name, declarations);
    if (relationship?.collection) node.elementType = relationship.target;
    else if (relationship) node.itemType = relationship.target;
    node.relationship = relationship !== undefined;
  }
  for (const next of node.children.values()) {
    assignItemTypes(next, node.itemType, node.elementType, declarations, node.relationship === true);
  }
}

function buildNavigation(
  operations: readonly Operation[],
  scope: NameScope,
  merged: Map<Operation, readonly Operation[]>,
): NavigationNode {
  const root = newNode({ kind: "root" }, "", "");
  // A syntax line with a query string (`GET /users/{id}?$expand=manager`) documents a variant of a path another page
  // documents plainly; it defines the verb only where no page documents the path without a query.
  const queried = new Map<NavigationNode, Set<string>>();
  for (const operation of operations) {
    for (const path of operation.paths) {
      let node = root;
      for (const segment of path.segments) node = child(node, segment, operation);
      const first = node.operations.get(operation.method);
      const variants = queried.get(node) ?? new Set<string>();
      queried.set(node, variants);
      const firstQueried = variants.has(operation.method);
      const thisQueried = path.query !== undefined;
      if (!first || (firstQueried && !thisQueried)) {
        node.operations.set(operation.method, operation);
        if (thisQueried) variants.add(operation.method);
        else variants.delete(operation.method);
      } else if (!firstQueried && !thisQueried) {
        const merge = mergeOperations(first, operation);
        merged.set(merge, [...(merged.get(first) ?? [first]), operation]);
        node.operations.set(operation.method, merge);
      }
    }
  }
  const moduleScope = new NameScope(["index"]);
  for (const top of [...root.children.values()].sort(byMember)) {
    const module = `requests/${moduleScope.claim(kebabCase(top.member.replace(/_$/, "")) || "segment")}`;
    nameSubtree(top, pascalCase(labelOf(top)), module, scope);
  }
  root.interfaceName = scope.claim("ApiClient");
  root.module = "requests/index";
  return root;
}

/** Aliases declare their own members apart (`MeRequestsOwn`), so that their builder can leave them out of the target's. */
function nameOwnInterfaces(node: NavigationNode, scope: NameScope): void {
  for (const next of [...node.children.values()].sort(byMember)) {
    if (next.alias) next.ownInterfaceName = scope.claim(`${next.interfaceName}Own`);
    nameOwnInterfaces(next, scope);
  }
}

/**
 * A body of documented parameters is an interface of its own (`UsersItemSendMailPostBody`), one member a line,
 * rather than an object type written out in each signature that takes it.
 */
function nameBodies(
  node: NavigationNode,
  scope: NameScope,
  names: Map<RequestBody, { name: string; node: NavigationNode }>,
): void {
  for (const method of ["POST", "PUT", "PATCH"] as const) {
    const body = node.operations.get(method)?.requestBody;
    if (body?.kind !== "parameters" || names.has(body)) continue;
    const stem = node.interfaceName.replace(/Requests(\d*)$/, "$1");
    names.set(body, { name: scope.claim(`${stem}${pascalCase(method.toLowerCase())}Body`), node });
  }
  for (const next of [...node.children.values()].sort(byMember)) nameBodies(next, scope, names);
}

function nameSubtree(node: NavigationNode, stem: string, module: string, scope: NameScope): void {
  node.interfaceName = scope.claim(`${stem}Requests`);
  node.module = module;
  for (const next of [...node.children.values()].sort(byMember))
    nameSubtree(next, stem + pascalCase(labelOf(next)), module, scope);
}

function labelOf(node: NavigationNode): string {
  const segment = node.segment;
  if (segment.kind === "key") return "Item";
  if (segment.kind === "itemPath") return "ItemPath";
  if (segment.kind === "root") return "";
  return segment.name.split(".").pop() ?? segment.name;
}

function byMember(a: NavigationNode, b: NavigationNode): number {
  return a.member < b.member ? -1 : a.member > b.member ? 1 : a.segment.kind < b.segment.kind ? -1 : 1;
}

function newNode(segment: NavigationNode["segment"], member: string, path: string): NavigationNode {
  return {
    segment,
    member,
    interfaceName: "",
    module: "",
    children: new Map(),
    parameters: new Map(),
    variants: 0,
    operations: new Map(),
    path,
  };
}

/**
 * How a node's children are told apart: one key child, one item-path child, and statics or functions by name,
 * ignoring case (URL paths are case-insensitive).
 */
export function childKey(segment: PathSegment): string {
  return segment.kind === "key" || segment.kind === "itemPath"
    ? segment.kind
    : `${segment.kind}:${segment.name.toLowerCase()}`;
}

function child(node: NavigationNode, segment: PathSegment, operation: Operation): NavigationNode {
  const key = childKey(segment);
  let next = node.children.get(key);
  if (!next) {
    const shown =
      segment.kind === "key"
        ? `/{${segment.name}}`
        : segment.kind === "itemPath"
          ? `:/{${segment.name}}:`
          : `/${segment.name}`;
    const path = `${node.path}${shown}`;
    next = newNode(segment, memberName(segment), path);
    node.children.set(key, next);
  }
  if (segment.kind === "function") {
    next.variants++;
    for (const parameter of segment.parameters) {
      const seen = next.parameters.get(parameter.name);
      // The Function parameters table, where the page has one, says what the parameter holds.
      const documented = operation.parameters.find(
        (candidate) => candidate.in !== "query" && candidate.name.toLowerCase() === parameter.name.toLowerCase(),
      )?.type;
      const type = seen?.type ?? documented;
      next.parameters.set(parameter.name, {
        quoted: (seen?.quoted ?? false) || parameter.quoted,
        bare: (seen?.bare ?? false) || !parameter.quoted,
        count: (seen?.count ?? 0) + 1,
        ...(type ? { type } : {}),
      });
    }
  }
  return next;
}

function memberName(segment: PathSegment): string {
  if (segment.kind === "key") return "byId";
  if (segment.kind === "itemPath") return "byPath";
  // A segment named like a member of the builders is reached with a `_` more, and so is one named like that
  // (`delete` as `delete_`, `delete_` as `delete__`), so that the runtime can map each back.
  const name = segment.name;
  if (builderMembers.has(name.replace(/_+$/, ""))) return `${name}_`;
  return name;
}

/** `{ "a.b": ... }` needs quotes; identifiers do not. */
export function memberKey(member: string): string {
  return isIdentifier(member) ? member : printString(member);
}

/** `.name`, `["a.b"]`: how generated code reaches a member. */
export function memberAccess(member: string): string {
  return isIdentifier(member) ? `.${member}` : `[${printString(member)}]`;
}
