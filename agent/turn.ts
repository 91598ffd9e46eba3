// One turn: a message from a known user → stored in the inbox → the model and its tools → a reply, plus exactly
// what changed (from the audit log). Bots and the console all come through here, so what works in one works in all.
import type { Actor, Db } from "../domain/context.ts";
import type { Mutation } from "../domain/audit.repository.ts";
import { markDoneWithMutations, markFailed, receiveMessage } from "../domain/inbox.repository.ts";
import { withTurnNames } from "../domain/name-index.repository.ts";
import { runAgentTurn, type AgentOptions } from "./agent.ts";

export interface TurnRequest {
  platform: "slack" | "telegram" | "console" | "eval" | string;
  /** The platform's id for this message; a retry with the same id is answered once. */
  externalMessageId: string;
  actor: Actor;
  text: string;
  now: Date;
}

export interface TurnResult {
  inboxId: number;
  duplicate: boolean;
  reply: string;
  mutations: Mutation[];
  /** True when this turn changed something that the Undo button can revert. */
  undoable: boolean;
  /** Follow-ups this turn listed or created, for Done / Snooze buttons. */
  followUps: { id: number; title: string; customer: string; dueAt: string }[];
  failed: boolean;
}

export interface TurnDeps extends AgentOptions {
  db: Db;
  log?: (event: string, data?: Record<string, unknown>) => void;
}

const FAILED_REPLY = {
  en: "Sorry — something went wrong while handling that. Your message is saved and nothing was changed; please try again in a moment.",
  zh: "抱歉,处理这条消息时出了问题。你的消息已保存,没有做任何修改,请稍后再试。",
};
const MAX_TEXT = 100_000;

export async function handleTurn(deps: TurnDeps, req: TurnRequest): Promise<TurnResult> {
  // PostgreSQL text can't hold NUL or unpaired surrogates; store what the user meant, never fail on it.
  const clean = (req.text.length > MAX_TEXT ? req.text.slice(0, MAX_TEXT) : req.text).replace(/\u0000/g, "");
  const text = (clean as string & { toWellFormed(): string }).toWellFormed();
  const inbox = await receiveMessage(deps.db, {
    platform: req.platform, externalMessageId: req.externalMessageId, userId: req.actor.id, text, at: req.now,
  });
  if (inbox.duplicate) {
    return { inboxId: inbox.id, duplicate: true, reply: inbox.reply ?? "", mutations: [], undoable: false, followUps: [], failed: inbox.status === "failed" };
  }
  try {
    // One name-index check for the whole turn (domain/name-index.repository.ts), not one per lookup.
    const out = await withTurnNames(() => runAgentTurn(deps, { actor: req.actor, text, now: req.now, inboxId: inbox.id }));
    const reply = out.reply.trim() || (req.actor.locale === "zh" ? "好的。" : "OK.");
    const mutations = await markDoneWithMutations(deps.db, inbox.id, reply, req.now);
    return { inboxId: inbox.id, duplicate: false, reply, mutations, undoable: mutations.length > 0 && !out.wasUndo, followUps: out.followUps, failed: false };
  } catch (e) {
    deps.log?.("turn.failed", { inboxId: inbox.id, error: (e as Error).message });
    await markFailed(deps.db, inbox.id, (e as Error).stack ?? String(e), req.now).catch(() => {});
    return { inboxId: inbox.id, duplicate: false, reply: FAILED_REPLY[req.actor.locale], mutations: [], undoable: false, followUps: [], failed: true };
  }
}
