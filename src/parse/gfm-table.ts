/**
 * GFM tables, and only tables: the one GFM construct the pages need. remark-gfm also scans all text for autolink
 * literals, footnotes, strikethrough and task lists, which costs about a third of the parse and changes nothing
 * docs2ts reads (bare URLs are never page links). The same micromark and mdast extensions remark-gfm uses.
 */
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmTable } from "micromark-extension-gfm-table";
import type { Processor } from "unified";

export default function remarkGfmTable(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}
