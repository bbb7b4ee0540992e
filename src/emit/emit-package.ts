/**
 * ApiModel -> the files of the generated package, in memory: plan names, build ts-morph structures for every
 * module, print them, add the runtime and static files from templates/, and format everything with prettier.
 * Writing the files is the caller's business (output.ts), so a failure here never leaves half a package.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import * as prettier from "prettier";
import { Project } from "ts-morph";
import type { Diagnostic } from "../diagnostics/index.js";
import type { ApiModel } from "../model/index.js";
import { projectRoot } from "../project-root.js";
import { emitBuilders } from "./builders.js";
import { emitModels, type ModuleFile } from "./models.js";
import { emitNavigation } from "./navigation.js";
import {
  emitEntryModules,
  gitignore,
  packageJson,
  readme,
  tsconfigBuildJson,
  tsconfigJson,
  type PackageOptions,
} from "./package-files.js";
import { memberAccess, planPackage, type NavigationNode } from "./plan.js";
import { emitTests } from "./tests.js";

export type EmitOptions = PackageOptions;

export interface EmittedPackage {
  /** Package-relative path (posix) -> content, sorted by path. */
  readonly files: Map<string, string>;
  readonly diagnostics: Diagnostic[];
  readonly counts: { readonly tests: number; readonly skipped: number };
}

export async function emitPackage(model: ApiModel, options: EmitOptions): Promise<EmittedPackage> {
  const plan = planPackage(model, model.defaultNamespace);
  const modules: ModuleFile[] = [
    ...emitModels(plan),
    ...emitBuilders(plan),
    ...emitNavigation(plan),
    ...emitEntryModules(plan, options),
    ...emitTests(plan, { baseUrl: options.baseUrl }),
  ];
  const project = new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true });
  const files = new Map<string, string>();
  for (const module of modules) {
    const path = module.module.startsWith("test/") ? `${module.module}.ts` : `src/${module.module}.ts`;
    const sourceFile = project.createSourceFile(path, module.structure, { overwrite: true });
    files.set(path, sourceFile.getFullText());
    project.removeSourceFile(sourceFile);
  }
  for (const [path, text] of templateFiles()) files.set(path, text);

  const examples = model.operations.flatMap((operation) => operation.examples);
  const tests = examples.filter((example) => example.test).length;
  files.set("package.json", packageJson(model, options));
  files.set("tsconfig.json", tsconfigJson());
  files.set("tsconfig.build.json", tsconfigBuildJson());
  files.set(".gitignore", gitignore());
  files.set(
    "README.md",
    readme(options, {
      types: model.types.length,
      enums: model.enums.length,
      operations: model.operations.length,
      tests,
      skipped: examples.length - tests,
      ...sampleCall(plan.root),
    }),
  );
  const formatted = new Map<string, string>();
  for (const path of [...files.keys()].sort()) formatted.set(path, await formatFile(path, files.get(path)!));
  return { files: formatted, diagnostics: plan.diagnostics, counts: { tests, skipped: examples.length - tests } };
}

/** The runtime goes to src/runtime/, the test helper to test/support.ts, as written in templates/. */
function templateFiles(): Array<[string, string]> {
  const templates = join(projectRoot(), "templates");
  const runtime = readdirSync(join(templates, "runtime"))
    .filter((name) => name.endsWith(".ts"))
    .sort()
    .map((name): [string, string] => [`src/runtime/${name}`, readFileSync(join(templates, "runtime", name), "utf8")]);
  return [...runtime, ["test/support.ts", readFileSync(join(templates, "test-support.ts"), "utf8")]];
}

const prettierOptions = { printWidth: 100 } as const;

async function formatFile(path: string, text: string): Promise<string> {
  const parser = path.endsWith(".ts")
    ? "typescript"
    : path.endsWith(".json")
      ? "json"
      : path.endsWith(".md")
        ? "markdown"
        : undefined;
  if (!parser) return text;
  return prettier.format(text, { ...prettierOptions, parser });
}

/** The first GET of the tree, shortest path first, to show in the README. */
function sampleCall(root: NavigationNode): { sampleCall?: string } {
  const queue: Array<{ node: NavigationNode; code: string }> = [{ node: root, code: "client" }];
  while (queue.length > 0) {
    const { node, code } = queue.shift()!;
    if (node !== root && node.operations.has("GET")) return { sampleCall: `${code}.get()` };
    for (const next of [...node.children.values()].sort((a, b) => (a.member < b.member ? -1 : 1))) {
      const step =
        next.segment.kind === "key"
          ? `.byId("id")`
          : next.segment.kind === "itemPath"
            ? `.byPath("folder/file.txt")`
            : next.segment.kind === "function"
              ? `${memberAccess(next.member)}(${next.parameters.size > 0 ? "{ ... }" : ""})`
              : memberAccess(next.member);
      if (next.segment.kind !== "function" || next.parameters.size === 0)
        queue.push({ node: next, code: `${code}${step}` });
    }
  }
  return {};
}
