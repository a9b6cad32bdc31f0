/** The CLI run in this process, its printing collected: what the CLI tests call. */
import { run, type Io } from "../../src/cli/main";

/** Runs `ictplan argv…` in the folder cwd with the given environment; the exit code and what it printed. */
export async function runCli(
  cwd: string,
  env: Io["env"],
  argv: readonly string[],
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), env, cwd });
  return { code, out: out.join("\n"), err: err.join("\n") };
}
