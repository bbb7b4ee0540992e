/**
 * TypeRef -> TypeScript type text, with the model types it names recorded so the caller can import them.
 * The small `ts*` helpers keep emitters reading like the code they emit.
 */
import type { ImportDeclarationStructure } from "ts-morph";
import type { TypeRef } from "../model/index.js";
import { printString } from "./literals.js";
import { pascalCase } from "./names.js";
import type { EmitPlan } from "./plan.js";
import { StructureKind } from "./structure-kinds.js";
import type { TypeNamespace } from "./type-names.js";

/**
 * The model types a module refers to, and the imports that bring them in. A type of the module's own namespace, or of
 * the default one, is named bare (`Session`), a type of another namespace through that namespace
 * (`CallRecords.Session`, with `import type * as CallRecords from ".../models/call-records/index.js"`). A name the
 * module's namespace already gives another type is imported under an alias.
 */
export class TypeImports {
  /** Module -> imported name -> local name. */
  private readonly named = new Map<string, Map<string, string>>();
  /** Module -> local name, for `import type * as Name`. */
  private readonly whole = new Map<string, string>();

  constructor(
    private readonly plan: EmitPlan,
    /** Module of the file being written, to skip self-imports. */
    private readonly fromModule: string,
    /** The TypeScript namespace the module belongs to (a model module's). */
    private readonly namespace: readonly string[] = [],
  ) {}

  /** How the module names the type: `User`, `CallRecords.Session`, or `unknown` for a type the plan does not know. */
  use(qualifiedName: string): string {
    const name = this.plan.typeNames.get(qualifiedName);
    const module = this.plan.typeModules.get(qualifiedName);
    const path = this.plan.typeNamespaces.get(qualifiedName);
    if (!name || !module || !path) return "unknown";
    if (path.length === 0 || samePath(path, this.namespace)) {
      const shadowed = path.length === 0 && this.namespace.length > 0 && this.ownNames().has(name);
      const local = shadowed ? this.alias(name) : name;
      if (module !== this.fromModule) this.importName(module, name, local);
      return local;
    }
    return `${this.namespaceReference(path)}.${name}`;
  }

  /**
   * What a property, body or parameter declared as the type accepts: for an object type with derived types, the
   * type or any of them (`Entity.OrDerived`), told apart by `@odata.type`.
   */
  accepted(qualifiedName: string): string {
    if (!this.plan.derivedTypes.has(qualifiedName)) return this.use(qualifiedName);
    const merged = mergedNamespaceOf(this.plan, qualifiedName);
    return `${merged ? this.namespaceReference(merged.path) : this.use(qualifiedName)}.${orDerived}`;
  }

  /** The module's import declarations, in module order. */
  declarations(): ImportDeclarationStructure[] {
    const imports: Array<[string, ImportDeclarationStructure]> = [];
    for (const [module, names] of this.named) {
      const namedImports = [...names]
        .sort((a, b) => compare(a[0], b[0]))
        .map(([name, local]) => (name === local ? name : { name, alias: local }));
      imports.push([module, importOf(this.fromModule, module, { namedImports })]);
    }
    for (const [module, local] of this.whole)
      imports.push([module, importOf(this.fromModule, module, { namespaceImport: local })]);
    return imports.sort((a, b) => compare(a[0], b[0])).map(([, declaration]) => declaration);
  }

  /** `CallRecords`, `A.B`: the namespace as this module reaches it, through an import of its top level. */
  private namespaceReference(path: readonly string[]): string {
    const module = `${this.plan.namespaces.get(path[0]!)!.directory}/index`;
    let local = this.whole.get(module);
    if (!local) {
      local = this.bound(path[0]!) ? this.free(`${path[0]}Namespace`) : path[0]!;
      this.whole.set(module, local);
    }
    return [local, ...path.slice(1)].join(".");
  }

  private importName(module: string, name: string, local: string): void {
    let names = this.named.get(module);
    if (!names) this.named.set(module, (names = new Map()));
    names.set(name, local);
  }

  /** The names of the types of the module's namespace. */
  private ownNames(): ReadonlyMap<string, string> {
    return this.plan.namespaces.get(this.namespace.join("."))?.names ?? new Map();
  }

  /** Whether a bare `name` in this module may stand for a type: one of its namespace's or of the default one. */
  private bound(name: string): boolean {
    return this.ownNames().has(name) || this.plan.namespaces.get("")!.names.has(name);
  }

  /** The default namespace's type `name` where the module's namespace has its own: `GraphGroup`. */
  private alias(name: string): string {
    return this.free(`${pascalCase(this.plan.model.defaultNamespace.split(".").pop() ?? "")}${name}`);
  }

  /** `name`, or `name_`, `name__`...: the first that no type or namespace of the package may be named bare. */
  private free(name: string): string {
    let candidate = name;
    while (this.bound(candidate) || this.plan.namespaces.has(candidate)) candidate += "_";
    return candidate;
  }
}

/** The member of a type's namespace that names the type or any type derived from it. */
export const orDerived = "OrDerived";

/**
 * The namespace named like the type, in the type's own namespace, when there is one: the type's module re-exports
 * it, so the type's `OrDerived` is declared in that namespace's index instead of beside the type.
 */
export function mergedNamespaceOf(plan: EmitPlan, qualifiedName: string): TypeNamespace | undefined {
  const path = [...plan.typeNamespaces.get(qualifiedName)!, plan.typeNames.get(qualifiedName)!];
  const namespace = plan.namespaces.get(path.join("."));
  return namespace?.mergedWith === qualifiedName ? namespace : undefined;
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((level, index) => level === b[index]);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function importOf(
  fromModule: string,
  module: string,
  what: Pick<ImportDeclarationStructure, "namedImports" | "namespaceImport">,
): ImportDeclarationStructure {
  return {
    kind: StructureKind.ImportDeclaration,
    isTypeOnly: true,
    ...what,
    moduleSpecifier: relativeModule(fromModule, module),
  };
}

/** `requests/users` -> `models/user` gives `../models/user.js`. */
export function relativeModule(from: string, to: string): string {
  const fromParts = from.split("/").slice(0, -1);
  const toParts = to.split("/");
  let common = 0;
  while (common < fromParts.length && common < toParts.length - 1 && fromParts[common] === toParts[common]) common++;
  const up = fromParts.length - common;
  const rest = toParts.slice(common).join("/");
  return `${up === 0 ? "./" : "../".repeat(up)}${rest}.js`;
}

/**
 * The TypeScript text of a type; `accepted` for what a property, body or parameter declared as it takes (also the
 * payload of a derived type, where the type has derived types).
 */
export function tsType(ref: TypeRef, imports: TypeImports, accepted = false): string {
  switch (ref.kind) {
    case "primitive":
      return ref.name;
    case "named":
      return accepted ? imports.accepted(ref.qualifiedName) : imports.use(ref.qualifiedName);
    case "literals":
      // Values a description lists for a string: offered for completion, while any string is accepted (values evolve).
      return tsUnion([...ref.values.map((value) => printString(value)), "(string & {})"]);
    case "collection":
      return tsArray(tsType(ref.of, imports, accepted));
    case "union":
      return tsUnion(ref.of.map((of) => tsType(of, imports, accepted)));
    case "json":
    case "unknown":
      return "unknown";
  }
}

export function tsUnion(members: string[]): string {
  const unique = [...new Set(members)];
  return unique.length === 0 ? "never" : unique.join(" | ");
}

export function tsArray(element: string): string {
  return /[|&\s]/.test(element) ? `Array<${element}>` : `${element}[]`;
}

export function tsNullable(type: string): string {
  return type === "unknown" ? type : `${type} | null`;
}

/** The members every object has (TypeScript's `Object` interface), which object literals are checked against. */
const objectMembers = new Set([
  "constructor",
  "toString",
  "toLocaleString",
  "valueOf",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
]);

/**
 * The type of a member named `name`: `type`, and for a member named like one every object inherits (`valueOf`),
 * the inherited one too, which every object has; else no object literal without the member would fit its type.
 */
export function tsMemberType(name: string, type: string): string {
  return objectMembers.has(name) && type !== "unknown" ? `${type} | Object[${JSON.stringify(name)}]` : type;
}

/** The edm format a primitive came from, for JSDoc (`DateTimeOffset`). */
export function formatOf(ref: TypeRef): string | undefined {
  if (ref.kind === "primitive") return ref.format;
  if (ref.kind === "collection") return formatOf(ref.of);
  return undefined;
}

/** Text safe inside a JSDoc comment. */
export function docText(text: string): string {
  return text.replace(/\*\//g, "*\\/").replace(/\s+$/g, "");
}
