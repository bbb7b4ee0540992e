/**
 * The mutations of the fuzz campaign: each takes a real page's text and returns it broken in one way, planting
 * markers (see hostile.ts) where it writes hostile text. Bytes that no string can hold (invalid UTF-8) are written
 * as private-use characters and turned into those bytes when the page is written (see `pageBytes`).
 */
import { hostileMarkedName, hostileName, hostileText } from "./hostile.js";
import type { Random } from "./random.js";

export interface MutationContext {
  readonly random: Random;
  /** A fresh marker, which the injection scan looks for in the package. */
  readonly plant: () => string;
}

export interface Mutation {
  readonly kind: string;
  /** Mutations that make a page big or slow are kept to one per docs set. */
  readonly heavy?: boolean;
  readonly apply: (text: string, context: MutationContext) => string;
}

/** Stand-ins for bytes that are not UTF-8, replaced when the page is written. */
const invalidBytes: ReadonlyArray<readonly [string, Buffer]> = [
  ["\ue000", Buffer.from([0xff])],
  ["\ue001", Buffer.from([0xc3, 0x28])],
  ["\ue002", Buffer.from([0xed, 0xa0, 0x80])],
  ["\ue003", Buffer.from([0xf0, 0x28, 0x8c, 0x28])],
  ["\ue004", Buffer.from([0x80])],
];

/** The bytes of a mutated page: its UTF-8, with the stand-ins of invalid bytes replaced. */
export function pageBytes(text: string): Buffer {
  if (!/[\ue000-\ue004]/.test(text)) return Buffer.from(text, "utf8");
  const parts: Buffer[] = [];
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const found = invalidBytes.find(([stand]) => stand === text[index]);
    if (!found) continue;
    parts.push(Buffer.from(text.slice(start, index), "utf8"), found[1]);
    start = index + 1;
  }
  parts.push(Buffer.from(text.slice(start), "utf8"));
  return Buffer.concat(parts);
}

const lines = (text: string): string[] => text.split("\n");

/** Offsets of every occurrence of `needle`. */
function offsetsOf(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let index = text.indexOf(needle); index >= 0; index = text.indexOf(needle, index + 1)) found.push(index);
  return found;
}

function insertAt(text: string, offset: number, insert: string): string {
  return text.slice(0, offset) + insert + text.slice(offset);
}

/** Indexes of the lines of markdown tables (`| a | b |`), grouped by table. */
function tables(text: string): number[][] {
  const result: number[][] = [];
  let current: number[] = [];
  lines(text).forEach((line, index) => {
    if (/^\s*\|.*\|\s*$/.test(line)) current.push(index);
    else if (current.length > 0) {
      if (current.length >= 2) result.push(current);
      current = [];
    }
  });
  if (current.length >= 2) result.push(current);
  return result;
}

/** The page with the body rows of one table (the third line on) edited by `edit`; unchanged without a table. */
function editTableRows(
  text: string,
  random: Random,
  edit: (cells: string[], row: number) => string[] | string[][],
): string {
  const found = tables(text);
  if (found.length === 0) return text;
  const table = random.pick(found);
  const all = lines(text);
  const out: string[] = [];
  all.forEach((line, index) => {
    const row = table.indexOf(index);
    if (row < 2) return void out.push(line);
    const cells = line.trim().replace(/^\|/, "").replace(/\|$/, "").split("|");
    const edited = edit(cells, row - 2);
    const rows = Array.isArray(edited[0]) ? (edited as string[][]) : [edited as string[]];
    for (const cellsOut of rows) out.push(`|${cellsOut.join("|")}|`);
  });
  return out.join("\n");
}

function deep(random: Random): number {
  return random.int(1000, 6000);
}

const boundaries = ["```", "|", "<!--", "-->", "{", "}", "\n---", "\n#", "\n", '"', ":", "[", "](", "\n\n"];

export const pageMutations: readonly Mutation[] = [
  {
    kind: "truncate",
    apply: (text, { random }) => {
      const at = offsetsOf(text, random.pick(boundaries));
      const offset = at.length > 0 ? random.pick(at) + random.int(0, 3) : random.int(0, text.length);
      return text.slice(0, Math.min(offset, text.length));
    },
  },
  {
    kind: "garbage-bytes",
    apply: (text, { random }) => {
      let out = text;
      for (let n = random.int(1, 8); n > 0; n--) {
        let garbage = "";
        for (let k = random.int(1, 24); k > 0; k--) {
          garbage += String.fromCharCode(
            random.pick([
              random.int(1, 31),
              random.int(32, 255),
              random.int(0x100, 0xd7ff),
              random.int(0xe005, 0xfffd),
            ]),
          );
        }
        out = insertAt(out, random.int(0, out.length), garbage);
      }
      return out;
    },
  },
  {
    kind: "nul-invalid-utf8",
    apply: (text, { random }) => {
      let out = text;
      for (let n = random.int(1, 6); n > 0; n--) {
        out = insertAt(
          out,
          random.int(0, out.length),
          random.pick(["\0", "\0\0\0", "\ue000", "\ue001", "\ue002", "\ue003", "\ue004", "\ud800", "\udfff"]),
        );
      }
      return out;
    },
  },
  {
    kind: "bom-crlf",
    apply: (text, { random }) =>
      random.pick([
        () => `\ufeff${text.replace(/\n/g, "\r\n")}`,
        () => text.replace(/\n/g, "\r"),
        () => `\ufeff\ufeff${text}`,
        () => text.replace(/\n/g, () => random.pick(["\n", "\r\n", "\r"])),
      ])(),
  },
  {
    kind: "unclosed-fence",
    apply: (text, { random }) => {
      const all = lines(text);
      const fences = all.flatMap((line, index) => (/^\s*(```|~~~)\s*$/.test(line) ? [index] : []));
      if (fences.length > 0 && random.chance(0.6)) {
        all.splice(random.pick(fences), 1);
        return all.join("\n");
      }
      all.splice(random.int(0, all.length), 0, random.pick(["```json", "```http", "````", "~~~", "```"]), "{");
      return all.join("\n");
    },
  },
  {
    kind: "deep-json",
    apply: (text, { random }) => {
      const n = deep(random);
      const nested = random.pick([
        () => `"deep": ${"[".repeat(n)}${"]".repeat(n)},`,
        () => `"deep": ${'{"a":'.repeat(n)}1${"}".repeat(n)},`,
        () => `"deep": ${"[{".repeat(n)}`,
      ])();
      const opens = offsetsOf(text, "{\n");
      if (opens.length === 0) return `${text}\n\n\`\`\`json\n{${nested}}\n\`\`\`\n`;
      return insertAt(text, random.pick(opens) + 2, `${nested}\n`);
    },
  },
  {
    kind: "deep-annotation",
    apply: (text, { random }) => {
      const n = deep(random);
      const annotation = `<!-- { "blockType": "${random.pick(["request", "response", "resource"])}", "name": "deep_${n}", "x": ${"[".repeat(n)}${random.chance(0.5) ? "]".repeat(n) : ""} } -->`;
      const fences = lines(text).flatMap((line, index) => (/^```/.test(line) ? [index] : []));
      const all = lines(text);
      all.splice(fences.length > 0 ? random.pick(fences) : all.length, 0, annotation);
      return all.join("\n");
    },
  },
  {
    kind: "deep-list",
    apply: (text, { random }) => {
      const n = deep(random);
      const block = random.pick([
        () => `${"- ".repeat(n)}item`,
        () => `${"1. ".repeat(n)}item`,
        () => `${"> ".repeat(n)}quote`,
        () => Array.from({ length: random.int(100, 400) }, (_, i) => `${"  ".repeat(i)}- level ${i}`).join("\n"),
        () => `${"*".repeat(n)}emphasis${"*".repeat(n)}`,
        () => `${"[".repeat(n)}link${"](x)".repeat(n)}`,
      ])();
      const all = lines(text);
      all.splice(random.int(0, all.length), 0, "", block, "");
      return all.join("\n");
    },
  },
  {
    kind: "table-10000-rows",
    heavy: true,
    apply: (text, { random }) =>
      editTableRows(text, random, (cells, row) =>
        row === 0 ? Array.from({ length: 10_000 }, (_, i) => [` member${i} `, ...cells.slice(1)]) : cells,
      ),
  },
  {
    kind: "table-500-columns",
    heavy: true,
    apply: (text, { random }) => {
      const found = tables(text);
      if (found.length === 0) return text;
      const table = random.pick(found);
      return lines(text)
        .map((line, index) => {
          const row = table.indexOf(index);
          if (row < 0) return line;
          const extra = Array.from({ length: 500 }, (_, i) => (row === 1 ? ":--" : row === 0 ? ` c${i} ` : ` v${i} `));
          return `${line.replace(/\|\s*$/, "")}|${extra.join("|")}|`;
        })
        .join("\n");
    },
  },
  {
    kind: "cell-1mb",
    heavy: true,
    apply: (text, { random, plant }) =>
      editTableRows(text, random, (cells, row) => {
        if (row !== 0 || cells.length < 2) return cells;
        const words = Array.from({ length: (1024 * 1024) / 8 }, (_, i) =>
          i % 5000 === 0 ? hostileText(random, plant()).replace(/\n/g, " ").replace(/\|/g, "\\|") : "lorem ",
        ).join("");
        return [...cells.slice(0, -1), ` ${words.slice(0, 1024 * 1024)} `];
      }),
  },
  {
    kind: "hostile-member-names",
    apply: (text, { random, plant }) =>
      editTableRows(text, random, (cells) => {
        if (cells.length === 0) return cells;
        const name = random.chance(0.3) ? hostileMarkedName(random, plant()) : hostileName(random);
        const first = ` ${name.replace(/\|/g, "\\|")} `;
        return random.chance(0.3)
          ? [
              [first, ...cells.slice(1)],
              [` ${name.toUpperCase().replace(/\|/g, "\\|")} `, ...cells.slice(1)],
            ]
          : [first, ...cells.slice(1)];
      }),
  },
  {
    kind: "case-only-names",
    apply: (text, { random }) =>
      editTableRows(text, random, (cells) => {
        const name = cells[0] ?? "";
        const other = name === name.toUpperCase() ? name.toLowerCase() : name.toUpperCase();
        return [cells, [other, ...cells.slice(1)]];
      }),
  },
  {
    kind: "hostile-descriptions",
    apply: (text, { random, plant }) => {
      const withCells = editTableRows(text, random, (cells) =>
        cells.length < 2
          ? cells
          : [...cells.slice(0, -1), ` ${hostileText(random, plant()).replace(/\n/g, " ").replace(/\|/g, "\\|")} `],
      );
      const all = lines(withCells);
      for (let n = random.int(1, 3); n > 0; n--)
        all.splice(random.int(0, all.length), 0, "", hostileText(random, plant()), "");
      return all.join("\n");
    },
  },
  {
    kind: "hostile-title",
    apply: (text, { random, plant }) => {
      const name = random.chance(0.5) ? hostileName(random) : hostileMarkedName(random, plant());
      const title = random.pick([`# ${name} resource type`, `# ${name} values`, `# ${name}`, `# Get ${name}`]);
      return /^# .*$/m.test(text) ? text.replace(/^# .*$/m, title) : `${title}\n\n${text}`;
    },
  },
  {
    kind: "hostile-paths",
    apply: (text, { random, plant }) => {
      const segment = (): string =>
        random.pick([
          hostileName(random),
          `{${hostileName(random)}}`,
          hostileMarkedName(random, plant()),
          `{${plant()}}`,
          "..",
          "%2e%2e",
          "a b",
          "",
        ]);
      return text.replace(/^(GET|POST|PATCH|PUT|DELETE) (\S*)/gm, (line, method: string, path: string) => {
        if (!random.chance(0.5)) return line;
        const parts = path.split("/");
        parts[random.int(1, Math.max(1, parts.length - 1))] = segment();
        return `${method} ${parts.join("/")}`;
      });
    },
  },
  {
    kind: "hostile-annotations",
    apply: (text, { random, plant }) =>
      text.replace(/<!--\s*(\{[\s\S]*?\})\s*-->/g, (comment) => {
        if (!random.chance(0.5)) return comment;
        const value = random.chance(0.5) ? hostileName(random) : hostileMarkedName(random, plant());
        const json = JSON.stringify(value);
        return comment
          .replace(/"@odata\.type"\s*:\s*"[^"]*"/, `"@odata.type": ${JSON.stringify(`microsoft.graph.${value}`)}`)
          .replace(/"name"\s*:\s*"[^"]*"/, `"name": ${json}`)
          .replace(/"baseType"\s*:\s*"[^"]*"/, `"baseType": ${json}`)
          .replace(/"keyProperty"\s*:\s*"[^"]*"/, `"keyProperty": ${json}`);
      }),
  },
  {
    kind: "hostile-json",
    apply: (text, { random, plant }) =>
      text.replace(
        /^(\s*)"([^"\n]+)"(\s*:\s*)("[^"\n]*"|-?\d+|true|false|null)/gm,
        (line, indent: string, key: string, colon: string, value: string) => {
          if (!random.chance(0.3)) return line;
          if (random.chance(0.5)) return `${indent}${JSON.stringify(hostileText(random, plant()))}${colon}${value}`;
          if (random.chance(0.5)) return `${indent}${JSON.stringify(hostileName(random))}${colon}${value}`;
          return `${indent}"${key}"${colon}${JSON.stringify(hostileText(random, plant()))}`;
        },
      ),
  },
  {
    kind: "hostile-front-matter",
    apply: (text, { random, plant }) => {
      const front = random.pick([
        `---\ntitle: "${hostileText(random, plant()).replace(/["\n]/g, " ")}"\ndoc_type: ${random.pick(["apiPageType", "resourcePageType", "enumPageType", "[oops", "constructor"])}\n---\n`,
        "---\n: : :\n  - [\n---\n",
        "---\ntitle: a\n",
        `---\n${"a: &a [*a]\n".repeat(3)}---\n`,
      ]);
      return front + text.replace(/^---\n[\s\S]*?\n---\n/, "");
    },
  },
];
