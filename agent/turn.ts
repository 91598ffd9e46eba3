// One turn: a message from a known user → stored in the inbox → the model and its tools → a reply, plus exactly
// what changed (from the audit log). Bots and the console all come through here, so what works in one works in all.
//
// Crash-safe: the inbox row is held with a lease renewed while the turn runs (domain/inbox.repository.ts). A row
// whose holder died is taken over once; if the dead turn had already written, it is not run again (that would write
// twice) — it is finished with what the audit log says was saved. Whatever way a turn fails, the reply and
// `mutations` come from the audit log too: "nothing was changed" only when nothing was.
import { setMaxListeners } from "node:events";
import type { Actor, Db } from "../domain/context.ts";
import type { Mutation } from "../domain/audit.repository.ts";
import {
  DEFAULT_LEASE_MS, answerPending, markDone, markFailed, mutationsOf, pendingBefore, receiveMessage, renewLease, type PendingCall,
} from "../domain/inbox.repository.ts";
import { withTurnNames } from "../domain/name-index.repository.ts";
import { replyLocale, runAgentTurn, type AgentOptions } from "./agent.ts";
import { newCollector, type TurnContext } from "./turn-context.ts";
import { WRITE_CAP } from "./confirm.middleware.ts";
import { CANCELLED, NOTHING_PENDING, PENDING_TTL_MS, confirmQuestion, readAnswer, runConfirmed, withoutHoldLines } from "./pending.ts";
import { describeSaved } from "./saved.ts";

export interface TurnRequest {
  platform: "slack" | "telegram" | "console" | "eval" | string;
  /** The platform's id for this message; a retry with the same id is answered once. */
  externalMessageId: string;
  actor: Actor;
  text: string;
  now: Date;
  /** A Confirm/Cancel button: answers the changes that inbox message held, whatever `text` says. */
  answer?: { inboxId: number; confirm: boolean };
}

export interface TurnResult {
  inboxId: number;
  duplicate: boolean;
  reply: string;
  mutations: Mutation[];
  /** True when this turn changed something that the Undo button can revert. */
  undoable: boolean;
  /** True when the reply asks to confirm held changes (Confirm / Cancel buttons answer inbox message `inboxId`). */
  confirmable: boolean;
  /** Follow-ups this turn listed or created, for Done / Snooze buttons. */
  followUps: { id: number; title: string; customer: string; dueAt: string }[];
  failed: boolean;
}

export interface TurnDeps extends AgentOptions {
  db: Db;
  log?: (event: string, data?: Record<string, unknown>) => void;
  /** How long a claim on a message lasts without renewal (renewed every third of it while the turn runs). */
  leaseMs?: number;
  /** The most a turn may take; then it stops and reports what it saved. */
  turnTimeoutMs?: number;
}

const FAILED_REPLY = {
  en: "Sorry — something went wrong while handling that. Your message is saved and nothing was changed; please try again in a moment.",
  zh: "抱歉,处理这条消息时出了问题。你的消息已保存,没有做任何修改,请稍后再试。",
};
const MAX_TEXT = 100_000;
const DEFAULT_TURN_TIMEOUT_MS = 180_000;

export async function handleTurn(deps: TurnDeps, req: TurnRequest): Promise<TurnResult> {
  // PostgreSQL text can't hold NUL or unpaired surrogates; store what the user meant, never fail on it.
  const clean = (req.text.length > MAX_TEXT ? req.text.slice(0, MAX_TEXT) : req.text).replace(/\u0000/g, "");
  const text = (clean as string & { toWellFormed(): string }).toWellFormed();
  const leaseMs = deps.leaseMs ?? envNumber("GUANXI_TURN_LEASE_MS") ?? DEFAULT_LEASE_MS;
  const inbox = await receiveMessage(deps.db, {
    platform: req.platform, externalMessageId: req.externalMessageId, userId: req.actor.id, text, at: req.now, leaseMs,
  });
  const base = { inboxId: inbox.id, duplicate: false, undoable: false, confirmable: false, followUps: [], failed: false };
  if (inbox.duplicate) return { ...base, duplicate: true, reply: inbox.reply ?? "", mutations: [], failed: inbox.status === "failed" };
  const token = inbox.token!;
  const actor = { ...req.actor, locale: replyLocale(req.actor, text) };
  const lost = { ...base, duplicate: true, reply: "", mutations: [] };

  if (inbox.retried) {
    // Taken over from a process that died mid-turn: if it wrote anything, running the turn again would write twice.
    const saved = await mutationsOf(deps.db, inbox.id);
    if (saved.length) {
      deps.log?.("turn.resumed_saved", { inboxId: inbox.id, mutations: saved.length });
      const reply = savedReply(saved, actor, "interrupted");
      if (!(await markDone(deps.db, inbox.id, token, reply, req.now, { error: "interrupted after saving; not run again" }))) return lost;
      return { ...base, reply, mutations: saved, undoable: true };
    }
  }

  // The lease is renewed while the turn runs; if another process took the message over, this one stops writing.
  const abort = new AbortController();
  // Every tool call of a batch listens on it; 50 calls in one message is a case we handle, not a leak.
  setMaxListeners(200, abort.signal);
  const deadline = setTimeout(() => abort.abort(new Error("the turn took too long")), deps.turnTimeoutMs ?? DEFAULT_TURN_TIMEOUT_MS);
  let leaseLost = false;
  const heartbeat = setInterval(() => {
    renewLease(deps.db, inbox.id, token, leaseMs).then(
      (held) => {
        if (!held && !leaseLost) {
          leaseLost = true;
          abort.abort(new Error("another process took this message over"));
        }
      },
      (e) => deps.log?.("turn.lease_renew_failed", { inboxId: inbox.id, error: (e as Error).message }),
    );
  }, Math.max(10, Math.floor(leaseMs / 3)));
  heartbeat.unref?.();
  const collector = newCollector();
  const stopped = () => (leaseLost ? "another process took this message over" : abort.signal.aborted ? "the turn took too long" : null);

  try {
    let reply: string;
    let pending: PendingCall[] = [];
    let wasUndo = false;
    let followUps: TurnResult["followUps"] = [];
    const answer = req.answer ?? (await typedAnswer(deps.db, actor, text, inbox.id, req.now));
    if (answer) {
      const calls = await answerPending(deps.db, { inboxId: answer.inboxId, userId: actor.id, confirm: answer.confirm, now: req.now });
      if (calls === null) reply = NOTHING_PENDING(actor);
      else if (!calls.length) reply = CANCELLED(actor);
      else {
        const t: TurnContext = { db: deps.db, actor, now: req.now, inboxId: inbox.id, text, collector, confirmed: true, stopped };
        reply = await withTurnNames(() => runConfirmed(calls, t));
        followUps = collector.followUps;
      }
      deps.log?.("turn.answered", { inboxId: inbox.id, answers: answer.inboxId, confirm: answer.confirm, found: calls !== null });
    } else {
      // One name-index check for the whole turn (domain/name-index.repository.ts), not one per lookup.
      const out = await withTurnNames(() =>
        runAgentTurn(deps, { actor: req.actor, text, now: req.now, inboxId: inbox.id, collector, signal: abort.signal, stopped }),
      );
      pending = out.pending;
      wasUndo = out.wasUndo;
      followUps = out.followUps;
      reply = pending.length ? [withoutHoldLines(out.reply), confirmQuestion(pending, actor)].filter(Boolean).join("\n\n") : out.reply;
    }
    if (leaseLost) return lost;
    reply = reply.trim() || (actor.locale === "zh" ? "好的。" : "OK.");
    const held = pending.length ? { calls: pending, until: new Date(req.now.getTime() + PENDING_TTL_MS) } : undefined;
    if (!(await markDone(deps.db, inbox.id, token, reply, req.now, { pending: held }))) return lost;
    const mutations = await mutationsOf(deps.db, inbox.id);
    return { ...base, reply, mutations, undoable: mutations.length > 0 && !wasUndo, confirmable: pending.length > 0, followUps };
  } catch (e) {
    const error = abort.signal.aborted && abort.signal.reason instanceof Error ? abort.signal.reason : (e as Error);
    deps.log?.("turn.failed", { inboxId: inbox.id, error: error.message });
    // A tool may still be finishing its transaction (a deadline aborts between steps): let it settle, then ask the
    // audit log — not the model, not our counters — what this message changed.
    await Promise.allSettled([...collector.running]);
    if (leaseLost) return lost;
    const saved = await mutationsOf(deps.db, inbox.id).catch(() => null);
    if (saved?.length) {
      // Done, not failed: a retry would write the same things again. The user sees exactly what was kept, with Undo.
      const reply = savedReply(saved, actor, collector.capped ? "cap" : "error");
      if (!(await markDone(deps.db, inbox.id, token, reply, req.now, { error: error.stack ?? String(error) }).catch(() => false))) return lost;
      return { ...base, reply, mutations: saved, undoable: true, failed: true };
    }
    if (collector.capped) {
      const reply = capReply(actor);
      await markDone(deps.db, inbox.id, token, reply, req.now, { error: error.message }).catch(() => false);
      return { ...base, reply, mutations: [], failed: true };
    }
    await markFailed(deps.db, inbox.id, error.stack ?? String(error), req.now, token).catch(() => false);
    return { ...base, reply: FAILED_REPLY[actor.locale], mutations: [], failed: true };
  } finally {
    clearTimeout(deadline);
    clearInterval(heartbeat);
  }
}

/** A bare yes/no right after a message that held changes answers it (read before any model sees the text). */
async function typedAnswer(db: Db, actor: Actor, text: string, inboxId: number, now: Date) {
  const confirm = readAnswer(text);
  if (confirm === null) return null;
  const held = await pendingBefore(db, { userId: actor.id, beforeInboxId: inboxId, now });
  return held ? { inboxId: held.inboxId, confirm } : null;
}

function savedReply(saved: Mutation[], actor: Actor, why: "error" | "interrupted" | "cap"): string {
  const zh = actor.locale === "zh";
  const lines = describeSaved(saved, zh).map((l) => `• ${l}`).join("\n");
  const head = {
    error: zh ? "抱歉,处理这条消息时出了问题,没有全部完成。出错前已保存:" : "Sorry — something went wrong before I finished that. Saved before the error:",
    interrupted: zh ? "处理这条消息时服务中断了。中断前已保存:" : "I was interrupted while handling that. Saved before the interruption:",
    cap: zh
      ? `这条消息要求的修改超过 ${WRITE_CAP} 项,我停下了。停下前已保存:`
      : `That message asks for more than ${WRITE_CAP} changes at once, so I stopped. Saved before stopping:`,
  }[why];
  const tail = zh
    ? "其余部分没有完成。按「撤销」(或说「撤销」)可撤回以上修改;需要的话请把没完成的部分再发一次。"
    : "Nothing else was done. Press Undo (or say \"undo\") to revert these; send what's missing again if you need it.";
  return `${head}\n${lines}\n${tail}`;
}

const capReply = (actor: Actor) =>
  actor.locale === "zh"
    ? `这条消息要求的修改超过 ${WRITE_CAP} 项,我没有执行,也没有做任何修改。请分成几条消息发送。`
    : `That message asks for more than ${WRITE_CAP} changes at once, so I stopped; nothing was changed. Please split it into smaller messages.`;

function envNumber(name: string): number | undefined {
  const v = process.env[name];
  const n = v ? Number(v) : NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
}
