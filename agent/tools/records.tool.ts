// Orders, surveys and complaints: additive records the user can undo.
import { z } from "zod";
import { recordOrder } from "../../domain/record-order.ts";
import { recordSurvey } from "../../domain/record-survey.ts";
import { openComplaint } from "../../domain/open-complaint.ts";
import { resolveComplaint } from "../../domain/resolve-complaint.ts";
import { defineTool } from "./define-tool.ts";
import { toInstant } from "./dates.ts";
import { domainContext } from "../turn-context.ts";
import { fmtDay, fmtMoney, t as tr } from "../format.ts";

export const recordOrderTool = defineTool({
  name: "record_order",
  description: "Record an order a customer placed.",
  schema: z.object({
    customer: z.string().describe("Customer"),
    amount: z.number().describe("e.g. 120000 for 12万"),
    currency: z.string().optional().describe("Default CNY"),
    orderedOn: z.string().optional().describe("YYYY-MM-DD; omit for today"),
  }),
  async run(input, t) {
    const orderedAt = toInstant(input.orderedOn, t, "now", "orderedOn");
    const r = await recordOrder(domainContext(t), { customer: input.customer, amount: input.amount, currency: input.currency, orderedAt });
    const stage = r.customer.suggestedStage
      ? tr(t.actor, ` Order history now suggests stage "${r.customer.suggestedStage}" (recorded: ${r.customer.stage}).`, `按订单记录,客户阶段建议为「${r.customer.suggestedStage}」(当前:${r.customer.stage})。`)
      : "";
    return tr(t.actor, `Recorded an order of ${fmtMoney(r.order.amount, r.order.currency, t.actor)} from ${r.customer.name} on ${fmtDay(r.order.orderedAt, t.actor)}.${stage}`,
      `已记录订单:${r.customer.name} ${fmtMoney(r.order.amount, r.order.currency, t.actor)},${fmtDay(r.order.orderedAt, t.actor)}。${stage}`);
  },
});

export const recordSurveyTool = defineTool({
  name: "record_survey",
  description: "Record a survey score: NPS 0-10 or CSAT 1-5.",
  schema: z.object({
    customer: z.string().describe("Customer"),
    scale: z.enum(["nps", "csat"]).describe("nps 0-10, csat 1-5"),
    score: z.number().describe("The score"),
    comment: z.string().optional().describe("What they said"),
  }),
  async run(input, t) {
    const r = await recordSurvey(domainContext(t), input);
    return tr(t.actor, `Recorded ${r.survey.scale.toUpperCase()} ${r.survey.score} for ${r.customer.name}.`, `已记录「${r.customer.name}」的 ${r.survey.scale.toUpperCase()} 评分:${r.survey.score} 分。`);
  },
});

const SEV_ZH: Record<string, string> = { high: "高", medium: "中", low: "低" };

export const openComplaintTool = defineTool({
  name: "open_complaint",
  description: "Open a complaint from a customer.",
  schema: z.object({
    customer: z.string().describe("Customer"),
    description: z.string().describe("What they complained about"),
    severity: z.enum(["low", "medium", "high"]).describe("high if urgent or serious"),
  }),
  async run(input, t) {
    const r = await openComplaint(domainContext(t), input);
    const c = r.complaint;
    return tr(t.actor, `Opened a ${c.severity}-severity complaint for ${r.customer.name}, owner ${r.owner.name}, due by ${fmtDay(c.dueBy, t.actor)}.`,
      `已登记「${r.customer.name}」的投诉(严重程度:${SEV_ZH[c.severity]}),负责人 ${r.owner.name},须在 ${fmtDay(c.dueBy, t.actor)} 前处理。`);
  },
});

export const resolveComplaintTool = defineTool({
  name: "resolve_complaint",
  description: "Mark a customer's open complaint resolved.",
  schema: z.object({
    customer: z.string().describe("Customer"),
    about: z.string().optional().describe("Words about the problem, if several are open"),
  }),
  async run(input, t) {
    const r = await resolveComplaint(domainContext(t), input);
    const left = r.stillOpen.length ? tr(t.actor, ` ${r.stillOpen.length} still open.`, `还有 ${r.stillOpen.length} 个投诉未解决。`) : "";
    return tr(t.actor, `Resolved the complaint "${r.complaint.description}" for ${r.customer.name}.${left}`, `已将「${r.customer.name}」的投诉「${r.complaint.description}」标记为已解决。${left}`);
  },
});
