/**
 * What changed between two versions of a package's API surface (surface.ts), each change classified as breaking
 * or not, the version that follows, and the CHANGELOG.md section that says so. Breaking: removing a type, a member
 * or an operation; narrowing a type a consumer writes (a member, a body, a parameter); making something optional
 * required; making a member read-only; widening what a call returns. Not breaking: additions, widening what a
 * consumer writes, narrowing what a call returns. Versions follow semver as npm's caret ranges read it: at 1.0.0 and
 * above, breaking -> major, any other API change -> minor, documentation only -> patch; below 1.0.0, breaking ->
 * minor, anything else -> patch.
 */
import {
  differingBlocks,
  operationKey,
  parseSurface,
  sameEntry,
  surfaceOfBlocks,
  type Surface,
  type SurfaceEntry,
} from "./surface.js";

export interface ApiChange {
  readonly kind: "added" | "removed" | "changed";
  readonly subject: "type" | "member" | "operation";
  /** `User`, `User.displayName`, `GET /users/{id}`, `GET /users/{id} body`. */
  readonly name: string;
  /** What changed, for a change: `string | null -> number | null`, `optional -> required`. */
  readonly detail?: string;
  readonly breaking: boolean;
  /** The page that caused it: the page that documents it now, or, for a removal, the page that documented it. */
  readonly page: string;
}

/**
 * `diffSurfaces` of two `api.md` texts (both must be surfaces): only the entries where the texts differ are cut
 * (differingBlocks), and of those, an entry of the same lines in both changes nothing, so only the others are read
 * (an edit of one page changes a few entries of thousands).
 */
export function diffSurfaceTexts(before: string, after: string): ApiChange[] {
  if (before === after) return [];
  const [old, now] = differingBlocks(before, after)!;
  const differing = (section: "types" | "operations"): void => {
    for (const [key, span] of old[section]) {
      const next = now[section].get(key);
      if (next && sameEntry(old, span, now, next)) {
        old[section].delete(key);
        now[section].delete(key);
      }
    }
  };
  differing("types");
  differing("operations");
  return diffSurfaces(surfaceOfBlocks(old), surfaceOfBlocks(now));
}

/** The changes from one surface to the next, types first, each group in name order. */
export function diffSurfaces(before: Surface, after: Surface): ApiChange[] {
  const changes: ApiChange[] = [];
  for (const [name, entry] of after.types)
    if (!before.types.has(name))
      changes.push({ kind: "added", subject: "type", name, breaking: false, page: entry.page });
  for (const [name, entry] of before.types) {
    const next = after.types.get(name);
    if (!next) {
      changes.push({ kind: "removed", subject: "type", name, breaking: true, page: entry.page });
      continue;
    }
    if (next.header !== entry.header)
      changes.push({
        kind: "changed",
        subject: "type",
        name,
        detail: `\`${entry.header}\` -> \`${next.header}\``,
        breaking: true,
        page: next.page,
      });
    changes.push(...memberChanges(name, entry, next, "member"));
  }
  const display = (key: string, entry: SurfaceEntry): string =>
    operationKey(entry.header) === key ? entry.header : key;
  for (const [key, entry] of after.operations)
    if (!before.operations.has(key))
      changes.push({
        kind: "added",
        subject: "operation",
        name: display(key, entry),
        breaking: false,
        page: entry.page,
      });
  for (const [key, entry] of before.operations) {
    const next = after.operations.get(key);
    if (!next) {
      changes.push({ kind: "removed", subject: "operation", name: entry.header, breaking: true, page: entry.page });
      continue;
    }
    changes.push(...memberChanges(next.header, entry, next, "operation"));
  }
  return changes;
}

/** The changes of the members of a type (`X.y`) or of the parts of an operation (`GET /x body`). */
function memberChanges(
  owner: string,
  before: SurfaceEntry,
  after: SurfaceEntry,
  subject: "member" | "operation",
): ApiChange[] {
  const changes: ApiChange[] = [];
  const nameOf = (key: string): string => (subject === "member" ? `${owner}.${key}` : `${owner} ${key}`);
  const pageOf = (member: { page: string }, entry: SurfaceEntry): string => member.page || entry.page;
  for (const [key, member] of after.members) {
    if (before.members.has(key)) continue;
    // A required member or parameter a consumer now has to give breaks the code that does not.
    const required = isInput(key, subject) && !parseMember(member.line).optional;
    changes.push({
      kind: "added",
      subject,
      name: nameOf(key),
      detail: `\`${member.line}\``,
      breaking: required,
      page: pageOf(member, after),
    });
  }
  for (const [key, member] of before.members) {
    const next = after.members.get(key);
    if (!next) {
      changes.push({ kind: "removed", subject, name: nameOf(key), breaking: true, page: pageOf(member, before) });
      continue;
    }
    if (next.line === member.line) continue;
    const old = parseMember(member.line);
    const now = parseMember(next.line);
    const details: string[] = [];
    let breaking = false;
    if (old.optional && !now.optional) {
      details.push("optional -> required");
      breaking = true;
    } else if (!old.optional && now.optional) details.push("required -> optional");
    if (!old.readonly && now.readonly) {
      details.push("now read-only");
      breaking = true;
    } else if (old.readonly && !now.readonly) details.push("no longer read-only");
    if (old.type !== now.type) {
      const relation = compareTypes(old.type, now.type);
      details.push(`${relation === "changed" ? "type changed" : relation}: \`${old.type}\` -> \`${now.type}\``);
      // What a call returns may narrow; what a consumer writes may widen.
      breaking ||= key === "response" ? relation !== "narrowed" : relation !== "widened";
    }
    changes.push({
      kind: "changed",
      subject,
      name: nameOf(key),
      detail: details.join(", "),
      breaking,
      page: pageOf(next, after),
    });
  }
  return changes;
}

function isInput(key: string, subject: "member" | "operation"): boolean {
  return subject === "member" || key !== "response";
}

/** A member line: `readonly name?: type`, `| "value"` (an enum's), `response: 200 T`. */
function parseMember(line: string): { readonly: boolean; optional: boolean; type: string } {
  if (line.startsWith("| ")) return { readonly: false, optional: true, type: line.slice(2) };
  const readonly = line.startsWith("readonly ");
  const rest = readonly ? line.slice("readonly ".length) : line;
  const match = /^((?:parameter |query )?(?:"(?:[^"\\]|\\.)*"|[^?:]+))(\??): (.*)$/.exec(rest);
  if (!match) return { readonly, optional: false, type: rest };
  return { readonly, optional: match[2] === "?", type: match[3]! };
}

/** How the type `after` relates to `before`, as unions of members: the same, fewer, more, or other. */
export function compareTypes(before: string, after: string): "same" | "narrowed" | "widened" | "changed" {
  if (before === after) return "same";
  if (before === "unknown" || before === "unknown | null") return "narrowed";
  if (after === "unknown" || after === "unknown | null") return "widened";
  const old = new Set(unionMembers(before));
  const now = new Set(unionMembers(after));
  const lost = [...old].some((member) => !now.has(member));
  const gained = [...now].some((member) => !old.has(member));
  if (lost && !gained) return "narrowed";
  if (gained && !lost) return "widened";
  return lost || gained ? "changed" : "same";
}

/** The members of a union at its top level (`A | B<C | D>` -> `A`, `B<C | D>`); a leading status code stays. */
function unionMembers(type: string): string[] {
  const members: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let index = 0; index < type.length; index++) {
    const char = type[index]!;
    if (quote) {
      if (char === "\\") index++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if ("<([{".includes(char)) depth++;
    else if (">)]}".includes(char)) depth--;
    else if (char === "|" && depth === 0) {
      members.push(type.slice(start, index).trim());
      start = index + 1;
    }
  }
  members.push(type.slice(start).trim());
  return members;
}

export type Bump = "major" | "minor" | "patch";

/** The bump a set of changes calls for; undefined when there is nothing to release. */
export function bumpOf(changes: readonly ApiChange[], outputChanged: boolean, version: string): Bump | undefined {
  const major = Number(/^(\d+)/.exec(version)?.[1] ?? 0);
  if (changes.some((change) => change.breaking)) return major >= 1 ? "major" : "minor";
  if (changes.length > 0) return major >= 1 ? "minor" : "patch";
  return outputChanged ? "patch" : undefined;
}

/** `1.2.3` bumped; a version that is not `x.y.z` starts again from it as `x.y.z` read leniently. */
export function nextVersion(version: string, bump: Bump): string {
  const [major = 0, minor = 0, patch = 0] = (/^(\d+)\.(\d+)\.(\d+)/.exec(version)?.slice(1) ?? []).map(Number);
  if (bump === "major") return `${major + 1}.0.0`;
  if (bump === "minor") return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/** One line: `3 operations added, 1 member removed, 1 breaking change`. */
export function describeChanges(changes: readonly ApiChange[]): string {
  const counts = new Map<string, number>();
  for (const change of changes) {
    const key = `${change.subject} ${change.kind}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const order = ["type", "member", "operation"].flatMap((subject) =>
    ["added", "removed", "changed"].map((kind) => `${subject} ${kind}`),
  );
  const parts = order
    .filter((key) => counts.has(key))
    .map((key) => {
      const [subject, kind] = key.split(" ");
      const count = counts.get(key)!;
      return `${count} ${subject}${count === 1 ? "" : "s"} ${kind}`;
    });
  const breaking = changes.filter((change) => change.breaking).length;
  if (breaking > 0) parts.push(`${breaking} breaking change${breaking === 1 ? "" : "s"}`);
  return parts.join(", ");
}

/** The CHANGELOG.md section of a version: breaking changes first, then the rest. */
export function changelogSection(version: string, changes: readonly ApiChange[]): string {
  const line = (change: ApiChange): string => {
    const verb = change.kind === "added" ? "Added" : change.kind === "removed" ? "Removed" : "Changed";
    return `- ${verb} ${change.subject} \`${change.name}\`${change.detail ? `: ${change.detail}` : ""} (${change.page})`;
  };
  const breaking = changes.filter((change) => change.breaking);
  const other = changes.filter((change) => !change.breaking);
  if (changes.length === 0)
    return `## ${version}\n\nNo API change: only other files changed (documentation text, examples, or the code docs2ts writes around the API).\n`;
  return [
    `## ${version}`,
    "",
    `${capitalize(describeChanges(changes))}.`,
    ...(breaking.length > 0 ? ["", "### Breaking changes", "", ...breaking.map(line)] : []),
    ...(other.length > 0 ? ["", "### Changes", "", ...other.map(line)] : []),
    "",
  ].join("\n");
}

/** The section of a first version. */
export function firstSection(version: string, surface: Surface): string {
  return `## ${version}\n\nFirst version: ${surface.types.size} types, ${surface.operations.size} operations.\n`;
}

const changelogTitle = "# Changelog";

/** The changelog with `section` put before the latest version's (a changelog docs2ts did not write is kept below). */
export function prependSection(changelog: string | undefined, section: string, packageName: string): string {
  const head = `${changelogTitle}\n\nWhat changed in the API of ${packageName} from one version to the next, found by docs2ts comparing each package with the one it replaced (\`api.md\`).\n\n`;
  if (changelog === undefined || !changelog.startsWith(changelogTitle))
    return `${head}${section}${changelog ? `\n${changelog}` : ""}`;
  const first = changelog.search(/^## /m);
  if (first < 0) return `${changelog.replace(/\n*$/, "\n\n")}${section}`;
  return `${changelog.slice(0, first)}${section}\n${changelog.slice(first)}`;
}

export { parseSurface };

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
