export { buildApiModel } from "./build.js";
export type * from "./api-model.js";
export { memoKey, type ModelMemo, type ModelOptions, type PageSource } from "./context.js";
export { pageFacts, type PageFacts } from "./page-facts.js";
