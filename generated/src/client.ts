import { createApiClient, type ClientOptions } from "./runtime/index.js";
import type { ApiClient } from "./requests/index.js";
/** The service root the docs' examples are written against. */
export const defaultBaseUrl = "https://graph.microsoft.com/beta";

/** A client for the documented API. Without `baseUrl`, requests go to `defaultBaseUrl`. */
export function createClient(options: ClientOptions = {}): ApiClient {
  return createApiClient({ ...options, baseUrl: options.baseUrl ?? defaultBaseUrl });
}
