// The `guanxi` command (CONTRACT §1). Each subcommand lives in its own file and exports `run(argv)`.
import { UsageError, CommandError } from "./args.ts";
import { DETAILS } from "./help.ts";

const COMMANDS: Record<string, { load: () => Promise<{ run(argv: string[]): Promise<number> }>; help: string }> = {
  chat: { load: () => import("./chat.ts"), help: "chat [--as HANDLE] [--now ISO] [--json] [--demo]   talk to the assistant" },
  serve: { load: () => import("./serve.ts"), help: "serve                       start the Slack/Telegram bots and the digest scheduler" },
  import: { load: () => import("./import.ts"), help: "import FILE [--dry-run]     load a .json or .csv data file" },
  export: { load: () => import("./export.ts"), help: "export [--out FILE]         write the whole store as JSON" },
  digest: { load: () => import("./digest.ts"), help: "digest [--as H] [--now ISO] [--json] [--send]   today's digest" },
  users: { load: () => import("./users.ts"), help: "users add|link|list|invite  manage who may talk to the bot" },
  seed: { load: () => import("./seed.ts"), help: "seed --demo                 load the demo company" },
};

export function usage(): string {
  return [
    "usage: guanxi <command> [options]",
    "",
    ...Object.values(COMMANDS).map((c) => `  guanxi ${c.help}`),
    "",
    "common options: --db DIR (embedded store, default ./data/guanxi); DATABASE_URL=postgresql://… for a server",
  ].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    (name ? process.stdout : process.stderr).write(usage() + "\n");
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    process.stderr.write(`guanxi: unknown command "${name}"\n${usage()}\n`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(`usage: guanxi ${cmd.help}\n\n${DETAILS[name] ?? ""}\n\ncommon options: --db DIR (embedded store, default ./data/guanxi); DATABASE_URL=postgresql://… for a server\n`);
    return 0;
  }
  try {
    return await (await cmd.load()).run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`guanxi ${name}: ${e.message}\n`);
      return 2;
    }
    const msg = e instanceof CommandError ? e.message : ((e as { userMessage?: string }).userMessage ?? (e as Error).message);
    process.stderr.write(`guanxi ${name}: ${String(msg).split("\n")[0]}\n`);
    if (process.env.GUANXI_DEBUG) console.error(e);
    return 1;
  }
}
