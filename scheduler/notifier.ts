// How the scheduler hands a digest to the chat platforms without knowing them: bots/ implements this (Slack DM,
// Telegram message to each of the user's linked identities). Minimal on purpose; the digest job owns when to call it.
import type { Actor } from "../domain/context.ts";
import type { Digest } from "../domain/build-digest.ts";

export interface Notifier {
  /** Delivers the digest to every chat identity the user has linked; rejects when none could be reached. */
  send(user: Actor, digest: Digest): Promise<void>;
}

/** What the digest job passes as `user`: the Actor plus the chat identities it knows, so a notifier needn't look them up. */
export type NotifierRecipient = Actor & { identities: { platform: string; externalId: string }[] };

/** Where the scheduler's log lines go; `console` fits. */
export interface SchedulerLog {
  info(msg: string, meta?: Record<string, unknown>): void;
  warn(msg: string, meta?: Record<string, unknown>): void;
  error(msg: string, meta?: Record<string, unknown>): void;
}
