/**
 * Whether the service can resolve a documented path, segment by segment, as OData does: an entity set or singleton,
 * then keys, navigation and structural properties, type casts, bound actions and functions, and the system segments
 * (`$value`, `$count`, `$ref`). A path is never resolved by its text: a segment resolves only against the type the
 * segments before it reached.
 */
import type { HttpMethod } from "../parse/index.js";
import type { PathSegment } from "../model/api-model.js";
import type { ServiceMetadata, ServiceOperation, ServiceType } from "./csdl.js";
import { addTo } from "../util/group.js";

interface Position {
  /** Qualified name of the entity or complex type reached, or undefined past a primitive or an operation's result. */
  readonly type: string | undefined;
  readonly collection: boolean;
}

const systemSegments = new Set(["$value", "$count", "$ref", "$batch", "$metadata", "$all"]);

/** Indexes of the metadata that path resolution reads, built once per metadata. */
interface ServiceIndex {
  readonly types: Map<string, ServiceType>;
  readonly roots: Map<string, Position>;
  /** Lower-case name -> bound operations of that name. */
  readonly bound: Map<string, ServiceOperation[]>;
  /** Lower-case name -> unbound operations (imports) of that name. */
  readonly unbound: Map<string, ServiceOperation[]>;
}

const indexes = new WeakMap<ServiceMetadata, ServiceIndex>();

function indexOf(service: ServiceMetadata): ServiceIndex {
  const known = indexes.get(service);
  if (known) return known;
  const types = new Map(service.types.map((type) => [type.qualifiedName.toLowerCase(), type]));
  const roots = new Map<string, Position>(
    service.roots.map((root) => [root.name.toLowerCase(), { type: root.type, collection: root.kind === "entitySet" }]),
  );
  const bound = new Map<string, ServiceOperation[]>();
  const unbound = new Map<string, ServiceOperation[]>();
  for (const operation of service.operations) {
    const table = operation.binding ? bound : unbound;
    const key = operation.name.toLowerCase();
    addTo(table, key, operation);
  }
  const index = { types, roots, bound, unbound };
  indexes.set(service, index);
  return index;
}

/** Undefined when the service resolves the path; else why not, in a few words. */
export function resolveServicePath(
  service: ServiceMetadata,
  segments: readonly PathSegment[],
  method: HttpMethod,
): string | undefined {
  void method;
  const index = indexOf(service);
  let position: Position | undefined;
  for (const [i, segment] of segments.entries()) {
    if (segment.kind === "itemPath") continue; // `root:/{path}:` addresses an item of the type before it
    if (segment.kind === "key") {
      if (!position) return "a path cannot start with a key";
      if (!position.collection) return `\`{${segment.name}}\` keys what is not a collection`;
      position = { type: position.type, collection: false };
      continue;
    }
    const name = segment.name;
    if (systemSegments.has(name.toLowerCase())) {
      position = { type: position?.type, collection: false };
      continue;
    }
    if (!position) {
      const root = index.roots.get(name.toLowerCase());
      if (root) {
        position = segment.kind === "function" ? { type: root.type, collection: false } : root;
        continue;
      }
      const imported = index.unbound.get(bareName(name).toLowerCase())?.[0];
      if (imported) {
        position = resultOf(imported);
        continue;
      }
      return `\`${name}\` is no entity set, singleton or operation of the service`;
    }
    if (position.type === undefined) return `\`${name}\` follows a value that has no members`;
    const next = step(index, position, name, segment.kind === "function");
    if (!next) {
      const where = position.collection
        ? `a collection of \`${bareName(position.type)}\``
        : `\`${bareName(position.type)}\``;
      return `\`${name}\` (segment ${i + 1}) is no member, cast or bound operation of ${where}`;
    }
    position = next;
  }
  return undefined;
}

function step(index: ServiceIndex, position: Position, name: string, called: boolean): Position | undefined {
  const type = position.type!;
  const lower = name.toLowerCase();
  // A property of the type or of its bases (of an item: a collection is keyed first, except for a property of a
  // function-style alternate key).
  if (!position.collection || called) {
    const property = findProperty(index, type, lower);
    if (property) {
      if (called) return { type: property.type, collection: false }; // an alternate key: `items(path='...')`
      const target = index.types.has(property.type.toLowerCase()) ? property.type : undefined;
      return { type: target, collection: property.collection };
    }
  }
  // A cast to the type itself or a type derived from it (or, on a bare name, one of the type's own namespace).
  const cast = index.types.get(lower) ?? index.types.get(`${namespaceOf(type)}.${lower}`.toLowerCase());
  if (cast && derivesFrom(index, cast.qualifiedName, type))
    return { type: cast.qualifiedName, collection: position.collection };
  // An operation bound to the type, one of its bases, or one of its derived types.
  for (const operation of index.bound.get(bareName(name).toLowerCase()) ?? []) {
    const binding = operation.binding!;
    if (binding.collection !== position.collection) continue;
    if (derivesFrom(index, type, binding.type) || derivesFrom(index, binding.type, type)) return resultOf(operation);
  }
  return undefined;
}

function findProperty(index: ServiceIndex, typeName: string, lower: string) {
  for (let type = index.types.get(typeName.toLowerCase()), guard = 0; type && guard < 64; guard++) {
    const property = type.properties.find((candidate) => candidate.name.toLowerCase() === lower);
    if (property) return property;
    type = type.baseType ? index.types.get(type.baseType.toLowerCase()) : undefined;
  }
  return undefined;
}

/** Whether `derived` is `base` or derives from it. */
function derivesFrom(index: ServiceIndex, derived: string, base: string): boolean {
  const target = base.toLowerCase();
  for (let name: string | undefined = derived, guard = 0; name && guard < 64; guard++) {
    if (name.toLowerCase() === target) return true;
    name = index.types.get(name.toLowerCase())?.baseType;
  }
  return false;
}

function resultOf(operation: ServiceOperation): Position {
  return operation.returns
    ? {
        type: operation.returns.type.startsWith("Edm.") ? undefined : operation.returns.type,
        collection: operation.returns.collection,
      }
    : { type: undefined, collection: false };
}

/** `microsoft.graph.delta` -> `delta`. */
function bareName(name: string): string {
  return name.slice(name.lastIndexOf(".") + 1);
}

function namespaceOf(qualifiedName: string): string {
  return qualifiedName.slice(0, qualifiedName.lastIndexOf("."));
}
