/**
 * One module per object type and enum under src/models/ (a namespace's under its directory): interfaces with every
 * property optional and nullable (`p?: T | null`), `readonly` where the docs say read-only, JSDoc from the
 * descriptions; enums as string-literal unions. A type with derived types has `OrDerived` beside it, the union of it
 * and them, which is what properties, bodies and parameters declared as the type accept. An index per namespace
 * re-exports its modules and the namespaces below it.
 */
import type {
  ExportDeclarationStructure,
  OptionalKind,
  PropertySignatureStructure,
  SourceFileStructure,
  StatementStructures,
  TypeAliasDeclarationStructure,
} from "ts-morph";
import { ModuleDeclarationKind, StructureKind } from "./structure-kinds.js";
import type { EnumType, ObjectType } from "../model/index.js";
import { propertyKey } from "./names.js";
import type { EmitPlan } from "./plan.js";
import type { TypeNamespace } from "./type-names.js";
import {
  docText,
  formatOf,
  mergedNamespaceOf,
  orDerived,
  relativeModule,
  tsMemberType,
  tsNullable,
  tsType,
  tsUnion,
  TypeImports,
} from "./type-text.js";
import { printString } from "./literals.js";

export { relativeModule };

export interface ModuleFile {
  /** Module path under src/, without extension. */
  readonly module: string;
  readonly structure: OptionalKind<SourceFileStructure>;
}

/** The module of one type or enum. */
export function modelModule(declaration: ObjectType | EnumType, plan: EmitPlan): ModuleFile {
  const module = plan.typeModules.get(declaration.qualifiedName)!;
  const imports = new TypeImports(plan, module, plan.typeNamespaces.get(declaration.qualifiedName));
  const statements =
    declaration.kind === "object" ? objectTypeStatements(declaration, imports, plan) : [enumAlias(declaration, plan)];
  const merged = mergedNamespaceOf(plan, declaration.qualifiedName);
  return {
    module,
    structure: {
      statements: [...imports.declarations(), ...statements, ...(merged ? [namespaceExport(module, merged)] : [])],
    },
  };
}

/**
 * The index of each namespace (`models/index`, `models/call-records/index`): its modules re-exported, in path order,
 * and the namespaces below it, each under its name; a namespace named like a type of its parent is re-exported by
 * that type's module instead, and declares the type's `OrDerived`.
 */
export function modelIndexes(plan: EmitPlan): ModuleFile[] {
  return [...plan.namespaces.values()].map((namespace) => {
    const module = `${namespace.directory}/index`;
    const modules = [...namespace.names.values()].map((qualifiedName) => plan.typeModules.get(qualifiedName)!).sort();
    const imports = new TypeImports(plan, module, namespace.path);
    const merged = namespace.mergedWith;
    const alias = merged && plan.derivedTypes.has(merged) ? [orDerivedAlias(merged, imports, plan)] : [];
    return {
      module,
      structure: {
        statements: [
          ...imports.declarations(),
          ...modules.map(
            (target): OptionalKind<ExportDeclarationStructure> & { kind: typeof StructureKind.ExportDeclaration } => ({
              kind: StructureKind.ExportDeclaration,
              isTypeOnly: true,
              moduleSpecifier: relativeModule(module, target),
            }),
          ),
          ...namespace.children
            .map((name) => plan.namespaces.get([...namespace.path, name].join("."))!)
            .filter((child) => !child.mergedWith)
            .map((child) => namespaceExport(module, child)),
          ...alias,
        ],
      },
    };
  });
}

/** `export type * as CallRecords from "./call-records/index.js"`. */
function namespaceExport(
  fromModule: string,
  namespace: TypeNamespace,
): OptionalKind<ExportDeclarationStructure> & { kind: typeof StructureKind.ExportDeclaration } {
  return {
    kind: StructureKind.ExportDeclaration,
    isTypeOnly: true,
    namespaceExport: namespace.path[namespace.path.length - 1]!,
    moduleSpecifier: relativeModule(fromModule, `${namespace.directory}/index`),
  };
}

/** `OrDerived`: the type or any type derived from it (their own `OrDerived`, for those that have derived types). */
function orDerivedAlias(
  qualifiedName: string,
  imports: TypeImports,
  plan: EmitPlan,
): OptionalKind<TypeAliasDeclarationStructure> & { kind: typeof StructureKind.TypeAlias } {
  const members = [qualifiedName, ...plan.derivedTypes.get(qualifiedName)!].map((member) =>
    member === qualifiedName ? imports.use(member) : imports.accepted(member),
  );
  return {
    kind: StructureKind.TypeAlias,
    name: orDerived,
    isExported: true,
    type: tsUnion(members),
    docs: [
      `\`${plan.typeNames.get(qualifiedName)}\` or a type derived from it, told apart by \`@odata.type\`: what a property, body or parameter declared as \`${plan.typeNames.get(qualifiedName)}\` accepts.`,
    ],
  };
}

function objectTypeStatements(type: ObjectType, imports: TypeImports, plan: EmitPlan): StatementStructures[] {
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
      type: tsMemberType(property.name, tsNullable(tsType(property.type, imports, true))),
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
  const name = plan.typeNames.get(type.qualifiedName)!;
  // Beside the type unless a namespace of the same name is re-exported here (they merge): then in its index.
  const derived =
    plan.derivedTypes.has(type.qualifiedName) && !mergedNamespaceOf(plan, type.qualifiedName)
      ? [
          {
            kind: StructureKind.Module,
            name,
            isExported: true,
            hasDeclareKeyword: true,
            declarationKind: ModuleDeclarationKind.Namespace,
            statements: [orDerivedAlias(type.qualifiedName, imports, plan)],
          },
        ]
      : [];
  return [
    {
      kind: StructureKind.Interface,
      name,
      isExported: true,
      ...(base && base !== "unknown" ? { extends: [base] } : {}),
      docs: [docText(description)],
      // Instance annotations (`@odata.id`, `members@odata.bind`) may accompany any object; derived types inherit this.
      ...(base && base !== "unknown" ? {} : { indexSignatures: [annotationIndexSignature] }),
      properties,
    },
    ...derived,
  ];
}

function enumAlias(
  type: EnumType,
  plan: EmitPlan,
): OptionalKind<TypeAliasDeclarationStructure> & { kind: typeof StructureKind.TypeAlias } {
  const members = type.members.map(
    (member) => `- \`${member.name}\`${member.description ? `: ${member.description}` : ""}`,
  );
  const description = [type.description, members.join("\n"), `Documented in \`${type.source.file}\`.`]
    .filter((line): line is string => !!line)
    .join("\n\n");
  return {
    kind: StructureKind.TypeAlias,
    name: plan.typeNames.get(type.qualifiedName)!,
    isExported: true,
    type: tsUnion(type.members.map((member) => printString(member.name))),
    docs: [docText(description)],
  };
}

/**
 * `[annotation: `${string}@${string}`]: unknown`: the keys of instance annotations, of any namespace (`@odata.type`,
 * `@microsoft.graph.conflictBehavior`, `members@odata.bind`). No property name of the docs holds an `@` otherwise.
 */
const annotationKeyType = "`${string}@${string}`";

/** The index signature of instance annotations, on every root type and every body of parameters. */
export const annotationIndexSignature = { keyName: "annotation", keyType: annotationKeyType, returnType: "unknown" };
