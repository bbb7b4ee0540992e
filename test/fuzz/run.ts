/**
 * `npm run fuzz [-- --count N] [--seed S] [--time-limit SECONDS] [--only SET] [--pages N]`: a fuzz campaign
 * (campaign.ts) over mutated pages of ../shared/corpus. Prints a line per docs set, then one summary line; failing
 * docs sets are kept for replay (the path is printed). Exits 1 when anything failed.
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { formatSummary, runCampaign } from "./campaign.js";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "300" },
    seed: { type: "string" },
    "time-limit": { type: "string" },
    only: { type: "string" },
    pages: { type: "string" },
  },
});
const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
const keepFailuresIn = join(tmpdir(), "docs2ts-fuzz-failures");
const summary = await runCampaign({
  seed,
  count: Number(values.count),
  ...(values["time-limit"] !== undefined ? { timeLimit: Number(values["time-limit"]) } : {}),
  ...(values.only !== undefined ? { only: Number(values.only) } : {}),
  ...(values.pages !== undefined ? { pagesPerSet: Number(values.pages) } : {}),
  keepFailuresIn,
  log: (line) => console.log(line),
});
for (const failure of summary.failures) console.log(failure);
console.log(formatSummary(summary));
process.exitCode = summary.failures.length > 0 ? 1 : 0;
