/**
 * The mock for consumers' tests (src/mocks/ of the package, the `./mocks` subpath of the built package):
 * `createMockFetch()` answers each documented example request with its documented response (the logic is
 * templates/mocks/mock-fetch.ts; each page's examples are data in src/mocks/examples/, written with the page's
 * tests). Nothing of the package's main entry imports it, so an app that does not import `./mocks` bundles none
 * of it, and no documented response.
 */
import { printString } from "./literals.js";
import type { PendingFile } from "./files.js";

export const mocksIndexPath = "src/mocks/index.ts";

/** src/mocks/index.ts: every page's examples, and createMockFetch over them. */
export function mocksIndex(pages: readonly string[], baseUrl: string): PendingFile {
  const local = (index: number): string => `page${index}`;
  const text = [
    "// createMockFetch: a fetch that answers each documented request with its documented response.",
    `import { mockFetch, type MockExample, type MockFetchOptions } from "./mock-fetch.js";`,
    ...pages.map((name, index) => `import { examples as ${local(index)} } from "./examples/${name}.js";`),
    "",
    `export type { MockExample, MockFetchOptions, MockHandler, MockResponse } from "./mock-fetch.js";`,
    "",
    "/** Every documented example that has a response, page by page, in line order. */",
    pages.length === 0
      ? "export const documentedExamples: readonly MockExample[] = [];"
      : [
          "export const documentedExamples: readonly MockExample[] = [",
          ...pages.map((_, index) => `  ...${local(index)},`),
          "];",
        ].join("\n"),
    "",
    "/**",
    " * A `fetch` that answers each documented request (by method and path template; the query is ignored) with its",
    " * documented response, status and headers, and anything else with a 404 and a Graph-style error body:",
    " * `createClient({ fetch: createMockFetch() })` runs without the network. `handlers` override answers by path",
    ' * (`{ "GET /users/{id}": { status: 200, json: { id: "1" } } }`); `baseUrl` is the one the client uses.',
    " */",
    "export function createMockFetch(options: MockFetchOptions = {}): typeof fetch {",
    `  return mockFetch(documentedExamples, { baseUrl: ${printString(baseUrl)}, ...options });`,
    "}",
    "",
  ].join("\n");
  return { path: mocksIndexPath, content: { kind: "text", format: "typescript", text } };
}
