/**
 * Docs nobody tuned docs2ts to: a slice of the beta corpus in which some API pages are turned into the machine-made
 * stubs of the 2020 docs (like docs-input/beta/api/update-devicerunstates.md): an empty HTTP syntax block, example
 * URLs with no path, a request body wrapped in an array with placeholder values, a response type left as template
 * text. Whatever the docs, the package compiles under strict and no example test fails. Skipped without ../shared.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { resolveConfig } from "../src/run/config.js";
import { listDocsFiles } from "../src/run/docs-set.js";
import { generate } from "../src/run/generate.js";
import { writeOutput } from "../src/run/output.js";
import { betaCorpus, compilePackage, failures, root, runPackageTests, tempDir } from "./helpers.js";

/** The page as a 2020 stub would have it. */
export function stubbed(text: string): string {
  return (
    text
      // The syntax block of the HTTP request section, emptied.
      .replace(
        /(^#+\s*HTTP request[^\n]*\n(?:(?!```)[^])*?```[^\n]*\n)[^]*?(^```)/im,
        (_, open: string, close: string) => `${open}\n${close}`,
      )
      // Example requests addressed to the service root.
      .replace(/^(GET|POST|PUT|PATCH|DELETE) (https:\/\/graph\.microsoft\.com\/beta)\S*/gm, "$1 $2")
      // A request body as an array of one object with placeholder values.
      .replace(
        /^(Content-type: application\/json\s*\n\s*\n)(\{[^]*?^\})/gim,
        (_, head: string, body: string) => `${head}[\n${body.replace(/: "[^"\n]*"/g, ': "String"')}\n]`,
      )
      .replace(/("@odata\.type"\s*:\s*)"microsoft\.graph\.[\w.]+"/, '$1"$(this.ReturnTypeFullName)"')
  );
}

test(
  "a slice of the beta docs with stub pages generates a package that compiles and whose tests pass",
  { skip: existsSync(betaCorpus) ? false : `the corpus is not at ${betaCorpus}`, timeout: 10 * 60_000 },
  async () => {
    const dir = tempDir("unseen");
    const docs = join(dir, "docs");
    let stubs = 0;
    listDocsFiles(betaCorpus)
      .filter((_, index) => index % 4 === 1)
      .forEach((file, index) => {
        const text = readFileSync(join(betaCorpus, file), "utf8");
        const stub = file.startsWith("api/") && index % 5 < 2 ? stubbed(text) : text;
        if (stub !== text) stubs++;
        mkdirSync(dirname(join(docs, file)), { recursive: true });
        writeFileSync(join(docs, file), stub);
      });
    assert.ok(stubs > 400, `${stubs} stub pages`);
    const out = join(dir, "pkg");
    const result = await generate(
      resolveConfig(root, { input: docs, out, baseUrl: "https://graph.microsoft.com/beta", packageName: "unseen" }),
      "docs",
    );
    const codes = new Set(result.diagnostics.map((diagnostic) => diagnostic.code));
    for (const code of ["DT130", "DT142", "DT210", "DT221", "DT222"]) assert.ok(codes.has(code), `${code} reported`);
    assert.ok(!codes.has("DT100"), "a page could not be read");
    await writeOutput(out, result.files);
    await compilePackage(out, join(out, "dist"));
    const run = await runPackageTests(join(out, "dist"));
    assert.equal(run.fail, 0, failures(run.output));
    assert.equal(run.pass, result.emitted.counts.tests);
    assert.ok(run.pass > 800, `${run.pass} tests pass`);
  },
);
