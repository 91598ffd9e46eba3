// The at-risk signals, computed set-based: one query per source table (customers with their interactions, orders,
// complaints, surveys, follow-ups, deals) over every active, non-lost customer in
// scope at once (never a query per customer), merged by customer id. Days are calendar days in the owner's time
// zone, so "51 days" is what the rep counts on a calendar, not elapsed 24-hour periods.
import { Prisma } from "@prisma/client";
import type { Db, Tx } from "./context.ts";

export type TierCode = "A" | "B" | "C" | "D";
export type SeverityCode = "low" | "medium" | "high";

export interface RiskSignals {
  customerId: number;
  name: string;
  ownerId: number;
  tier: TierCode;
  stage: string;
  /** Calendar days since the customer was added (stands in for "last contact" when there was none). */
  daysSinceCreated: number;
  // Interactions
  daysSinceContact: number | null;
  interactionsLast90: number;
  interactionsPrev90: number;
  negativeLast60: number;
  // Orders (RFM)
  orderCount: number;
  daysSinceLastOrder: number | null;
  medianOrderIntervalDays: number | null;
  meanOrderIntervalDays: number | null;
  orderValue12m: number;
  orderValueTotal: number;
  // Complaints
  openComplaints: number;
  overdueComplaints: number;
  oldestOpenComplaintDays: number | null;
  maxOpenSeverity: SeverityCode | null;
  maxComplaintDaysOverdue: number | null;
  // Surveys (latest of each scale)
  latestNps: number | null;
  npsDaysAgo: number | null;
  latestCsat: number | null;
  csatDaysAgo: number | null;
  // Follow-ups and deals
  overdueFollowUps: number;
  maxFollowUpDaysOverdue: number | null;
  overdueDeals: number;
  maxDealDaysOverdue: number | null;
}

export interface SignalQuery {
  now: Date;
  /** Only customers owned by these users (a rep's or a team's digest); all customers when omitted. */
  ownerIds?: number[];
  /** Only these customers. */
  customerIds?: number[];
}

const DAY = 86_400;

/**
 * The in-scope customers with the owner's "today" — every signal query joins its per-customer aggregate to this.
 * The stored timestamps are UTC wall-clock (`timestamp` without zone), hence `AT TIME ZONE 'UTC' AT TIME ZONE tz`.
 */
function base(q: SignalQuery, now: Prisma.Sql): Prisma.Sql {
  const owners = q.ownerIds ? Prisma.sql`AND c."ownerId" = ANY(${q.ownerIds}::int[])` : Prisma.empty;
  const ids = q.customerIds ? Prisma.sql`AND c.id = ANY(${q.customerIds}::int[])` : Prisma.empty;
  return Prisma.sql`
    base AS (
      SELECT c.id, u.timezone AS tz, ((${now} AT TIME ZONE 'UTC') AT TIME ZONE u.timezone)::date AS today
        FROM "Customer" c JOIN "User" u ON u.id = c."ownerId"
       WHERE c.status = 'active' AND c.stage <> 'lost' ${owners} ${ids}
    )`;
}

/** Calendar days between a stored UTC timestamp and the owner's today. */
const daysAgo = (col: Prisma.Sql) => Prisma.sql`(b.today - ((${col}) AT TIME ZONE 'UTC' AT TIME ZONE b.tz)::date)`;

type Row = Record<string, unknown> & { id: number };

/** The six signal queries, in the order computeRiskSignals reads them (exported for EXPLAIN and the benchmark). */
export function signalQueries(q: SignalQuery): Prisma.Sql[] {
  // The instants as plain UTC timestamps computed here, not expressions: an expression like
  // `$1::timestamptz AT TIME ZONE 'UTC' - interval '90 days'` is re-evaluated on each of a million rows.
  const at = (daysBefore: number) => Prisma.sql`${new Date(q.now.getTime() - daysBefore * 86_400_000).toISOString()}::timestamp`;
  const now = at(0);
  const [d60, d90, d180, d365] = [at(60), at(90), at(180), at(365)];
  const cte = base(q, now);
  // Each table is aggregated by customer on its own (cheap: one pass, integer group key) and then joined to the
  // scope; when the scope is a subset, the aggregate is limited to it up front.
  const scoped = q.ownerIds || q.customerIds;
  const inScope = (col: Prisma.Sql) => (scoped ? Prisma.sql`AND ${col} IN (SELECT id FROM base)` : Prisma.empty);
  return [
    // The customers themselves and their interaction signals (every customer has a row, contacted or not).
    Prisma.sql`WITH ${cte},
      a AS (SELECT i."customerId" AS id, max(i."occurredAt") AS last,
                   count(*) FILTER (WHERE i."occurredAt" >= ${d90})::int AS n90,
                   count(*) FILTER (WHERE i."occurredAt" >= ${d180} AND i."occurredAt" < ${d90})::int AS p90,
                   count(*) FILTER (WHERE i.sentiment = 'negative' AND i."occurredAt" >= ${d60})::int AS neg60
              FROM "Interaction" i WHERE i."occurredAt" <= ${now} ${inScope(Prisma.sql`i."customerId"`)}
             GROUP BY i."customerId")
      SELECT c.id, c.name, c."ownerId", c.tier::text AS tier, c.stage::text AS stage, ${daysAgo(Prisma.sql`c."createdAt"`)} AS created,
             ${daysAgo(Prisma.sql`a.last`)} AS last, a.n90, a.p90, a.neg60
        FROM base b JOIN "Customer" c ON c.id = b.id LEFT JOIN a ON a.id = b.id`,
    Prisma.sql`WITH ${cte},
      o AS (SELECT o."customerId" AS id, o."orderedAt", o.amount,
                   EXTRACT(EPOCH FROM o."orderedAt" - lag(o."orderedAt") OVER (PARTITION BY o."customerId" ORDER BY o."orderedAt")) / ${DAY} AS gap
              FROM "Order" o WHERE o."orderedAt" <= ${now} ${inScope(Prisma.sql`o."customerId"`)}),
      a AS (SELECT o.id, count(*)::int AS n, max(o."orderedAt") AS last,
                   (percentile_cont(0.5) WITHIN GROUP (ORDER BY o.gap))::float8 AS median_gap, avg(o.gap)::float8 AS mean_gap,
                   coalesce(sum(o.amount) FILTER (WHERE o."orderedAt" >= ${d365}), 0)::float8 AS v12,
                   sum(o.amount)::float8 AS vall
              FROM o GROUP BY o.id)
      SELECT a.id, a.n, ${daysAgo(Prisma.sql`a.last`)} AS last, a.median_gap, a.mean_gap, a.v12, a.vall FROM a JOIN base b ON b.id = a.id`,
    Prisma.sql`WITH ${cte},
      a AS (SELECT k."customerId" AS id, count(*)::int AS n, count(*) FILTER (WHERE k."dueBy" < ${now})::int AS overdue,
                   min(k."openedAt") AS oldest, max(CASE k.severity WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END) AS sev,
                   min(k."dueBy") FILTER (WHERE k."dueBy" < ${now}) AS late
              FROM "Complaint" k WHERE k.status = 'open' AND k."openedAt" <= ${now} ${inScope(Prisma.sql`k."customerId"`)}
             GROUP BY k."customerId")
      SELECT a.id, a.n, a.overdue, ${daysAgo(Prisma.sql`a.oldest`)} AS oldest, (ARRAY['low','medium','high'])[a.sev] AS severity,
             ${daysAgo(Prisma.sql`a.late`)} AS late
        FROM a JOIN base b ON b.id = a.id`,
    Prisma.sql`WITH ${cte},
      a AS (SELECT DISTINCT ON (s."customerId", s.scale) s."customerId" AS id, s.scale::text AS scale, s.score, s."respondedAt" AS at
              FROM "Survey" s WHERE s."respondedAt" <= ${now} ${inScope(Prisma.sql`s."customerId"`)}
             ORDER BY s."customerId", s.scale, s."respondedAt" DESC, s.id DESC)
      SELECT a.id, a.scale, a.score, ${daysAgo(Prisma.sql`a.at`)} AS ago FROM a JOIN base b ON b.id = a.id`,
    Prisma.sql`WITH ${cte},
      a AS (SELECT f."customerId" AS id, count(*)::int AS n, min(f."dueAt") AS late
              FROM "FollowUp" f WHERE f.status = 'open' AND f."dueAt" < ${now} ${inScope(Prisma.sql`f."customerId"`)}
             GROUP BY f."customerId")
      SELECT a.id, a.n, ${daysAgo(Prisma.sql`a.late`)} AS late FROM a JOIN base b ON b.id = a.id`,
    Prisma.sql`WITH ${cte},
      a AS (SELECT d."customerId" AS id, count(*)::int AS n, min(d."expectedCloseAt") AS late
              FROM "Deal" d WHERE d.status = 'open' AND d."expectedCloseAt" < ${now} ${inScope(Prisma.sql`d."customerId"`)}
             GROUP BY d."customerId")
      SELECT a.id, a.n, ${daysAgo(Prisma.sql`a.late`)} AS late FROM a JOIN base b ON b.id = a.id`,
  ];
}

export async function computeRiskSignals(db: Db | Tx, q: SignalQuery): Promise<RiskSignals[]> {
  const [customers, orders, complaints, surveys, followUps, deals] = (await Promise.all(
    signalQueries(q).map((sql) => db.$queryRaw<Row[]>(sql)),
  )) as [Row[], Row[], Row[], Row[], Row[], Row[]];

  const byId = new Map<number, RiskSignals>();
  for (const c of customers) {
    byId.set(c.id, {
      customerId: c.id,
      name: c.name as string,
      ownerId: c.ownerId as number,
      tier: c.tier as TierCode,
      stage: c.stage as string,
      daysSinceCreated: num(c.created),
      daysSinceContact: null,
      interactionsLast90: 0,
      interactionsPrev90: 0,
      negativeLast60: 0,
      orderCount: 0,
      daysSinceLastOrder: null,
      medianOrderIntervalDays: null,
      meanOrderIntervalDays: null,
      orderValue12m: 0,
      orderValueTotal: 0,
      openComplaints: 0,
      overdueComplaints: 0,
      oldestOpenComplaintDays: null,
      maxOpenSeverity: null,
      maxComplaintDaysOverdue: null,
      latestNps: null,
      npsDaysAgo: null,
      latestCsat: null,
      csatDaysAgo: null,
      overdueFollowUps: 0,
      maxFollowUpDaysOverdue: null,
      overdueDeals: 0,
      maxDealDaysOverdue: null,
    });
  }
  const each = (rows: Row[], fn: (s: RiskSignals, r: Row) => void) => {
    for (const r of rows) {
      const s = byId.get(r.id);
      if (s) fn(s, r);
    }
  };
  each(customers, (s, r) => {
    s.daysSinceContact = opt(r.last);
    s.interactionsLast90 = num(r.n90);
    s.interactionsPrev90 = num(r.p90);
    s.negativeLast60 = num(r.neg60);
  });
  each(orders, (s, r) => {
    s.orderCount = num(r.n);
    s.daysSinceLastOrder = num(r.last);
    s.medianOrderIntervalDays = opt(r.median_gap);
    s.meanOrderIntervalDays = opt(r.mean_gap);
    s.orderValue12m = num(r.v12);
    s.orderValueTotal = num(r.vall);
  });
  each(complaints, (s, r) => {
    s.openComplaints = num(r.n);
    s.overdueComplaints = num(r.overdue);
    s.oldestOpenComplaintDays = num(r.oldest);
    s.maxOpenSeverity = r.severity as SeverityCode;
    s.maxComplaintDaysOverdue = opt(r.late);
  });
  each(surveys, (s, r) => {
    if (r.scale === "nps") [s.latestNps, s.npsDaysAgo] = [num(r.score), num(r.ago)];
    else [s.latestCsat, s.csatDaysAgo] = [num(r.score), num(r.ago)];
  });
  each(followUps, (s, r) => {
    s.overdueFollowUps = num(r.n);
    s.maxFollowUpDaysOverdue = num(r.late);
  });
  each(deals, (s, r) => {
    s.overdueDeals = num(r.n);
    s.maxDealDaysOverdue = num(r.late);
  });
  return [...byId.values()];
}

const num = (v: unknown): number => (typeof v === "number" ? v : Number(v ?? 0));
const opt = (v: unknown): number | null => (v == null ? null : num(v));
