// Changes held for a yes/no (confirm.middleware.ts): how the question reads, how a typed answer is recognised, and
// running the confirmed calls. The answer is read structurally from the stored calls, before any model sees it, so
// "yes" runs exactly what was shown — never a model's new reading of the conversation.
import type { Actor } from "../domain/context.ts";
import type { PendingCall } from "../domain/inbox.repository.ts";
import { toolRunners } from "./tools/define-tool.ts";
import { HOLD_PREFIX, WRITE_CAP, WriteCapError } from "./confirm.middleware.ts";
import type { TurnContext } from "./turn-context.ts";
import { t as tr } from "./format.ts";

export const PENDING_TTL_MS = 30 * 60_000;

const YES = /^(?:yes|y|yep|yeah|ok|okay|sure|confirm|confirmed|go ahead|do it|确认|确定|好的|好|是|是的|对|可以|行)$/i;
const NO = /^(?:no|n|nope|cancel|stop|don'?t|never ?mind|算了|取消|不|不要|不用了?|别)$/i;

/** A message that is only a yes or a no ("Yes!", "确认。", "cancel please" is not). */
export function readAnswer(text: string): boolean | null {
  const s = text.trim().replace(/[\s.!。!~,,]+$/u, "").replace(/^[\s]+/, "");
  if (YES.test(s)) return true;
  if (NO.test(s)) return false;
  return null;
}

/** The confirmation block under a reply that held changes: each change exactly, then how to answer. */
export function confirmQuestion(pending: PendingCall[], actor: Actor): string {
  const lines = pending.map((p) => `• ${p.summary}`);
  return tr(
    actor,
    `Before I change anything, please confirm — I will:\n${lines.join("\n")}\nReply "yes" to go ahead or "no" to cancel (this waits 30 minutes).`,
    `修改之前请确认,我将:\n${lines.join("\n")}\n回复「确认」执行,或「取消」放弃(30 分钟内有效)。`,
  );
}

/** The model's reply without its per-call "needs confirmation" lines (the question lists them once, structured). */
export function withoutHoldLines(reply: string): string {
  return reply
    .split("\n")
    .filter((l) => !l.trim().startsWith(HOLD_PREFIX.en.trim()) && !l.trim().startsWith(HOLD_PREFIX.zh))
    .join("\n")
    .trim();
}

/** Runs the calls the user confirmed, in order, as this (answering) message's changes; their results are the reply. */
export async function runConfirmed(calls: PendingCall[], t: TurnContext): Promise<string> {
  const out: string[] = [];
  for (const call of calls) {
    const reason = t.stopped?.();
    if (reason) throw new Error(reason);
    if (t.collector.writes >= WRITE_CAP) {
      t.collector.capped = true;
      throw new WriteCapError();
    }
    const run = toolRunners.get(call.tool);
    if (!run) {
      out.push(tr(t.actor, `Skipped ${call.summary}: that action no longer exists.`, `已跳过「${call.summary}」:该操作已不存在。`));
      continue;
    }
    t.collector.writes++;
    out.push((await run(call.args, t)).trim());
  }
  return [...new Set(out.filter(Boolean))].join("\n");
}

export const CANCELLED = (actor: Actor) => tr(actor, "Cancelled — nothing was changed.", "已取消,没有做任何修改。");
export const NOTHING_PENDING = (actor: Actor) =>
  tr(actor, "There's nothing waiting for your confirmation — it was already answered or has expired.", "没有等待确认的操作(可能已处理或已过期)。");
