// Deals: open one, or move it along (stage, amount, close date, won/lost).
import { z } from "zod";
import { openDeal } from "../../domain/open-deal.ts";
import { advanceDeal } from "../../domain/advance-deal.ts";
import { defineTool } from "./define-tool.ts";
import { toInstant } from "./dates.ts";
import { domainContext } from "../turn-context.ts";
import { fmtDay, fmtMoney, t as tr } from "../format.ts";

export const openDealTool = defineTool({
  name: "open_deal",
  description: "Open a sales deal (opportunity) with a customer.",
  schema: z.object({
    customer: z.string().describe("Customer"),
    title: z.string().describe("What the deal is"),
    amount: z.number().describe("Expected value"),
    currency: z.string().optional().describe("Default CNY"),
    closeOn: z.string().describe("YYYY-MM-DD"),
  }),
  async run(input, t) {
    const r = await openDeal(domainContext(t), {
      customer: input.customer, title: input.title, amount: input.amount, currency: input.currency,
      expectedCloseAt: toInstant(input.closeOn, t, "23:59", "closeOn")!,
    });
    const d = r.deal;
    return tr(t.actor, `Opened deal "${d.title}" with ${r.customer.name}: ${fmtMoney(d.amount, d.currency, t.actor)}, closing ${fmtDay(d.expectedCloseAt, t.actor)}.`,
      `已新建商机「${d.title}」(${r.customer.name}):${fmtMoney(d.amount, d.currency, t.actor)},预计 ${fmtDay(d.expectedCloseAt, t.actor)} 成交。`);
  },
});

export const updateDealTool = defineTool({
  name: "update_deal",
  description: "Update a customer's deal: stage, amount, close date, or won/lost.",
  schema: z.object({
    customer: z.string().describe("Customer"),
    deal: z.string().optional().describe("Title words, if several"),
    status: z.enum(["open", "won", "lost"]).optional().describe("won/lost when decided"),
    stage: z.string().optional().describe("New stage"),
    amount: z.number().optional().describe("New amount"),
    closeOn: z.string().optional().describe("YYYY-MM-DD"),
  }),
  async run(input, t) {
    const r = await advanceDeal(domainContext(t), {
      customer: input.customer, deal: input.deal, status: input.status, stage: input.stage, amount: input.amount,
      expectedCloseAt: toInstant(input.closeOn, t, "23:59", "closeOn"),
    });
    const d = r.deal;
    const zhStatus = { open: "进行中", won: "赢单", lost: "丢单" }[d.status] ?? d.status;
    return tr(t.actor, `Deal "${d.title}" (${r.customer.name}) is now ${d.status}, ${d.stage}, ${fmtMoney(d.amount, d.currency, t.actor)}, closing ${fmtDay(d.expectedCloseAt, t.actor)}.`,
      `商机「${d.title}」(${r.customer.name})已更新:${zhStatus},阶段 ${d.stage},${fmtMoney(d.amount, d.currency, t.actor)},预计 ${fmtDay(d.expectedCloseAt, t.actor)} 成交。`);
  },
});
