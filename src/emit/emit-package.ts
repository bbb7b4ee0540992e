/**
 * ApiModel -> the files of the generated package, described as data: plan names, build ts-morph structures for
 * every module and test cases for every page's examples, add the runtime and static files from templates/.
 * Printing and formatting are render.ts's (in a worker, and only for files whose description changed); writing is
 * output.ts's, so a failure here never leaves half a package.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Diagnostic } from "../diagnostics/index.js";
import { memoKey, type ApiModel, type EnumType, type ObjectType, type Operation } from "../model/index.js";
import { projectRoot } from "../run/project-root.js";
import { builderModule, builderModules, rootModule } from "./builders.js";
import type { EmittedFile, PendingFile } from "./files.js";
import { modelIndexes, modelModule, type ModuleFile } from "./models.js";
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
import { memberAccess, planPackage, type EmitPlan, type NavigationNode } from "./plan.js";
import { apiSurface, surfacePath } from "./surface.js";
import { exportedName } from "./type-names.js";
import { mocksIndex } from "./mocks.js";
import { examplesEntry, hasMockData, testModuleFiles, testModules } from "./tests.js";

export interface EmitOptions extends PackageOptions {
  /**
   * The cache keys of the files an earlier run emitted from a part of the model, by a hash of that part and of the
   * model's shape (generate.ts keeps it in the cache): such files are not described again.
   */
  readonly memo?: EmitMemo;
}

/** File keys by the hash of what the files were emitted from. */
export interface EmitMemo {
  get(key: string): ReadonlyArray<{ readonly path: string; readonly key: string }> | undefined;
}

export interface EmittedPackage {
  /** Every file of the package, in path order: as data (render.ts turns it into text), or known by its key. */
  readonly files: EmittedFile[];
  /** The files described from a part of the model, by the hash the memo keeps their keys under. */
  readonly parts: ReadonlyArray<{ readonly key: string; readonly paths: readonly string[] }>;
  readonly diagnostics: Diagnostic[];
  readonly counts: { readonly tests: number; readonly skipped: number };
}

export function emitPackage(model: ApiModel, options: EmitOptions): EmittedPackage {
  const plan = planPackage(model, model.defaultNamespace);
  const { memo, ...packageOptions } = options;
  const files: EmittedFile[] = [];
  const parts: Array<{ key: string; paths: string[] }> = [];
  // The files of a part of the model: known by their keys where the memo has the part's, else described.
  const settings = JSON.stringify(packageOptions);
  const part = (reads: readonly string[], describe: () => PendingFile[]): void => {
    const key = memoKey(model.shapeKey, settings, ...reads);
    const known = memo?.get(key);
    if (!known) {
      const described = describe();
      files.push(...described);
      parts.push({ key, paths: described.map((file) => file.path) });
      return;
    }
    let described: PendingFile[] | undefined;
    for (const file of known)
      files.push({
        path: file.path,
        key: file.key,
        describe: () => (described ??= describe()).find((candidate) => candidate.path === file.path)!.content,
      });
  };
  const sourceFile = (module: ModuleFile): PendingFile => ({
    path: `src/${module.module}.ts`,
    content: { kind: "structure", structure: module.structure },
  });

  const models = [...plan.declarations.values()].map((declaration) => ({
    declaration,
    module: plan.typeModules.get(declaration.qualifiedName)!,
  }));
  models.sort((a, b) => (a.module < b.module ? -1 : 1));
  // What a part reads of an object of the model: the memo key it was derived under, else its JSON (which, of an
  // object, begins with a brace, so the two cannot meet).
  const readOf = (object: object, json: () => string): string => {
    const key = model.memoKeys?.get(object);
    return key === undefined ? json() : `memo ${key}`;
  };
  // A type's module reads the type as the model gives it: as derived (its memo key), less the members its base types
  // have and without a base type that closed a cycle, which the model settles after deriving it. The model's
  // shapeKey, which every part reads, leaves out the members that are not relationships.
  const declarationReads = new Map<ObjectType | EnumType, string>();
  const declarationRead = (declaration: ObjectType | EnumType): string => {
    let read = declarationReads.get(declaration);
    if (read === undefined) {
      read =
        readOf(declaration, () => JSON.stringify(declaration)) +
        (declaration.kind === "object"
          ? JSON.stringify([declaration.baseType ?? null, declaration.properties.map((property) => property.name)])
          : "");
      declarationReads.set(declaration, read);
    }
    return read;
  };
  for (const { declaration, module } of models)
    part(["model", module, declarationRead(declaration)], () => [sourceFile(modelModule(declaration, plan))]);
  // An operation without its examples, which are the test modules' part; one the plan merged, by what it merged.
  const operationReads = new Map<Operation, string>();
  const operationRead = (operation: Operation): string => {
    let read = operationReads.get(operation);
    if (read === undefined) {
      const merged = plan.merged.get(operation);
      read = merged
        ? `merge ${JSON.stringify(merged.map(operationRead))}`
        : readOf(operation, () => JSON.stringify({ ...operation, examples: [] }));
      operationReads.set(operation, read);
    }
    return read;
  };
  for (const { module, nodes } of builderModules(plan)) {
    const operations = nodes.flatMap((node) => [
      node.alias ? `${node.path} as ${node.alias.path}` : node.path,
      ...[...node.operations.values()].map(operationRead),
    ]);
    part(["builders", module, ...operations], () => [sourceFile(builderModule(module, nodes, plan))]);
  }
  // The modules of the whole model read its shape, and the root's builder its verbs (like a builder module), the
  // navigation its relationships' descriptions (by their types, like a type's module).
  part(["indexes"], () => modelIndexes(plan).map(sourceFile));
  part(["root", ...[...plan.root.operations.values()].map(operationRead)], () => [sourceFile(rootModule(plan))]);
  part(
    [
      "navigation",
      ...[...plan.navigationNames.keys()].map((qualifiedName) =>
        declarationRead(plan.declarations.get(qualifiedName)!),
      ),
    ],
    () => emitNavigation(plan).map(sourceFile),
  );
  part(["entry"], () => emitEntryModules(plan, packageOptions).map(sourceFile));
  const testPages = testModules(plan);
  for (const { name, page, examples } of testPages)
    part(
      [
        "tests",
        name,
        page,
        ...examples.flatMap(({ operation, example }) => [
          operationRead(operation),
          readOf(example, () => JSON.stringify(example)),
        ]),
      ],
      () => testModuleFiles(name, page, examples, plan, { baseUrl: options.baseUrl }),
    );
  files.push(examplesEntry(testPages.map(({ name }) => name)));
  files.push(
    mocksIndex(
      testPages.filter(({ examples }) => hasMockData(examples)).map(({ name }) => name),
      options.baseUrl,
    ),
  );
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
        defaultNamespace: model.defaultNamespace,
        ...examplesOfNames(plan),
      }),
      "markdown",
    ),
  );
  // The API surface reads the model's shape and its types' members, not their prose: an edited description or a
  // paragraph added leaves the megabyte of api.md as it was, undescribed.
  part(["surface", model.typesKey], () => [text(surfacePath, apiSurface(plan, options.packageName), "as-is")]);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, parts, diagnostics: plan.diagnostics, counts: { tests, skipped: examples.length - tests } };
}

/** A type of another namespace and a type with derived types, as the package exports them, to show in the README. */
function examplesOfNames(plan: EmitPlan): { namespacedType?: string; baseType?: string } {
  const namespaced = plan.model.types.find((type) => plan.typeNamespaces.get(type.qualifiedName)!.length > 0);
  const base = plan.model.types.find((type) => plan.derivedTypes.has(type.qualifiedName));
  return {
    ...(namespaced ? { namespacedType: exportedName(plan, namespaced.qualifiedName) } : {}),
    ...(base ? { baseType: exportedName(plan, base.qualifiedName) } : {}),
  };
}

/** The runtime goes to src/runtime/, the mock's logic to src/mocks/, the test helper to test/support.ts, as written. */
function templateFiles(): Array<[string, string]> {
  const templates = join(projectRoot(), "templates");
  const runtime = readdirSync(join(templates, "runtime"))
    .filter((name) => name.endsWith(".ts"))
    .sort()
    .map((name): [string, string] => [`src/runtime/${name}`, readFileSync(join(templates, "runtime", name), "utf8")]);
  const mocks = readdirSync(join(templates, "mocks"))
    .filter((name) => name.endsWith(".ts"))
    .sort()
    .map((name): [string, string] => [`src/mocks/${name}`, readFileSync(join(templates, "mocks", name), "utf8")]);
  return [...runtime, ...mocks, ["test/support.ts", readFileSync(join(templates, "test-support.ts"), "utf8")]];
}

/** The first GET of the tree, shortest path first, to show in the README. */
function sampleCall(root: NavigationNode): { sampleCall?: string; samplePath?: string } {
  const queue: Array<{ node: NavigationNode; code: string }> = [{ node: root, code: "client" }];
  while (queue.length > 0) {
    const { node, code } = queue.shift()!;
    if (node !== root && node.operations.has("GET")) return { sampleCall: `${code}.get()`, samplePath: node.path };
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
