/**
 * Where pages disagree. A create or update page's request-body table restates members of the resource it sends;
 * when it types one differently from the resource page, the resource page wins and the difference is reported, as
 * is a member the resource page does not have (the type is not widened: the resource page defines it).
 */
import type { ObjectType, TypeRef } from "./api-model.js";
import type { PageModel, Table } from "../parse/index.js";
import { pageMemoKey, type ModelContext } from "./context.js";
import { readPropertyRow, type Declarations } from "./declarations.js";
import { restatesMembers } from "./request-bodies.js";

export function checkRequestBodyTables(context: ModelContext, declarations: Declarations): void {
  const types = new Map(declarations.types.map((type) => [type.qualifiedName, type]));
  for (const page of context.pages) {
    const typeName = declarations.requestBodyTypes.get(page.file);
    const type = typeName ? types.get(typeName) : undefined;
    const table = page.tables.find((candidate) => candidate.kind === "requestBody");
    if (!type || type.origin !== "resource" || !table) continue;
    const input = context.pageInput(page.file);
    // The check reads the type and its base types, and the Type cells of the table.
    const key = pageMemoKey(
      input,
      "conflicts",
      typeName,
      declarations.shapeOf(typeName!),
      declarations.lookup.key,
      context.defaultNamespace,
    );
    context.derive(key, () => {
      const whole = context.page(page.file);
      const requestBody = whole.tables.find((candidate) => candidate.kind === "requestBody")!;
      checkTable(whole, requestBody, type, types, context, declarations);
    });
  }
}

function checkTable(
  page: PageModel,
  table: Table,
  type: ObjectType,
  types: ReadonlyMap<string, ObjectType>,
  context: ModelContext,
  declarations: Declarations,
): void {
  const namespace = page.namespace?.text ?? context.defaultNamespace;
  // Unknown Type cells are reported where the table is read as a type or as parameters, not again here.
  const properties = table.rows.flatMap((row) => {
    const property = readPropertyRow(row, table, namespace, declarations.lookup, page, context, false);
    return property ? [{ row, property }] : [];
  });
  // A table of parameters none of which the type has is the body itself (request-bodies.ts), not a restatement.
  if (
    !restatesMembers(
      properties.map(({ property }) => property),
      declarations.members(type.qualifiedName)!,
    )
  )
    return;
  for (const { row, property } of properties) {
    const documented = findProperty(type, property.name, types);
    if (!documented) {
      context.report(table.file ?? page.file, "requestBodyMemberUnknown", { line: row.line }, property.name, type.name);
      continue;
    }
    if (
      property.type.kind === "unknown" ||
      documented.type.kind === "unknown" ||
      sameType(documented.type, property.type)
    )
      continue;
    context.report(
      table.file ?? page.file,
      "propertyTypeConflict",
      { line: row.line },
      property.name,
      describe(property.type),
      describe(documented.type),
      type.name,
    );
  }
}

/** The type's own member or an inherited one. */
function findProperty(
  type: ObjectType,
  name: string,
  types: ReadonlyMap<string, ObjectType>,
): ObjectType["properties"][number] | undefined {
  const visited = new Set<string>();
  for (
    let current: ObjectType | undefined = type;
    current && !visited.has(current.qualifiedName);
    current = current.baseType ? types.get(current.baseType) : undefined
  ) {
    visited.add(current.qualifiedName);
    const found = current.properties.find((property) => property.name === name);
    if (found) return found;
  }
  return undefined;
}

/**
 * Whether two spellings document the same type. A list of possible values matches the string or enum it
 * enumerates; a plain string against an enum is a real difference (the enum's values are lost).
 */
function sameType(a: TypeRef, b: TypeRef): boolean {
  if (a.kind === "collection" && b.kind === "collection") return sameType(a.of, b.of);
  if (a.kind === "literals" || b.kind === "literals") {
    const other = a.kind === "literals" ? b : a;
    return (
      other.kind === "literals" || other.kind === "named" || (other.kind === "primitive" && other.name === "string")
    );
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

function describe(ref: TypeRef): string {
  switch (ref.kind) {
    case "primitive":
      return ref.format ?? ref.name;
    case "named":
      return ref.qualifiedName.slice(ref.qualifiedName.lastIndexOf(".") + 1);
    case "literals":
      return ref.values.join(" | ");
    case "collection":
      return `${describe(ref.of)} collection`;
    case "union":
      return ref.of.map(describe).join(" or ");
    case "json":
      return "Json";
    case "unknown":
      return ref.text;
  }
}
