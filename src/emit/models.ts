/**
 * One module per object type and enum under src/models/: interfaces with every property optional and nullable
 * (`p?: T | null`), `readonly` where the docs say read-only, JSDoc from the descriptions; enums as string-literal
 * unions.
 */
import type {
  ImportDeclarationStructure,
  OptionalKind,
  PropertySignatureStructure,
  SourceFileStructure,
} from "ts-morph";
import { StructureKind } from "./structure-kinds.js";
import type { EnumType, ObjectType } from "../model/index.js";
import { propertyKey } from "./names.js";
import type { EmitPlan } from "./plan.js";
import { docText, formatOf, tsNullable, tsType, tsUnion, TypeImports } from "./type-text.js";
import { printString } from "./literals.js";
import { addTo } from "../group.js";

export interface ModuleFile {
  /** Module path under src/, without extension. */
  readonly module: string;
  readonly structure: OptionalKind<SourceFileStructure>;
}

/** The module of one type or enum. */
export function modelModule(declaration: ObjectType | EnumType, plan: EmitPlan): ModuleFile {
  const module = plan.typeModules.get(declaration.qualifiedName)!;
  return {
    module,
    structure: declaration.kind === "object" ? objectTypeFile(declaration, module, plan) : enumFile(declaration, plan),
  };
}

/** models/index: every model module, re-exported; `modules` in path order. */
export function modelsIndex(modules: readonly string[]): ModuleFile {
  return {
    module: "models/index",
    structure: {
      statements: modules.map((module) => ({
        kind: StructureKind.ExportDeclaration,
        isTypeOnly: true,
        moduleSpecifier: `./${module.slice("models/".length)}.js`,
      })),
    },
  };
}

function objectTypeFile(type: ObjectType, module: string, plan: EmitPlan): OptionalKind<SourceFileStructure> {
  const imports = new TypeImports(plan, module);
  const base = type.baseType ? imports.use(type.baseType) : undefined;
  const properties: OptionalKind<PropertySignatureStructure>[] = [];
  if ((!base || base === "unknown") && !type.properties.some((property) => property.name === "@odata.type")) {
    properties.push({
      name: '"@odata.type"',
      type: "string",
      hasQuestionToken: true,
      docs: ["The OData type of the instance: `#microsoft.graph.x`."],
    });
  }
  for (const property of type.properties) {
    // Every root type declares the instance's `@odata.type`; a derived type that documents it again would clash.
    if (base && base !== "unknown" && property.name === "@odata.type") continue;
    const format = formatOf(property.type);
    const docs = [property.description, format ? `Format: ${format}.` : undefined].filter(
      (line): line is string => !!line,
    );
    properties.push({
      name: propertyKey(property.name),
      type: tsNullable(tsType(property.type, imports)),
      hasQuestionToken: true,
      isReadonly: property.readOnly,
      ...(docs.length > 0 ? { docs: [docText(docs.join("\n\n"))] } : {}),
    });
  }
  const description = [
    type.description,
    type.abstract ? "Abstract: instances are always of a derived type." : undefined,
    type.openType ? "Open type: instances may carry members that are not listed here." : undefined,
    `Documented in \`${type.source.file}\`.`,
  ]
    .filter((line): line is string => !!line)
    .join("\n\n");
  return {
    statements: [
      ...importStructures(imports, module),
      {
        kind: StructureKind.Interface,
        name: plan.typeNames.get(type.qualifiedName)!,
        isExported: true,
        ...(base && base !== "unknown" ? { extends: [base] } : {}),
        docs: [docText(description)],
        // Instance annotations (`@odata.id`, `members@odata.bind`) may accompany any object; derived types inherit this.
        ...(base && base !== "unknown" ? {} : { indexSignatures: [annotationIndexSignature] }),
        properties,
      },
    ],
  };
}

function enumFile(type: EnumType, plan: EmitPlan): OptionalKind<SourceFileStructure> {
  const members = type.members.map(
    (member) => `- \`${member.name}\`${member.description ? `: ${member.description}` : ""}`,
  );
  const description = [type.description, members.join("\n"), `Documented in \`${type.source.file}\`.`]
    .filter((line): line is string => !!line)
    .join("\n\n");
  return {
    statements: [
      {
        kind: StructureKind.TypeAlias,
        name: plan.typeNames.get(type.qualifiedName)!,
        isExported: true,
        type: tsUnion(type.members.map((member) => printString(member.name))),
        docs: [docText(description)],
      },
    ],
  };
}

/**
 * `[annotation: `${string}@${string}`]: unknown`: the keys of instance annotations, of any namespace (`@odata.type`,
 * `@microsoft.graph.conflictBehavior`, `members@odata.bind`). No property name of the docs holds an `@` otherwise.
 */
export const annotationKeyType = "`${string}@${string}`";

const annotationIndexSignature = { keyName: "annotation", keyType: annotationKeyType, returnType: "unknown" };

/** `import type { A } from "../models/a.js"` for every model type a module names, sorted. */
export function importStructures(imports: TypeImports, fromModule: string): ImportDeclarationStructure[] {
  const byModule = new Map<string, string[]>();
  for (const [name, module] of imports.names) addTo(byModule, module, name);
  return [...byModule]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([module, names]) => ({
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: names.sort(),
      moduleSpecifier: relativeModule(fromModule, module),
    }));
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
