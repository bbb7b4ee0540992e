/**
 * Where every type and enum is exported, and under which name. A type of the docs set's default namespace is
 * exported by its PascalCase name; a type of another namespace under that namespace (`CallRecords.CallRecord`), one
 * TypeScript namespace per level (`microsoft.graph.a.b` -> `A.B`; a namespace outside the default one by all its
 * levels: `contoso.extras` -> `Contoso.Extras`). So no name depends on which other types the docs document: a type
 * named like one of another namespace, or a namespace named like a type, renames nothing.
 *
 * A namespace is a directory under src/models/ with an index; its parent's index re-exports it
 * (`export type * as CallRecords from "./call-records/index.js"`). Where the parent has a type of the same name
 * (a `Security` type and a `security` namespace), the type's module re-exports the namespace instead, and the two
 * merge: `Security` is the type and `Security.Alert` a type of the namespace.
 */
import type { ApiModel, EnumType, ObjectType } from "../model/index.js";
import { createDiagnostic, type Diagnostic } from "../diagnostics/index.js";
import { addTo } from "../util/group.js";
import { kebabCase, NameScope, safeNamespaceName, safeTypeName } from "./names.js";

export interface TypeNamespace {
  /** Its TypeScript names from the models index down (`["CallRecords"]`); empty for the default namespace. */
  readonly path: readonly string[];
  /** The directory of its modules and index under src/ (`models/call-records`). */
  readonly directory: string;
  /** Its types and enums by TypeScript name, to qualified name. */
  readonly names: ReadonlyMap<string, string>;
  /** The names of the namespaces one level below it. */
  readonly children: readonly string[];
  /** The type of the parent namespace named like this namespace, whose module re-exports it (they merge). */
  readonly mergedWith?: string;
}

export interface TypeNaming {
  /** Qualified name -> TypeScript name within its namespace, for object types and enums. */
  readonly typeNames: ReadonlyMap<string, string>;
  /** Qualified name -> the path of the TypeScript namespace it is exported under (empty: the default namespace). */
  readonly typeNamespaces: ReadonlyMap<string, readonly string[]>;
  /** Qualified name -> module path relative to the package's src/, without extension (`models/call-records/session`). */
  readonly typeModules: ReadonlyMap<string, string>;
  readonly declarations: ReadonlyMap<string, ObjectType | EnumType>;
  /** The TypeScript namespaces by their path joined with dots, the default namespace (``) first. */
  readonly namespaces: ReadonlyMap<string, TypeNamespace>;
  /**
   * Object type -> the object types that derive from it directly, in name order: where the docs declare the type, a
   * payload of any of them is accepted.
   */
  readonly derivedTypes: ReadonlyMap<string, readonly string[]>;
  readonly diagnostics: Diagnostic[];
}

/**
 * The TypeScript namespace path of a documented namespace: its levels below the default namespace, or all its
 * levels when it is not below it.
 */
export function namespacePath(namespace: string, defaultNamespace: string): string[] {
  if (namespace === defaultNamespace) return [];
  const below = namespace.startsWith(`${defaultNamespace}.`) ? namespace.slice(defaultNamespace.length + 1) : namespace;
  return below
    .split(".")
    .filter((level) => /[A-Za-z0-9]/.test(level))
    .map(safeNamespaceName);
}

interface OpenNamespace {
  readonly path: string[];
  readonly directory: string;
  readonly names: Map<string, string>;
  readonly children: string[];
  /** Type names, case-insensitively (file systems may fold case). */
  readonly scope: NameScope;
  readonly files: NameScope;
  readonly directories: NameScope;
  /** Lowercased plain name -> the qualified name that claimed it, for DT301. */
  readonly owners: Map<string, string>;
}

/** Names every type and enum of the model; the default namespace's names are claimed in `scope`. */
export function planTypeNames(model: ApiModel, defaultNamespace: string, scope: NameScope): TypeNaming {
  const diagnostics: Diagnostic[] = [];
  const open = new Map<string, OpenNamespace>();
  const namespaceAt = (path: string[]): OpenNamespace => {
    const key = path.join(".");
    let found = open.get(key);
    if (found) return found;
    let directory = "models";
    if (path.length > 0) {
      const parent = namespaceAt(path.slice(0, -1));
      parent.children.push(path[path.length - 1]!);
      directory = `${parent.directory}/${parent.directories.claim(kebabCase(path[path.length - 1]!) || "namespace")}`;
    }
    found = {
      path,
      directory,
      names: new Map(),
      children: [],
      scope: path.length === 0 ? scope : new NameScope(),
      files: new NameScope(["index"]),
      directories: new NameScope(),
      owners: new Map(),
    };
    open.set(key, found);
    return found;
  };
  namespaceAt([]);
  const typeNames = new Map<string, string>();
  const typeNamespaces = new Map<string, readonly string[]>();
  const typeModules = new Map<string, string>();
  const declarations = new Map<string, ObjectType | EnumType>();
  // By namespace, then qualified name: the default namespace's names are claimed first, and a namespace's names do
  // not depend on any other namespace's.
  const placed = [...model.types, ...model.enums]
    .map((declaration) => ({ declaration, path: namespacePath(declaration.namespace, defaultNamespace) }))
    .map((entry) => ({ ...entry, key: entry.path.join(".") }))
    .sort((a, b) => compare(a.key, b.key) || compare(a.declaration.qualifiedName, b.declaration.qualifiedName));
  for (const { declaration, path } of placed) {
    const namespace = namespaceAt(path);
    declarations.set(declaration.qualifiedName, declaration);
    const plain = safeTypeName(declaration.name);
    const name = namespace.scope.claim(plain);
    if (name !== plain) {
      diagnostics.push(
        createDiagnostic(
          "nameCollision",
          declaration.source.file,
          { line: declaration.source.line },
          namespace.owners.get(plain.toLowerCase()) ?? plain,
          declaration.qualifiedName,
          plain,
          name,
        ),
      );
    }
    namespace.owners.set(name.toLowerCase(), declaration.qualifiedName);
    if (!namespace.owners.has(plain.toLowerCase()))
      namespace.owners.set(plain.toLowerCase(), declaration.qualifiedName);
    namespace.names.set(name, declaration.qualifiedName);
    typeNames.set(declaration.qualifiedName, name);
    typeNamespaces.set(declaration.qualifiedName, path);
    typeModules.set(declaration.qualifiedName, `${namespace.directory}/${namespace.files.claim(kebabCase(name))}`);
  }
  const namespaces = new Map<string, TypeNamespace>();
  for (const [key, namespace] of [...open].sort((a, b) => compare(a[0], b[0]))) {
    const parent = open.get(namespace.path.slice(0, -1).join("."));
    const mergedWith = parent?.names.get(namespace.path[namespace.path.length - 1]!);
    namespaces.set(key, {
      path: namespace.path,
      directory: namespace.directory,
      names: namespace.names,
      children: [...namespace.children].sort(compare),
      ...(namespace.path.length > 0 && mergedWith ? { mergedWith } : {}),
    });
  }
  // Builders and navigation interfaces are exported beside the top-level namespaces: they must not take their names.
  for (const name of namespaces.get("")!.children) scope.reserve(name);
  return {
    typeNames,
    typeNamespaces,
    typeModules,
    declarations,
    namespaces,
    derivedTypes: derivedTypesOf(model.types),
    diagnostics,
  };
}

/** The type as the package's index exports it: `User`, `CallRecords.Session`. */
export function exportedName(naming: TypeNaming, qualifiedName: string): string {
  // Asked for again for every member that names the type (api.md alone asks tens of thousands of times); the names
  // are settled once planTypeNames returns.
  let names = exportedNames.get(naming.typeNames);
  if (!names) exportedNames.set(naming.typeNames, (names = new Map()));
  let name = names.get(qualifiedName);
  if (name === undefined) {
    const namespace = naming.typeNamespaces.get(qualifiedName)!;
    const own = naming.typeNames.get(qualifiedName)!;
    name = namespace.length === 0 ? own : `${namespace.join(".")}.${own}`;
    names.set(qualifiedName, name);
  }
  return name;
}

/** The exported names asked for, by the naming's map of names (a plan is spread into objects that share it). */
const exportedNames = new WeakMap<ReadonlyMap<string, string>, Map<string, string>>();

/** The model's base types are object types and never loop (model/declarations.ts breaks what would). */
function derivedTypesOf(types: readonly ObjectType[]): Map<string, string[]> {
  const derived = new Map<string, string[]>();
  for (const type of types) if (type.baseType) addTo(derived, type.baseType, type.qualifiedName);
  for (const list of derived.values()) list.sort(compare);
  return derived;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
