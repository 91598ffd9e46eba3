// The accounts themselves: list them, change a profile field or archive one, correct a contact's details, and the
// user's digest on demand ("what's my digest?", "whose birthday is coming up?").
import { z } from "zod";
import { listCustomers } from "../../domain/list-customers.ts";
import { updateCustomer } from "../../domain/update-customer.ts";
import { archiveCustomer } from "../../domain/archive-customer.ts";
import { updateContact } from "../../domain/update-contact.ts";
import { buildDigest } from "../../domain/build-digest.ts";
import { defineTool } from "./define-tool.ts";
import { domainContext } from "../turn-context.ts";
import { fmtDay, moreLine, t as tr } from "../format.ts";

const MAX = 30;

export const listCustomersTool = defineTool({
  name: "list_customers",
  description: "The user's (or team's, or one rep's) customers, by tier or stage.",
  schema: z.object({
    tier: z.enum(["A", "B", "C", "D"]).optional().describe("Only this tier"),
    stage: z.enum(["prospect", "new", "repeat", "loyal", "lost"]).optional().describe("Only this stage"),
    owner: z.string().optional().describe("One rep"),
  }),
  async run(input, t) {
    const r = await listCustomers(domainContext(t), input);
    const what = [input.tier && tr(t.actor, `tier ${input.tier}`, `${input.tier} 级`), input.stage].filter(Boolean).join(", ");
    if (!r.total) return tr(t.actor, `No ${what ? `${what} ` : ""}customers.`, `没有${what ? `${what}` : ""}客户。`);
    const lines = r.customers.slice(0, MAX).map((c) =>
      `• ${c.name} (${c.tier}, ${c.stage}${t.actor.role === "rep" ? "" : `, ${c.owner.name}`}) — ${c.lastContactAt ? tr(t.actor, `last contact ${fmtDay(c.lastContactAt, t.actor)}`, `上次联系 ${fmtDay(c.lastContactAt, t.actor)}`) : tr(t.actor, "never contacted", "从未联系")}`);
    return tr(t.actor, `Customers${what ? ` (${what})` : ""}: ${r.total}`, `客户${what ? `(${what})` : ""}:共 ${r.total} 个`) + "\n" + lines.join("\n") + moreLine(r.total, MAX, t.actor);
  },
});

export const updateCustomerTool = defineTool({
  name: "update_customer",
  description: "Change a customer's tier, stage, industry or region, or archive it.",
  schema: z.object({
    customer: z.string().describe("Customer"),
    tier: z.enum(["A", "B", "C", "D"]).optional(),
    stage: z.enum(["prospect", "new", "repeat", "loyal", "lost"]).optional(),
    industry: z.string().optional(),
    region: z.string().optional(),
    archive: z.boolean().optional().describe("true to archive"),
  }),
  async run({ archive, customer, ...fields }, t) {
    const ctx = domainContext(t);
    if (archive) {
      const r = await archiveCustomer(ctx, { customer });
      return tr(t.actor, `Archived ${r.customer.name}: it keeps its history but leaves lists, digests and name lookups. Say "undo" to restore it.`,
        `已归档「${r.customer.name}」:历史记录保留,但不再出现在列表、简报和名称查找中。说「撤销」可恢复。`);
    }
    const r = await updateCustomer(ctx, { customer, ...fields });
    if (!r.changed.length) return tr(t.actor, `${r.customer.name} already has that — nothing changed.`, `「${r.customer.name}」已经是这样,没有修改。`);
    const after = r.customer as Record<string, unknown>;
    const changes = r.changed.map((f) => `${f}: ${String(r.previous[f] ?? "—")} → ${String(after[f] ?? "—")}`).join(", ");
    return tr(t.actor, `Updated ${r.customer.name} (${changes}).`, `已更新「${r.customer.name}」(${changes})。`);
  },
});

export const updateContactTool = defineTool({
  name: "update_contact",
  description: "Change a contact's title, email, phone or birthday.",
  schema: z.object({
    contact: z.string().describe("Contact's name"),
    customer: z.string().optional().describe("Their customer, if needed"),
    title: z.string().optional(),
    email: z.string().optional(),
    phone: z.string().optional(),
    birthday: z.string().optional().describe("YYYY-MM-DD"),
  }),
  async run(input, t) {
    const r = await updateContact(domainContext(t), input);
    const c = r.contact as Record<string, unknown>;
    if (!r.changed.length) return tr(t.actor, `${r.contact.name} already has that — nothing changed.`, `${r.contact.name} 的信息已经是这样,没有修改。`);
    const changes = r.changed.map((f) => `${f}: ${String(c[f])}`).join(", ");
    return tr(t.actor, `Updated ${r.contact.name} at ${r.customer} (${changes}).`, `已更新 ${r.customer} 的联系人 ${r.contact.name}(${changes})。`);
  },
});

export const myDigestTool = defineTool({
  name: "my_digest",
  description: "The user's daily digest now: at-risk, follow-ups due, late complaints, birthdays this week.",
  schema: z.object({ only: z.enum(["birthdays"]).optional().describe("Just upcoming birthdays") }),
  async run(input, t) {
    const d = await buildDigest({ db: t.db, user: t.actor, now: t.now });
    if (input.only !== "birthdays") return d.text;
    if (!d.birthdays.length) return tr(t.actor, "No contact has a birthday in the next 7 days.", "未来 7 天没有联系人过生日。");
    return tr(t.actor, "Birthdays in the next 7 days:", "未来 7 天过生日的联系人:") + "\n" +
      d.birthdays.map((b) => `• ${b.contact} (${b.customer}) — ${b.date}${b.inDays === 0 ? tr(t.actor, " (today)", "(今天)") : ""}`).join("\n");
  },
});
