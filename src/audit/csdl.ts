/**
 * The service's own description of itself: an OData CSDL document (`$metadata`) read into plain data. The audit
 * (audit.ts) compares the docs' model with it; generation never reads it, so the package comes from the docs alone.
 *
 * Read with saxes, a streaming XML parser: the v1.0 metadata is 1.5 MB of elements, attributes and annotations, of
 * which the audit needs the types, their members, the entity container and the bound operations. Annotations,
 * vocabularies and terms are skipped.
 */
import { SaxesParser, type SaxesTagPlain } from "saxes";

export interface ServiceMetadata {
  /** Entity and complex types, in document order. */
  readonly types: ServiceType[];
  readonly enums: ServiceEnum[];
  /** Entity sets and singletons: the roots of every path. */
  readonly roots: ServiceRoot[];
  /** Actions and functions, bound or not. */
  readonly operations: ServiceOperation[];
}

export interface ServiceType {
  readonly kind: "entity" | "complex";
  readonly namespace: string;
  readonly name: string;
  /** `microsoft.graph.callRecords.callRecord`: namespace aliases are resolved everywhere. */
  readonly qualifiedName: string;
  readonly baseType?: string;
  readonly abstract: boolean;
  readonly openType: boolean;
  /** Own properties and navigation properties. */
  readonly properties: ServiceProperty[];
  /** Line of the element in the metadata document. */
  readonly line: number;
}

export interface ServiceProperty {
  readonly name: string;
  /** The item type of a collection: `Edm.String`, `microsoft.graph.user`. */
  readonly type: string;
  readonly collection: boolean;
  readonly navigation: boolean;
  /** A navigation property whose targets live inside their parent (paths go through it). */
  readonly containsTarget: boolean;
}

export interface ServiceEnum {
  readonly namespace: string;
  readonly name: string;
  readonly qualifiedName: string;
  readonly flags: boolean;
  readonly members: string[];
  readonly line: number;
}

export interface ServiceRoot {
  readonly kind: "entitySet" | "singleton";
  readonly name: string;
  /** The entity type of its items (entity set) or of itself (singleton). */
  readonly type: string;
}

export interface ServiceOperation {
  readonly kind: "action" | "function";
  readonly namespace: string;
  readonly name: string;
  /** The type of the binding parameter, for an operation bound to an entity or a collection of them. */
  readonly binding?: { readonly type: string; readonly collection: boolean };
  readonly parameters: Array<{ readonly name: string; readonly type: string; readonly collection: boolean }>;
  readonly returns?: { readonly type: string; readonly collection: boolean };
}

/** A document that is not CSDL, or not XML at all. */
export class MetadataError extends Error {}

/** Reads a CSDL document. Throws MetadataError, naming the line, when the text is not well-formed CSDL. */
export function readMetadata(xml: string): ServiceMetadata {
  const types: ServiceType[] = [];
  const enums: ServiceEnum[] = [];
  const roots: ServiceRoot[] = [];
  const operations: ServiceOperation[] = [];
  const aliases = new Map<string, string>();
  // Names are resolved once every schema's alias is known: a schema may use an alias declared after it.
  const resolvers: Array<() => void> = [];
  const resolve = (name: string): string => {
    const dot = name.lastIndexOf(".");
    if (dot < 0) return name;
    const namespace = name.slice(0, dot);
    return `${aliases.get(namespace) ?? namespace}${name.slice(dot)}`;
  };

  let namespace: string | undefined;
  let type:
    | { kind: ServiceType["kind"]; attributes: Record<string, string>; properties: ServiceProperty[]; line: number }
    | undefined;
  let enumType: { attributes: Record<string, string>; members: string[]; line: number } | undefined;
  let operation:
    | {
        kind: ServiceOperation["kind"];
        attributes: Record<string, string>;
        parameters: ServiceOperation["parameters"];
        returns?: ServiceOperation["returns"];
      }
    | undefined;
  let sawEdmx = false;

  const parser = new SaxesParser({ xmlns: false, position: true });
  parser.on("error", (error) => {
    throw new MetadataError(`the XML is not well-formed: ${error.message}`);
  });
  parser.on("opentag", (tag: SaxesTagPlain) => {
    const attributes = tag.attributes as Record<string, string>;
    const local = tag.name.slice(tag.name.indexOf(":") + 1);
    switch (local) {
      case "Edmx":
        sawEdmx = true;
        break;
      case "Schema":
        namespace = attributes["Namespace"];
        if (namespace && attributes["Alias"]) aliases.set(attributes["Alias"], namespace);
        break;
      case "EntityType":
      case "ComplexType":
        type = { kind: local === "EntityType" ? "entity" : "complex", attributes, properties: [], line: parser.line };
        break;
      case "EnumType":
        enumType = { attributes, members: [], line: parser.line };
        break;
      case "Member":
        if (enumType && attributes["Name"]) enumType.members.push(attributes["Name"]);
        break;
      case "Property":
      case "NavigationProperty":
        if (type && attributes["Name"] && attributes["Type"]) {
          const typed = typeName(attributes["Type"]);
          const property = {
            name: attributes["Name"],
            type: typed.type,
            collection: typed.collection,
            navigation: local === "NavigationProperty",
            containsTarget: attributes["ContainsTarget"] === "true",
          };
          type.properties.push(property);
          resolvers.push(() => (property.type = resolve(property.type)));
        }
        break;
      case "Action":
      case "Function":
        operation = { kind: local === "Action" ? "action" : "function", attributes, parameters: [] };
        break;
      case "Parameter":
        if (operation && attributes["Name"] && attributes["Type"]) {
          const parameter = { name: attributes["Name"], ...typeName(attributes["Type"]) };
          operation.parameters.push(parameter);
          resolvers.push(() => (parameter.type = resolve(parameter.type)));
        }
        break;
      case "ReturnType":
        if (operation && attributes["Type"]) {
          const returns = typeName(attributes["Type"]);
          operation.returns = returns;
          resolvers.push(() => (returns.type = resolve(returns.type)));
        }
        break;
      case "EntitySet":
      case "Singleton": {
        const name = attributes["Name"];
        const target = attributes[local === "EntitySet" ? "EntityType" : "Type"];
        if (name && target) {
          const root = {
            kind: local === "EntitySet" ? ("entitySet" as const) : ("singleton" as const),
            name,
            type: target,
          };
          roots.push(root);
          resolvers.push(() => (root.type = resolve(root.type)));
        }
        break;
      }
    }
  });
  parser.on("closetag", (tag) => {
    const local = tag.name.slice(tag.name.indexOf(":") + 1);
    if ((local === "EntityType" || local === "ComplexType") && type && namespace) {
      const { attributes } = type;
      const name = attributes["Name"] ?? "";
      const entry: ServiceType = {
        kind: type.kind,
        namespace,
        name,
        qualifiedName: `${namespace}.${name}`,
        ...(attributes["BaseType"] ? { baseType: attributes["BaseType"] } : {}),
        abstract: attributes["Abstract"] === "true",
        openType: attributes["OpenType"] === "true",
        properties: type.properties,
        line: type.line,
      };
      types.push(entry);
      if (entry.baseType) resolvers.push(() => ((entry as { baseType: string }).baseType = resolve(entry.baseType!)));
      type = undefined;
    } else if (local === "EnumType" && enumType && namespace) {
      const name = enumType.attributes["Name"] ?? "";
      enums.push({
        namespace,
        name,
        qualifiedName: `${namespace}.${name}`,
        flags: enumType.attributes["IsFlags"] === "true",
        members: enumType.members,
        line: enumType.line,
      });
      enumType = undefined;
    } else if ((local === "Action" || local === "Function") && operation && namespace) {
      const { attributes, parameters } = operation;
      const bound = attributes["IsBound"] === "true";
      const [parameter, ...rest] = parameters;
      const binding = bound && parameter ? { type: parameter.type, collection: parameter.collection } : undefined;
      if (binding) resolvers.push(() => (binding.type = resolve(binding.type)));
      operations.push({
        kind: operation.kind,
        namespace,
        name: attributes["Name"] ?? "",
        ...(binding ? { binding } : {}),
        parameters: bound ? rest : parameters,
        ...(operation.returns ? { returns: operation.returns } : {}),
      });
      operation = undefined;
    } else if (local === "Schema") namespace = undefined;
  });

  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof MetadataError) throw new MetadataError(`line ${parser.line}: ${error.message}`);
    throw error;
  }
  if (!sawEdmx) throw new MetadataError("it has no edmx:Edmx element");
  for (const resolveName of resolvers) resolveName();
  return { types, enums, roots, operations };
}

/** `Collection(graph.user)` -> item type and collection flag. */
function typeName(text: string): { type: string; collection: boolean } {
  const match = /^Collection\((.*)\)$/.exec(text.trim());
  return match ? { type: match[1]!.trim(), collection: true } : { type: text.trim(), collection: false };
}
