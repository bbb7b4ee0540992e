export { parsePage, parseMarkdown } from "./page.js";
export type * from "./page-model.js";
