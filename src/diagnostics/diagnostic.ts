import { diagnosticDefinitions, type DiagnosticName, type Severity } from "./codes.js";

/** One problem found in the docs, at a place in one file of the docs set. Plain data, so pages can be cached. */
export interface Diagnostic {
  /** Path relative to the docs root, posix separators. */
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly severity: Severity;
  readonly code: string;
  readonly name: DiagnosticName;
  readonly message: string;
}

export interface Position {
  readonly line: number;
  readonly col?: number;
}

export function createDiagnostic(
  name: DiagnosticName,
  file: string,
  position: Position,
  ...args: ReadonlyArray<string | number>
): Diagnostic {
  const definition = diagnosticDefinitions[name];
  // Joined, not concatenated: `+` would leave each message a tree of string pieces (a few objects per diagnostic,
  // tens of thousands of them), where the garbage collector moves one flat string.
  const message = templateOf(name)
    .map((part) => (typeof part === "string" ? part : String(args[part] ?? "")))
    .join("");
  return {
    file,
    line: position.line,
    col: position.col ?? 1,
    severity: definition.severity,
    code: definition.code,
    name,
    message,
  };
}

/**
 * A message template cut into its text and the indexes of its arguments (`{0}`), once per code: a run creates tens
 * of thousands of diagnostics.
 */
function templateOf(name: DiagnosticName): ReadonlyArray<string | number> {
  let template = templates.get(name);
  if (!template) {
    template = diagnosticDefinitions[name].message
      .split(/\{(\d+)\}/)
      .map((part, index) => (index % 2 === 1 ? Number(part) : part));
    templates.set(name, template);
  }
  return template;
}

const templates = new Map<DiagnosticName, ReadonlyArray<string | number>>();

/** Collects the diagnostics of one unit of work (a page, the model, the emitter) instead of printing them. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];

  constructor(readonly file: string) {}

  report(name: DiagnosticName, position: Position, ...args: ReadonlyArray<string | number>): Diagnostic {
    return this.reportIn(this.file, name, position, ...args);
  }

  reportIn(
    file: string,
    name: DiagnosticName,
    position: Position,
    ...args: ReadonlyArray<string | number>
  ): Diagnostic {
    const diagnostic = createDiagnostic(name, file, position, ...args);
    this.items.push(diagnostic);
    return diagnostic;
  }
}

/** `path:line:col severity CODE message`, the one printed form; `prefix` turns docs-root paths into cwd paths. */
export function formatDiagnostic(
  diagnostic: Pick<Diagnostic, "file" | "line" | "col" | "severity" | "code" | "message">,
  prefix = "",
): string {
  const { file, line, col, severity, code, message } = diagnostic;
  return `${prefix}${file}:${line}:${col} ${severity} ${code} ${message}`;
}

/**
 * Diagnostics of which some are made only when the whole list is read: infos a run that prints none has no use for
 * (ApiModel, the pipeline's result).
 */
export interface DeferringDiagnostics {
  /** Every diagnostic, in file and position order: made when first read. */
  readonly diagnostics: Diagnostic[];
  /** The same but the deferred ones, in file and position order: what a run that prints no infos reads. */
  readonly reported: Diagnostic[];
  /** How many diagnostics `diagnostics` holds beyond `reported`, by code. */
  readonly deferred: Readonly<Record<string, number>>;
}

/**
 * `target` with its diagnostics: `reported`, and those `made` gives (`deferred` of them by code) joining them when
 * `diagnostics` is first read. The getter lives as long as `target`: `made` should close over what it reads alone.
 */
export function withDeferredDiagnostics<T extends object>(
  target: T,
  reported: Diagnostic[],
  deferred: Readonly<Record<string, number>>,
  made: () => readonly Diagnostic[],
): T & DeferringDiagnostics {
  let diagnostics: Diagnostic[] | undefined;
  return Object.defineProperties(target, {
    diagnostics: {
      get: (): Diagnostic[] => (diagnostics ??= [...reported, ...made()].sort(compareDiagnostics)),
      enumerable: true,
    },
    reported: { value: reported, enumerable: true },
    deferred: { value: deferred, enumerable: true },
  }) as T & DeferringDiagnostics;
}

const severityOrder: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Deterministic order: by file, then position, then code. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (
    a.line - b.line ||
    a.col - b.col ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
    severityOrder[a.severity] - severityOrder[b.severity]
  );
}
