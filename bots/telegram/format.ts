// Telegram HTML formatting and inline keyboards: pure functions, unit-tested. Only &, < and > need escaping in
// Telegram's HTML mode; messages are capped at 4,096 characters after entity parsing (so tags don't count): long
// messages are split by splitHtml, which keeps every part valid HTML.
import type { InlineKeyboardMarkup } from "grammy/types";
import type { TurnResult } from "../../agent/turn.ts";
import type { Digest } from "../../domain/build-digest.ts";
import { describeMutations } from "../conversation.ts";
import { splitHtml } from "./html-split.ts";

export const TELEGRAM_LIMIT = 4096;

export interface TelegramMessage {
  html: string;
  keyboard?: InlineKeyboardMarkup;
}

export const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Button payloads: a letter and an id, far inside the 64-byte callback_data limit. */
export const callbackData = {
  undo: (inboxId: number) => `u:${inboxId}`,
  done: (followUpId: number) => `d:${followUpId}`,
  snooze: (followUpId: number) => `s:${followUpId}`,
  /** Confirm / Cancel the changes inbox message `inboxId` held. */
  confirm: (inboxId: number) => `c:${inboxId}`,
  cancel: (inboxId: number) => `x:${inboxId}`,
};

type ButtonAction = "undo" | "done" | "snooze" | "confirm" | "cancel";
export function parseCallbackData(data: string): { action: ButtonAction; id: number } | null {
  const m = /^([udscx]):(\d{1,12})$/.exec(data);
  if (!m) return null;
  return { action: ({ u: "undo", d: "done", s: "snooze", c: "confirm", x: "cancel" } as const)[m[1] as "u" | "d" | "s" | "c" | "x"], id: Number(m[2]) };
}

/** Escapes plain text and splits it (with `footerHtml` as its last paragraph) into valid HTML messages. */
export function paginate(text: string, footerHtml = ""): TelegramMessage[] {
  const html = footerHtml ? `${escapeHtml(text)}\n\n${footerHtml}` : escapeHtml(text);
  return splitHtml(html, TELEGRAM_LIMIT).map((part) => ({ html: part }));
}

export function turnMessages(
  result: Pick<TurnResult, "reply" | "mutations" | "undoable" | "inboxId" | "followUps"> & { confirmable?: boolean },
  locale: "en" | "zh" = "en",
): TelegramMessage[] {
  const zh = locale === "zh";
  const recorded = describeMutations(result, zh);
  const footer = recorded.length ? `${zh ? "已记录" : "Recorded"}: ${recorded.join(" · ")}`.slice(0, 1000) : "";
  const msgs = paginate(result.reply, footer ? `<i>${escapeHtml(footer)}</i>` : "");
  const rows: InlineKeyboardMarkup["inline_keyboard"] = [];
  if (result.undoable) rows.push([{ text: zh ? "撤销" : "Undo", callback_data: callbackData.undo(result.inboxId) }]);
  if (result.confirmable)
    rows.push([
      { text: zh ? "确认" : "Confirm", callback_data: callbackData.confirm(result.inboxId) },
      { text: zh ? "取消" : "Cancel", callback_data: callbackData.cancel(result.inboxId) },
    ]);
  rows.push(...followUpRows(result.followUps, locale));
  if (rows.length) msgs.at(-1)!.keyboard = { inline_keyboard: rows };
  return msgs;
}

export function followUpRows(followUps: { id?: number; title: string; customer: string }[], locale: "en" | "zh" = "en") {
  const zh = locale === "zh";
  const clip = (s: string) => (s.length > 24 ? `${s.slice(0, 23)}…` : s);
  return followUps
    .filter((f): f is typeof f & { id: number } => f.id != null)
    .slice(0, 10)
    .map((f) => [
      { text: `✓ ${clip(f.customer)}`, callback_data: callbackData.done(f.id) },
      { text: zh ? "推迟 1 天" : "Snooze 1 day", callback_data: callbackData.snooze(f.id) },
    ]);
}

export function digestMessages(d: Digest): TelegramMessage[] {
  const zh = d.locale === "zh";
  const lines: string[] = [`<b>${escapeHtml(zh ? `每日摘要 · ${d.date}` : `Daily digest · ${d.date}`)}</b>`];
  const add = (title: string, items: string[]) => {
    if (items.length) lines.push("", `<b>${escapeHtml(title)}</b>`, ...items);
  };
  add(zh ? "有流失风险的客户" : "Customers at risk", d.atRisk.map((r) => `• <b>${escapeHtml(r.customer)}</b> (${r.score}) — ${escapeHtml(r.reasons.join("; "))}`));
  add(
    zh ? "今日及逾期的跟进" : "Follow-ups due today and overdue",
    d.followUps.map((f) => `• <b>${escapeHtml(f.customer)}</b> — ${escapeHtml(f.title)} (${f.dueAt.slice(0, 10)})`),
  );
  add(zh ? "逾期投诉" : "Complaints past their deadline", d.complaints.map((c) => `• <b>${escapeHtml(c.customer)}</b> — ${escapeHtml(c.description.slice(0, 200))}`));
  add(zh ? "近期生日" : "Birthdays this week", d.birthdays.map((b) => `• ${escapeHtml(b.contact)} (${escapeHtml(b.customer)}) — ${b.date}`));
  if (d.team?.reps.length)
    add(zh ? "团队" : "Team", d.team.reps.map((r) => `• ${escapeHtml(r.name)}: ${r.atRisk} ${zh ? "风险" : "at risk"}, ${r.followUpsOverdue} ${zh ? "逾期跟进" : "overdue"}`));
  if (lines.length === 1) lines.push("", escapeHtml(zh ? "今天没有需要特别关注的事项。" : "Nothing needs your attention today."));
  const out: TelegramMessage[] = splitHtml(lines.join("\n"), TELEGRAM_LIMIT).map((html) => ({ html }));
  const rows = followUpRows(d.followUps, d.locale);
  if (rows.length) out.at(-1)!.keyboard = { inline_keyboard: rows };
  return out;
}
