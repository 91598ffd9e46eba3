// Is a chat platform reachable with our credentials? serve asks once per platform at start (Slack auth.test,
// Telegram getMe), a bounded number of times with backoff, logging each failed try — so an unreachable API root or
// a server that never answers gives a clear line within seconds, not a silent hang.
import type { Log } from "./conversation.ts";

export type Platform = "slack" | "telegram";

export type Connection = { platform: Platform; ok: true; as: string; attempts: number } | { platform: Platform; ok: false; error: string; attempts: number };

export interface ConnectOptions {
  attempts: number;
  /** First wait between tries; doubles each time (capped at 30 s). */
  backoffMs?: number;
  log?: Log;
  sleep?: (ms: number) => Promise<void>;
}

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function connect(platform: Platform, probe: () => Promise<string>, o: ConnectOptions): Promise<Connection> {
  const sleep = o.sleep ?? pause;
  const attempts = Math.max(1, o.attempts);
  let error = "";
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return { platform, ok: true, as: await probe(), attempts: attempt };
    } catch (e) {
      error = describeError(e);
      if (attempt === attempts) break;
      const retryInMs = Math.min((o.backoffMs ?? 1000) * 2 ** (attempt - 1), 30_000);
      o.log?.(`${platform}.connect_retry`, { attempt, of: attempts, error, retryInMs });
      await sleep(retryInMs);
    }
  }
  return { platform, ok: false, error, attempts };
}

/** One line for a person: the error's own message, with the network cause when the client wrapped one. */
export function describeError(e: unknown): string {
  const err = e as { message?: string; code?: string; original?: { message?: string; code?: string }; error?: { message?: string }; cause?: { message?: string; code?: string } };
  const inner = err?.original ?? err?.cause ?? err?.error;
  const msg = err?.message ?? String(e);
  const detail = inner?.message && !msg.includes(inner.message) ? `: ${inner.message}` : "";
  return `${msg}${detail}`.replace(/\s+/g, " ").trim();
}

/** The line serve prints for a platform. */
export function connectionLine(c: Connection, where?: string): string {
  if (c.ok) return `${c.platform}: connected as ${c.as}`;
  const tries = c.attempts > 1 ? ` (${c.attempts} tries)` : "";
  return `${c.platform}: not connected — ${c.error}${tries}${where ? `; check ${where}` : ""}`;
}
