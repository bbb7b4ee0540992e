export { buildApiModel } from "./build.js";
export type * from "./api-model.js";
export type { ModelOptions } from "./context.js";
