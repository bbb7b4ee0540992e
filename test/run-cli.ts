/** The command line run in this process, with what it prints gathered: for the tests of its options and output. */
import { main } from "../src/cli.js";

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function cli(args: string[], cwd: string, signal?: AbortSignal): Promise<CliRun> {
  let out = "";
  let err = "";
  const code = await main(
    args,
    cwd,
    { out: { write: (text: string) => (out += text) }, err: { write: (text: string) => (err += text) } },
    undefined,
    signal,
  );
  return { code, out, err };
}
