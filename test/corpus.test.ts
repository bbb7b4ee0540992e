/**
 * The real Graph docs of July 2021 (../shared/corpus/graph-docs-2021): v1.0 (3,341 pages) and beta (7,948 pages).
 * docs2ts never crashes on them, the package it writes compiles under strict, every generated example test passes,
 * and the fidelity thresholds hold (rows, Type cells, API pages, JSON bodies; see the report's coverage; the share of
 * the example requests of the API pages that became passing tests; for v1.0, the agreement of its types with the
 * service's metadata of the same week, test/audit/audit.test.ts has the audit's rules). Skipped when ../shared is not beside the
 * project. Thresholds are floors a little under today's figures, so that a regression fails.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { test } from "node:test";
import { resolveConfig } from "../src/run/config.js";
import { generate, type GenerateResult } from "../src/run/generate.js";
import { writeOutput } from "../src/run/output.js";
import { buildReport } from "../src/report/report.js";
import { auditModel } from "../src/audit/audit.js";
import { readMetadata } from "../src/audit/csdl.js";
import { betaCorpus, compilePackage, corpus, failures, root, runPackageTests, tempDir } from "./helpers.js";

const v1Metadata = join(root, "..", "shared", "metadata", "graph-v1.0-2021-07-13.xml");

interface Floors {
  readonly pages: number;
  /** Share of the `METHOD https://...` example request lines of api/ pages that became passing tests. */
  readonly passingRequests: number;
  /** Share of the examples that are tested (whole, or their sound parts). */
  readonly tested: number;
  readonly propertyRowShare: number;
  readonly typeCellShare: number;
  readonly apiPageShare: number;
  readonly jsonBodyShare: number;
  /** The time budget of the example tests run through the mock. */
  readonly mockSeconds: number;
}

/** Generates the corpus, checks the report's figures, writes, compiles and runs the package; returns where. */
async function corpusPackage(
  docs: string,
  name: string,
  floors: Floors,
): Promise<{ out: string; result: GenerateResult }> {
  const out = join(tempDir(`corpus-${name}`), name);
  const config = resolveConfig(root, {
    input: docs,
    out,
    baseUrl: `https://graph.microsoft.com/${name}`,
    packageName: `graph-${name}`,
  });
  const result = await generate(config, name);
  assert.equal(result.pages.length, floors.pages);
  // The fidelity thresholds, from the report a user would read.
  const { coverage, examples, tests, skipped, diagnosticsByCode } = buildReport(result).totals;
  // Every example is tested (whole, or its sound parts) or says why not.
  assert.equal(diagnosticsByCode["DT224"] ?? 0, skipped, "every skipped example has a DT224 diagnostic");
  assert.equal(tests + skipped, examples);
  assert.ok(tests / examples >= floors.tested, `tested share ${tests}/${examples}`);
  assert.ok(coverage.propertyRowShare >= floors.propertyRowShare, `property rows: ${coverage.propertyRowShare}`);
  assert.ok(
    coverage.typeCellShare >= floors.typeCellShare,
    `Type cells naming a known type: ${coverage.typeCellShare}`,
  );
  assert.ok(
    coverage.apiPageShare >= floors.apiPageShare,
    `API pages that yield an operation: ${coverage.apiPageShare}`,
  );
  assert.ok(coverage.jsonBodyShare >= floors.jsonBodyShare, `JSON bodies read: ${coverage.jsonBodyShare}`);
  assert.ok(!result.diagnostics.some((diagnostic) => diagnostic.code === "DT100"), "a page could not be read");
  await writeOutput(out, result.files);
  return { out, result };
}

/** Compiles the package under strict and runs its example tests: none fails, and enough of the documented requests pass. */
async function compileAndRun(docs: string, out: string, result: GenerateResult, floors: Floors): Promise<void> {
  await compilePackage(out, join(out, "dist"));
  const run = await runPackageTests(join(out, "dist"));
  const attached = result.model.operations.reduce((count, operation) => count + operation.examples.length, 0);
  assert.equal(run.fail, 0, failures(run.output));
  assert.equal(run.tests, attached);
  assert.equal(run.pass, result.emitted.counts.tests);
  assert.equal(run.skipped, result.emitted.counts.skipped);
  const api = join(docs, "api");
  const requests = readdirSync(api)
    .filter((file) => file.endsWith(".md"))
    .reduce(
      (count, file) =>
        count + (readFileSync(join(api, file), "utf8").match(/^(GET|POST|PUT|PATCH|DELETE) https:\/\//gm)?.length ?? 0),
      0,
    );
  assert.ok(run.pass / requests >= floors.passingRequests, `passing tests ${run.pass} of ${requests} example requests`);

  // The package's mock answers every documented example with its documented response: the same tests, sent through
  // createMockFetch() instead of a server, within a small time budget.
  const started = performance.now();
  const mocked = await runPackageTests(join(out, "dist"), { mock: true });
  const seconds = (performance.now() - started) / 1000;
  assert.equal(mocked.fail, 0, failures(mocked.output));
  assert.equal(mocked.pass, run.pass);
  assert.ok(seconds < floors.mockSeconds, `the examples took ${seconds.toFixed(1)}s through the mock`);
}

test(
  "the v1.0 corpus generates a package that compiles and whose example tests pass",
  { skip: existsSync(corpus) ? false : `the corpus is not at ${corpus}`, timeout: 15 * 60_000 },
  async () => {
    const { out, result } = await corpusPackage(corpus, "v1.0", v1Floors);
    // The docs against the service's metadata of the same week: the generated types agree with it wherever the docs
    // allow (what remains is the docs' own error, which the audit reports at its page line).
    if (existsSync(v1Metadata)) {
      const { figures } = auditModel(result.model, readMetadata(readFileSync(v1Metadata, "utf8")));
      const { properties } = figures;
      assert.ok(figures.typeShare >= 0.99, `documented types generated under their namespace: ${figures.typeShare}`);
      assert.ok(properties.recall >= 0.985, `recall: ${properties.found} of ${properties.service}`);
      assert.ok(properties.precision >= 0.993, `precision: ${properties.existing} of ${properties.generated}`);
      assert.ok(properties.agreement >= 0.995, `type agreement: ${properties.agreeing} of ${properties.compared}`);
    }
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
    await compileAndRun(corpus, out, result, v1Floors);

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

test(
  "the beta corpus generates a package that compiles and whose example tests pass",
  { skip: existsSync(betaCorpus) ? false : `the corpus is not at ${betaCorpus}`, timeout: 20 * 60_000 },
  async () => {
    const { out, result } = await corpusPackage(betaCorpus, "beta", betaFloors);
    await compileAndRun(betaCorpus, out, result, betaFloors);
  },
);

const v1Floors: Floors = {
  pages: 3341,
  passingRequests: 0.94,
  tested: 0.9,
  propertyRowShare: 0.995,
  typeCellShare: 0.998,
  apiPageShare: 0.99,
  jsonBodyShare: 0.997,
  mockSeconds: 90,
};

const betaFloors: Floors = {
  pages: 7948,
  passingRequests: 0.95,
  tested: 0.92,
  propertyRowShare: 0.995,
  typeCellShare: 0.998,
  apiPageShare: 0.99,
  jsonBodyShare: 0.997,
  mockSeconds: 240,
};
