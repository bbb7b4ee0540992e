export { buildApiModel } from "./build.js";
export type * from "./api-model.js";
export type { ModelMemo, ModelOptions, PageSource } from "./context.js";
export { pageFacts, type PageFacts } from "./page-facts.js";
