// What the bots may do besides a conversational turn: who is this chat user, link them with an invite code, and the
// buttons (Undo, Done, Snooze 1 day). Bots call only agent/, never domain/ or Prisma, so this file is that door.
import type { Actor, Db, Locale } from "../domain/context.ts";
import { isDomainError } from "../domain/errors.ts";
import { findUserByIdentity, redeemInvite } from "../domain/users.ts";
import { undoChangesOf } from "../domain/undo-message.ts";
import { completeFollowUp as completeFollowUpUseCase } from "../domain/complete-follow-up.ts";
import { snoozeFollowUp as snoozeFollowUpUseCase } from "../domain/snooze-follow-up.ts";
import { listChatIdentities, type ChatAddress } from "../domain/chat-identities.repository.ts";

import { markFailed, receiveMessage } from "../domain/inbox.repository.ts";
import { handleTurn } from "./turn.ts";
export type { Actor } from "../domain/context.ts";
export type { ChatAddress } from "../domain/chat-identities.repository.ts";

/** An action's outcome in words for the person who pressed the button; never throws for a refusal. */
export interface ActionResult {
  ok: boolean;
  text: string;
}

export function identifyUser(db: Db, platform: string, externalId: string): Promise<Actor | null> {
  return findUserByIdentity(db, platform, externalId);
}

export async function redeemInviteCode(
  db: Db,
  opts: { platform: "slack" | "telegram"; externalId: string; code: string; now: Date; locale?: Locale },
): Promise<ActionResult & { actor?: Actor }> {
  try {
    const r = await redeemInvite(db, opts);
    const zh = r.user.locale === "zh";
    return {
      ok: true,
      actor: r.user,
      text: zh
        ? `欢迎,${r.user.name}!这个账号已绑定到 ${r.user.handle}。直接告诉我发生了什么,比如「给华东机械的王芳打了电话,她担心交期」。`
        : `Welcome, ${r.user.name}! This account is now linked to ${r.user.handle}. Just tell me what happened, e.g. "Called Jane at Acme, worried about price".`,
    };
  } catch (e) {
    return { ok: false, text: refusalText(e, opts.locale) };
  }
}

export async function undoTurn(db: Db, actor: Actor, inboxId: number, now: Date): Promise<ActionResult> {
  try {
    const r = await undoChangesOf({ db, actor, now }, { inboxId });
    const n = r.undone.length;
    return { ok: true, text: actor.locale === "zh" ? `已撤销(${n} 项修改)。` : `Undone (${n} change${n === 1 ? "" : "s"} reverted).` };
  } catch (e) {
    return { ok: false, text: refusalText(e, actor.locale) };
  }
}

export async function completeFollowUp(db: Db, actor: Actor, followUpId: number, now: Date): Promise<ActionResult> {
  try {
    await completeFollowUpUseCase({ db, actor, now }, { id: followUpId });
    return { ok: true, text: actor.locale === "zh" ? "已标记为完成。" : "Marked as done." };
  } catch (e) {
    return { ok: false, text: refusalText(e, actor.locale) };
  }
}

export async function snoozeFollowUp(db: Db, actor: Actor, followUpId: number, now: Date, days = 1): Promise<ActionResult> {
  try {
    await snoozeFollowUpUseCase({ db, actor, now }, { id: followUpId, days });
    return { ok: true, text: actor.locale === "zh" ? `已推迟 ${days} 天。` : `Snoozed for ${days} day${days === 1 ? "" : "s"}.` };
  } catch (e) {
    return { ok: false, text: refusalText(e, actor.locale) };
  }
}

/** Where a user can be reached on chat platforms (for the digest Notifier). */
export function chatAddressesOf(db: Db, userIds: number[], platform?: string): Promise<ChatAddress[]> {
  return listChatIdentities(db, userIds, platform);
}

function refusalText(e: unknown, locale: Locale = "en"): string {
  if (isDomainError(e)) return e.userMessage;
  // Anything else is a bug or an outage: don't leak internals into chat; the bot's error handler logs it.
  throw e;
}

/**
 * A message the bot won't process now (over the rate limit, or the process is shutting down) is still stored, marked
 * failed with the reason, so nothing a user typed is lost; the same message arriving again is then processed.
 * A redelivery of a message already answered (or being answered) is reported as such: it must not get a false
 * "saved but not processed" reply.
 */
export async function holdMessage(
  db: Db,
  m: { platform: string; externalMessageId: string; actor: Actor; text: string; now: Date; reason: string },
): Promise<{ alreadyHandled: boolean }> {
  const entry = await receiveMessage(db, { platform: m.platform, externalMessageId: m.externalMessageId, userId: m.actor.id, text: m.text, at: m.now });
  if (entry.duplicate) return { alreadyHandled: entry.status === "done" || entry.status === "processing" };
  await markFailed(db, entry.id, m.reason, m.now, entry.token);
  return { alreadyHandled: false };
}

/**
 * The Confirm / Cancel buttons under a reply that held changes: an answer like typing "yes"/"no", stored as its own
 * inbox message (so a crash mid-way is taken over like any turn, and the changes are Undo-able as this answer's).
 * One answer per held message: pressing again, or the other button, is a duplicate and changes nothing.
 */
export async function answerHeld(
  db: Db, actor: Actor, heldInboxId: number, now: Date, confirm: boolean, platform: string,
): Promise<ActionResult> {
  const r = await handleTurn({ db }, {
    platform, externalMessageId: `answer:${heldInboxId}:${actor.id}`, actor, text: confirm ? "confirm" : "cancel", now, answer: { inboxId: heldInboxId, confirm },
  });
  if (r.duplicate)
    return { ok: false, text: actor.locale === "zh" ? "这项确认已经处理过了。" : "That was already answered." };
  return { ok: !r.failed, text: r.reply };
}

export const confirmHeld = (db: Db, actor: Actor, id: number, now: Date, platform = "slack") => answerHeld(db, actor, id, now, true, platform);
export const cancelHeld = (db: Db, actor: Actor, id: number, now: Date, platform = "slack") => answerHeld(db, actor, id, now, false, platform);
