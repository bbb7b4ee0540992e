/**
 * Every problem docs2ts reports, in one table: a stable code, a severity and a one-sentence message template
 * ({0}, {1}... are replaced by the arguments). Codes never change meaning once released; retired codes are not reused.
 * DT1xx come from reading one page (parse), DT2xx from linking pages (model), DT3xx from writing code (emit), DT4xx
 * from comparing the docs with the service's metadata (audit, only with `--metadata`).
 * README.md lists this table; test/diagnostics.test.ts checks that both agree and that codes are unique.
 */
export type Severity = "error" | "warning" | "info";

export interface DiagnosticDefinition {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
}

export const diagnosticDefinitions = {
  // Reading a page.
  pageUnreadable: { code: "DT100", severity: "error", message: "Page could not be read and is left out: {0}." },
  frontMatterInvalid: { code: "DT101", severity: "warning", message: "Front matter is not valid YAML: {0}." },
  templateLeftover: { code: "DT102", severity: "warning", message: "Unreplaced template text `{0}`." },
  pageKindInferred: {
    code: "DT103",
    severity: "info",
    message: "Page has no usable doc_type ({0}); its structure makes it a page of kind `{1}`.",
  },
  titleMissing: { code: "DT104", severity: "warning", message: "Page has no H1 title." },
  sectionEmpty: { code: "DT106", severity: "info", message: "Section `{0}` is empty." },
  pageKindContradicted: {
    code: "DT105",
    severity: "warning",
    message: "The doc_type `{0}` contradicts the page's structure; it is read as a page of kind `{1}`.",
  },
  nestingTooDeep: {
    code: "DT107",
    severity: "warning",
    message: "Markdown nests deeper than {0} levels here; what lies deeper is read as plain text.",
  },
  pageTooLarge: {
    code: "DT108",
    severity: "error",
    message: "Page is {0} MB, more than the {1} MB a page may have; it is left out.",
  },
  pageParseFailed: {
    code: "DT109",
    severity: "error",
    message: "Page could not be parsed (an internal error of docs2ts) and is read as empty: {0}.",
  },
  annotationInvalid: {
    code: "DT110",
    severity: "warning",
    message: "Annotation is not valid JSON and is ignored: {0}.",
  },
  annotationRepaired: {
    code: "DT111",
    severity: "info",
    message: "Annotation is not strict JSON; read with repairs: {0}.",
  },
  annotationDetached: {
    code: "DT112",
    severity: "warning",
    message: "Annotation is separated from its code block by {0}; it is attached to the block at line {1}.",
  },
  annotationOrphan: {
    code: "DT113",
    severity: "info",
    message: "Annotation of blockType `{0}` is followed by no code block.",
  },
  permissionsEmpty: { code: "DT120", severity: "warning", message: "Permissions table lists no permissions." },
  tableRowMalformed: {
    code: "DT121",
    severity: "info",
    message:
      "Table row has {0} cells where the header has {1}; missing cells are read as empty, extra cells are ignored.",
  },
  syntaxBlockEmpty: { code: "DT130", severity: "warning", message: "HTTP syntax block is empty." },
  syntaxLineInvalid: { code: "DT131", severity: "warning", message: "HTTP syntax line is not `METHOD /path`: `{0}`." },
  syntaxMissing: { code: "DT132", severity: "warning", message: "API page has no HTTP syntax block." },
  syntaxPathRelative: {
    code: "DT133",
    severity: "warning",
    message: "HTTP syntax path `{0}` does not start with `/`; it is read as `/{0}`.",
  },
  exampleRequestInvalid: {
    code: "DT140",
    severity: "warning",
    message: "Example request does not start with `METHOD URL`: `{0}`.",
  },
  exampleResponseInvalid: {
    code: "DT141",
    severity: "warning",
    message: "Example response does not start with an HTTP status line: `{0}`.",
  },
  exampleUrlNoPath: { code: "DT142", severity: "warning", message: "Example request URL `{0}` has no path." },
  exampleBodyRepaired: {
    code: "DT143",
    severity: "info",
    message: "Example {0} body is not strict JSON; read with repairs: {1}.",
  },
  exampleBodyUnreadable: {
    code: "DT144",
    severity: "warning",
    message: "Example {0} body could not be read as JSON: {1}.",
  },
  exampleUnpaired: { code: "DT145", severity: "info", message: "Example {0} has no matching {1}." },
  exampleLayout: { code: "DT146", severity: "info", message: "Example {0} is laid out irregularly: {1}." },
  codeFenceUnclosed: {
    code: "DT148",
    severity: "warning",
    message: "Code fence is never closed; {0}.",
  },
  exampleBodyPlaceholder: {
    code: "DT147",
    severity: "warning",
    message: "Example {0} body is a placeholder (`{1}`), not data; it is kept as text.",
  },

  // Linking pages into one API.
  includeUnresolved: {
    code: "DT200",
    severity: "info",
    message: "INCLUDE `{0}` names a file that is not in the docs set; its content is not read.",
  },
  typeCellUnknown: {
    code: "DT201",
    severity: "warning",
    message: "Type `{0}` of `{1}` names no documented type; emitted as `unknown`.",
  },
  typeFromRequestBody: {
    code: "DT202",
    severity: "info",
    message: "Type `{0}` has no resource page; its members are read from this request body table.",
  },
  typeDuplicate: {
    code: "DT203",
    severity: "warning",
    message:
      "Type `{0}` is also documented by {1}; the members of both pages are merged, the page with more rows leading.",
  },
  baseTypeUnknown: {
    code: "DT204",
    severity: "warning",
    message: "Base type `{0}` of `{1}` names no documented type; the type is emitted without it.",
  },
  baseTypeCycle: {
    code: "DT209",
    severity: "warning",
    message: "Base type `{0}` of `{1}` leads back to `{1}` ({2}); the type is emitted without it.",
  },
  propertyTypeConflict: {
    code: "DT205",
    severity: "info",
    message: "Property `{0}` is typed `{1}` here but `{2}` on the resource page of `{3}`; the resource page wins.",
  },
  requestBodyMemberUnknown: {
    code: "DT208",
    severity: "warning",
    message:
      "Request body member `{0}` is not a member of `{1}` on its resource page; the resource page defines the type.",
  },
  enumDuplicate: {
    code: "DT206",
    severity: "warning",
    message: "Enum `{0}` is also documented by {1}; the first page in path order is used.",
  },
  typeNameMissing: {
    code: "DT207",
    severity: "warning",
    message:
      "Page names no type (no `@odata.type` annotation and no `x resource type` or `x values` title); its tables are not used.",
  },
  operationPathRecovered: {
    code: "DT210",
    severity: "info",
    message: "No usable HTTP syntax line; `{0}` recovered from {1}.",
  },
  operationPathUnrecoverable: {
    code: "DT211",
    severity: "error",
    message: "No HTTP syntax line and no page of the docs set documents a path for this operation; it is not emitted.",
  },
  operationDuplicate: {
    code: "DT212",
    severity: "warning",
    message: "`{0} {1}` is also documented by {2}; the first page in path order defines its types.",
  },
  responseTypeUnknown: {
    code: "DT213",
    severity: "info",
    message: "Response section names no documented type; the operation resolves to `unknown`.",
  },
  pathKeyConcrete: {
    code: "DT215",
    severity: "warning",
    message: "Path `{0}` holds the concrete key `{1}` where a placeholder such as `{id}` belongs; it is read as a key.",
  },
  pathSegmentUnsupported: {
    code: "DT214",
    severity: "warning",
    message: "Path `{0}` has a segment the client cannot address (`{1}`); the path is not emitted.",
  },
  exampleTestedElsewhere: {
    code: "DT216",
    severity: "info",
    message: "Example URL path `{0}` matches no syntax line of its page; it is tested against `{1}` of {2}.",
  },
  examplePathExtended: {
    code: "DT217",
    severity: "info",
    message: "Example URL path `{0}` extends `{1}`, which no syntax line lists; the operation takes that path too.",
  },
  exampleUrlUnmatched: {
    code: "DT220",
    severity: "warning",
    message: "Example URL path `{0}` matches no path of the operation.",
  },
  exampleBodyArray: {
    code: "DT221",
    severity: "warning",
    message: "Example request body is a JSON array; the operation takes one `{0}` object.",
  },
  examplePlaceholders: {
    code: "DT222",
    severity: "warning",
    message: "Example {0} body holds placeholder values instead of sample data: {1}.",
  },
  exampleResponseWrapped: {
    code: "DT223",
    severity: "warning",
    message: "Example response wraps the body in `value`, but the operation returns one `{0}` object.",
  },
  exampleUntested: { code: "DT224", severity: "info", message: "Example `{0}` gets no generated test: {1}." },
  exampleUnknownMember: {
    code: "DT226",
    severity: "warning",
    message: "Example {0} body has `{1}`, which is not a member of `{2}`.",
  },
  exampleWrongType: {
    code: "DT227",
    severity: "warning",
    message: "Example {0} body gives `{1}` a JSON {2} where the docs say {3}.",
  },
  exampleEnumValue: {
    code: "DT228",
    severity: "warning",
    message: "Example {0} body gives `{1}` the value `{2}`, which is not one of `{3}`.",
  },
  exampleReadOnly: {
    code: "DT229",
    severity: "warning",
    message: "Example request body sets `{0}`, which is read-only.",
  },
  exampleStatusMismatch: {
    code: "DT230",
    severity: "warning",
    message: "Example response status {0} differs from the {1} the Response section names.",
  },
  exampleTypeMismatch: {
    code: "DT231",
    severity: "warning",
    message: "Example response is annotated as `{0}`, but the Response section names `{1}`.",
  },
  exampleCollectionWithoutValue: {
    code: "DT232",
    severity: "warning",
    message: "Example response of a collection has no `value` array.",
  },
  exampleTruncated: {
    code: "DT233",
    severity: "info",
    message: "Example response is marked truncated; it is tested as documented.",
  },
  linkTargetMissing: {
    code: "DT234",
    severity: "warning",
    message: "Link to `{0}` names a page that is not in the docs set.",
  },
  exampleNameDuplicate: {
    code: "DT235",
    severity: "warning",
    message: "Example name `{0}` is also used at {1}.",
  },
  exampleMissingRequired: {
    code: "DT236",
    severity: "warning",
    message: "Example request body leaves out the required parameter `{0}`.",
  },
  memberFromRepresentation: {
    code: "DT237",
    severity: "info",
    message: "Member `{0}` is listed by the JSON representation only, not by a table; it is read as {1}.",
  },
  typeFromRepresentation: {
    code: "DT238",
    severity: "info",
    message: "Type `{0}` of `{1}` is read as {2}, as the JSON representation shows it.",
  },
  tableNotMembers: {
    code: "DT239",
    severity: "info",
    message:
      "Table under `{0}` names none of the members the JSON representation lists; its rows are not read as members of `{1}`.",
  },
  memberFromPath: {
    code: "DT240",
    severity: "info",
    message: "`{0}` of `{1}` is documented by no table; the path `{2}` makes it a navigation property of type {3}.",
  },
  exampleBodyIgnored: {
    code: "DT225",
    severity: "warning",
    message: "Example {0} request has a body, which a {0} request does not send; the body is not replayed.",
  },

  collectionFromPath: {
    code: "DT241",
    severity: "info",
    message:
      "`{0}` is documented as one object, but the docs address its items by key at `{1}`; it is read as a collection.",
  },
  // Comparing the docs with the service's metadata (`--metadata`).
  serviceTypeNamespace: {
    code: "DT401",
    severity: "warning",
    message: "The page documents `{0}`; the service's type is `{1}`.",
  },
  serviceTypeUnknown: {
    code: "DT402",
    severity: "warning",
    message: "The service has no type `{0}`.",
  },
  servicePropertyUndocumented: {
    code: "DT403",
    severity: "info",
    message: "The service's {0} `{1}` ({2}) of `{3}` is not documented.",
  },
  servicePropertyUnknown: {
    code: "DT404",
    severity: "warning",
    message: "The service's `{0}` has no property `{1}`.",
  },
  servicePropertyType: {
    code: "DT405",
    severity: "warning",
    message: "`{0}` is documented as {1}; the service types it {2}.",
  },
  serviceEnumMemberUndocumented: {
    code: "DT406",
    severity: "info",
    message: "The service's enum `{0}` has a member `{1}` the docs leave out.",
  },
  serviceEnumMemberUnknown: {
    code: "DT407",
    severity: "warning",
    message: "The service's enum `{0}` has no member `{1}`.",
  },
  servicePathUnresolved: {
    code: "DT408",
    severity: "warning",
    message: "The service cannot resolve `{0}`: {1}.",
  },

  // Writing the package.
  nameCollision: {
    code: "DT301",
    severity: "info",
    message: "`{0}` and `{1}` would both be emitted as `{2}`; the second is emitted as `{3}`.",
  },
} as const satisfies Record<string, DiagnosticDefinition>;

export type DiagnosticName = keyof typeof diagnosticDefinitions;

/** Each definition by its code (`DT100`), with the name it goes by in the code (`pageUnreadable`). */
export const definitionsByCode: ReadonlyMap<string, DiagnosticDefinition & { readonly name: DiagnosticName }> = new Map(
  Object.entries(diagnosticDefinitions).map(([name, definition]) => [
    definition.code,
    { ...definition, name: name as DiagnosticName },
  ]),
);
