export { buildApiModel } from "./build.js";
export type * from "./api-model.js";
export type { ModelMemo, ModelOptions } from "./context.js";
