// The at-risk signals, computed set-based: one query per source table over every active, non-lost customer in
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
 * The in-scope customers with the owner's "today" — every signal query starts from this CTE. The stored
 * timestamps are UTC wall-clock (`timestamp` without zone), hence `AT TIME ZONE 'UTC' AT TIME ZONE tz`.
 */
function base(q: SignalQuery): Prisma.Sql {
  const owners = q.ownerIds ? Prisma.sql`AND c."ownerId" = ANY(${q.ownerIds}::int[])` : Prisma.empty;
  const ids = q.customerIds ? Prisma.sql`AND c.id = ANY(${q.customerIds}::int[])` : Prisma.empty;
  const now = q.now.toISOString();
  return Prisma.sql`
    p AS (SELECT ${now}::timestamptz AT TIME ZONE 'UTC' AS now_utc),
    base AS (
      SELECT c.id, u.timezone AS tz, p.now_utc, ((p.now_utc AT TIME ZONE 'UTC') AT TIME ZONE u.timezone)::date AS today
        FROM "Customer" c JOIN "User" u ON u.id = c."ownerId" CROSS JOIN p
       WHERE c.status = 'active' AND c.stage <> 'lost' ${owners} ${ids}
    )`;
}

/** Calendar days between a stored UTC timestamp and the owner's today. */
const daysAgo = (col: Prisma.Sql) => Prisma.sql`(b.today - ((${col}) AT TIME ZONE 'UTC' AT TIME ZONE b.tz)::date)`;

type Row = Record<string, unknown> & { id: number };

export async function computeRiskSignals(db: Db | Tx, q: SignalQuery): Promise<RiskSignals[]> {
  const cte = base(q);
  const [customers, interactions, orders, complaints, surveys, followUps, deals] = await Promise.all([
    db.$queryRaw<Row[]>`WITH ${cte}
      SELECT c.id, c.name, c."ownerId", c.tier::text AS tier, c.stage::text AS stage, ${daysAgo(Prisma.sql`c."createdAt"`)} AS created
        FROM base b JOIN "Customer" c ON c.id = b.id`,
    db.$queryRaw<Row[]>`WITH ${cte}
      SELECT b.id, ${daysAgo(Prisma.sql`max(i."occurredAt")`)} AS last,
             count(*) FILTER (WHERE i."occurredAt" >= b.now_utc - interval '90 days' AND i."occurredAt" <= b.now_utc)::int AS n90,
             count(*) FILTER (WHERE i."occurredAt" >= b.now_utc - interval '180 days' AND i."occurredAt" < b.now_utc - interval '90 days')::int AS p90,
             count(*) FILTER (WHERE i.sentiment = 'negative' AND i."occurredAt" >= b.now_utc - interval '60 days' AND i."occurredAt" <= b.now_utc)::int AS neg60
        FROM base b JOIN "Interaction" i ON i."customerId" = b.id AND i."occurredAt" <= b.now_utc
       GROUP BY b.id, b.today, b.tz`,
    db.$queryRaw<Row[]>`WITH ${cte},
      o AS (SELECT o."customerId" AS id, o."orderedAt", o.amount,
                   EXTRACT(EPOCH FROM o."orderedAt" - lag(o."orderedAt") OVER (PARTITION BY o."customerId" ORDER BY o."orderedAt")) / ${DAY} AS gap
              FROM "Order" o JOIN base b ON b.id = o."customerId" WHERE o."orderedAt" <= b.now_utc)
      SELECT b.id, count(*)::int AS n, ${daysAgo(Prisma.sql`max(o."orderedAt")`)} AS last,
             (percentile_cont(0.5) WITHIN GROUP (ORDER BY o.gap))::float8 AS median_gap, avg(o.gap)::float8 AS mean_gap,
             coalesce(sum(o.amount) FILTER (WHERE o."orderedAt" >= b.now_utc - interval '365 days'), 0)::float8 AS v12,
             sum(o.amount)::float8 AS vall
        FROM base b JOIN o ON o.id = b.id
       GROUP BY b.id, b.today, b.tz`,
    db.$queryRaw<Row[]>`WITH ${cte}
      SELECT b.id, count(*)::int AS n, count(*) FILTER (WHERE k."dueBy" < b.now_utc)::int AS overdue,
             ${daysAgo(Prisma.sql`min(k."openedAt")`)} AS oldest,
             (array_agg(k.severity::text ORDER BY CASE k.severity WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END DESC))[1] AS severity,
             ${daysAgo(Prisma.sql`min(k."dueBy") FILTER (WHERE k."dueBy" < b.now_utc)`)} AS late
        FROM base b JOIN "Complaint" k ON k."customerId" = b.id AND k.status = 'open' AND k."openedAt" <= b.now_utc
       GROUP BY b.id, b.today, b.tz`,
    db.$queryRaw<Row[]>`WITH ${cte}
      SELECT DISTINCT ON (b.id, s.scale) b.id, s.scale::text AS scale, s.score, ${daysAgo(Prisma.sql`s."respondedAt"`)} AS ago
        FROM base b JOIN "Survey" s ON s."customerId" = b.id AND s."respondedAt" <= b.now_utc
       ORDER BY b.id, s.scale, s."respondedAt" DESC, s.id DESC`,
    db.$queryRaw<Row[]>`WITH ${cte}
      SELECT b.id, count(*)::int AS n, ${daysAgo(Prisma.sql`min(f."dueAt")`)} AS late
        FROM base b JOIN "FollowUp" f ON f."customerId" = b.id AND f.status = 'open' AND f."dueAt" < b.now_utc
       GROUP BY b.id, b.today, b.tz`,
    db.$queryRaw<Row[]>`WITH ${cte}
      SELECT b.id, count(*)::int AS n, ${daysAgo(Prisma.sql`min(d."expectedCloseAt")`)} AS late
        FROM base b JOIN "Deal" d ON d."customerId" = b.id AND d.status = 'open' AND d."expectedCloseAt" < b.now_utc
       GROUP BY b.id, b.today, b.tz`,
  ]);

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
  each(interactions, (s, r) => {
    s.daysSinceContact = num(r.last);
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
