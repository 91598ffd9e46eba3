// Placeholder until the agent lands (issue 3): answers without tools.
import type { Actor, Db } from "../domain/context.ts";

export interface AgentOptions {
  db: Db;
}

export interface AgentTurnOutput {
  reply: string;
  wasUndo: boolean;
  followUps: { id: number; title: string; customer: string; dueAt: string }[];
}

export async function runAgentTurn(_opts: AgentOptions, turn: { actor: Actor; text: string; now: Date; inboxId: number }): Promise<AgentTurnOutput> {
  return { reply: turn.actor.locale === "zh" ? "收到。" : "Got it.", wasUndo: false, followUps: [] };
}
