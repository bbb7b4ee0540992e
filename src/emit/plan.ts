/**
 * The refine pass that runs before any file is written: TypeScript names and modules for every type and enum,
 * the navigation tree of every documented path, and the names of its builder interfaces. Emitters only print
 * what this plan decided.
 */
import type { ApiModel, EnumType, ObjectType, Operation, PathSegment } from "../model/index.js";
import type { HttpMethod } from "../parse/index.js";
import { createDiagnostic, type Diagnostic } from "../diagnostics/index.js";
import { isIdentifier, kebabCase, NameScope, pascalCase, safeTypeName } from "./names.js";

export interface EmitPlan {
  readonly model: ApiModel;
  /** Qualified name -> TypeScript name, for object types and enums. */
  readonly typeNames: ReadonlyMap<string, string>;
  /** Qualified name -> module path relative to the package's src/, without extension (`models/user`). */
  readonly typeModules: ReadonlyMap<string, string>;
  readonly declarations: ReadonlyMap<string, ObjectType | EnumType>;
  readonly root: NavigationNode;
  readonly diagnostics: Diagnostic[];
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
  /** Function segments merged under one name, with every parameter seen and how often. */
  readonly parameters: Map<string, { quoted: boolean; count: number }>;
  variants: number;
  readonly operations: Map<HttpMethod, Operation>;
  readonly path: string;
}

/** Members a builder has itself; a path segment with one of these names is exposed with a trailing `_`. */
export const builderMembers = new Set([
  "byId",
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
  const diagnostics: Diagnostic[] = [];
  const scope = new NameScope();
  const typeNames = new Map<string, string>();
  const typeModules = new Map<string, string>();
  const declarations = new Map<string, ObjectType | EnumType>();
  const fileScope = new NameScope(["index"]);
  // Types of the main namespace keep their plain names; others fall back to a namespace-prefixed name.
  const ordered = [...model.types, ...model.enums].sort((a, b) => {
    const aMain = a.namespace === defaultNamespace ? 0 : 1;
    const bMain = b.namespace === defaultNamespace ? 0 : 1;
    return aMain - bMain || (a.qualifiedName < b.qualifiedName ? -1 : a.qualifiedName > b.qualifiedName ? 1 : 0);
  });
  const owners = new Map<string, string>();
  for (const declaration of ordered) {
    declarations.set(declaration.qualifiedName, declaration);
    const plain = safeTypeName(declaration.name);
    let wanted = plain;
    if (owners.has(plain.toLowerCase()) && declaration.namespace !== defaultNamespace) {
      wanted = safeTypeName(`${declaration.namespace.split(".").pop()}_${declaration.name}`);
    }
    const name = scope.claim(wanted);
    if (name !== plain) {
      diagnostics.push(
        createDiagnostic(
          "nameCollision",
          declaration.source.file,
          { line: declaration.source.line },
          owners.get(plain.toLowerCase()) ?? plain,
          declaration.qualifiedName,
          plain,
          name,
        ),
      );
    }
    owners.set(name.toLowerCase(), declaration.qualifiedName);
    if (!owners.has(plain.toLowerCase())) owners.set(plain.toLowerCase(), declaration.qualifiedName);
    typeNames.set(declaration.qualifiedName, name);
    typeModules.set(declaration.qualifiedName, `models/${fileScope.claim(kebabCase(name))}`);
  }
  const root = buildNavigation(model.operations, scope);
  return { model, typeNames, typeModules, declarations, root, diagnostics };
}

function buildNavigation(operations: readonly Operation[], scope: NameScope): NavigationNode {
  const root = newNode({ kind: "root" }, "", "");
  for (const operation of operations) {
    for (const path of operation.paths) {
      let node = root;
      for (const segment of path.segments) node = child(node, segment);
      if (!node.operations.has(operation.method)) node.operations.set(operation.method, operation);
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

function nameSubtree(node: NavigationNode, stem: string, module: string, scope: NameScope): void {
  node.interfaceName = scope.claim(`${stem}Requests`);
  node.module = module;
  for (const next of [...node.children.values()].sort(byMember))
    nameSubtree(next, stem + pascalCase(labelOf(next)), module, scope);
}

function labelOf(node: NavigationNode): string {
  const segment = node.segment;
  if (segment.kind === "key") return "Item";
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

/** The child for a segment; statics that differ only in case are one segment (URL paths are case-insensitive). */
function child(node: NavigationNode, segment: PathSegment): NavigationNode {
  const key = segment.kind === "key" ? "key" : `${segment.kind}:${segment.name.toLowerCase()}`;
  let next = node.children.get(key);
  if (!next) {
    const path = `${node.path}/${segment.kind === "key" ? `{${segment.name}}` : segment.name}`;
    next = newNode(segment, memberName(segment), path);
    node.children.set(key, next);
  }
  if (segment.kind === "function") {
    next.variants++;
    for (const parameter of segment.parameters) {
      const seen = next.parameters.get(parameter.name);
      next.parameters.set(parameter.name, {
        quoted: (seen?.quoted ?? true) && parameter.quoted,
        count: (seen?.count ?? 0) + 1,
      });
    }
  }
  return next;
}

function memberName(segment: PathSegment): string {
  if (segment.kind === "key") return "byId";
  const name = segment.name;
  if (builderMembers.has(name)) return `${name}_`;
  return name;
}

/** `{ "a.b": ... }` needs quotes; identifiers do not. */
export function memberKey(member: string): string {
  return isIdentifier(member) ? member : JSON.stringify(member);
}

/** `.name`, `["a.b"]`: how generated code reaches a member. */
export function memberAccess(member: string): string {
  return isIdentifier(member) ? `.${member}` : `[${JSON.stringify(member)}]`;
}
