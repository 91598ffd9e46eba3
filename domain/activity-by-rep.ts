// "What did my team do this week?": per rep in scope, interactions by kind, follow-ups completed and orders, over a
// period. One set-based query after the scope — every rep appears, including those with nothing to show.
import { z } from "zod";
import type { DomainContext } from "./context.ts";
import { DomainError } from "./errors.ts";
import { periodFields, resolvePeriod } from "./period.ts";
import { idList, listOwnerIds } from "./scope.ts";
import { parseInput } from "./validate.ts";

export const activityByRepInput = z.object({
  ...periodFields,
  owner: z.string().trim().max(100).optional(),
});

const KINDS = ["call", "visit", "meeting", "email", "message"] as const;
type Kind = (typeof KINDS)[number];

export interface RepActivity {
  user: { id: number; handle: string; name: string; role: string };
  interactions: Record<Kind, number> & { total: number };
  followUpsCompleted: number;
  /**
   * Orders placed in the period by the rep's customers (orders have no "recorded by"; imported ones have no actor,
   * so the account owner is the fair attribution). Per currency — never summed across currencies.
   */
  orders: { count: number; amounts: { currency: string; total: number; count: number }[] };
}

type Row = { src: "u" | "i" | "f" | "o"; uid: number; key: string | null; name: string | null; n: number; amount: string | null };

export async function activityByRep(ctx: DomainContext, input: z.input<typeof activityByRepInput>): Promise<RepActivity[]> {
  const data = parseInput(activityByRepInput, input, ctx.actor.locale);
  const { from, to } = resolvePeriod(input, data, ctx.actor.timezone, ctx.actor.locale);
  if (!from || !to)
    throw new DomainError("INVALID_INPUT", {
      message: "activityByRep needs from and to",
      userMessage: ctx.actor.locale === "zh" ? "请给出时间段(开始和结束)。" : "Give a period: both 'from' and 'to'.",
      details: { field: from ? "to" : "from" },
    });
  const ids = idList(await listOwnerIds(ctx.db, ctx.actor, data.owner));
  const rows = await ctx.db.$queryRaw<Row[]>`
    SELECT 'u' AS src, u.id AS uid, u.handle AS key, u.name, 0 AS n, u.role::text AS amount
      FROM "User" u WHERE u.id IN (${ids})
    UNION ALL
    SELECT 'i', i."userId", i.kind::text, NULL, count(*)::int, NULL
      FROM "Interaction" i
     WHERE i."userId" IN (${ids}) AND i."occurredAt" >= ${from} AND i."occurredAt" < ${to}
     GROUP BY i."userId", i.kind
    UNION ALL
    SELECT 'f', f."ownerId", NULL, NULL, count(*)::int, NULL
      FROM "FollowUp" f
     WHERE f."ownerId" IN (${ids}) AND f.status = 'done' AND f."completedAt" >= ${from} AND f."completedAt" < ${to}
     GROUP BY f."ownerId"
    UNION ALL
    SELECT 'o', c."ownerId", o.currency, NULL, count(*)::int, sum(o.amount)::text
      FROM "Order" o JOIN "Customer" c ON c.id = o."customerId"
     WHERE c."ownerId" IN (${ids}) AND o."orderedAt" >= ${from} AND o."orderedAt" < ${to}
     GROUP BY c."ownerId", o.currency`;
  const reps = new Map<number, RepActivity>();
  for (const r of rows.filter((x) => x.src === "u"))
    reps.set(Number(r.uid), {
      user: { id: Number(r.uid), handle: r.key!, name: r.name!, role: r.amount! },
      interactions: { call: 0, visit: 0, meeting: 0, email: 0, message: 0, total: 0 },
      followUpsCompleted: 0,
      orders: { count: 0, amounts: [] },
    });
  for (const r of rows) {
    const rep = reps.get(Number(r.uid));
    if (!rep || r.src === "u") continue;
    const n = Number(r.n);
    if (r.src === "i") {
      rep.interactions[r.key as Kind] += n;
      rep.interactions.total += n;
    } else if (r.src === "f") rep.followUpsCompleted += n;
    else {
      rep.orders.count += n;
      rep.orders.amounts.push({ currency: r.key!, total: Number(r.amount), count: n });
    }
  }
  for (const rep of reps.values()) rep.orders.amounts.sort((a, b) => b.total - a.total || a.currency.localeCompare(b.currency));
  // Most active first, then by handle, so the list reads as a leaderboard without being one.
  return [...reps.values()].sort((a, b) => b.interactions.total - a.interactions.total || a.user.handle.localeCompare(b.user.handle));
}
