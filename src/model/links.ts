/**
 * Links between pages: a relative link whose target is not in the docs set is reported once per target and page.
 * A target that differs from a page only in case is that page. INCLUDE lines are not links (DT200 covers them),
 * and links that point into the page itself always resolve.
 */
import { pageMemoKey, type ModelContext } from "./context.js";

export function checkLinks(context: ModelContext): void {
  for (const { file } of context.pages) {
    const input = context.pageInput(file);
    context.derive(pageMemoKey(input, "links", context.filesKey), () => {
      const page = context.page(file);
      const includeLines = new Set(page.includes.map((include) => include.line));
      const reported = new Set<string>();
      for (const { line, value } of page.links) {
        const target = value.page;
        if (
          !target ||
          target === page.file ||
          includeLines.has(line) ||
          context.resolvePage(target) !== undefined ||
          reported.has(target)
        )
          continue;
        reported.add(target);
        context.report(page.file, "linkTargetMissing", { line }, value.url);
      }
    });
  }
}
