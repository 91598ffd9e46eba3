// "Acme ordered 120k": one order, and nothing else. The lifecycle stage it implies (the first order makes a prospect
// a new customer — 首购, the second a repeat one — 复购) is reported as a suggestion, not written: a rep who logs an
// order expects exactly that order recorded (and undone), and the stored stage is the team's own call, which the
// digest's classification compares against order history.
import { z } from "zod";
import type { DomainContext } from "./context.ts";
import { inChange } from "./audit.repository.ts";
import { DomainError } from "./errors.ts";
import { amountField, currencyField, dateField } from "./shared.ts";
import { parseInput } from "./validate.ts";
import { loadForChange, resolveForChange } from "./writable-customer.ts";

export const recordOrderInput = z.object({
  customer: z.string().trim().min(1, "which customer"),
  amount: amountField,
  currency: currencyField,
  orderedAt: dateField.optional(),
});

type Stage = "prospect" | "new" | "repeat" | "loyal" | "lost";

/** The stage this order implies, given how many orders the customer now has. */
export function stageAfterOrder(current: Stage, orderCount: number): Stage {
  if (current === "loyal") return current;
  const implied: Stage = orderCount <= 1 ? "new" : "repeat";
  if (current === "lost") return implied === "new" ? "new" : "repeat";
  const rank = { prospect: 0, new: 1, repeat: 2 } as const;
  return rank[implied] > rank[current] ? implied : current;
}

export async function recordOrder(ctx: DomainContext, input: z.input<typeof recordOrderInput>) {
  const data = parseInput(recordOrderInput, input, ctx.actor.locale);
  const zh = ctx.actor.locale === "zh";
  const orderedAt = data.orderedAt ?? ctx.now;
  if (orderedAt.getTime() > ctx.now.getTime() + 24 * 3600_000)
    throw new DomainError("INVALID_INPUT", {
      message: `orderedAt ${orderedAt.toISOString()} is in the future`,
      userMessage: zh ? "日期有误:订单日期不能在将来。" : "Invalid orderedAt: an order can't be in the future.",
      details: { field: "orderedAt" },
    });
  const found = await resolveForChange(ctx.db, ctx.actor, data.customer);
  return inChange(ctx, async (tx, rec) => {
    const customer = await loadForChange(tx, ctx.actor, found.id);
    const row = await tx.order.create({ data: { customerId: customer.id, amount: data.amount, currency: data.currency, orderedAt } });
    rec.created("order", row);
    const orders = await tx.order.count({ where: { customerId: customer.id } });
    const suggested = stageAfterOrder(customer.stage, orders);
    return {
      order: { id: row.id, amount: Number(row.amount), currency: row.currency, orderedAt: row.orderedAt },
      customer: { id: customer.id, name: customer.name, stage: customer.stage, ...(suggested !== customer.stage ? { suggestedStage: suggested } : {}) },
      orderCount: orders,
    };
  });
}
