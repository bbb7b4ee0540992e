/**
 * The real Graph v1.0 docs (../shared/corpus/graph-docs-2021/v1.0, 3,341 pages): docs2ts never crashes on them,
 * the package it writes compiles under strict, every generated example test passes, and the fidelity thresholds
 * hold (rows, Type cells, API pages, JSON bodies; see the report's coverage). Skipped when ../shared
 * is not beside the project.
 */
import assert from "node:assert/strict";
import { existsSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { test } from "node:test";
import { resolveConfig } from "../src/config.js";
import { generate } from "../src/generate.js";
import { writeOutput } from "../src/output.js";
import { buildReport } from "../src/report.js";
import { compilePackage, corpus, failures, root, runPackageTests, tempDir } from "./helpers.js";

const skip = existsSync(corpus) ? false : `the corpus is not at ${corpus}`;

test(
  "the v1.0 corpus generates a package that compiles and whose example tests pass",
  { skip, timeout: 15 * 60_000 },
  async () => {
    const out = join(tempDir("corpus"), "v1.0");
    const config = resolveConfig(root, {
      input: corpus,
      out,
      baseUrl: "https://graph.microsoft.com/v1.0",
      packageName: "graph-v1",
    });
    const result = await generate(config, "v1.0");
    assert.equal(result.pages.length, 3341);
    // The fidelity thresholds, from the report a user would read.
    const { coverage, examples, tests, skipped, diagnosticsByCode } = buildReport(result).totals;
    // Every example is tested (whole, or its sound parts) or says why not; at least 90% are tested.
    assert.equal(diagnosticsByCode["DT224"] ?? 0, skipped, "every skipped example has a DT224 diagnostic");
    assert.equal(tests + skipped, examples);
    assert.ok(tests / examples >= 0.9, `tested share ${tests}/${examples}`);
    assert.ok(coverage.propertyRowShare >= 0.995, `property rows that became members: ${coverage.propertyRowShare}`);
    assert.ok(coverage.typeCellShare >= 0.998, `Type cells naming a known type: ${coverage.typeCellShare}`);
    assert.ok(coverage.apiPageShare >= 0.99, `API pages that yield an operation: ${coverage.apiPageShare}`);
    assert.ok(coverage.jsonBodyShare >= 0.997, `JSON bodies read: ${coverage.jsonBodyShare}`);
    assert.ok(!result.diagnostics.some((diagnostic) => diagnostic.code === "DT100"), "a page could not be read");
    await writeOutput(out, result.files);
    // A consumer of the contract, compiled with the package: typed select, and iterate() over a list.
    writeFileSync(
      join(out, "test", "consumer.ts"),
      `import { createClient } from "../src/index.js";

export async function walk(baseUrl: string): Promise<string[]> {
  const client = createClient({ baseUrl, allowInsecure: true, accessToken: "t" });
  const user = await client.users.byId("a/b").get({ select: ["displayName", "mail"] });
  const names = [user.displayName ?? ""];
  for await (const each of client.users.iterate()) names.push(each.displayName ?? "");
  return names;
}
`,
    );
    await compilePackage(out, join(out, "dist"));
    const run = await runPackageTests(join(out, "dist"));
    const attached = result.model.operations.reduce((count, operation) => count + operation.examples.length, 0);
    assert.equal(run.fail, 0, failures(run.output));
    assert.equal(run.tests, attached);
    assert.equal(run.pass, tests);
    assert.equal(run.skipped, result.emitted.counts.skipped);

    const seen: string[] = [];
    const server = createServer((request, response) => {
      seen.push(request.url ?? "");
      const page = new URL(request.url ?? "", "http://x").searchParams.get("page");
      const body = request.url?.startsWith("/v1.0/users/a%2Fb")
        ? { displayName: "A" }
        : page === "2"
          ? { value: [{ displayName: "C" }] }
          : {
              value: [{ displayName: "B" }],
              "@odata.nextLink": `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0/users?page=2`,
            };
      response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { walk } = (await import(pathToFileURL(join(out, "dist", "test", "consumer.js")).href)) as {
        walk: (baseUrl: string) => Promise<string[]>;
      };
      assert.deepEqual(await walk(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0`), ["A", "B", "C"]);
      assert.deepEqual(seen, ["/v1.0/users/a%2Fb?$select=displayName,mail", "/v1.0/users", "/v1.0/users?page=2"]);
    } finally {
      server.close();
    }
  },
);
