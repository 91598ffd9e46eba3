// Reading one customer: who owns it, when we last talked, the 360° summary.
import { z } from "zod";
import { findCustomers } from "../../domain/find-customers.ts";
import { customerSummary } from "../../domain/customer-summary.ts";
import { lastInteraction } from "../../domain/last-interaction.ts";
import { defineTool } from "./define-tool.ts";
import { domainContext } from "../turn-context.ts";
import { fmtDay, fmtMoney, t as tr } from "../format.ts";

const KIND_ZH: Record<string, string> = { call: "电话", visit: "拜访", meeting: "会议", email: "邮件", message: "消息" };

export const findCustomerTool = defineTool({
  name: "find_customer",
  description: "Find customers by name, alias or contact; shows owner, tier and stage.",
  schema: z.object({ name: z.string().describe("Name to look for") }),
  async run(input, t) {
    const list = (await findCustomers({ db: t.db, actor: t.actor, query: input.name })).slice(0, 5);
    if (!list.length) return tr(t.actor, `No customer matches "${input.name}".`, `没有找到与「${input.name}」匹配的客户。`);
    const rows = await t.db.customer.findMany({ where: { id: { in: list.map((c) => c.id) } }, select: { id: true, tier: true, stage: true } });
    const info = new Map(rows.map((r) => [r.id, r]));
    return list
      .map((c) => tr(t.actor, `${c.name} — owner ${c.ownerName} (${c.ownerHandle}), tier ${info.get(c.id)?.tier}, ${info.get(c.id)?.stage}`,
        `${c.name} — 负责人 ${c.ownerName}(${c.ownerHandle}),${info.get(c.id)?.tier} 级,${info.get(c.id)?.stage}`))
      .join("\n");
  },
});

export const lastContactTool = defineTool({
  name: "last_contact",
  description: "When we last talked to a customer (or one of its contacts), and what about.",
  schema: z.object({ customer: z.string().describe("Customer"), contact: z.string().optional().describe("Contact name") }),
  async run(input, t) {
    const r = await lastInteraction(domainContext(t), input);
    if (!r.last) return tr(t.actor, `No interactions with ${r.customer.name} on record.`, `「${r.customer.name}」还没有任何互动记录。`);
    const l = r.last;
    return tr(t.actor,
      `Last contact with ${r.customer.name}: ${fmtDay(l.occurredAt, t.actor)} (${r.daysAgo} days ago), ${l.kind}${l.contact ? ` with ${l.contact}` : ""} by ${l.by.name}: ${l.summary}`,
      `最近一次联系「${r.customer.name}」:${fmtDay(l.occurredAt, t.actor)}(${r.daysAgo} 天前),${l.by.name} ${KIND_ZH[l.kind]}${l.contact ? `(${l.contact})` : ""}:${l.summary}`);
  },
});

export const customerSummaryTool = defineTool({
  name: "customer_summary",
  description: "A customer's 360° view: owner, contacts, recent interactions, open follow-ups, complaints, orders, deals, NPS; with contact, just that person's card.",
  schema: z.object({ customer: z.string().describe("Customer"), contact: z.string().optional().describe("One contact's details only") }),
  async run(input, t) {
    const s = await customerSummary(domainContext(t), { customer: input.customer });
    const a = t.actor;
    const zh = a.locale === "zh";
    const person = input.contact ? contactCard(s, input.contact, zh) : null;
    if (person) return person;
    const lines: string[] = [];
    lines.push(zh
      ? `${s.name}:${s.tier} 级,${s.stage},${[s.industry, s.region].filter(Boolean).join(",")},负责人 ${s.owner.name}${s.status === "archived" ? "(已归档)" : ""}`
      : `${s.name}: tier ${s.tier}, ${s.stage}, ${[s.industry, s.region].filter(Boolean).join(", ")}, owner ${s.owner.name}${s.status === "archived" ? " (archived)" : ""}`);
    if (s.contacts.length) lines.push((zh ? "联系人:" : "Contacts: ") + s.contacts.map((c) => {
      const about = [c.title, c.phone, c.email, c.birthday ? birthdayText(c.birthday, zh) : null].filter(Boolean).join(", ");
      return `${c.name}${about ? ` (${about})` : ""}`;
    }).join(zh ? "、" : ", "));
    for (const i of s.recentInteractions.slice(0, 3))
      lines.push(`• ${fmtDay(i.occurredAt, a)} ${zh ? KIND_ZH[i.kind] : i.kind}${i.contact ? ` (${i.contact})` : ""}: ${i.summary}${i.sentiment === "negative" ? (zh ? "(消极)" : " (negative)") : ""}`);
    if (!s.recentInteractions.length) lines.push(zh ? "暂无互动记录。" : "No interactions yet.");
    for (const c of s.openComplaints)
      lines.push(zh ? `⚠ 未解决投诉(${c.severity}):${c.description},${fmtDay(c.openedAt, a)} 提出${c.overdue ? ",已超期" : ""}`
        : `⚠ Open complaint (${c.severity}): ${c.description}, opened ${fmtDay(c.openedAt, a)}${c.overdue ? ", past due" : ""}`);
    for (const f of s.openFollowUps.slice(0, 3))
      lines.push(zh ? `跟进:${fmtDay(f.dueAt, a)} ${f.title}${f.overdue ? "(已逾期)" : ""}` : `Follow-up: ${fmtDay(f.dueAt, a)} ${f.title}${f.overdue ? " (overdue)" : ""}`);
    if (s.orders.count)
      lines.push(zh ? `订单:${s.orders.count} 笔,合计 ${s.orders.totals.map((x) => fmtMoney(x.total, x.currency, a)).join(" + ")},最近 ${fmtDay(s.orders.lastOrderAt!, a)}`
        : `Orders: ${s.orders.count}, total ${s.orders.totals.map((x) => fmtMoney(x.total, x.currency, a)).join(" + ")}, last ${fmtDay(s.orders.lastOrderAt!, a)}`);
    for (const d of s.openDeals)
      lines.push(zh ? `商机:${d.title}(${d.stage}),${fmtMoney(d.amount, d.currency, a)},预计 ${fmtDay(d.expectedCloseAt, a)} 成交${d.overdue ? ",已过期" : ""}`
        : `Deal: ${d.title} (${d.stage}), ${fmtMoney(d.amount, d.currency, a)}, closing ${fmtDay(d.expectedCloseAt, a)}${d.overdue ? ", past its date" : ""}`);
    if (s.nps) lines.push(`NPS ${s.nps.score} (${fmtDay(s.nps.respondedAt, a)})${s.nps.comment ? `: ${s.nps.comment}` : ""}`);
    if (s.csat) lines.push(`CSAT ${s.csat.score}/5 (${fmtDay(s.csat.respondedAt, a)})`);
    return lines.join("\n");
  },
});

type Summary = Awaited<ReturnType<typeof customerSummary>>;

/** "Kevin Li — COO at Acme Robotics; phone …; birthday March 4": the one person asked about (matched by any name part). */
function contactCard(s: Summary, name: string, zh: boolean): string | null {
  const want = name.toLowerCase().trim();
  const c = s.contacts.find((x) => x.name.toLowerCase() === want) ?? s.contacts.find((x) => x.name.toLowerCase().split(/\s+/).includes(want) || x.name.includes(name));
  if (!c) return null;
  const parts = zh
    ? [`${c.name}:${s.name}${c.title ? `,${c.title}` : ""}`, c.phone && `电话 ${c.phone}`, c.email && `邮箱 ${c.email}`, c.birthday && `生日 ${birthdayText(c.birthday, true)}`]
    : [`${c.name} — ${c.title ? `${c.title} at ` : ""}${s.name}`, c.phone && `phone ${c.phone}`, c.email && `email ${c.email}`, c.birthday && `birthday ${birthdayText(c.birthday, false)}`];
  return parts.filter(Boolean).join(zh ? ";" : "; ");
}

const MONTH = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
/** A stored birthday (YYYY-MM-DD, or --MM-DD without a year) as people say it: "March 4" / "3月4日". */
function birthdayText(b: string, zh: boolean): string {
  const m = /(\d{2})-(\d{2})$/.exec(b);
  if (!m) return b;
  const [mm, dd] = [Number(m[1]), Number(m[2])];
  return zh ? `${mm}月${dd}日` : `${MONTH[mm - 1]} ${dd}`;
}
