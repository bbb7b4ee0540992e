/**
 * TypeScript names for documented names. Reserved words are data: the global type names an interface must not
 * shadow live in one set, and a name taken twice gets a numbered suffix, reported once.
 */
import { isIdentifier, printString } from "./literals.js";

/**
 * Global types the generated code relies on, and the names the package's index exports beside the models; a
 * documented type with one of these names gets a `Type` suffix.
 */
const reservedTypeNames = new Set([
  "Array",
  "ArrayBuffer",
  "Blob",
  "Boolean",
  "Date",
  "Error",
  "Function",
  "Headers",
  "Map",
  "Number",
  "Object",
  "Omit",
  "Partial",
  "Pick",
  "Promise",
  "Readonly",
  "Record",
  "Required",
  "Response",
  "Set",
  "String",
  "Symbol",
  "Uint8Array",
  // Type operators the generated builders and tests write.
  "Awaited",
  "Exclude",
  "Extract",
  "NonNullable",
  "Parameters",
  "ReturnType",
  // What the runtime exports beside the model.
  "ApiError",
  "ApiClient",
  "ClientOptions",
  "CollectionPage",
  "CollectionRequests",
  "ItemRequests",
  "NetworkError",
  "PageIterator",
  "QueryOptions",
  "RequestDescription",
  "RequestOptions",
  "RequestBody",
  "RetryOptions",
  "Selectable",
  "TimeoutError",
  "Literal",
]);

export function pascalCase(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((word) => word !== "");
  const joined = words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join("");
  return /^[0-9]/.test(joined) ? `_${joined}` : joined || "_";
}

export function camelCase(name: string): string {
  const pascal = pascalCase(name);
  return pascal[0]!.toLowerCase() + pascal.slice(1);
}

export function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase();
}

export { isIdentifier };

/** A property name as written in an interface: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return isIdentifier(name) ? name : printString(name);
}

/** Hands out unique names within one scope, case-insensitively (file names must not clash on any file system). */
export class NameScope {
  private readonly taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.taken.add(name.toLowerCase());
  }

  /** The name, or the name with the lowest free numeric suffix. */
  claim(name: string): string {
    let candidate = name;
    for (let n = 2; this.taken.has(candidate.toLowerCase()); n++) candidate = `${name}${n}`;
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }

  /** Takes `name` as it is, whether or not it was taken already (names that may share it are not in this scope). */
  reserve(name: string): void {
    this.taken.add(name.toLowerCase());
  }
}

export function typeNameScope(): NameScope {
  return new NameScope();
}

export function safeTypeName(name: string): string {
  const pascal = pascalCase(name);
  return reservedTypeNames.has(pascal) ? `${pascal}Type` : pascal;
}

/** A level of a namespace as a TypeScript namespace name: `callRecords` -> `CallRecords`. */
export function safeNamespaceName(level: string): string {
  const pascal = pascalCase(level);
  return reservedTypeNames.has(pascal) ? `${pascal}Namespace` : pascal;
}
