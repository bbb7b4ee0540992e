export { createClient, defaultBaseUrl } from "./client.js";
export {
  ApiError,
  literal,
  Literal,
  NetworkError,
  TimeoutError,
  type ClientOptions,
  type CollectionPage,
  type CollectionRequests,
  type ItemRequests,
  type PageIterator,
  type QueryOptions,
  type RequestDescription,
  type RequestOptions,
  type RetryOptions,
  type Selectable,
} from "./runtime/index.js";
export type * from "./models/index.js";
export type * from "./requests/index.js";
