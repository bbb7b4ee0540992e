/**
 * Navigation along relationships (src/requests/navigation.ts): for each object type with relationships, an
 * interface with a member per relationship, typed by its target: `ItemRequests<T>` for one object,
 * `CollectionRequests<T, Item>` for a collection. Builders of paths that address such a type extend it, so
 * `client.users.byId(id).manager.get()` works where the docs document `/users/{id}` and the `manager` relationship.
 * Types only: the runtime already turns any property into a path segment.
 */
import type { InterfaceDeclarationStructure, OptionalKind, PropertySignatureStructure } from "ts-morph";
import { StructureKind } from "./structure-kinds.js";
import type { ObjectType } from "../model/index.js";
import { relativeModule, type ModuleFile } from "./models.js";
import { memberKey, relationshipsOf, type EmitPlan } from "./plan.js";
import { docText, TypeImports } from "./type-text.js";

export const navigationModule = "requests/navigation";

export function emitNavigation(plan: EmitPlan): ModuleFile[] {
  if (plan.navigationNames.size === 0) return [];
  const imports = new TypeImports(plan, navigationModule);
  const interfaces: Array<OptionalKind<InterfaceDeclarationStructure> & { kind: typeof StructureKind.Interface }> = [];
  for (const [qualifiedName, name] of [...plan.navigationNames].sort((a, b) => (a[1] < b[1] ? -1 : 1))) {
    const type = plan.declarations.get(qualifiedName) as ObjectType;
    const base = type.baseType ? plan.navigationNames.get(type.baseType) : undefined;
    const properties: OptionalKind<PropertySignatureStructure>[] = relationshipsOf(type, plan.declarations).map(
      (relationship) => {
        const target = imports.use(relationship.target);
        const targetNavigation = plan.navigationNames.get(relationship.target);
        const item = targetNavigation ? `ItemRequests<${target}> & ${targetNavigation}` : `ItemRequests<${target}>`;
        const description = type.properties.find((property) => property.name === relationship.name)?.description;
        return {
          name: memberKey(relationship.member),
          isReadonly: true,
          type: relationship.collection ? `CollectionRequests<${target}, ${item}>` : item,
          docs: [
            docText(
              [description, `The \`${relationship.name}\` relationship of \`${type.name}\`.`]
                .filter(Boolean)
                .join("\n\n"),
            ),
          ],
        };
      },
    );
    interfaces.push({
      kind: StructureKind.Interface,
      name,
      isExported: true,
      ...(base ? { extends: [base] } : {}),
      docs: [`Navigation along the relationships of \`${type.name}\`.`],
      properties,
    });
  }
  return [
    {
      module: navigationModule,
      structure: {
        statements: [
          {
            kind: StructureKind.ImportDeclaration,
            isTypeOnly: true,
            namedImports: ["CollectionRequests", "ItemRequests"],
            moduleSpecifier: relativeModule(navigationModule, "runtime/index"),
          },
          ...imports.declarations(),
          ...interfaces,
        ],
      },
    },
  ];
}

/** The relationship members of a type and its base types, as builders name them. */
export function navigationMembers(plan: EmitPlan, qualifiedName: string): Set<string> {
  const members = new Set<string>();
  const seen = new Set<string>();
  for (
    let type = plan.declarations.get(qualifiedName);
    type?.kind === "object" && !seen.has(type.qualifiedName);
    type = type.baseType ? plan.declarations.get(type.baseType) : undefined
  ) {
    seen.add(type.qualifiedName);
    for (const relationship of relationshipsOf(type, plan.declarations)) members.add(relationship.member);
  }
  return members;
}
