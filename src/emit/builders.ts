/**
 * Request builder interfaces under src/requests/: one interface per navigation node, with a property per static
 * segment, `byId` for a key, a method per OData function, and the verbs the docs document for that path. They are
 * types only; the runtime's proxy does the work, so the package's code does not grow with the docs set.
 */
import type {
  InterfaceDeclarationStructure,
  MethodSignatureStructure,
  OptionalKind,
  PropertySignatureStructure,
} from "ts-morph";
import { StructureKind } from "./structure-kinds.js";
import type { Operation, RequestBody, TypeRef } from "../model/index.js";
import type { HttpMethod } from "../parse/index.js";
import { annotationIndexSignature, relativeModule, type ModuleFile } from "./models.js";
import { camelCase, isIdentifier } from "./names.js";
import { navigationMembers, navigationModule } from "./navigation.js";
import { memberKey, objectTypeOf, type EmitPlan, type NavigationNode } from "./plan.js";
import { docText, tsMemberType, tsNullable, tsType, tsUnion, TypeImports } from "./type-text.js";
import { printString } from "./literals.js";
import { addTo } from "../util/group.js";

const verbOrder: HttpMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** The builder modules below the root, in path order, each with the navigation nodes it declares. */
export function builderModules(plan: EmitPlan): Array<{ module: string; nodes: NavigationNode[] }> {
  const byModule = new Map<string, NavigationNode[]>();
  const collect = (node: NavigationNode): void => {
    addTo(byModule, node.module, node);
    for (const next of node.children.values()) collect(next);
  };
  for (const top of plan.root.children.values()) collect(top);
  return [...byModule].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([module, nodes]) => ({ module, nodes }));
}

export function builderModule(module: string, nodes: NavigationNode[], plan: EmitPlan): ModuleFile {
  const imports = new TypeImports(plan, module);
  const runtime = new Set<string>();
  const navigation = new Set<string>();
  const aliased = new Map<string, string>();
  const interfaces = nodes.flatMap((node) => [
    ...bodyInterfaces(node, plan, imports),
    ...builderInterfaces(node, plan, imports, runtime, navigation, aliased),
  ]);
  return {
    module,
    structure: {
      statements: [
        ...runtimeImport(runtime, module),
        ...imports.declarations(),
        ...navigationImport(navigation, module),
        ...builderImports(aliased, module),
        ...interfaces,
      ],
    },
  };
}

/** The builders of other modules that aliases here extend (`MeRequests` extends `UsersItemRequests`). */
function builderImports(aliased: ReadonlyMap<string, string>, module: string) {
  const byModule = new Map<string, string[]>();
  for (const [name, from] of aliased) if (from !== module) addTo(byModule, from, name);
  return [...byModule]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([from, names]) => ({
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: names.sort(),
      moduleSpecifier: relativeModule(module, from),
    }));
}

function navigationImport(names: Set<string>, module: string) {
  if (names.size === 0) return [];
  return [
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: [...names].sort(),
      moduleSpecifier: relativeModule(module, navigationModule),
    },
  ];
}

export function rootModule(plan: EmitPlan): ModuleFile {
  const module = plan.root.module;
  const tops = [...plan.root.children.values()].sort((a, b) => (a.member < b.member ? -1 : 1));
  const byModule = new Map<string, string[]>();
  for (const top of tops) addTo(byModule, top.module, top.interfaceName);
  const imports = new TypeImports(plan, module);
  const runtime = new Set<string>();
  const navigation = new Set<string>();
  // The root has verbs too where a page documents a call of the service root (`GET /`, or a stub's bare URL).
  const aliased = new Map<string, string>();
  const bodies = bodyInterfaces(plan.root, plan, imports);
  const root = {
    ...builderInterfaces(plan.root, plan, imports, runtime, navigation, aliased)[0]!,
    docs: ["The root of the API: every documented path starts here."],
  };
  return {
    module,
    structure: {
      statements: [
        ...runtimeImport(runtime, module),
        ...imports.declarations(),
        ...navigationImport(navigation, module),
        ...[...byModule].map(([from, names]) => ({
          kind: StructureKind.ImportDeclaration,
          isTypeOnly: true,
          namedImports: names,
          moduleSpecifier: relativeModule(module, from),
        })),
        ...[...byModule].map(([from, names]) => ({
          kind: StructureKind.ExportDeclaration,
          isTypeOnly: true,
          namedExports: names,
          moduleSpecifier: relativeModule(module, from),
        })),
        ...builderImports(aliased, module),
        ...(plan.navigationNames.size > 0
          ? [
              {
                kind: StructureKind.ExportDeclaration,
                isTypeOnly: true,
                moduleSpecifier: relativeModule(module, navigationModule),
              },
            ]
          : []),
        ...bodies,
        root,
      ],
    },
  };
}

/** The runtime types the module's interfaces named; call after building them. */
function runtimeImport(runtime: Set<string>, module: string) {
  if (runtime.size === 0) return [];
  return [
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: [...runtime].sort(),
      moduleSpecifier: relativeModule(module, "runtime/index"),
    },
  ];
}

type InterfaceStructure = OptionalKind<InterfaceDeclarationStructure> & { kind: typeof StructureKind.Interface };

/** The builder of a path; of an alias, the interface of its own members first, then the builder. */
function builderInterfaces(
  node: NavigationNode,
  plan: EmitPlan,
  imports: TypeImports,
  runtime: Set<string>,
  navigationNames: Set<string>,
  aliased = new Map<string, string>(),
): InterfaceStructure[] {
  const properties: OptionalKind<PropertySignatureStructure>[] = [];
  const methods: OptionalKind<MethodSignatureStructure>[] = [];
  const children = [...node.children.values()].sort((a, b) => (a.member < b.member ? -1 : a.member > b.member ? 1 : 0));
  const functionsByMember = new Map(
    children.filter((next) => next.segment.kind === "function").map((next) => [next.member, next]),
  );
  for (const next of children) {
    if (next.segment.kind === "key") {
      methods.push({
        name: "byId",
        parameters: [{ name: keyParameterName(next.segment.name), type: "string" }],
        returnType: next.interfaceName,
        docs: [`Addresses one item by its key \`{${next.segment.name}}\`; the key is percent-encoded.`],
      });
    } else if (next.segment.kind === "itemPath") {
      methods.push({
        name: "byPath",
        parameters: [{ name: "path", type: "string" }],
        returnType: next.interfaceName,
        docs: [
          `Addresses an item by its path (\`:/${"{"}${next.segment.name}${"}"}:\`), e.g. \`"folder/file.txt"\`; each part is percent-encoded.`,
        ],
      });
    } else if (next.segment.kind === "static") {
      // A segment that is also an OData function (`range` and `range(address='A1')`) is both navigable and callable.
      const callable = functionsByMember.get(next.member);
      properties.push({
        name: memberKey(next.member),
        isReadonly: true,
        type: callable
          ? `${next.interfaceName} & ((${functionParameters(callable, runtime)}) => ${callable.interfaceName})`
          : next.interfaceName,
      });
    } else if (
      next.segment.kind === "function" &&
      !children.some((other) => other.segment.kind === "static" && other.member === next.member)
    ) {
      const parameters = functionParameters(next, runtime);
      methods.push({
        name: memberKey(next.member),
        parameters: parameters === "" ? [] : [{ name: "parameters", type: parameters.replace(/^parameters: /, "") }],
        returnType: next.interfaceName,
        docs: [`Calls \`${next.segment.name}(...)\`.`],
      });
    }
  }
  for (const method of verbOrder) {
    const operation = node.operations.get(method);
    if (operation) methods.push(...verbSignatures(method, operation, plan, imports, runtime, navigationNames, aliased));
  }
  const extended = inheritedNavigation(node, children, plan, imports, runtime, navigationNames, aliased);
  const path = `\`${node.path || "/"}\``;
  if (!node.alias || !node.ownInterfaceName) {
    return [
      {
        kind: StructureKind.Interface,
        name: node.interfaceName,
        isExported: true,
        ...(extended.length > 0 ? { extends: extended } : {}),
        docs: [path],
        properties,
        methods,
      },
    ];
  }
  return [
    {
      kind: StructureKind.Interface,
      name: node.ownInterfaceName,
      isExported: true,
      docs: [
        `What ${path} documents itself; \`${node.interfaceName}\` has these and the rest of \`${node.alias.path}\`.`,
      ],
      properties,
      methods,
    },
    {
      kind: StructureKind.Interface,
      name: node.interfaceName,
      isExported: true,
      extends: [node.ownInterfaceName, ...extended],
      docs: [`${path}, which addresses what \`${node.alias.path}\` does.`],
    },
  ];
}

/**
 * What a path gets from the type it addresses: the type's relationships (except those it documents itself), and,
 * for a path that follows a relationship without a documented GET, reading it (and addressing members of a
 * collection by key).
 */
function inheritedNavigation(
  node: NavigationNode,
  children: NavigationNode[],
  plan: EmitPlan,
  imports: TypeImports,
  runtime: Set<string>,
  navigationNames: Set<string>,
  aliased: Map<string, string>,
): string[] {
  const own = ownMembers(node, children);
  const extended: string[] = [];
  // What a base adds but for the members the builder has already: its own, listed by name; an alias's, by the
  // interfaces that have them (a base whose members it has all adds nothing).
  let ownKeys: string | undefined;
  const omit = (type: string, members: Iterable<string>): string | undefined => {
    const listed = [...members];
    const overlap = listed.filter((member) => own.has(member)).sort();
    if (overlap.length === 0) return type;
    if (ownKeys === undefined) return `Omit<${type}, ${overlap.map((member) => printString(member)).join(" | ")}>`;
    return overlap.length === listed.length ? undefined : `Omit<${type}, ${ownKeys}>`;
  };
  const extend = (type: string | undefined): void => {
    if (type !== undefined) extended.push(type);
  };
  // An alias (`/me` of `/users/{id}`) has what its target has, but for what it documents itself; what else it would
  // inherit must then leave out the target's members, or the two bases would clash.
  if (node.alias && node.ownInterfaceName) {
    const target = node.alias;
    aliased.set(target.interfaceName, target.module);
    extended.push(`Omit<${target.interfaceName}, keyof ${node.ownInterfaceName}>`);
    for (const member of interfaceMembers(target, plan)) own.add(member);
    ownKeys = `keyof ${node.ownInterfaceName} | keyof ${target.interfaceName}`;
  }
  const item = (qualifiedName: string): string => {
    runtime.add("ItemRequests");
    const navigation = plan.navigationNames.get(qualifiedName);
    if (navigation) navigationNames.add(navigation);
    return `ItemRequests<${imports.use(qualifiedName)}>${navigation ? ` & ${navigation}` : ""}`;
  };
  if (node.relationship && !node.operations.has("GET")) {
    if (node.elementType) {
      runtime.add("CollectionRequests");
      const collection = `CollectionRequests<${imports.use(node.elementType)}, ${item(node.elementType)}>`;
      extend(omit(collection, collectionRequestsMembers));
    } else if (node.itemType) {
      runtime.add("ItemRequests");
      extend(omit(`ItemRequests<${imports.use(node.itemType)}>`, itemRequestsMembers));
    }
  }
  const navigation = node.itemType ? plan.navigationNames.get(node.itemType) : undefined;
  const inherited = navigation ? omit(navigation, navigationMembers(plan, node.itemType!)) : undefined;
  if (navigation && inherited) {
    navigationNames.add(navigation);
    extended.push(inherited);
  }
  return extended;
}

/** The members of the runtime's `ItemRequests` and `CollectionRequests` (templates/runtime/client.ts). */
const itemRequestsMembers = ["get", "toGetRequest"];
const collectionRequestsMembers = ["byId", "get", "toGetRequest", "iterate"];

/** The members a path's builder declares itself: a member per child, and its verbs. */
function ownMembers(node: NavigationNode, children: Iterable<NavigationNode> = node.children.values()): Set<string> {
  const members = new Set([...children].map((next) => next.member));
  for (const method of node.operations.keys()) for (const member of verbMembers(method)) members.add(member);
  const get = node.operations.get("GET")?.response;
  if (get?.collection && get.type) members.add("iterate");
  return members;
}

/** Every member a path's builder has: its own, and those of the interfaces it extends. */
function interfaceMembers(node: NavigationNode, plan: EmitPlan): Set<string> {
  const members = ownMembers(node);
  if (node.alias) for (const member of interfaceMembers(node.alias, plan)) members.add(member);
  if (node.relationship && !node.operations.has("GET")) {
    for (const member of node.elementType ? collectionRequestsMembers : itemRequestsMembers) members.add(member);
  }
  if (node.itemType) for (const member of navigationMembers(plan, node.itemType)) members.add(member);
  return members;
}

function verbMembers(method: HttpMethod): string[] {
  return [method.toLowerCase(), `to${method[0]}${method.slice(1).toLowerCase()}Request`];
}

/** `parameters: { period: string; date?: number | boolean | Literal }`, or "" for a function without parameters. */
function functionParameters(node: NavigationNode, runtime: Set<string>): string {
  if (node.parameters.size === 0) return "";
  const members = [...node.parameters].map(([name, seen]) => {
    const optional = seen.count < node.variants ? "?" : "";
    return `${memberKey(name)}${optional}: ${functionParameterType(seen, runtime)}`;
  });
  return `parameters: { ${members.join("; ")} }`;
}

/**
 * What a function parameter accepts. The runtime quotes strings and writes numbers, booleans and literals bare, so
 * a parameter the docs quote takes text, and an unquoted one what its Function parameters table says (a number or a
 * boolean), or else a number, a boolean or a `literal(...)` (dates, GUIDs). A parameter one page quotes and another
 * leaves bare takes either form, and goes out in the form given.
 */
export function functionParameterType(
  seen: { quoted: boolean; bare: boolean; type?: TypeRef },
  runtime: Set<string>,
): string {
  const forms: string[] = [];
  if (seen.quoted) forms.push("string");
  if (seen.bare) {
    const type = seen.type;
    if (type?.kind === "primitive" && type.name !== "string") forms.push(type.name);
    else {
      runtime.add("Literal");
      forms.push("number", "boolean", "Literal");
    }
  }
  return tsUnion(forms);
}

function verbSignatures(
  method: HttpMethod,
  operation: Operation,
  plan: EmitPlan,
  imports: TypeImports,
  runtime: Set<string>,
  navigationNames: Set<string>,
  builders: Map<string, string>,
): OptionalKind<MethodSignatureStructure>[] {
  runtime.add("RequestDescription");
  const verb = method.toLowerCase();
  const describe = `to${method[0]}${method.slice(1).toLowerCase()}Request`;
  const options = {
    name: "options",
    type: queryOptionsType(operation, plan, imports, runtime, navigationNames),
    hasQuestionToken: true,
  };
  const hasBody = method === "POST" || method === "PUT" || method === "PATCH";
  const body = hasBody ? bodyParameter(operation.requestBody, plan, imports, runtime, builders) : undefined;
  const parameters = body ? [body, options] : [options];
  const docs = [docText(operationDocs(operation))];
  const signatures: OptionalKind<MethodSignatureStructure>[] = [
    { name: verb, parameters, returnType: `Promise<${responseType(operation, imports, runtime)}>`, docs },
    {
      name: describe,
      parameters,
      returnType: "RequestDescription",
      docs: [`The request \`${verb}\` would send, without sending it.`],
    },
  ];
  const { response } = operation;
  if (method === "GET" && response.collection && response.type) {
    runtime.add("PageIterator");
    signatures.push({
      name: "iterate",
      parameters: [options],
      returnType: `PageIterator<${tsType(response.type, imports)}>`,
      docs: ["Every item of the collection, following `@odata.nextLink` page by page; stops at `@odata.deltaLink`."],
    });
  }
  return signatures;
}

/**
 * `QueryOptions<Selectable<User>, keyof UserNavigation & string, { startDateTime?: string }>`: `select` and
 * `orderby` take the response type's properties, `expand` its relationships, `query` the page's own parameters.
 */
function queryOptionsType(
  operation: Operation,
  plan: EmitPlan,
  imports: TypeImports,
  runtime: Set<string>,
  navigationNames: Set<string>,
): string {
  runtime.add("QueryOptions");
  const type = operation.response.type;
  const object = type ? objectTypeOf(type, plan.declarations) : undefined;
  let select = "string";
  let expand = "string";
  if (type && object) {
    runtime.add("Selectable");
    select = `Selectable<${tsType(type, imports)}>`;
    const navigation = plan.navigationNames.get(object);
    if (navigation) navigationNames.add(navigation);
    expand = navigation ? `keyof ${navigation} & string` : "never";
  }
  const documented = operation.parameters.filter(
    (parameter) =>
      parameter.in === "query" && !/^\$(select|expand|filter|orderby|top|skip|search|count)$/i.test(parameter.name),
  );
  if (documented.length === 0) return select === "string" ? "QueryOptions" : `QueryOptions<${select}, ${expand}>`;
  const members = documented.map((parameter) => {
    const documentedType = parameter.type?.kind === "primitive" ? parameter.type.name : "string";
    return `${memberKey(parameter.name)}?: ${documentedType}`;
  });
  return `QueryOptions<${select}, ${expand}, { ${members.join("; ")} }>`;
}

function bodyParameter(
  body: RequestBody | undefined,
  plan: EmitPlan,
  imports: TypeImports,
  runtime: Set<string>,
  builders: Map<string, string>,
): { name: string; type: string; hasQuestionToken?: boolean } {
  // The docs document no body: the verb takes what the runtime can send (JSON, text, bytes, a stream), or nothing.
  if (!body) {
    runtime.add("RequestBody");
    return { name: "body", type: "RequestBody", hasQuestionToken: true };
  }
  if (body.kind === "type") return { name: "body", type: tsType(body.type, imports, true) };
  const declared = plan.bodyNames.get(body)!;
  builders.set(declared.name, declared.node.module);
  return { name: "body", type: declared.name };
}

/**
 * The bodies of documented parameters that the path's builder is the first to take, each an interface: a member
 * per parameter, required where the table says so, and instance annotations. Where the parameters are members of
 * the type the operation writes, its other members may be sent too (`extends Omit<Group, "displayName">`), the
 * documented ones as the table says.
 */
function bodyInterfaces(node: NavigationNode, plan: EmitPlan, imports: TypeImports): InterfaceStructure[] {
  const interfaces: InterfaceStructure[] = [];
  for (const method of verbOrder) {
    const body = node.operations.get(method)?.requestBody;
    const declared = body?.kind === "parameters" ? plan.bodyNames.get(body) : undefined;
    if (body?.kind !== "parameters" || declared?.node !== node) continue;
    const resource = body.resource ? imports.use(body.resource) : "unknown";
    const documented = tsUnion(body.parameters.map((parameter) => printString(parameter.name)));
    interfaces.push({
      kind: StructureKind.Interface,
      name: declared.name,
      isExported: true,
      ...(resource === "unknown" ? {} : { extends: [`Omit<${resource}, ${documented}>`] }),
      docs: [
        `The body of \`${method} ${node.path || "/"}\`${resource === "unknown" ? "" : `: these members and the other members of \`${resource}\``}.`,
      ],
      indexSignatures: [annotationIndexSignature],
      properties: body.parameters.map((parameter) => ({
        name: memberKey(parameter.name),
        type: tsMemberType(parameter.name, tsNullable(tsType(parameter.type, imports, true))),
        hasQuestionToken: !parameter.required,
        ...(parameter.description ? { docs: [docText(parameter.description)] } : {}),
      })),
    });
  }
  return interfaces;
}

function responseType(operation: Operation, imports: TypeImports, runtime: Set<string>): string {
  const { response } = operation;
  if (response.type === undefined) return response.status === 204 ? "void" : "unknown";
  const type = tsType(response.type, imports);
  if (!response.collection) return type;
  runtime.add("CollectionPage");
  return `CollectionPage<${type}>`;
}

function operationDocs(operation: Operation): string {
  const lines = [operation.title];
  if (operation.description) lines.push("", operation.description);
  const query = operation.parameters.filter((parameter) => parameter.in === "query");
  if (query.length > 0) {
    lines.push("", "Query parameters:");
    for (const parameter of query)
      lines.push(`- \`${parameter.name}\`${parameter.description ? `: ${parameter.description}` : ""}`);
  }
  const headers = operation.requestHeaders.filter((header) => !/^authorization$/i.test(header.name));
  if (headers.length > 0) {
    lines.push("", "Request headers:");
    for (const header of headers)
      lines.push(`- \`${header.name}\`${header.description ? `: ${header.description}` : ""}`);
  }
  const permissions = operation.permissions.filter((permission) => permission.kind !== "");
  if (permissions.length > 0) {
    lines.push("", "Permissions (least to most privileged):");
    for (const permission of permissions)
      lines.push(
        `- ${permission.kind}: ${permission.scopes.length > 0 ? permission.scopes.join(", ") : "not supported"}`,
      );
  }
  lines.push("", `Documented in \`${operation.source.file}\`.`);
  return lines.join("\n");
}

function keyParameterName(name: string): string {
  const candidate = camelCase(name.replace(/\|/g, " or "));
  return isIdentifier(candidate) && !reservedParameterNames.has(candidate) ? candidate : "key";
}

/** Words that cannot name a parameter in a strict-mode module. */
const reservedParameterNames = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "yield let static implements interface package private protected public await arguments eval"
  ).split(" "),
);
