/**
 * Text that a page generator should have replaced: `$(metadata.owner)`, `$(this.ReturnTypeFullName)`,
 * `**TODO: Provide Github Name...**`. Scanned on the raw text, so it is found in front matter, prose, annotations
 * and code alike.
 */
export interface TemplateLeftover {
  readonly line: number;
  readonly col: number;
  readonly text: string;
}

const patterns = [/\$\([A-Za-z_]\w*(?:\.\w+)+\)/g, /\*\*TODO:[^*\n]*\**/g];

export function findTemplateLeftovers(text: string): TemplateLeftover[] {
  const found: TemplateLeftover[] = [];
  if (!text.includes("$(") && !text.includes("TODO:")) return found;
  text.split("\n").forEach((lineText, index) => {
    for (const pattern of patterns) {
      for (const match of lineText.matchAll(pattern)) {
        found.push({ line: index + 1, col: (match.index ?? 0) + 1, text: match[0] });
      }
    }
  });
  return found.sort((a, b) => a.line - b.line || a.col - b.col);
}
