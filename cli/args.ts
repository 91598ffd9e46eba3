// Argument parsing shared by every subcommand, and the store each command opens.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { openStore, DEFAULT_DB_DIR, type Store } from "../prisma/client.ts";

export class UsageError extends Error {}
export class CommandError extends Error {}

export const COMMON_OPTIONS = {
  db: { type: "string" },
  now: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export function parse<O extends NonNullable<ParseArgsConfig["options"]>>(argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...options }, allowPositionals, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** --now ISO (or GUANXI_NOW) fixes the clock for everything the command does. */
export function clock(now: string | undefined): Date {
  const v = now ?? process.env.GUANXI_NOW;
  if (!v) return new Date();
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new UsageError(`--now: "${v}" is not an ISO date-time`);
  return d;
}

export const DEMO_DB_DIR = "data/demo";

export function openCliStore(flags: { db?: string; demo?: boolean }): Promise<Store> {
  if (flags.demo) return openStore({ dir: DEMO_DB_DIR, databaseUrl: undefined });
  return openStore({ dir: flags.db ?? DEFAULT_DB_DIR, ...(flags.db ? { databaseUrl: undefined } : {}) });
}
