export { createClient, defaultBaseUrl } from "./client.js";
export {
  ApiError,
  literal,
  Literal,
  type ClientOptions,
  type CollectionPage,
  type RequestDescription,
  type RequestOptions,
} from "./runtime/index.js";
export type * from "./models/index.js";
export type * from "./requests/index.js";
