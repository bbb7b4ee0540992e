// createMockFetch: a fetch that answers each documented request with its documented response.
import { mockFetch, type MockExample, type MockFetchOptions } from "./mock-fetch.js";
import { examples as page0 } from "./examples/intune-devicecompliancescriptdevicestate-create.js";
import { examples as page1 } from "./examples/intune-devicecompliancescriptdevicestate-delete.js";
import { examples as page2 } from "./examples/intune-devicecompliancescriptdevicestate-get.js";
import { examples as page3 } from "./examples/intune-devicecompliancescriptdevicestate-list.js";
import { examples as page4 } from "./examples/update-devicerunstates.js";

export type { MockExample, MockFetchOptions, MockHandler, MockResponse } from "./mock-fetch.js";

/** Every documented example that has a response, page by page, in line order. */
export const documentedExamples: readonly MockExample[] = [
  ...page0,
  ...page1,
  ...page2,
  ...page3,
  ...page4,
];

/**
 * A `fetch` that answers each documented request (by method and path template; the query is ignored) with its
 * documented response, status and headers, and anything else with a 404 and a Graph-style error body:
 * `createClient({ fetch: createMockFetch() })` runs without the network. `handlers` override answers by path
 * (`{ "GET /users/{id}": { status: 200, json: { id: "1" } } }`); `baseUrl` is the one the client uses.
 */
export function createMockFetch(options: MockFetchOptions = {}): typeof fetch {
  return mockFetch(documentedExamples, { baseUrl: "https://graph.microsoft.com/beta", ...options });
}
