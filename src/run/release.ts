/**
 * The release stage: compares the package a run made with the one it replaces (the output directory as it is) and
 * versions it. The API surface (api.md) of both says what changed in the API (emit/changelog.ts); a change of the
 * API, or of any other file (docs text only), bumps the version in package.json and prepends a section to
 * CHANGELOG.md; a run that changes nothing keeps both as they are. With no previous package, the version is the
 * configured one and the changelog starts. Both files are part of the package the run writes whole, so the output
 * is the same with or without the cache: it depends on the docs and the previous package only.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  bumpOf,
  changelogSection,
  describeChanges,
  diffSurfaceTexts,
  firstSection,
  nextVersion,
  prependSection,
  type ApiChange,
} from "../emit/changelog.js";
import { isSurface, parseSurface, surfacePath, type Surface } from "../emit/surface.js";
import { utf8Text } from "../util/text.js";
import { listOutputFiles } from "./output.js";

export const manifestPath = "package.json";
export const changelogPath = "CHANGELOG.md";

/** The files the release stage writes: the caller must not write them before it has run. */
export const releaseFiles: ReadonlySet<string> = new Set([manifestPath, changelogPath]);

export interface Release {
  /** `first`: no previous package; `api`: the API changed; `docs`: only other files did; `none`: nothing did. */
  readonly kind: "first" | "api" | "docs" | "none";
  readonly version: string;
  readonly previousVersion?: string;
  readonly changes: readonly ApiChange[];
  readonly breaking: number;
  /** One line: `0.1.0 -> 0.2.0: 3 operations added, 1 breaking change`, `0.1.0 -> 0.1.1: no API change`, `no change`. */
  readonly summary: string;
}

export interface ReleaseInput {
  /** The output directory, which holds the previous package (or nothing). */
  readonly out: string;
  readonly packageName: string;
  /** The configured version, for a first package. */
  readonly packageVersion: string;
  /** The package's files by path, package.json as emitted (with the configured version); CHANGELOG.md not among them. */
  readonly files: ReadonlyMap<string, string>;
  /** Files the output holds as the last run wrote them: unchanged, their text not looked up unless needed. */
  readonly held: ReadonlyMap<string, () => Promise<string>>;
  /** The files in the output, where the caller has listed them already (the output's staging); else listed here. */
  readonly outputFiles?: () => Promise<ReadonlySet<string>>;
}

/** The package.json and CHANGELOG.md of this run, and what changed. */
export async function releasePackage(
  input: ReleaseInput,
): Promise<{ readonly release: Release; readonly files: ReadonlyMap<string, string> }> {
  const { out, files, held } = input;
  // An api.md the output holds as the last run wrote it (under the same key) is the previous package's: neither text
  // is read to tell that the API did not change.
  const surfaceHeld = !files.has(surfacePath) && held.has(surfacePath);
  const previous = readPrevious(out, !surfaceHeld);
  const manifest = files.get(manifestPath);
  if (manifest === undefined || !(files.has(surfacePath) || surfaceHeld))
    throw new Error("the package has no package.json or api.md");
  let text = files.get(surfacePath);
  const surfaceText = async (): Promise<string> => (text ??= await held.get(surfacePath)!());
  // Read only where a first section counts its entries: a run after an edit compares the texts, entry by entry.
  let parsed: Surface | undefined;
  const surface = async (): Promise<Surface> => (parsed ??= parseSurface(await surfaceText())!);
  const write = (version: string, changelog: string, release: Omit<Release, "version">) => ({
    release: { ...release, version },
    files: new Map([
      [manifestPath, withVersion(manifest, version)],
      [changelogPath, changelog],
    ]),
  });
  const changelogOf = (version: string, section: string): string =>
    prependSection(previous?.changelog, section, input.packageName);
  if (!previous) {
    const version = input.packageVersion;
    return write(version, changelogOf(version, firstSection(version, await surface())), {
      kind: "first",
      changes: [],
      breaking: 0,
      summary: `${version}, the first version`,
    });
  }
  const previousSurface = surfaceHeld ? undefined : previous.surface;
  if (!surfaceHeld && (previousSurface === undefined || !isSurface(previousSurface))) {
    // A package written before docs2ts kept its API surface: its version goes on, its changelog starts.
    const version = previous.version ?? input.packageVersion;
    const changelog = previous.changelog ?? changelogOf(version, firstSection(version, await surface()));
    return write(version, changelog, {
      kind: "first",
      changes: [],
      breaking: 0,
      summary: `${version}, the first version with a changelog`,
      ...(previous.version ? { previousVersion: previous.version } : {}),
    });
  }
  const surfaceNow = previousSurface === undefined ? undefined : await surfaceText();
  const changes = previousSurface === undefined ? [] : diffSurfaceTexts(previousSurface, surfaceNow!);
  const previousVersion = previous.version ?? input.packageVersion;
  const outputChanged =
    changes.length > 0 ||
    previousSurface !== surfaceNow ||
    withVersion(manifest, previousVersion) !== previous.manifest ||
    (await otherFilesChanged(out, files, held, input.outputFiles));
  const bump = bumpOf(changes, outputChanged, previousVersion);
  const breaking = changes.filter((change) => change.breaking).length;
  if (!bump) {
    // Nothing changed: the version and the changelog stay (one is started where there was none).
    const changelog =
      previous.changelog ?? changelogOf(previousVersion, firstSection(previousVersion, await surface()));
    return write(previousVersion, changelog, {
      kind: "none",
      previousVersion,
      changes,
      breaking,
      summary: "no change",
    });
  }
  const version = nextVersion(previousVersion, bump);
  return write(version, changelogOf(version, changelogSection(version, changes)), {
    kind: changes.length > 0 ? "api" : "docs",
    previousVersion,
    changes,
    breaking,
    summary: `${previousVersion} -> ${version}: ${changes.length > 0 ? describeChanges(changes) : "no API change"}`,
  });
}

interface PreviousPackage {
  readonly manifest: string;
  readonly version?: string;
  readonly surface?: string;
  readonly changelog?: string;
}

/**
 * The previous package's manifest, API surface (unless `withSurface` is false) and changelog; undefined where there
 * is no package docs2ts wrote.
 */
function readPrevious(out: string, withSurface: boolean): PreviousPackage | undefined {
  const read = (path: string): string | undefined => {
    try {
      return utf8Text(readFileSync(join(out, path)));
    } catch {
      return undefined;
    }
  };
  const manifest = read(manifestPath);
  if (manifest === undefined) return undefined;
  let parsed: { version?: unknown; docs2ts?: unknown };
  try {
    parsed = JSON.parse(manifest) as typeof parsed;
  } catch {
    return undefined;
  }
  if (!parsed.docs2ts) return undefined;
  const surface = withSurface ? read(surfacePath) : undefined;
  const changelog = read(changelogPath);
  return {
    manifest,
    ...(typeof parsed.version === "string" ? { version: parsed.version } : {}),
    ...(surface !== undefined ? { surface } : {}),
    ...(changelog !== undefined ? { changelog } : {}),
  };
}

/** The manifest with its version set (the first `"version"` member, as packageJson writes it). */
function withVersion(manifest: string, version: string): string {
  return manifest.replace(/^( {2}"version": )"[^"\n]*"/m, `$1${JSON.stringify(version)}`);
}

/**
 * Whether any file but the release's own differs from the output: one of `files` reads otherwise, or the output has
 * a file the package no longer has. Files `held` are as the last run wrote them. Stops at the first difference.
 */
async function otherFilesChanged(
  out: string,
  files: ReadonlyMap<string, string>,
  held: ReadonlyMap<string, unknown>,
  outputFiles = async (): Promise<Iterable<string>> => listOutputFiles(out),
): Promise<boolean> {
  for (const [path, text] of files) {
    if (releaseFiles.has(path) || path === surfacePath) continue;
    const target = join(out, ...path.split("/"));
    try {
      if (readFileSync(target, "utf8") !== text) return true;
    } catch {
      return true;
    }
  }
  for (const path of await outputFiles())
    if (!files.has(path) && !held.has(path) && !releaseFiles.has(path)) return true;
  return false;
}
