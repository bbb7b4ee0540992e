/**
 * The generated package as its consumers get it: `npm run build` (ES modules and CommonJS, with .d.ts files),
 * `npm pack`, installed from the tarball into a fresh project, then imported from ESM, required from CommonJS, and
 * a consumer type-checked under strict.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { root, tempDir } from "./helpers.js";

const run = promisify(execFile);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

test(
  "the package packs, installs, imports from ESM, requires from CommonJS and type-checks",
  { timeout: 120_000 },
  async () => {
    const dir = tempDir("install");
    const pkg = join(dir, "package");
    cpSync(join(root, "generated"), pkg, {
      recursive: true,
      filter: (source) => !/[/\\](node_modules|dist)$/.test(source),
    });
    // The package's dev dependencies (typescript, @types/node) are this project's own.
    symlinkSync(join(root, "node_modules"), join(pkg, "node_modules"), "dir");
    await run(npm, ["run", "build"], { cwd: pkg });
    const packed = (await run(npm, ["pack", "--silent"], { cwd: pkg })).stdout.trim().split("\n").pop()!;

    const app = join(dir, "app");
    mkdirSync(app);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", private: true }));
    await run(npm, ["install", "--offline", "--no-audit", "--no-fund", join(pkg, packed)], { cwd: app });

    const esm = await run(
      process.execPath,
      [
        "--input-type=module",
        "--eval",
        `import { createClient, ApiError } from "@docs2ts/device-compliance-scripts";
     const url = createClient().deviceManagement.deviceComplianceScripts.byId("a/b").deviceRunStates.toGetRequest({ select: ["id"] }).url;
     console.log(typeof ApiError, url);`,
      ],
      { cwd: app },
    );
    assert.equal(
      esm.stdout.trim(),
      "function https://graph.microsoft.com/beta/deviceManagement/deviceComplianceScripts/a%2Fb/deviceRunStates?$select=id",
    );

    const cjs = await run(
      process.execPath,
      [
        "--eval",
        `const { createClient } = require("@docs2ts/device-compliance-scripts");
     console.log(createClient().deviceManagement.deviceComplianceScripts.byId("a").deviceRunStates.byId("b").toPatchRequest({ detectionState: "success" }).method);`,
      ],
      { cwd: app },
    );
    assert.equal(cjs.stdout.trim(), "PATCH");

    writeFileSync(
      join(app, "consumer.ts"),
      `import { ApiError, createClient, type DeviceComplianceScriptDeviceState } from "@docs2ts/device-compliance-scripts";
const client = createClient({ accessToken: async () => "token", timeoutMs: 10_000, retry: { maxRetries: 2 } });
export async function run(): Promise<DeviceComplianceScriptDeviceState | undefined> {
  try {
    const states = client.deviceManagement.deviceComplianceScripts.byId("a").deviceRunStates;
    for await (const state of states.iterate({ select: ["id", "detectionState"], top: 10 })) return state;
    // @ts-expect-error select takes the type's property names
    await states.get({ select: ["notAProperty"] });
  } catch (error) {
    if (error instanceof ApiError) return undefined;
    throw error;
  }
  return undefined;
}
`,
    );
    writeFileSync(
      join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          lib: ["es2023", "dom"],
          skipLibCheck: false,
        },
        files: ["consumer.ts"],
      }),
    );
    try {
      await run(process.execPath, [
        join(root, "node_modules", "typescript", "bin", "tsc"),
        "-p",
        app,
        "--typeRoots",
        join(root, "node_modules", "@types"),
      ]);
    } catch (error) {
      assert.fail(`the consumer does not type-check: ${(error as { stdout?: string }).stdout}`);
    }
  },
);
