/**
 * ApiModel -> the files of the generated package, described as data: plan names, build ts-morph structures for
 * every module and test cases for every page's examples, add the runtime and static files from templates/.
 * Printing and formatting are render.ts's (in a worker, and only for files whose description changed); writing is
 * output.ts's, so a failure here never leaves half a package.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Diagnostic } from "../diagnostics/index.js";
import type { ApiModel } from "../model/index.js";
import { projectRoot } from "../project-root.js";
import { emitBuilders } from "./builders.js";
import type { PendingFile } from "./files.js";
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
  /** Every file of the package as data, in path order; render.ts turns each into text. */
  readonly files: PendingFile[];
  readonly diagnostics: Diagnostic[];
  readonly counts: { readonly tests: number; readonly skipped: number };
}

export function emitPackage(model: ApiModel, options: EmitOptions): EmittedPackage {
  const plan = planPackage(model, model.defaultNamespace);
  const modules: ModuleFile[] = [
    ...emitModels(plan),
    ...emitBuilders(plan),
    ...emitNavigation(plan),
    ...emitEntryModules(plan, options),
  ];
  const files: PendingFile[] = modules.map((module) => ({
    path: `src/${module.module}.ts`,
    content: { kind: "structure", structure: module.structure },
  }));
  files.push(...emitTests(plan, { baseUrl: options.baseUrl }));
  for (const [path, text] of templateFiles())
    files.push({ path, content: { kind: "text", text, format: "typescript" } });

  const examples = model.operations.flatMap((operation) => operation.examples);
  const tests = examples.filter((example) => example.test).length;
  const text = (path: string, body: string, format: "json" | "markdown" | "as-is"): PendingFile => ({
    path,
    content: { kind: "text", text: body, format },
  });
  files.push(
    text("package.json", packageJson(model, options), "json"),
    text("tsconfig.json", tsconfigJson(), "json"),
    text("tsconfig.build.json", tsconfigBuildJson(), "json"),
    text(".gitignore", gitignore(), "as-is"),
    text(
      "README.md",
      readme(options, {
        types: model.types.length,
        enums: model.enums.length,
        operations: model.operations.length,
        tests,
        skipped: examples.length - tests,
        ...sampleCall(plan.root),
      }),
      "markdown",
    ),
  );
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, diagnostics: plan.diagnostics, counts: { tests, skipped: examples.length - tests } };
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
