// guanxi seed — being built (see the issues); replaced by the real command.
import { CommandError } from "./args.ts";

export async function run(_argv: string[]): Promise<number> {
  throw new CommandError("seed is not available yet in this build");
}
