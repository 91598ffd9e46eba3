// What every tool receives from the agent's runtime context: the acting user from the chat platform (never from the
// model), the turn's clock, and a collector for things the bots want to show as buttons.
import type { Actor, Db, DomainContext } from "../domain/context.ts";
import type { PendingCall } from "../domain/inbox.repository.ts";

export interface TurnCollector {
  followUps: { id: number; title: string; customer: string; dueAt: string }[];
  wasUndo: boolean;
  /** Tool names called this turn, in order (for logs and benchmarks). */
  calls: string[];
  /** Write tools run this turn (confirm.middleware.ts counts them against the bulk threshold and the cap). */
  writes: number;
  /** Changes held back for the user's yes/no (archive, reassign, bulk), in the order the model asked for them. */
  pending: PendingCall[];
  /** Tool calls whose writes are held back, decided once per batch the model sent (ids of the batch's calls). */
  deferred: Set<string>;
  decided: Set<string>;
  /** Tool runs not yet settled: a turn that fails waits for them before reading what was saved. */
  running: Set<Promise<unknown>>;
  /** The turn asked for more writes than the cap allows (and was stopped). */
  capped: boolean;
}

export interface TurnContext {
  db: Db;
  actor: Actor;
  now: Date;
  inboxId?: number;
  text: string;
  collector: TurnCollector;
  /** Running changes the user already confirmed: they are not held back again. */
  confirmed?: boolean;
  /** Set when this process lost the message's lease (another took it over): no further writes. */
  stopped?: () => string | null;
}

export const newCollector = (): TurnCollector => ({
  followUps: [], wasUndo: false, calls: [], writes: 0, pending: [], deferred: new Set(), decided: new Set(), running: new Set(), capped: false,
});

export const domainContext = (t: TurnContext): DomainContext => ({
  db: t.db,
  actor: t.actor,
  now: t.now,
  source: { inboxId: t.inboxId, message: t.text },
});
