/**
 * Options resolved once into a complete context: defaults, then the "docs2ts" key of the package.json of the
 * directory docs2ts runs in (the project using it; checked against `configSchema`), then the command line or the
 * library's options. Everything downstream reads this object, and tests build it the same way.
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

/**
 * The "docs2ts" key of a project's package.json: every key it may hold, with its type and meaning (the README's
 * table of it is checked against this one). Any other key, or a value of another type, is an error.
 */
export const configSchema = {
  input: { type: "string", meaning: "the docs set to read (default docs-input)" },
  out: { type: "string", meaning: "the package directory to write (default generated)" },
  baseUrl: {
    type: "string",
    meaning: "the service root the docs' examples use (default https://graph.microsoft.com/v1.0)",
  },
  packageName: { type: "string", meaning: "the generated package's name (default docs2ts-client)" },
  packageVersion: { type: "string", meaning: "the generated package's version (default 0.0.0)" },
} as const;

export type ConfigKey = keyof typeof configSchema;

/** A bad configuration: the message is one sentence naming the key or value at fault. */
export class ConfigError extends Error {}

interface PackageManifest {
  readonly docs2ts?: unknown;
  readonly devDependencies?: Record<string, string>;
}

export function resolveConfig(cwd: string, overrides: ConfigOverrides = {}): Docs2tsConfig {
  const own = readManifest(join(projectRoot(), "package.json"));
  const settings = checkSettings(safeReadManifest(join(cwd, "package.json"))?.docs2ts);
  const input = resolve(cwd, overrides.input ?? settings.input ?? "docs-input");
  const out = resolve(cwd, overrides.out ?? settings.out ?? "generated");
  const baseUrl = overrides.baseUrl ?? settings.baseUrl ?? "https://graph.microsoft.com/v1.0";
  // A malformed base URL is a usage error, reported before any work.
  if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol))
    throw new ConfigError(`The base URL ${baseUrl} is not an http or https URL.`);
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

/** A project without a package.json has no settings; one that cannot be read as JSON is an error. */
function safeReadManifest(path: string): PackageManifest | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as PackageManifest;
  } catch {
    throw new ConfigError(`${path} is not valid JSON, so its "docs2ts" key cannot be read.`);
  }
}

/** The "docs2ts" key checked against `configSchema`: the first unknown key or wrongly typed value is named. */
export function checkSettings(settings: unknown): Partial<Record<ConfigKey, string>> {
  if (settings === undefined) return {};
  if (typeof settings !== "object" || settings === null || Array.isArray(settings))
    throw new ConfigError(`The "docs2ts" key of package.json must be an object, not ${describeValue(settings)}.`);
  for (const [key, value] of Object.entries(settings)) {
    if (!Object.hasOwn(configSchema, key))
      throw new ConfigError(
        `The "docs2ts" key of package.json has an unknown key "${key}" (known: ${Object.keys(configSchema).join(", ")}).`,
      );
    if (typeof value !== configSchema[key as ConfigKey].type || value === "")
      throw new ConfigError(
        `"docs2ts.${key}" in package.json must be a non-empty string, not ${describeValue(value)}.`,
      );
  }
  return settings as Partial<Record<ConfigKey, string>>;
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${JSON.stringify(value)}`;
}
