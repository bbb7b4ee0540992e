export { parsePage, parsePageSafely, parseMarkdown } from "./page.js";
export type * from "./page-model.js";
