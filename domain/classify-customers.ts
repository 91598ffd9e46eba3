// A/B/C/D tier and lifecycle stage suggestions from what actually happened, set-based (one query for everyone in
// scope). The tier is the classic 4-quadrant rule, contact frequency × order value over the last 12 months:
//   high value + high contact → A (key account)       high value + low contact → B (valuable, under-served)
//   low value  + high contact → C (costly attention)  low value  + low contact → D
// The stage follows order history: none → prospect, 1 → new, 2+ → repeat, ≥4 in 12 months → loyal, and a customer
// who ordered before but has neither ordered in `lostAfterDays` nor been contacted in `silentDays` → lost.
import { Prisma } from "@prisma/client";
import type { Db, Tx } from "./context.ts";
import type { TierCode } from "./risk-signals.repository.ts";

export const CLASSIFY_CONFIG = {
  /** Interactions (any kind) in the last 12 months at or above which contact counts as "high" — about monthly. */
  highContactsPerYear: 12,
  /** Order value in the last 12 months at or above which value counts as "high" (amounts summed as recorded). */
  highValue12m: 100_000,
  /** Orders in the last 12 months that make a repeat customer loyal. */
  loyalOrders12m: 4,
  lostAfterDays: 365,
  /** A 12-month rule says little about a younger customer: below this age a suggestion is not "confident". */
  minHistoryDays: 365,
  silentDays: 180,
};

export type StageCode = "prospect" | "new" | "repeat" | "loyal" | "lost";

export interface CustomerClassFacts {
  contacts12m: number;
  orderValue12m: number;
  orders12m: number;
  ordersTotal: number;
  daysSinceLastOrder: number | null;
  daysSinceContact: number | null;
}

export interface CustomerClassification extends CustomerClassFacts {
  customerId: number;
  name: string;
  ownerId: number;
  tier: TierCode;
  stage: StageCode;
  suggestedTier: TierCode;
  suggestedStage: StageCode;
  /** The customer has been on file at least `minHistoryDays`, so the 12-month figures are a fair basis. */
  fullYear: boolean;
}

/** The pure rule, exported for tests and for explaining a suggestion. */
export function suggestClass(f: CustomerClassFacts, cfg = CLASSIFY_CONFIG): { tier: TierCode; stage: StageCode } {
  const highValue = f.orderValue12m >= cfg.highValue12m;
  const highContact = f.contacts12m >= cfg.highContactsPerYear;
  const tier: TierCode = highValue ? (highContact ? "A" : "B") : highContact ? "C" : "D";
  let stage: StageCode;
  if (f.ordersTotal === 0) stage = "prospect";
  else if ((f.daysSinceLastOrder ?? 0) > cfg.lostAfterDays && (f.daysSinceContact == null || f.daysSinceContact > cfg.silentDays)) stage = "lost";
  else if (f.orders12m >= cfg.loyalOrders12m) stage = "loyal";
  else if (f.ordersTotal >= 2) stage = "repeat";
  else stage = "new";
  return { tier, stage };
}

export async function classifyCustomers(
  db: Db | Tx,
  opts: { now: Date; ownerIds?: number[] },
  cfg = CLASSIFY_CONFIG,
): Promise<CustomerClassification[]> {
  const owners = opts.ownerIds ? Prisma.sql`AND c."ownerId" = ANY(${opts.ownerIds}::int[])` : Prisma.empty;
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    WITH p AS (SELECT ${opts.now.toISOString()}::timestamptz AT TIME ZONE 'UTC' AS now_utc),
    base AS (SELECT c.id, c.name, c."ownerId", c.tier::text AS tier, c.stage::text AS stage,
                   floor(EXTRACT(EPOCH FROM p.now_utc - c."createdAt") / 86400)::int AS age
              FROM "Customer" c CROSS JOIN p WHERE c.status = 'active' ${owners}),
    i AS (SELECT i."customerId" AS id,
                 count(*) FILTER (WHERE i."occurredAt" >= p.now_utc - interval '365 days')::int AS n12,
                 floor(EXTRACT(EPOCH FROM p.now_utc - max(i."occurredAt")) / 86400)::int AS last
            FROM "Interaction" i JOIN base b ON b.id = i."customerId" CROSS JOIN p
           WHERE i."occurredAt" <= p.now_utc GROUP BY i."customerId", p.now_utc),
    o AS (SELECT o."customerId" AS id, count(*)::int AS n,
                 count(*) FILTER (WHERE o."orderedAt" >= p.now_utc - interval '365 days')::int AS n12,
                 coalesce(sum(o.amount) FILTER (WHERE o."orderedAt" >= p.now_utc - interval '365 days'), 0)::float8 AS v12,
                 floor(EXTRACT(EPOCH FROM p.now_utc - max(o."orderedAt")) / 86400)::int AS last
            FROM "Order" o JOIN base b ON b.id = o."customerId" CROSS JOIN p
           WHERE o."orderedAt" <= p.now_utc GROUP BY o."customerId", p.now_utc)
    SELECT b.*, coalesce(i.n12, 0) AS contacts12m, i.last AS "lastContact", coalesce(o.n, 0) AS orders,
           coalesce(o.n12, 0) AS orders12m, coalesce(o.v12, 0) AS value12m, o.last AS "lastOrder"
      FROM base b LEFT JOIN i ON i.id = b.id LEFT JOIN o ON o.id = b.id
     ORDER BY b.id`;
  return rows.map((r) => {
    const facts: CustomerClassFacts = {
      contacts12m: Number(r.contacts12m),
      orderValue12m: Number(r.value12m),
      orders12m: Number(r.orders12m),
      ordersTotal: Number(r.orders),
      daysSinceLastOrder: r.lastOrder == null ? null : Number(r.lastOrder),
      daysSinceContact: r.lastContact == null ? null : Number(r.lastContact),
    };
    const s = suggestClass(facts, cfg);
    return {
      customerId: Number(r.id),
      name: String(r.name),
      ownerId: Number(r.ownerId),
      tier: r.tier as TierCode,
      stage: r.stage as StageCode,
      suggestedTier: s.tier,
      suggestedStage: s.stage,
      fullYear: Number(r.age) >= cfg.minHistoryDays,
      ...facts,
    };
  });
}
