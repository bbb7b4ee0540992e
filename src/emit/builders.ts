/**
 * Request builder interfaces under src/requests/: one interface per navigation node, with a property per static
 * segment, `byId` for a key, a method per OData function, and the verbs the docs document for that path. They are
 * types only; the runtime's proxy does the work, so the package's code does not grow with the docs set.
 */
import {
  StructureKind,
  type InterfaceDeclarationStructure,
  type MethodSignatureStructure,
  type OptionalKind,
  type PropertySignatureStructure,
} from "ts-morph";
import type { Operation, RequestBody } from "../model/index.js";
import type { HttpMethod } from "../parse/index.js";
import { importStructures, relativeModule, type ModuleFile } from "./models.js";
import { camelCase, isIdentifier } from "./names.js";
import { memberKey, type EmitPlan, type NavigationNode } from "./plan.js";
import { docText, tsNullable, tsType, TypeImports } from "./type-text.js";

const verbOrder: HttpMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

export function emitBuilders(plan: EmitPlan): ModuleFile[] {
  const byModule = new Map<string, NavigationNode[]>();
  const collect = (node: NavigationNode): void => {
    byModule.set(node.module, [...(byModule.get(node.module) ?? []), node]);
    for (const next of node.children.values()) collect(next);
  };
  for (const top of plan.root.children.values()) collect(top);
  const files: ModuleFile[] = [];
  for (const [module, nodes] of [...byModule].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    files.push(builderModule(module, nodes, plan));
  }
  files.push(rootModule(plan));
  return files;
}

function builderModule(module: string, nodes: NavigationNode[], plan: EmitPlan): ModuleFile {
  const imports = new TypeImports(plan, module);
  const runtime = new Set<string>();
  const interfaces = nodes.map((node) => builderInterface(node, imports, runtime));
  return {
    module,
    structure: {
      statements: [...runtimeImport(runtime, module), ...importStructures(imports, module), ...interfaces],
    },
  };
}

function rootModule(plan: EmitPlan): ModuleFile {
  const module = plan.root.module;
  const tops = [...plan.root.children.values()].sort((a, b) => (a.member < b.member ? -1 : 1));
  const byModule = new Map<string, string[]>();
  for (const top of tops) byModule.set(top.module, [...(byModule.get(top.module) ?? []), top.interfaceName]);
  const imports = new TypeImports(plan, module);
  const runtime = new Set<string>();
  const root = {
    ...builderInterface(plan.root, imports, runtime),
    docs: ["The root of the API: every documented path starts here."],
  };
  return {
    module,
    structure: {
      statements: [
        ...runtimeImport(runtime, module),
        ...[...byModule].map(([from, names]) => ({
          kind: StructureKind.ImportDeclaration as const,
          isTypeOnly: true,
          namedImports: names,
          moduleSpecifier: relativeModule(module, from),
        })),
        ...[...byModule].map(([from, names]) => ({
          kind: StructureKind.ExportDeclaration as const,
          isTypeOnly: true,
          namedExports: names,
          moduleSpecifier: relativeModule(module, from),
        })),
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
      kind: StructureKind.ImportDeclaration as const,
      isTypeOnly: true,
      namedImports: [...runtime].sort(),
      moduleSpecifier: relativeModule(module, "runtime/index"),
    },
  ];
}

function builderInterface(
  node: NavigationNode,
  imports: TypeImports,
  runtime: Set<string>,
): OptionalKind<InterfaceDeclarationStructure> & { kind: StructureKind.Interface } {
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
    if (operation) methods.push(...verbSignatures(method, operation, imports, runtime));
  }
  return {
    kind: StructureKind.Interface,
    name: node.interfaceName,
    isExported: true,
    docs: [`\`${node.path || "/"}\``],
    properties,
    methods,
  };
}

/** `parameters: { period: string; date?: number | boolean | Literal }`, or "" for a function without parameters. */
function functionParameters(node: NavigationNode, runtime: Set<string>): string {
  if (node.parameters.size === 0) return "";
  const members = [...node.parameters].map(([name, seen]) => {
    const optional = seen.count < node.variants ? "?" : "";
    if (!seen.quoted) runtime.add("Literal");
    const type = seen.quoted ? "string" : "number | boolean | Literal";
    return `${memberKey(name)}${optional}: ${type}`;
  });
  return `parameters: { ${members.join("; ")} }`;
}

function verbSignatures(
  method: HttpMethod,
  operation: Operation,
  imports: TypeImports,
  runtime: Set<string>,
): OptionalKind<MethodSignatureStructure>[] {
  runtime.add("RequestOptions");
  runtime.add("RequestDescription");
  const verb = method.toLowerCase();
  const describe = `to${method[0]}${method.slice(1).toLowerCase()}Request`;
  const options = { name: "options", type: "RequestOptions", hasQuestionToken: true };
  const hasBody = method === "POST" || method === "PUT" || method === "PATCH";
  const body = hasBody ? bodyParameter(operation.requestBody, imports) : undefined;
  const parameters = body ? [body, options] : [options];
  const docs = [docText(operationDocs(operation))];
  return [
    { name: verb, parameters, returnType: `Promise<${responseType(operation, imports, runtime)}>`, docs },
    {
      name: describe,
      parameters,
      returnType: "RequestDescription",
      docs: [`The request \`${verb}\` would send, without sending it.`],
    },
  ];
}

function bodyParameter(
  body: RequestBody | undefined,
  imports: TypeImports,
): { name: string; type: string; hasQuestionToken?: boolean } {
  if (!body) return { name: "body", type: "undefined", hasQuestionToken: true };
  if (body.kind === "type") return { name: "body", type: tsType(body.type, imports) };
  const members = body.parameters.map((parameter) => {
    const type = tsNullable(tsType(parameter.type, imports));
    return `${memberKey(parameter.name)}${parameter.required ? "" : "?"}: ${type}`;
  });
  return { name: "body", type: `{ ${members.join("; ")} }` };
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
  return isIdentifier(candidate) &&
    !/^(delete|in|do|if|for|new|var|function|class|this|case|default|with|void)$/.test(candidate)
    ? candidate
    : "key";
}
