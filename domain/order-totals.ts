// "How much has Acme ordered?" / "what did my team sell this quarter?": order value per currency (never summed
// across currencies), for one customer or every customer in the actor's scope, optionally within a period.
import { z } from "zod";
import type { DomainContext } from "./context.ts";
import { resolveCustomer } from "./find-customers.ts";
import { periodFields, resolvePeriod } from "./period.ts";
import { listOwnerIds } from "./scope.ts";
import { parseInput } from "./validate.ts";

export const orderTotalsInput = z.object({
  /** One customer (by any name); otherwise every customer in scope. */
  customer: z.string().trim().min(1).max(200).optional(),
  /** One owner's customers (handle or name); default the actor's scope. Ignored when a customer is named. */
  owner: z.string().trim().max(100).optional(),
  ...periodFields,
});

export interface OrderTotals {
  customer: { id: number; name: string } | null;
  from: Date | null;
  to: Date | null;
  /** Orders counted, all currencies. */
  count: number;
  /** Largest total first. */
  totals: { currency: string; total: number; count: number }[];
  /** Over every customer in scope: the biggest buyers, largest first (answers "which customer ordered most?"). */
  top: { customer: { id: number; name: string }; currency: string; total: number }[];
}

export async function orderTotals(ctx: DomainContext, input: z.input<typeof orderTotalsInput>): Promise<OrderTotals> {
  const data = parseInput(orderTotalsInput, input, ctx.actor.locale);
  const period = resolvePeriod(input, data, ctx.actor.timezone, ctx.actor.locale);
  // A named customer is a single-record read (company-wide); a total "for everyone" is a list (scoped).
  const customer = data.customer ? await resolveCustomer({ db: ctx.db, actor: ctx.actor, query: data.customer }) : null;
  const owners = customer ? null : await listOwnerIds(ctx.db, ctx.actor, data.owner);
  const where = {
    ...(customer ? { customerId: customer.id } : { customer: { ownerId: { in: owners! } } }),
    ...(period.from || period.to ? { orderedAt: { ...(period.from ? { gte: period.from } : {}), ...(period.to ? { lt: period.to } : {}) } } : {}),
  };
  const groups = await ctx.db.order.groupBy({ by: ["currency"], where, _sum: { amount: true }, _count: { _all: true } });
  // One more grouped query (not one per customer) for the ranking; a single customer has none.
  const byCustomer = customer ? [] : await ctx.db.order.groupBy({ by: ["customerId", "currency"], where, _sum: { amount: true } });
  const ranked = byCustomer.map((g) => ({ id: g.customerId, currency: g.currency, total: Number(g._sum.amount ?? 0) })).sort((a, b) => b.total - a.total || a.id - b.id).slice(0, 3);
  const names = new Map((ranked.length ? await ctx.db.customer.findMany({ where: { id: { in: ranked.map((r) => r.id) } }, select: { id: true, name: true } }) : []).map((c) => [c.id, c.name]));
  const totals = groups
    .map((g) => ({ currency: g.currency, total: Number(g._sum.amount ?? 0), count: g._count._all }))
    .sort((a, b) => b.total - a.total || a.currency.localeCompare(b.currency));
  return {
    customer: customer ? { id: customer.id, name: customer.name } : null,
    from: period.from ?? null,
    to: period.to ?? null,
    count: totals.reduce((n, t) => n + t.count, 0),
    totals,
    top: ranked.map((r) => ({ customer: { id: r.id, name: names.get(r.id) ?? "" }, currency: r.currency, total: r.total })),
  };
}
