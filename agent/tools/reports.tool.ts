// Questions managers (and reps, about their own accounts) ask: who is slipping, who hasn't been contacted, totals,
// deals closing, activity by rep. Each answer is a short list, scoped to what the user may see.
import { z } from "zod";
import { listAtRisk } from "../../domain/list-at-risk.ts";
import { listOwnerIds } from "../../domain/scope.ts";
import { listStaleCustomers } from "../../domain/list-stale-customers.ts";
import { orderTotals } from "../../domain/order-totals.ts";
import { dealsClosing } from "../../domain/deals-closing.ts";
import { activityByRep } from "../../domain/activity-by-rep.ts";
import { listComplaints } from "../../domain/list-complaints.ts";
import { defineTool } from "./define-tool.ts";
import { domainContext } from "../turn-context.ts";
import { fmtDay, fmtMoney, moreLine, t as tr } from "../format.ts";
import { periodRange, periodSchema, PERIOD_LABEL } from "./periods.ts";
import { addDays, localDate } from "../../domain/time.ts";

const MAX = 15;
const more = (n: number, a: Parameters<typeof tr>[0]) => moreLine(n, MAX, a);

export const listAtRiskTool = defineTool({
  name: "list_at_risk",
  description: "Customers at risk of churning (the user's own, or a manager's team), with reasons.",
  schema: z.object({ limit: z.number().optional().describe("How many, default 10"), owner: z.string().optional().describe("One rep") }),
  async run(input, t) {
    const ctx = domainContext(t);
    const list = await listAtRisk(ctx, { ownerIds: await listOwnerIds(t.db, t.actor, input.owner), limit: input.limit ?? 10, minScore: 25 });
    if (!list.length) return tr(t.actor, "No customers look at risk right now.", "目前没有明显有流失风险的客户。");
    const zh = t.actor.locale === "zh";
    const mine = t.actor.role === "rep";
    const lines = list.map((c) => `• ${c.customer.name} (${c.score}${mine ? "" : zh ? `,${c.owner.name}` : `, ${c.owner.name}`}): ${c.reasons.slice(0, 3).map((r) => (zh ? r.zh : r.en)).join(zh ? ";" : "; ")}`);
    return tr(t.actor, "At risk, highest first:", "有流失风险的客户(风险从高到低):") + "\n" + lines.join("\n");
  },
});

export const staleCustomersTool = defineTool({
  name: "stale_customers",
  description: "Customers nobody has contacted in the last N days.",
  schema: z.object({ days: z.number().describe("N days"), owner: z.string().optional().describe("Only this rep's customers") }),
  async run(input, t) {
    const list = await listStaleCustomers(domainContext(t), input);
    if (!list.length) return tr(t.actor, `Every customer has been contacted in the last ${input.days} days.`, `所有客户在最近 ${input.days} 天内都有联系。`);
    const lines = list.slice(0, MAX).map((c) => `• ${c.name} (${c.owner.name}) — ${c.lastContactAt ? tr(t.actor, `last ${fmtDay(c.lastContactAt, t.actor)}, ${c.daysSince} days ago`, `上次 ${fmtDay(c.lastContactAt, t.actor)},${c.daysSince} 天前`) : tr(t.actor, "never contacted", "从未联系")}`);
    return tr(t.actor, `Not contacted in ${input.days}+ days (${list.length}):`, `超过 ${input.days} 天未联系的客户(${list.length} 个):`) + "\n" + lines.join("\n") + more(list.length, t.actor);
  },
});

export const orderTotalsTool = defineTool({
  name: "order_totals",
  description: "Total order value, for one customer or all in scope, over a period.",
  schema: z.object({ customer: z.string().optional().describe("One customer"), period: periodSchema.optional().describe("Default all"), owner: z.string().optional().describe("One rep's customers") }),
  async run(input, t) {
    const period = input.period ?? "all";
    const r = await orderTotals(domainContext(t), { ...(input.customer ? { customer: input.customer } : input.owner ? { owner: input.owner } : {}), ...periodRange(period, t.now, t.actor.timezone) });
    const who = r.customer?.name ?? (t.actor.role === "rep" ? tr(t.actor, "your customers", "你的客户") : tr(t.actor, "your team's customers", "团队客户"));
    const label = PERIOD_LABEL[period][t.actor.locale === "zh" ? 1 : 0];
    if (!r.count) return tr(t.actor, `No orders from ${who} (${label}).`, `${who}(${label})没有订单。`);
    const sums = r.totals.map((x) => fmtMoney(x.total, x.currency, t.actor)).join(" + ");
    // Over several customers the biggest buyers come with the total ("which customer ordered most?").
    const top = r.top.length > 1 ? tr(t.actor, " Top: ", " 金额最高:") + r.top.map((x) => `${x.customer.name} ${fmtMoney(x.total, x.currency, t.actor)}`).join(t.actor.locale === "zh" ? ";" : "; ") : "";
    return tr(t.actor, `Orders from ${who} (${label}): ${r.count}, total ${sums}.${top}`, `${who}(${label})订单 ${r.count} 笔,合计 ${sums}。${top}`);
  },
});

export const dealsClosingTool = defineTool({
  name: "deals_closing",
  description: "Open deals expected to close in a period (a named one, or from/to for a quarter or month), plus overdue ones when the period includes today; period all = the whole pipeline.",
  schema: z.object({
    period: periodSchema.describe("e.g. this_month; all = every open deal"),
    from: z.string().optional().describe("YYYY-MM-DD, instead of period (e.g. a quarter's first day)"),
    to: z.string().optional().describe("YYYY-MM-DD, exclusive"),
    owner: z.string().optional().describe("One rep"),
  }),
  async run(input, t) {
    const zh = t.actor.locale === "zh";
    // An explicit window ("Q2", "7月") replaces the named period; "all" is the whole open pipeline.
    const range = input.from && input.to ? { from: input.from, to: input.to }
      : input.period === "all" ? { from: "2000-01-01", to: "2100-01-01" } : periodRange(input.period, t.now, t.actor.timezone);
    const day = (d: string | Date) => (typeof d === "string" ? d : localDate(d, t.actor.timezone));
    // Deals already past their date belong to a window that includes today, not to a later quarter's list.
    const includeOverdue = day(range.from!) <= day(t.now);
    const r = await dealsClosing(domainContext(t), { ...range, includeOverdue, ...(input.owner ? { owner: input.owner } : {}) });
    const label = input.from && input.to ? `${input.from} – ${addDays(input.to, -1)}` : input.period === "all" ? (zh ? "(全部在谈)" : "(whole pipeline)") : PERIOD_LABEL[input.period][zh ? 1 : 0];
    if (!r.deals.length) return tr(t.actor, `No open deals expected to close ${label}.`, `${label}没有预计成交的商机。`);
    const lines = r.deals.slice(0, MAX).map((d) => `• ${d.customer.name} — ${d.title} (${d.stage}), ${fmtMoney(d.amount, d.currency, t.actor)}, ${fmtDay(d.expectedCloseAt, t.actor)}${d.overdue ? tr(t.actor, " — past its close date", " — 已过预计成交日") : ""}`);
    const head = input.period === "all" && !input.from ? tr(t.actor, "Open deals (pipeline):", "在谈的商机:") : tr(t.actor, `Deals closing ${label}:`, `${label}预计成交的商机:`);
    return head + "\n" + lines.join("\n") + more(r.deals.length, t.actor);
  },
});

export const activityByRepTool = defineTool({
  name: "activity_by_rep",
  description: "Per rep: calls, visits, meetings, emails, messages, follow-ups done and orders over a period.",
  schema: z.object({ period: periodSchema.describe("e.g. this_week"), owner: z.string().optional().describe("One rep") }),
  async run(input, t) {
    const r = await activityByRep(domainContext(t), { ...periodRange(input.period, t.now, t.actor.timezone), ...(input.owner ? { owner: input.owner } : {}) });
    const label = PERIOD_LABEL[input.period][t.actor.locale === "zh" ? 1 : 0];
    if (!r.length) return tr(t.actor, `No activity ${label}.`, `${label}没有活动记录。`);
    const lines = r.map((u) => {
      const i = u.interactions;
      return tr(t.actor,
        `• ${u.user.name}: ${i.total} interactions (${i.call} calls, ${i.visit} visits, ${i.meeting} meetings, ${i.email} emails, ${i.message} messages), ${u.followUpsCompleted} follow-ups done, ${u.orders.count} orders`,
        `• ${u.user.name}:互动 ${i.total} 次(电话 ${i.call},拜访 ${i.visit},会议 ${i.meeting},邮件 ${i.email},消息 ${i.message}),完成跟进 ${u.followUpsCompleted} 个,订单 ${u.orders.count} 笔`);
    });
    return tr(t.actor, `Activity ${label}:`, `${label}活动:`) + "\n" + lines.join("\n");
  },
});

export const listComplaintsTool = defineTool({
  name: "list_complaints",
  description: "Open complaints (in scope or for one customer), late ones first.",
  schema: z.object({
    customer: z.string().optional().describe("One customer"),
    overdue: z.boolean().optional().describe("Only past due"),
  }),
  async run(input, t) {
    const list = await listComplaints(domainContext(t), { customer: input.customer, status: input.overdue ? "overdue" : "open" });
    const zh = t.actor.locale === "zh";
    const whose = input.customer ? (list[0]?.customer ?? input.customer) : "";
    if (!list.length)
      return input.overdue
        ? tr(t.actor, "No complaint is past its due date.", "没有超期未处理的投诉。")
        : tr(t.actor, `No open complaints${whose ? ` for ${whose}` : ""}.`, `${whose ? `「${whose}」` : ""}没有未解决的投诉。`);
    const sev = { low: tr(t.actor, "low", "低"), medium: tr(t.actor, "medium", "中"), high: tr(t.actor, "high", "高") };
    const lines = list.slice(0, MAX).map((c) => {
      const late = c.overdue ? tr(t.actor, `OVERDUE since ${fmtDay(c.dueBy, t.actor)}`, `已超期(应于 ${fmtDay(c.dueBy, t.actor)} 前处理)`) : tr(t.actor, `due ${fmtDay(c.dueBy, t.actor)}`, `${fmtDay(c.dueBy, t.actor)} 前处理`);
      const about = c.description.length > 80 ? `${c.description.slice(0, 79)}…` : c.description;
      return zh ? `• ${c.customer}(${c.owner.name},严重程度${sev[c.severity]}):${about} — ${late}` : `• ${c.customer} (${c.owner.name}, ${sev[c.severity]}): ${about} — ${late}`;
    });
    return tr(t.actor, `Open complaints (${list.length}):`, `未解决的投诉(${list.length} 个):`) + "\n" + lines.join("\n") + more(list.length, t.actor);
  },
});
