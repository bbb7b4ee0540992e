export {
  createApiClient,
  encodeKey,
  encodeQueryComponent,
  formatParameters,
  literal,
  Literal,
  type ClientOptions,
  type CollectionPage,
  type CollectionRequests,
  type ItemRequests,
  type HttpMethod,
  type RequestBody,
  type RequestDescription,
  type RequestOptions,
} from "./client.js";
export { ApiError } from "./errors.js";
