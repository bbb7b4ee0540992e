/**
 * The docs against the service: the ApiModel (what the docs say, as generated) compared with the service's metadata
 * (csdl.ts). Every disagreement is a finding that names the page and line where the docs say it, or says that no page
 * covers it, so that a docs writer can act on it; four figures sum up how far the generated types agree with the
 * service. The audit reads the model and never changes it: the package is the same with or without it.
 *
 * Names match as the docs site's links do, ignoring case. Instance annotations (`@odata.type` rows) are not
 * properties. Members count with their base types' on both sides, so a member documented on a base page where the
 * service declares it on a derived type (or the reverse) is found.
 */
import { createDiagnostic, diagnosticDefinitions, type Diagnostic, type DiagnosticName } from "../diagnostics/index.js";
import type { ApiModel, EnumType, ObjectType, TypeRef } from "../model/api-model.js";
import type { ServiceEnum, ServiceMetadata, ServiceProperty, ServiceType } from "./csdl.js";
import { resolveServicePath } from "./service-paths.js";
import { typeRefWords } from "../model/type-refs.js";
import { addTo } from "../util/group.js";
import type { AuditFigures, AuditFinding, FindingKind, MemberFigures, MetadataAudit } from "./audit-types.js";

export type { AuditFigures, AuditFinding, FindingKind, MemberFigures, MetadataAudit } from "./audit-types.js";

/** The diagnostic each kind of finding at a page line is reported as. */
const findingDiagnostics: Record<Exclude<FindingKind, "typeUndocumented">, DiagnosticName> = {
  typeNamespace: "serviceTypeNamespace",
  typeUnknown: "serviceTypeUnknown",
  propertyUndocumented: "servicePropertyUndocumented",
  propertyUnknown: "servicePropertyUnknown",
  propertyType: "servicePropertyType",
  enumMemberUndocumented: "serviceEnumMemberUndocumented",
  enumMemberUnknown: "serviceEnumMemberUnknown",
  pathUnresolved: "servicePathUnresolved",
};

/** The findings at page lines as diagnostics, for the run's list and report. */
export function auditDiagnostics(audit: MetadataAudit): Diagnostic[] {
  return audit.findings.flatMap((finding) =>
    finding.file === undefined || finding.kind === "typeUndocumented"
      ? []
      : [
          createDiagnostic(
            findingDiagnostics[finding.kind],
            finding.file,
            { line: finding.line ?? 1 },
            ...(finding.args ?? []),
          ),
        ],
  );
}

export function auditModel(model: ApiModel, service: ServiceMetadata): MetadataAudit {
  const findings: AuditFinding[] = [];
  const note = (
    kind: Exclude<FindingKind, "typeUndocumented">,
    subject: string,
    at: { file: string; line: number },
    ...args: string[]
  ) => {
    const template = diagnosticDefinitions[findingDiagnostics[kind]].message;
    const message = template.replace(/\{(\d+)\}/g, (_, index: string) => args[Number(index)] ?? "");
    findings.push({ kind, subject, message, file: at.file, line: at.line, args });
  };
  const lower = (name: string) => name.toLowerCase();
  const serviceTypes = new Map(service.types.map((type) => [lower(type.qualifiedName), type]));
  const serviceEnums = new Map(service.enums.map((type) => [lower(type.qualifiedName), type]));
  const modelTypes = new Map(model.types.map((type) => [lower(type.qualifiedName), type]));
  const modelEnums = new Map(model.enums.map((type) => [lower(type.qualifiedName), type]));
  // A page documents a service type when it declares one of the same name, in whatever namespace.
  const byBareName = new Map<string, Array<ObjectType | EnumType>>();
  for (const type of [...model.types, ...model.enums]) {
    if (type.kind === "object" && type.origin !== "resource") continue;
    addTo(byBareName, lower(type.name), type);
  }

  // Types.
  let documentedTypes = 0;
  let generatedTypes = 0;
  const matchedServiceNames = new Set<string>();
  for (const type of [...service.types, ...service.enums]) {
    const key = lower(type.qualifiedName);
    const generated = "kind" in type ? modelTypes.get(key) : modelEnums.get(key);
    const documented = byBareName.get(lower(type.name));
    if (generated) matchedServiceNames.add(key);
    if (!documented && !generated) {
      findings.push({
        kind: "typeUndocumented",
        subject: type.qualifiedName,
        message: `The service's ${"kind" in type ? `${type.kind} type` : "enum"} \`${type.qualifiedName}\` is documented on no page.`,
      });
      continue;
    }
    documentedTypes++;
    if (generated) generatedTypes++;
    else {
      const other = documented![0]!;
      note("typeNamespace", type.qualifiedName, other.source, other.qualifiedName, type.qualifiedName);
    }
  }
  const serviceBareNames = new Set([...service.types, ...service.enums].map((type) => lower(type.name)));
  for (const type of [...model.types, ...model.enums]) {
    if (type.kind === "object" && type.origin !== "resource") continue;
    const key = lower(type.qualifiedName);
    if (matchedServiceNames.has(key)) continue;
    if (serviceBareNames.has(lower(type.name))) continue; // reported above as a namespace finding
    note("typeUnknown", type.qualifiedName, type.source, type.qualifiedName);
  }

  // Members, with base types' on both sides.
  const serviceMembers = memberTables(
    service.types,
    (type) => type.qualifiedName,
    (type) => type.baseType,
    (type) => type.properties,
  );
  const modelMembers = memberTables(
    model.types,
    (type) => type.qualifiedName,
    (type) => type.baseType,
    (type) => type.properties.filter((property) => !isInstanceAnnotation(property.name)),
  );
  const counts = {
    properties: { service: 0, found: 0, generated: 0, existing: 0, compared: 0, agreeing: 0 },
    navigation: { service: 0, found: 0, generated: 0, existing: 0, compared: 0, agreeing: 0 },
  };
  for (const serviceType of service.types) {
    const modelType = modelTypes.get(lower(serviceType.qualifiedName));
    if (!modelType) continue;
    const generated = modelMembers(modelType.qualifiedName);
    for (const property of serviceType.properties) {
      const count = property.navigation ? counts.navigation : counts.properties;
      count.service++;
      const match = generated.get(lower(property.name));
      if (!match) {
        note(
          "propertyUndocumented",
          `${serviceType.qualifiedName}.${property.name}`,
          modelType.source,
          property.navigation ? "navigation property" : "property",
          property.name,
          serviceTypeText(property),
          serviceType.name,
        );
        continue;
      }
      count.found++;
      count.compared++;
      const documented = match.property.type;
      if (agrees(documented, property, serviceEnums, serviceTypes, modelEnums)) count.agreeing++;
      else {
        note(
          "propertyType",
          `${serviceType.qualifiedName}.${property.name}`,
          match.property.source,
          match.property.name,
          typeRefWords(documented),
          serviceTypeText(property),
        );
      }
    }
  }
  for (const modelType of model.types) {
    const serviceType = serviceTypes.get(lower(modelType.qualifiedName));
    if (!serviceType) continue;
    const members = serviceMembers(serviceType.qualifiedName);
    for (const property of modelType.properties) {
      if (isInstanceAnnotation(property.name)) continue;
      const count = property.navigation ? counts.navigation : counts.properties;
      count.generated++;
      if (members.has(lower(property.name))) count.existing++;
      else {
        note(
          "propertyUnknown",
          `${serviceType.qualifiedName}.${property.name}`,
          property.source,
          serviceType.name,
          property.name,
        );
      }
    }
  }

  // Enum members.
  for (const serviceEnum of service.enums) {
    const modelEnum = modelEnums.get(lower(serviceEnum.qualifiedName));
    if (!modelEnum) continue;
    const documented = new Set(modelEnum.members.map((member) => lower(member.name)));
    const served = new Set(serviceEnum.members.map(lower));
    for (const member of serviceEnum.members) {
      if (documented.has(lower(member))) continue;
      note(
        "enumMemberUndocumented",
        `${serviceEnum.qualifiedName}.${member}`,
        modelEnum.source,
        serviceEnum.name,
        member,
      );
    }
    for (const member of modelEnum.members) {
      if (served.has(lower(member.name))) continue;
      note(
        "enumMemberUnknown",
        `${serviceEnum.qualifiedName}.${member.name}`,
        modelEnum.source,
        serviceEnum.name,
        member.name,
      );
    }
  }

  // Paths.
  let paths = 0;
  let pathsResolved = 0;
  for (const operation of model.operations) {
    for (const path of operation.paths) {
      paths++;
      const failure = resolveServicePath(service, path.segments, operation.method);
      if (failure === undefined) pathsResolved++;
      else {
        note("pathUnresolved", `${operation.method} ${path.template}`, path.source, path.template, failure);
      }
    }
  }

  const findingsByKind: Partial<Record<FindingKind, number>> = {};
  for (const finding of findings) findingsByKind[finding.kind] = (findingsByKind[finding.kind] ?? 0) + 1;
  findings.sort(
    (a, b) =>
      (a.file ?? "\uffff").localeCompare(b.file ?? "\uffff", "en") ||
      (a.line ?? 0) - (b.line ?? 0) ||
      a.subject.localeCompare(b.subject, "en"),
  );
  return {
    figures: {
      serviceTypes: service.types.length + service.enums.length,
      documentedTypes,
      generatedTypes,
      typeShare: share(generatedTypes, documentedTypes),
      properties: memberFigures(counts.properties),
      navigation: memberFigures(counts.navigation),
      paths,
      pathsResolved,
    },
    findings,
    findingsByKind,
  };
}

/** The audit's figures in plain sentences, for the run's summary and the health report. */
export function describeAudit(audit: MetadataAudit): string[] {
  const { figures } = audit;
  const percent = (share: number) => `${(share * 100).toFixed(2)}%`;
  const members = (label: string, count: MemberFigures) =>
    `${label}: recall ${percent(count.recall)} (${count.found} of ${count.service}), precision ${percent(count.precision)} (${count.existing} of ${count.generated}), type agreement ${percent(count.agreement)} (${count.agreeing} of ${count.compared})`;
  const kinds = Object.entries(audit.findingsByKind).map(([kind, count]) => `${kind} ${count}`);
  return [
    `types documented and generated under their namespace ${percent(figures.typeShare)} (${figures.generatedTypes} of ${figures.documentedTypes}; the service has ${figures.serviceTypes})`,
    members("properties", figures.properties),
    members("navigation properties", figures.navigation),
    `paths the service resolves ${figures.pathsResolved} of ${figures.paths}`,
    `findings: ${kinds.join(", ") || "none"}`,
  ];
}

function share(part: number, whole: number): number {
  return whole === 0 ? 1 : part / whole;
}

function memberFigures(count: Omit<MemberFigures, "recall" | "precision" | "agreement">): MemberFigures {
  return {
    ...count,
    recall: share(count.found, count.service),
    precision: share(count.existing, count.generated),
    agreement: share(count.agreeing, count.compared),
  };
}

/** `@odata.type`, `@microsoft.graph.downloadUrl`: annotations of an instance, not members of its type. */
function isInstanceAnnotation(name: string): boolean {
  return name.includes("@");
}

/** For each type, its members and its base types' by lower-case name (own members first). */
function memberTables<T, P extends { name: string }>(
  types: readonly T[],
  nameOf: (type: T) => string,
  baseOf: (type: T) => string | undefined,
  membersOf: (type: T) => readonly P[],
): (qualifiedName: string) => Map<string, { property: P; owner: T }> {
  const byName = new Map(types.map((type) => [nameOf(type).toLowerCase(), type]));
  const tables = new Map<string, Map<string, { property: P; owner: T }>>();
  const table = (qualifiedName: string, seen = new Set<string>()): Map<string, { property: P; owner: T }> => {
    const key = qualifiedName.toLowerCase();
    const known = tables.get(key);
    if (known) return known;
    const members = new Map<string, { property: P; owner: T }>();
    const type = byName.get(key);
    if (type && !seen.has(key)) {
      seen.add(key);
      for (const property of membersOf(type)) {
        if (!members.has(property.name.toLowerCase()))
          members.set(property.name.toLowerCase(), { property, owner: type });
      }
      const base = baseOf(type);
      if (base) {
        for (const [name, entry] of table(base, seen)) if (!members.has(name)) members.set(name, entry);
      }
    }
    tables.set(key, members);
    return members;
  };
  return table;
}

/** The generated type a service type maps to, by kind: what the TypeScript of each side would be. */
type Shape =
  | { kind: "string" | "number" | "boolean" | "json" }
  | { kind: "named"; name: string }
  | { kind: "collection"; of: Shape };

const edmShapes: Record<string, Shape["kind"]> = {
  "Edm.String": "string",
  "Edm.Guid": "string",
  "Edm.DateTimeOffset": "string",
  "Edm.Date": "string",
  "Edm.TimeOfDay": "string",
  "Edm.Duration": "string",
  "Edm.Binary": "string",
  "Edm.Stream": "string",
  "Edm.Boolean": "boolean",
  "Edm.Int16": "number",
  "Edm.Int32": "number",
  "Edm.Int64": "number",
  "Edm.Byte": "number",
  "Edm.SByte": "number",
  "Edm.Single": "number",
  "Edm.Double": "number",
  "Edm.Decimal": "number",
  "Edm.Untyped": "json",
};

/** Whether the documented type is what the service says, as the generated TypeScript would express it. */
function agrees(
  documented: TypeRef,
  served: ServiceProperty,
  serviceEnums: ReadonlyMap<string, ServiceEnum>,
  serviceTypes: ReadonlyMap<string, ServiceType>,
  modelEnums: ReadonlyMap<string, EnumType>,
): boolean {
  let item = documented;
  if (served.collection) {
    if (item.kind !== "collection") return false;
    item = item.of;
  } else if (item.kind === "collection") return false;
  const edm = edmShapes[served.type];
  if (edm !== undefined) {
    if (edm === "json") return true;
    if (item.kind === "primitive") return item.name === edm;
    // A string the docs list values for, offered as those values or any string.
    if (item.kind === "literals") return edm === "string";
    return false;
  }
  const target = served.type.toLowerCase();
  const serviceEnum = serviceEnums.get(target);
  if (serviceEnum) {
    // An enum is generated as a union of its members' names: it is the service's enum where its members are the
    // service's, whatever the name it goes by, as are listed values.
    const members = new Set(serviceEnum.members.map((member) => member.toLowerCase()));
    const values =
      item.kind === "literals"
        ? item.values
        : item.kind === "named"
          ? modelEnums.get(item.qualifiedName.toLowerCase())?.members.map((member) => member.name)
          : undefined;
    if (item.kind === "named" && item.qualifiedName.toLowerCase() === target) return true;
    return values !== undefined && values.length > 0 && values.every((value) => members.has(value.toLowerCase()));
  }
  if (item.kind === "json") return true;
  // The types an abstract type stands for, listed (`appHostedMediaConfig or serviceHostedMediaConfig`).
  if (item.kind === "union") {
    const listed = item.of.map((ref) => (ref.kind === "named" ? ref.qualifiedName.toLowerCase() : ""));
    return serviceTypes.get(target)?.abstract === true && sameSet(listed, concreteDerived(target, serviceTypes));
  }
  if (item.kind !== "named") return false;
  return item.qualifiedName.toLowerCase() === target;
}

/** The lower-case qualified names of the non-abstract types deriving from `base`, at any depth. */
function concreteDerived(base: string, serviceTypes: ReadonlyMap<string, ServiceType>): string[] {
  const derived: string[] = [];
  for (const [name, type] of serviceTypes) {
    if (type.abstract) continue;
    for (let at = type.baseType?.toLowerCase(), guard = 0; at && guard < 64; guard++) {
      if (at === base) {
        derived.push(name);
        break;
      }
      at = serviceTypes.get(at)?.baseType?.toLowerCase();
    }
  }
  return derived;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  return left.size === new Set(b).size && b.every((item) => left.has(item));
}

function serviceTypeText(property: ServiceProperty): string {
  const name = property.type.startsWith("Edm.") ? property.type.slice(4) : `\`${property.type}\``;
  return property.collection ? `a collection of ${name}` : name;
}
