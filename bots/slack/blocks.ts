// Block Kit builders: pure functions from a turn result / follow-ups / a digest to Slack messages, so every layout
// (and every limit: 3,000 characters per section, 50 blocks and 40,000 characters per message) is unit-tested.
import type { KnownBlock } from "@slack/types";
import type { TurnResult } from "../../agent/turn.ts";
import type { Digest } from "../../domain/build-digest.ts";
import { describeMutations } from "../conversation.ts";
import { splitText } from "../split.ts";
import { escapeData, escapedPrefix, escapeMrkdwn } from "./text.ts";

export { escapeMrkdwn } from "./text.ts";

export interface SlackMessage {
  /** Notification / fallback text (kept short; the blocks carry the full reply). mrkdwn too, so escaped like them. */
  text: string;
  blocks: KnownBlock[];
}

export const SECTION_LIMIT = 3000;
/** 12 full sections ≈ 36,000 characters: under Slack's 40,000 per message with room for the buttons. */
const SECTIONS_PER_MESSAGE = 12;
const FALLBACK_LIMIT = 300;

export const ACTION = { undo: "undo", done: "followup_done", snooze: "followup_snooze", confirm: "held_confirm", cancel: "held_cancel" } as const;

const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text } });
const context = (text: string): KnownBlock => ({ type: "context", elements: [{ type: "mrkdwn", text }] });
const short = (s: string, n = FALLBACK_LIMIT) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
/** The top-level text: what notifications and screen readers show, so it is escaped like the blocks. */
const fallbackText = (raw: string) => escapedPrefix(raw, FALLBACK_LIMIT);
const label = (s: string) => short(s, 75);

/** Splits raw text into escaped sections and the sections into messages; `tail` blocks go on the last message.
 *  `fallback` is raw text too (escaped here). */
export function paginate(text: string, tail: KnownBlock[] = [], fallback = text): SlackMessage[] {
  const sections = splitEscaped(text).map(section);
  const out: SlackMessage[] = [];
  const top = fallbackText(fallback);
  for (let i = 0; i < sections.length; i += SECTIONS_PER_MESSAGE) out.push({ text: top, blocks: sections.slice(i, i + SECTIONS_PER_MESSAGE) });
  if (!out.length) out.push({ text: top, blocks: [] });
  out.at(-1)!.blocks.push(...tail);
  return out;
}

/** Escaping can lengthen text, so split the raw text with room to spare and check each escaped part. */
function splitEscaped(raw: string): string[] {
  const parts = splitText(raw, SECTION_LIMIT).map(escapeMrkdwn);
  return parts.flatMap((p) => (p.length <= SECTION_LIMIT ? [p] : splitText(p, SECTION_LIMIT)));
}

export function turnMessages(
  result: Pick<TurnResult, "reply" | "mutations" | "undoable" | "inboxId" | "followUps"> & { confirmable?: boolean },
  locale: "en" | "zh" = "en",
): SlackMessage[] {
  const zh = locale === "zh";
  const tail: KnownBlock[] = [];
  const recorded = describeMutations(result, zh);
  if (recorded.length) tail.push(context(escapedPrefix(`${zh ? "已记录" : "Recorded"}: ${recorded.join(" · ")}`, 2900, escapeData)));
  if (result.undoable)
    tail.push({
      type: "actions",
      block_id: `turn_${result.inboxId}`,
      elements: [{ type: "button", action_id: ACTION.undo, value: String(result.inboxId), text: { type: "plain_text", text: zh ? "撤销" : "Undo" } }],
    });
  if (result.confirmable)
    tail.push({
      type: "actions",
      block_id: `held_${result.inboxId}`,
      elements: [
        { type: "button", action_id: ACTION.confirm, value: String(result.inboxId), style: "primary", text: { type: "plain_text", text: zh ? "确认" : "Confirm" } },
        { type: "button", action_id: ACTION.cancel, value: String(result.inboxId), text: { type: "plain_text", text: zh ? "取消" : "Cancel" } },
      ],
    });
  tail.push(...followUpBlocks(result.followUps, locale));
  return paginate(result.reply, tail.slice(0, 50 - SECTIONS_PER_MESSAGE));
}

export function followUpBlocks(
  followUps: { id?: number; title: string; customer: string; dueAt: string }[],
  locale: "en" | "zh" = "en",
): KnownBlock[] {
  const zh = locale === "zh";
  // 2 blocks per follow-up; at most 15 so a message stays well under 50 blocks.
  return followUps.slice(0, 15).flatMap((f) => {
    const line = section(`*${escapeData(f.customer)}* — ${escapeData(short(f.title, 500))} _(${escapeData(f.dueAt.slice(0, 10))})_`);
    if (f.id == null) return [line];
    return [
      line,
      {
        type: "actions",
        block_id: `followup_${f.id}`,
        elements: [
          { type: "button", action_id: ACTION.done, value: String(f.id), style: "primary", text: { type: "plain_text", text: zh ? "完成" : "Done" } },
          { type: "button", action_id: ACTION.snooze, value: String(f.id), text: { type: "plain_text", text: zh ? "推迟 1 天" : "Snooze 1 day" } },
        ],
      } as KnownBlock,
    ];
  });
}

/** After a button was handled: drop that button row and say what happened, keeping the rest of the message. */
export function afterAction(blocks: KnownBlock[] | undefined, blockId: string | undefined, note: string): KnownBlock[] {
  const kept = (blocks ?? []).filter((b) => !(b.type === "actions" && b.block_id === blockId));
  return [...kept, context(escapedPrefix(note, SECTION_LIMIT, escapeData))];
}

export function digestMessages(d: Digest): SlackMessage[] {
  const zh = d.locale === "zh";
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: label(zh ? `每日摘要 · ${d.date}` : `Daily digest · ${d.date}`) } },
  ];
  const add = (title: string, lines: string[]) => {
    if (!lines.length) return;
    for (const part of splitText(`*${title}*\n${lines.join("\n")}`, SECTION_LIMIT)) blocks.push(section(part));
  };
  add(
    zh ? "有流失风险的客户" : "Customers at risk",
    d.atRisk.map((r) => `• *${escapeData(r.customer)}* (${r.score}) — ${escapeData(r.reasons.join("; "))}`),
  );
  add(
    zh ? "逾期投诉" : "Complaints past their deadline",
    d.complaints.map((c) => `• *${escapeData(c.customer)}* — ${escapeData(short(c.description, 200))} (${c.daysOverdue}${zh ? " 天逾期" : " days overdue"})`),
  );
  add(
    zh ? "近期生日" : "Birthdays this week",
    d.birthdays.map((b) => `• ${escapeData(b.contact)} (${escapeData(b.customer)}) — ${escapeData(b.date)}`),
  );
  if (d.team?.reps.length)
    add(
      zh ? "团队" : "Team",
      d.team.reps.map((r) => `• ${escapeData(r.name)}: ${r.atRisk} ${zh ? "风险" : "at risk"}, ${r.followUpsOverdue} ${zh ? "逾期跟进" : "overdue follow-ups"}`),
    );
  if (d.followUps.length) {
    blocks.push(section(`*${zh ? "今日及逾期的跟进" : "Follow-ups due today and overdue"}*`));
    blocks.push(...followUpBlocks(d.followUps, d.locale));
  }
  if (blocks.length === 1) blocks.push(section(zh ? "今天没有需要特别关注的事项。" : "Nothing needs your attention today."));
  const fallback = fallbackText(zh ? `每日摘要 ${d.date}` : `Your daily digest for ${d.date}`);
  const out: SlackMessage[] = [];
  for (let i = 0; i < blocks.length; i += 45) out.push({ text: fallback, blocks: blocks.slice(i, i + 45) });
  return out;
}
