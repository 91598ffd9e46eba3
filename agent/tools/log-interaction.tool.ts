import { z } from "zod";
import { logInteraction } from "../../domain/log-interaction.ts";
import { defineTool } from "./define-tool.ts";
import { toInstant } from "./dates.ts";
import { domainContext } from "../turn-context.ts";
import { fmtDay, t as tr } from "../format.ts";

const KIND_ZH: Record<string, string> = { call: "电话", visit: "拜访", meeting: "会议", email: "邮件", message: "消息" };
const SENT_ZH: Record<string, string> = { positive: "积极", neutral: "中性", negative: "消极" };

export const logInteractionTool = defineTool({
  name: "log_interaction",
  description: "Record a call, visit, meeting, email or message with a customer that already happened.",
  schema: z.object({
    customer: z.string().describe("Customer, as written"),
    kind: z.enum(["call", "visit", "meeting", "email", "message"]).describe("Channel"),
    occurredOn: z.string().optional().describe("YYYY-MM-DD; omit for today"),
    summary: z.string().describe("What happened"),
    sentiment: z.enum(["positive", "neutral", "negative"]).describe("Customer's mood"),
    contact: z.string().optional().describe("Person, if named"),
  }),
  async run(input, t) {
    const occurredAt = toInstant(input.occurredOn, t, "now", "occurredOn");
    const r = await logInteraction(domainContext(t), { ...input, occurredAt });
    const who = r.contact ? (t.actor.locale === "zh" ? `(${r.contact.name})` : ` with ${r.contact.name}`) : "";
    const i = r.interaction;
    return tr(
      t.actor,
      `Logged ${i.kind === "email" ? "an" : "a"} ${i.kind}${who} at ${r.customer.name} on ${fmtDay(i.occurredAt, t.actor)} (${i.sentiment}).`,
      `已记录:${fmtDay(i.occurredAt, t.actor)} ${r.customer.name}${who} ${KIND_ZH[i.kind]},情绪${SENT_ZH[i.sentiment]}。`,
    );
  },
});
