/**
 * A bound on how deep the markdown tree nests. Lists, block quotes and emphasis can nest thousands deep in a
 * broken page, and every reader of the tree walks it by recursion: a node deeper than the bound is replaced by its
 * text (a paragraph where blocks belong, plain text inside a paragraph), marked so that the page reader can report
 * it. The walk here keeps its own stack, so it reaches any depth the markdown parser gave.
 */
import type { Nodes, Paragraph, Root, Text } from "mdast";

/** Deeper than any page writes (lists nest a handful of levels); shallow enough for every recursive reader. */
export const maxTreeDepth = 64;

/** Columns of indentation past which a line's leading white space no longer nests it deeper. */
const maxIndent = 2 * maxTreeDepth;

/**
 * The text with its container nesting bounded before the markdown parser sees it, which takes time cubic in the
 * depth of nested lists: on a line opening more than `maxTreeDepth` block quotes or list items, the marker past the
 * bound is written as a look-alike that opens nothing (`-` as U+2010), and indentation past `maxIndent` columns
 * is made of no-break spaces, which do not indent. The text keeps its length, so every offset stays the page's;
 * only pages nested past any sense change, and the tree depth bound reports them.
 */
export function boundNestingText(text: string): string {
  // A run of emphasis markers nests as deep as it is long, and micromark pairs its markers in quadratic time.
  const bounded = longRun.test(text)
    ? text.replace(
        longRun,
        (run) => run.slice(0, maxTreeDepth) + (run[0] === "*" ? "\u2217" : "\uff3f").repeat(run.length - maxTreeDepth),
      )
    : text;
  if (!deepLine.test(bounded)) return bounded;
  return bounded.replace(lineStart, (line) => {
    let markers = 0;
    let column = 0;
    for (let index = 0; index < line.length; index++) {
      const ch = line[index]!;
      if (ch === " " || ch === "\t") {
        if (++column > maxIndent)
          return line.slice(0, index) + line.slice(index).replace(/^[ \t]+/, (run) => "\u00a0".repeat(run.length));
        continue;
      }
      const marker = /^(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/.exec(line.slice(index, index + 11))?.[0];
      if (!marker) return line;
      if (++markers > maxTreeDepth)
        return `${line.slice(0, index)}${substitute(marker)}${line.slice(index + marker.length)}`;
      index += marker.length - 1;
      column += marker.length;
    }
    return line;
  });
}

/** A run of emphasis markers longer than the bound. */
const longRun = new RegExp(`([*_])\\1{${maxTreeDepth},}`, "g");

/** A line that starts with enough markers or white space to nest deeper than the bound (a cheap first test). */
const deepLine = new RegExp(`^[ \\t>*+\\-.)\\d]{${maxTreeDepth},}`, "m");
/** Each line's container prefix, with the rest of the line, for lines that could nest past the bound. */
const lineStart = new RegExp(`^[ \\t>*+\\-.)\\d]{${maxTreeDepth},}.*$`, "gm");

function substitute(marker: string): string {
  if (marker === ">") return "\u203a";
  if (marker === "-" || marker === "*" || marker === "+") return "\u2010";
  return `${marker.slice(0, -1)}\u2024`;
}

/** The mark a node cut at the bound carries in its `data`. */
export interface CutData {
  readonly docs2tsCutDepth: number;
}

export function boundTreeDepth(root: Root): Root {
  const stack: Array<{ node: Nodes; depth: number }> = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!("children" in node)) continue;
    const children = node.children as Nodes[];
    for (let index = 0; index < children.length; index++) {
      const child = children[index]!;
      if (depth + 1 >= maxTreeDepth && "children" in child) children[index] = cut(node, child, depth + 1);
      else stack.push({ node: child, depth: depth + 1 });
    }
  }
  return root;
}

/** `node`, a child of `parent`, as its plain text, in the kind of node `parent` may hold. */
function cut(parent: Nodes, node: Nodes, depth: number): Nodes {
  const text: Text = { type: "text", value: textOf(node), ...(node.position ? { position: node.position } : {}) };
  const data = { docs2tsCutDepth: depth } as CutData as Text["data"];
  if (parent.type === "root" || parent.type === "blockquote" || parent.type === "listItem") {
    const paragraph: Paragraph = { type: "paragraph", children: [text], data, ...position(node) };
    return paragraph;
  }
  if (parent.type === "list") {
    return {
      type: "listItem",
      spread: false,
      children: [{ type: "paragraph", children: [text] }],
      data,
      ...position(node),
    };
  }
  return { ...text, data };
}

function position(node: Nodes): Pick<Nodes, "position"> {
  return node.position ? { position: node.position } : {};
}

/** The text of a subtree, as mdast-util-to-string gives it, without recursion. */
function textOf(root: Nodes): string {
  let out = "";
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if ("value" in node && typeof node.value === "string") out += node.value;
    else if ("alt" in node && typeof node.alt === "string") out += node.alt;
    if ("children" in node)
      for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index]!);
  }
  return out;
}

/** The depth at which `node` was cut, if it was. */
export function cutDepth(node: Nodes): number | undefined {
  return (node.data as Partial<CutData> | undefined)?.docs2tsCutDepth;
}
