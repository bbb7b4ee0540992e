/**
 * What the audit of the docs against the service's metadata finds (audit.ts): plain data, part of the run report and
 * of the library's result, with no reference to the pipeline's own types.
 */

export type FindingKind =
  /** A service type no page documents. */
  | "typeUndocumented"
  /** A type documented under another namespace than the service's. */
  | "typeNamespace"
  /** A documented type the service does not have. */
  | "typeUnknown"
  /** A property or navigation property of a documented type that its pages leave out. */
  | "propertyUndocumented"
  /** A documented property the service's type does not have. */
  | "propertyUnknown"
  /** A documented property whose type is not the service's. */
  | "propertyType"
  /** An enum member the service has and the docs leave out. */
  | "enumMemberUndocumented"
  /** A documented enum member the service does not have. */
  | "enumMemberUnknown"
  /** A documented path the service cannot resolve. */
  | "pathUnresolved";

export interface AuditFinding {
  readonly kind: FindingKind;
  /** What the finding is about: `microsoft.graph.user`, `microsoft.graph.user.photos`, `GET /me/foo`. */
  readonly subject: string;
  /** One plain sentence. */
  readonly message: string;
  /** Where the docs say it; absent where no page covers it. */
  readonly file?: string;
  readonly line?: number;
  /** The arguments of its diagnostic's message. */
  readonly args?: string[];
}

/**
 * How far the generated members agree with the service, for one kind of member: the service's structural properties
 * (`Property`), or its navigation properties (`NavigationProperty`), each counted on the type that declares it.
 */
export interface MemberFigures {
  /** Of the service's members of generated types, how many the generated types have (recall). */
  readonly service: number;
  readonly found: number;
  /** Of the generated members of types the service has, how many the service has (precision). */
  readonly generated: number;
  readonly existing: number;
  /** Of the members on both sides, how many are generated with the service's type (agreement). */
  readonly compared: number;
  readonly agreeing: number;
  readonly recall: number;
  readonly precision: number;
  readonly agreement: number;
}

export interface AuditFigures {
  /** Entity, complex and enum types of the service. */
  readonly serviceTypes: number;
  /** Of those, the ones a page documents (under any namespace). */
  readonly documentedTypes: number;
  /** Of those, the ones generated under their qualified name, and their share. */
  readonly generatedTypes: number;
  readonly typeShare: number;
  readonly properties: MemberFigures;
  readonly navigation: MemberFigures;
  /** Documented paths, and how many the service resolves. */
  readonly paths: number;
  readonly pathsResolved: number;
}

export interface MetadataAudit {
  readonly figures: AuditFigures;
  readonly findings: AuditFinding[];
  readonly findingsByKind: Partial<Record<FindingKind, number>>;
}
