/**
 * own-layout.ts writes prettier's layout of some long lines without prettier. Each case is a line of a shape the
 * emitters print, inside the code around it, and the rule's lines are checked against what prettier makes of the
 * same code; the shapes it must leave to prettier are checked to be left.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import * as prettier from "prettier";
import { keptByPrettier, layOutLine } from "../../src/emit/own-layout.js";

const printWidth = 100;
const format = (source: string): Promise<string> => prettier.format(source, { parser: "babel-ts", printWidth });
const x = (name: string, length = 40): string => `${name}${"X".repeat(length)}`;

/** `line` laid out by the rule and by prettier, in `before` ... `after`; the rule must have applied. */
async function assertLaidOut(line: string, before: string[] = [], after: string[] = []): Promise<void> {
  assert.ok(line.length > printWidth, "the case is a long line");
  const lines = layOutLine(line, printWidth);
  assert.ok(lines, `a rule applies to ${line}`);
  assert.equal(
    [...before, ...lines, ...after, ""].join("\n"),
    await format([...before, line, ...after, ""].join("\n")),
  );
}

/** Prettier keeps `line` as it is in its context, and keptByPrettier knows it. */
async function assertKept(line: string, before: string[] = [], after: string[] = []): Promise<void> {
  assert.ok(line.length > printWidth && keptByPrettier(line));
  const source = [...before, line, ...after, ""].join("\n");
  assert.equal(await format(source), source);
}

const inInterface = (line: string) => assertLaidOut(line, ["export interface Requests {"], ["}"]);
const inObject = (line: string) => assertLaidOut(line, ["const body = {"], ["};"]);
const inTest = (line: string) => assertLaidOut(line, ['test("t", async () => {'], ["});"]);

test("a method signature gets its parameters one a line", async () => {
  await inInterface(
    `  get(options?: QueryOptions<Selectable<${x("Widget", 20)}>, keyof WidgetNavigation & string>): Promise<CollectionPage<Widget>>;`,
  );
  await inInterface(
    `  post(body: { "@odata.type"?: string; displayName?: string | null }, options?: QueryOptions<Selectable<${x("Widget", 10)}>, never>): Promise<Widget>;`,
  );
});

test("a parameter too long for its line gets its type arguments or object members one a line", async () => {
  await inInterface(
    `  post(body?: RequestBody, options?: QueryOptions<Selectable<${x("TeamsApp", 30)}>, keyof TeamsAppNavigation & string, { requiresReview?: boolean }>): Promise<TeamsApp>;`,
  );
  await inInterface(
    `  toPostRequest(body: { [annotation: \`@odata.\${string}\` | \`\${string}@odata.\${string}\`]: unknown; ${x("displayName")}?: string | null }, options?: QueryOptions<Selectable<Widget>, never>): RequestDescription;`,
  );
});

test("type arguments still too long break again, a union among them one member a line, the return type too", async () => {
  const policies = ["Android", "AndroidWorkProfile", "Device", "Ios", "MacOS", "Windows10", "Windows10Mobile"]
    .map((platform) => `${platform}CompliancePolicy`)
    .join(" | ");
  await inInterface(
    `  get(options?: QueryOptions<Selectable<${policies}>, keyof DeviceCompliancePolicyNavigation & string>): Promise<CollectionPage<${policies}>>;`,
  );
  await inInterface(
    `  iterate(options?: QueryOptions<Selectable<${x("ManagedAppRegistration", 40)}>, never>): PageIterator<${x("ManagedAppRegistration", 50)}>;`,
  );
});

test("a union-typed parameter too long for its line goes to the next whole, or one member a line", async () => {
  await inInterface(
    `  post(body: ${x("AndroidLobApp", 30)} | ${x("IosLobApp", 36)}, options?: QueryOptions<Selectable<MobileApp>, never>): Promise<void>;`,
  );
  const apps = ["AndroidLobApp", "AndroidStoreApp", "IosLobApp", "IosStoreApp", "IosVppApp", "MacOSOfficeSuiteApp"];
  await inInterface(
    `  post(body: ${[...apps, ...apps.map((app) => `Managed${app}`)].join(" | ")}, options?: QueryOptions<Selectable<MobileApp>, never>): Promise<MobileApp>;`,
  );
});

test("a return type that is one name keeps its line, however long", async () => {
  await inInterface(
    `  byId(deviceComplianceActionItemId: string): ${x("DeviceManagementCompliancePoliciesItemRequests", 60)};`,
  );
});

test("an object type's member too long for its line breaks its union", async () => {
  const set = Array.from({ length: 12 }, (_, index) => `"ThreeArrows${index}"`).join(" | ");
  await inInterface(
    `  patch(body: { index?: number | null; set?: ${set} | null }, options?: QueryOptions): Promise<void>;`,
  );
  await inInterface(`  post(body: { displayName: string; set?: ${set} }): Promise<void>;`);
});

test("a string alone on its line in a broken list is kept however long", async () => {
  await assertKept(
    `  "${"All principals with access need continued access to the resource ".repeat(2)}",`,
    ["const reasons = ["],
    ['  "short",', "];"],
  );
});

test("a lone object-typed parameter is hugged", async () => {
  await inInterface(
    `  post(body: { displayName: string; description?: string | null; ${x("size", 30)}?: number | null }): Promise<void>;`,
  );
});

test("a union goes to the next line whole if it fits there, else one member a line", async () => {
  const members = (count: number) => Array.from({ length: count }, (_, index) => `"value${index}"`).join(" | ");
  await assertLaidOut(`export type ${x("Status", 50)} = ${members(5)};`);
  await assertLaidOut(`export type Status = ${members(12)};`);
  // A type's `OrDerived`, in the namespace that merges with it.
  const types = (count: number) => Array.from({ length: count }, (_, index) => `Derived${index}.OrDerived`).join(" | ");
  const inNamespace = (line: string) => assertLaidOut(line, ["export declare namespace Entity {"], ["}"]);
  await inNamespace(`  export type ${x("OrDerived", 45)} = Entity | ${types(2)};`);
  await inNamespace(`  export type OrDerived = Entity | ${types(20)};`);
  await inInterface(`  ${x("options", 50)}?: ${members(4)};`);
  await inInterface(`  options?: ${members(12)} | null;`);
});

test("a member with a long generic type gets its type arguments one a line", async () => {
  await inInterface(
    `  readonly instances: CollectionRequests<${x("AccessReviewInstance", 10)}, ItemRequests<AccessReviewInstance> & AccessReviewInstanceNavigation>;`,
  );
  await assertLaidOut(
    `export interface ItemRequests extends Omit<${x("WidgetNavigation")}, "parts" | "owners"> {`,
    [],
    ["  _;", "}"],
  );
});

test("an interface with two heritage types or more puts its extends clause on the next line", async () => {
  await assertLaidOut(
    `export interface ${x("AppCatalogsTeamsAppsItemRequests", 10)} extends ItemRequests<TeamsAppDefinition>, Omit<TeamsAppDefinitionNavigation, "bot"> {`,
    [],
    ["  _;", "}"],
  );
});

test("a heritage clause too long for the next line puts `extends` alone and the types one a line, broken as needed", async () => {
  await assertLaidOut(
    "export interface MeOnlineMeetingsRequests extends MeOnlineMeetingsRequestsOwn, Omit<UsersItemOnlineMeetingsRequests, keyof MeOnlineMeetingsRequestsOwn> {}",
  );
  await assertLaidOut(
    "export interface MeOnlineMeetingsCreateOrGetRequests extends MeOnlineMeetingsCreateOrGetRequestsOwn, Omit<UsersItemOnlineMeetingsCreateOrGetRequests, keyof MeOnlineMeetingsCreateOrGetRequestsOwn> {}",
  );
  await assertLaidOut(
    `export interface ${x("Me", 22)} extends ${x("Me", 22)}Own, Omit<${x("UsersItem", 20)}, keyof ${x("Me", 22)}Own>, Omit<UserNavigation, keyof ${x("Me", 22)}Own | keyof ${x("UsersItem", 20)}> {}`,
  );
  await assertLaidOut(
    `export interface MeRequests extends Omit<UsersItemRequests, ${["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"].map((name) => `"${x(name, 8)}"`).join(" | ")}>, Omit<UserNavigation, "manager"> {`,
    [],
    ["  _;", "}"],
  );
});

test("imports of several names get one name a line", async () => {
  await assertLaidOut(
    `import type { ${["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota", "Kappa"].join(", ")} } from "./models.js";`,
  );
  await assertLaidOut(
    `import { type ApiClient, type ${x("ConfigurationManagerCollectionAssignmentTarget", 10)} } from "../../src/index.js";`,
  );
  await assertLaidOut(`import type { Group as GraphGroup, ${x("Identity", 40)} as GraphIdentity } from "../index.js";`);
});

test("a long-keyed string goes to the next line, fit or not; a short-keyed one stays", async () => {
  await inObject(`  description: "${"a long description ".repeat(5)}",`);
  await inObject(`  description: "${"a long description ".repeat(8)}",`);
  await inObject(
    `  "@odata.id": "https://graph.microsoft.com/v1.0/policies/tokenIssuancePolicies/${x("cd3d9b57", 20)}",`,
  );
  await assertKept(`  url: "https://graph.microsoft.com/v1.0/${x("widgets", 80)}",`, ["const body = {"], ["};"]);
});

test("a test's accessor goes to the next line where it fits; a skipped test gets its arguments one a line", async () => {
  await inTest(
    `  const at = (client: ApiClient) => client.${x("accessReviews", 2)}.byId("e6cafba0").instances.filterByCurrentUser({ on: "reviewer" });`,
  );
  await assertLaidOut(
    `test("${x("create_widget")} (api/widget-create.md:12)", { skip: "its URL matches no documented path" }, () => {});`,
  );
});

test("a test's request goes to the next line, its last object argument expanded where it still does not fit", async () => {
  const inReplay = (line: string) =>
    assertLaidOut(line, ['test("t", async () => {', "  await replay({"], ["  });", "});"]);
  await inReplay(
    `    describe: (client) => at(client).toPatchRequest(requestBody, { headers: { Prefer: "return=representation" } }),`,
  );
  await inReplay(
    `    describe: (client) => at(client).toGetRequest({ query: { $filter: "contains(scope/microsoft.graph.accessReviewQueryScope/query, './members')" } }),`,
  );
  await inReplay(
    `    send: (client) => at(client).get({ query: { $count: "true", $orderBy: "displayName", $filter: "startswith(displayName, 'A')" }, headers: { ConsistencyLevel: "eventual" } }),`,
  );
  await inReplay(
    `    describe: (client) => at(client).toPatchRequest(requestBody, { headers: { Prefer: "return=representation", "If-Match": 'W/"JzEtVGFzayAgQEBAQEBAQEBAQEBAQEBAWCc="' } }),`,
  );
  await inReplay(
    `    send: (client) => at(client).get({ query: { $filter: "${x("displayName eq 'a' and startswith(mail, 'b')", 50)}" } }),`,
  );
});

test("an accessor too long for the next line is broken as prettier breaks a member chain", async () => {
  const id = (n: number) => `"${String(n).repeat(8)}-cbf0-4748-8868-0810c7f4cc06"`;
  // Two calls and more: the head and its members, then each run of members and calls one level deeper.
  await inTest(
    `  const at = (client: ApiClient) => client.identityGovernance.accessReviews.definitions.byId(${id(1)}).instances.byId(${id(2)}).acceptRecommendations;`,
  );
  await inTest(
    `  const at = (client: ApiClient) => client.identityGovernance.accessReviews.definitions.byId(${id(1)}).instances.byId(${id(2)}).decisions.filterByCurrentUser({ on: "reviewer" });`,
  );
  // One call, at the end: its string argument goes to a line of its own.
  await inTest(
    `  const at = (client: ApiClient) => client.identityGovernance.accessReviews.definitions.byId("3856fd6f-36e2-4152-97c9-76070d19f730");`,
  );
  // A chain that fits without its last member: the member alone moves.
  await inTest(
    `  const at = (client: ApiClient) => client.identityGovernance.accessReviews.definitions.byId(${id(1)}).instances;`,
  );
});

test("lines prettier keeps however long are known", async () => {
  await assertKept(
    `test("${x("create_widget", 90)} (api/widget-create.md:12)", async () => {`,
    [],
    ["  await replay({});", "});"],
  );
  await assertKept(`import data from "./${x("intune-deviceconfig", 90)}.json" with { type: "json" };`);
  await assertKept(`import type { Widget } from "../models/${x("widget", 90)}.js";`);
  await assertKept(`import "./examples/${x("intune-deviceconfig", 90)}.js";`);
  await assertKept(
    `  readonly ${x("logTeleconferenceDeviceQuality")}: ${x("CommunicationsCallsRequests")};`,
    ["export interface A {"],
    ["}"],
  );
  await assertKept(`export interface ${x("Requests", 50)} extends ${x("WidgetNavigation")} {`, [], ["  _;", "}"]);
  await assertKept(
    `export interface ${x("Requests", 50)} extends ItemRequests<WorkbookChartFill> {`,
    [],
    ["  _;", "}"],
  );
  await assertKept(
    `  readonly "microsoft.graph.${x("managedMobileLobApp")}": ${x("MobileAppsItemManagedMobileLobAppRequests")};`,
    ["export interface A {"],
    ["}"],
  );
});

test("shapes prettier lays out by other rules are left to it", () => {
  const left = [
    // `T | null` is hugged, not broken.
    `  readonly ${x("configurationManagerClientEnabledFeatures")}?: ConfigurationManagerClientEnabledFeatures | null;`,
    // A chain that does not fit on the next line either breaks into groups.
    `  const at = (client: ApiClient) => client.identityGovernance.accessReviews.definitions.byId("${x("e6cafba0", 60)}").instances;`,
    // A chain of one call whose argument is not a string.
    `  const at = (client: ApiClient) => client.identityGovernance.accessReviews.definitions.byId(${x("identifier", 60)});`,
    // A factory-like first group: prettier merges it with the first call and keeps the chain whole.
    `  const at = (client: ApiClient) => client.Users.byId("${x("e6cafba0", 40)}").instances.byId("${x("e6cafba0", 30)}").parts;`,
    // A type argument list of one.
    `  get(options?: QueryOptions<${x("Selectable", 90)}>): Promise<Widget>;`,
    // A return type of one name with a lone type argument: left whole.
    `  get(options?: QueryOptions<Selectable<Widget>, never>): Promise<${x("WidgetWithAVeryLongName", 70)}>;`,
    // A parameter whose object type holds a member too long for its own line, not a union.
    `  patch(body: { set?: Record<${x("string", 60)}, ${x("ThreeArrows", 30)}> }, options?: QueryOptions): Promise<void>;`,
    // A quoted key prettier would unquote.
    `  "displayName": "${"a long description ".repeat(5)}",`,
    // A request whose last argument holds a value other than an object or a string too long for its line.
    `    send: (client) => at(client).get({ query: { $select: ["${x("displayName", 40)}", "${x("mail", 40)}"] } }),`,
    // Other arrow functions.
    `    describe: (client) => client.${x("users", 40)}.byId("${x("a", 40)}").toGetRequest({ query: {} }),`,
  ];
  for (const line of left) assert.equal(layOutLine(line, printWidth), undefined, line);
});
