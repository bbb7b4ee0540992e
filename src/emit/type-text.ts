/**
 * TypeRef -> TypeScript type text, with the model types it names recorded so the caller can import them.
 * The small `ts*` helpers keep emitters reading like the code they emit.
 */
import type { TypeRef } from "../model/index.js";
import type { EmitPlan } from "./plan.js";
import { printString } from "./literals.js";

/** Collects the model types a module refers to. */
export class TypeImports {
  readonly names = new Map<string, string>();

  constructor(
    private readonly plan: EmitPlan,
    /** Module of the file being written, to skip self-imports. */
    private readonly fromModule: string,
  ) {}

  use(qualifiedName: string): string {
    const name = this.plan.typeNames.get(qualifiedName);
    const module = this.plan.typeModules.get(qualifiedName);
    if (!name || !module) return "unknown";
    if (module !== this.fromModule) this.names.set(name, module);
    return name;
  }
}

export function tsType(ref: TypeRef, imports: TypeImports): string {
  switch (ref.kind) {
    case "primitive":
      return ref.name;
    case "named":
      return imports.use(ref.qualifiedName);
    case "literals":
      return tsUnion(ref.values.map((value) => printString(value)));
    case "collection":
      return tsArray(tsType(ref.of, imports));
    case "union":
      return tsUnion(ref.of.map((of) => tsType(of, imports)));
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
