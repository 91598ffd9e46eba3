// For scripts run directly (npm run eval): the same exit codes and one-line errors as `guanxi`.
import { UsageError, CommandError } from "./args.ts";

export async function main(run: (argv: string[]) => Promise<number>): Promise<void> {
  try {
    process.exitCode = await run(process.argv.slice(2));
  } catch (e) {
    const usage = e instanceof UsageError;
    const msg = e instanceof CommandError || usage ? (e as Error).message : ((e as { userMessage?: string }).userMessage ?? (e as Error).message);
    process.stderr.write(`${String(msg).split("\n")[0]}\n`);
    if (process.env.GUANXI_DEBUG) console.error(e);
    process.exitCode = usage ? 2 : 1;
  }
}
