/**
 * Options resolved once into a complete context: defaults, then the "docs2ts" key of package.json, then the
 * command line. Everything downstream reads this object, and tests build it the same way.
 */
import { readFileSync } from "node:fs";
import { basename, isAbsolute, join, relative, resolve, sep } from "node:path";
import { projectRoot } from "./project-root.js";

export interface Docs2tsConfig {
  /** Absolute path of the docs set. */
  readonly input: string;
  /** Absolute path of the package to write. */
  readonly out: string;
  readonly baseUrl: string;
  readonly packageName: string;
  readonly packageVersion: string;
  /** Version ranges the generated package builds with, taken from docs2ts's own dev dependencies. */
  readonly typescriptVersion: string;
  readonly typesNodeVersion: string;
}

export interface ConfigOverrides {
  readonly input?: string;
  readonly out?: string;
  readonly baseUrl?: string;
  readonly packageName?: string;
}

interface PackageManifest {
  readonly docs2ts?: Partial<Record<"input" | "out" | "baseUrl" | "packageName" | "packageVersion", string>>;
  readonly devDependencies?: Record<string, string>;
}

export function resolveConfig(cwd: string, overrides: ConfigOverrides = {}): Docs2tsConfig {
  const own = readManifest(join(projectRoot(), "package.json"));
  const local = safeReadManifest(join(cwd, "package.json"))?.docs2ts ?? {};
  const settings = { ...own.docs2ts, ...local };
  const input = resolve(cwd, overrides.input ?? settings.input ?? "docs-input");
  const out = resolve(cwd, overrides.out ?? settings.out ?? "generated");
  const baseUrl = overrides.baseUrl ?? settings.baseUrl ?? "https://graph.microsoft.com/v1.0";
  new URL(baseUrl); // A malformed base URL is a usage error, reported before any work.
  return {
    input,
    out,
    baseUrl: baseUrl.replace(/\/+$/, ""),
    packageName: overrides.packageName ?? settings.packageName ?? "docs2ts-client",
    packageVersion: settings.packageVersion ?? "0.0.0",
    typescriptVersion: own.devDependencies?.["typescript"] ?? "^5.0.0",
    typesNodeVersion: own.devDependencies?.["@types/node"] ?? "^20.0.0",
  };
}

/** How a path is shown to the user: relative to the working directory when inside it. */
export function displayPath(cwd: string, path: string): string {
  const shown = relative(cwd, path);
  return shown === "" ? "." : shown.startsWith("..") || isAbsolute(shown) ? path : shown;
}

/**
 * How the package and the health report name the docs set: its path relative to the working directory when it lies
 * inside it, else its directory's name; never an absolute path, so that the same docs give the same bytes anywhere.
 */
export function docsLabel(cwd: string, input: string): string {
  const shown = relative(cwd, input).split(sep).join("/");
  if (shown === "") return basename(input) || ".";
  return shown.startsWith("..") || isAbsolute(shown) ? basename(input) : shown;
}

function readManifest(path: string): PackageManifest {
  return JSON.parse(readFileSync(path, "utf8")) as PackageManifest;
}

function safeReadManifest(path: string): PackageManifest | undefined {
  try {
    return readManifest(path);
  } catch {
    return undefined;
  }
}
