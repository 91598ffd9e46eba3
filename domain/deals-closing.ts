// "Which deals close this month?": open deals whose expected close falls in [from, to), plus the ones whose close
// date has already passed while still open (flagged overdue — they need a new date or a verdict). One query.
import { z } from "zod";
import type { DomainContext } from "./context.ts";
import { periodFields, resolvePeriod } from "./period.ts";
import { listOwnerIds } from "./scope.ts";
import { parseInput } from "./validate.ts";
import { DomainError } from "./errors.ts";

export const dealsClosingInput = z.object({
  ...periodFields,
  owner: z.string().trim().max(100).optional(),
  includeOverdue: z.boolean().default(true),
});

export interface ClosingDeal {
  id: number;
  title: string;
  stage: string;
  amount: number;
  currency: string;
  expectedCloseAt: Date;
  customer: { id: number; name: string };
  owner: { handle: string; name: string };
  /** Expected close is before now and the deal is still open. */
  overdue: boolean;
  inPeriod: boolean;
}

export interface DealsClosing {
  from: Date;
  to: Date;
  /** Soonest first; overdue ones (oldest first) come before the period's. */
  deals: ClosingDeal[];
  /** Per currency, over the deals expected in the period (overdue ones outside it not counted). */
  totals: { currency: string; total: number; count: number }[];
}

export async function dealsClosing(ctx: DomainContext, input: z.input<typeof dealsClosingInput>): Promise<DealsClosing> {
  const data = parseInput(dealsClosingInput, input, ctx.actor.locale);
  const { from, to } = resolvePeriod(input, data, ctx.actor.timezone, ctx.actor.locale);
  if (!from || !to)
    throw new DomainError("INVALID_INPUT", {
      message: "dealsClosing needs from and to",
      userMessage: ctx.actor.locale === "zh" ? "请给出时间段(开始和结束)。" : "Give a period: both 'from' and 'to'.",
      details: { field: from ? "to" : "from" },
    });
  const owners = await listOwnerIds(ctx.db, ctx.actor, data.owner);
  const rows = await ctx.db.deal.findMany({
    where: {
      status: "open",
      customer: { ownerId: { in: owners } },
      OR: [{ expectedCloseAt: { gte: from, lt: to } }, ...(data.includeOverdue ? [{ expectedCloseAt: { lt: ctx.now } }] : [])],
    },
    orderBy: [{ expectedCloseAt: "asc" }, { id: "asc" }],
    select: {
      id: true, title: true, stage: true, amount: true, currency: true, expectedCloseAt: true,
      customer: { select: { id: true, name: true, owner: { select: { handle: true, name: true } } } },
    },
  });
  const now = ctx.now.getTime();
  const deals = rows.map((d) => {
    const t = d.expectedCloseAt.getTime();
    return {
      id: d.id, title: d.title, stage: d.stage, amount: Number(d.amount), currency: d.currency, expectedCloseAt: d.expectedCloseAt,
      customer: { id: d.customer.id, name: d.customer.name },
      owner: d.customer.owner,
      overdue: t < now,
      inPeriod: t >= from.getTime() && t < to.getTime(),
    };
  });
  const sums = new Map<string, { currency: string; total: number; count: number }>();
  for (const d of deals.filter((x) => x.inPeriod)) {
    const s = sums.get(d.currency) ?? { currency: d.currency, total: 0, count: 0 };
    s.total = Math.round((s.total + d.amount) * 100) / 100; // cents, not float drift
    s.count++;
    sums.set(d.currency, s);
  }
  return { from, to, deals, totals: [...sums.values()].sort((a, b) => b.total - a.total) };
}
