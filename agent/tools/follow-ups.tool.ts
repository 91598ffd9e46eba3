// Follow-ups: schedule, close (done / cancel / snooze), list. Created and listed ones are collected for Done / Snooze buttons.
import { z } from "zod";
import { scheduleFollowUp } from "../../domain/schedule-follow-up.ts";
import { completeFollowUp } from "../../domain/complete-follow-up.ts";
import { cancelFollowUp } from "../../domain/cancel-follow-up.ts";
import { snoozeFollowUp } from "../../domain/snooze-follow-up.ts";
import { listFollowUps } from "../../domain/list-follow-ups.ts";
import { defineTool } from "./define-tool.ts";
import { toInstant } from "./dates.ts";
import { domainContext } from "../turn-context.ts";
import { fmtDay, moreLine, t as tr } from "../format.ts";

export const scheduleFollowUpTool = defineTool({
  name: "schedule_follow_up",
  description: "Create a follow-up (reminder) for the user on a customer, due on a date.",
  schema: z.object({
    customer: z.string().describe("Customer"),
    dueOn: z.string().describe("YYYY-MM-DD"),
    title: z.string().describe("What to do, short"),
    owner: z.string().optional().describe("A colleague's handle when the to-do is theirs (\"have Li Wei send…\"); omit for the user's own"),
  }),
  async run(input, t) {
    const dueAt = toInstant(input.dueOn, t, "09:00", "dueOn");
    const r = await scheduleFollowUp(domainContext(t), { customer: input.customer, dueAt: dueAt!, title: input.title, ...(input.owner ? { owner: input.owner } : {}) });
    t.collector.followUps.push({ id: r.followUp.id, title: r.followUp.title, customer: r.customer.name, dueAt: r.followUp.dueAt.toISOString() });
    const theirs = r.owner.handle !== t.actor.handle;
    return tr(t.actor, `Follow-up for ${theirs ? `${r.owner.name}, ` : ""}${r.customer.name} on ${fmtDay(r.followUp.dueAt, t.actor)}: ${r.followUp.title}.`,
      `已设跟进${theirs ? `(${r.owner.name})` : ""}:${fmtDay(r.followUp.dueAt, t.actor)} ${r.customer.name} — ${r.followUp.title}。`);
  },
});

export const updateFollowUpTool = defineTool({
  name: "update_follow_up",
  description: "Mark one of the user's open follow-ups done, cancel it, or push it to a later date; found by customer.",
  schema: z.object({
    customer: z.string().describe("Customer"),
    action: z.enum(["done", "cancel", "snooze"]).describe("snooze = move later"),
    until: z.string().optional().describe("Snooze to YYYY-MM-DD"),
    days: z.number().int().optional().describe("Or push by this many days (\"back a week\" = 7); default 1"),
    about: z.string().optional().describe("Title words, if several"),
  }),
  async run(input, t) {
    const ctx = domainContext(t);
    const ref = { customer: input.customer, ...(input.about ? { about: input.about } : {}) };
    const a = t.actor;
    if (input.action === "snooze") {
      const until = toInstant(input.until, t, "09:00", "until");
      const r = await snoozeFollowUp(ctx, until ? { ...ref, until } : { ...ref, days: input.days ?? 1 });
      return tr(a, `Moved "${r.followUp.title}" (${r.customer.name}) to ${fmtDay(r.followUp.dueAt, a)}.`, `已将「${r.followUp.title}」(${r.customer.name})推迟到 ${fmtDay(r.followUp.dueAt, a)}。`);
    }
    const r = input.action === "cancel" ? await cancelFollowUp(ctx, ref) : await completeFollowUp(ctx, ref);
    const more = r.otherOpen.length ? tr(a, ` ${r.otherOpen.length} more still open for ${r.customer.name}.`, `${r.customer.name} 还有 ${r.otherOpen.length} 个未完成的跟进。`) : "";
    return input.action === "cancel"
      ? tr(a, `Cancelled: "${r.followUp.title}" (${r.customer.name}).${more}`, `已取消:「${r.followUp.title}」(${r.customer.name})。${more}`)
      : tr(a, `Done: "${r.followUp.title}" (${r.customer.name}).${more}`, `已完成:「${r.followUp.title}」(${r.customer.name})。${more}`);
  },
});

export const listFollowUpsTool = defineTool({
  name: "list_follow_ups",
  description: "List open follow-ups: due today, this week, overdue, or all open — the user's own, or (team) everyone's the user may see.",
  schema: z.object({
    range: z.enum(["today", "week", "overdue", "open"]).describe("Which follow-ups"),
    team: z.boolean().optional().describe("true for the team's (a manager asking who is behind)"),
    owner: z.string().optional().describe("One rep's"),
  }),
  async run(input, t) {
    const r = await listFollowUps(domainContext(t), input);
    const label = {
      today: ["due today", "今天"], week: ["this week", "本周"], overdue: ["overdue", "已逾期"], open: ["open", "未完成"],
    }[input.range]!;
    if (!r.items.length) return tr(t.actor, `No follow-ups ${label[0]}.`, `${label[1]}没有待办跟进。`);
    for (const i of r.items) t.collector.followUps.push({ id: i.id, title: i.title, customer: i.customer, dueAt: i.dueAt.toISOString() });
    // Someone else's items name their owner, so a manager sees who is behind.
    const whose = (i: (typeof r.items)[number]) => (i.owner.handle === t.actor.handle ? "" : ` (${i.owner.name})`);
    const lines = r.items.slice(0, 20).map((i) =>
      `• ${fmtDay(i.dueAt, t.actor)} ${i.customer}${whose(i)} — ${i.title}${i.overdue ? tr(t.actor, " (overdue)", "(已逾期)") : ""}`);
    const more = moreLine(r.items.length, 20, t.actor, "条");
    const head = input.team || input.owner ? tr(t.actor, `Follow-ups (${label[0]}):`, `跟进(${label[1]}):`) : tr(t.actor, `Your follow-ups (${label[0]}):`, `你的跟进(${label[1]}):`);
    return head + "\n" + lines.join("\n") + more;
  },
});
