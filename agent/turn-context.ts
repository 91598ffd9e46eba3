// What every tool receives from the agent's runtime context: the acting user from the chat platform (never from the
// model), the turn's clock, and a collector for things the bots want to show as buttons.
import type { Actor, Db, DomainContext } from "../domain/context.ts";

export interface TurnCollector {
  followUps: { id: number; title: string; customer: string; dueAt: string }[];
  wasUndo: boolean;
  /** Tool names called this turn, in order (for logs and benchmarks). */
  calls: string[];
}

export interface TurnContext {
  db: Db;
  actor: Actor;
  now: Date;
  inboxId?: number;
  text: string;
  collector: TurnCollector;
}

export const newCollector = (): TurnCollector => ({ followUps: [], wasUndo: false, calls: [] });

export const domainContext = (t: TurnContext): DomainContext => ({
  db: t.db,
  actor: t.actor,
  now: t.now,
  source: { inboxId: t.inboxId, message: t.text },
});
