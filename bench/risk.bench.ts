// npm run bench:risk -- --customers N [--json] [--naive-sample K] [--runs R]
// Generates N customers × 10 interactions (plus orders, complaints, surveys, follow-ups, deals) with set-based
// INSERT … SELECT generate_series, then times (a) the set-based at-risk scoring everyone uses
// (computeRiskSignals + scoreRisk) and (b) a naive loop that loads each customer's history through Prisma and
// scores it. PGlite by default; a scratch database on the PostgreSQL server when DATABASE_URL is set.
// The naive loop is timed on the first K customers (default: all up to 2,000) and extrapolated linearly when K < N;
// the output says so ("naiveSampled"). `--json` prints one object:
//   { customers, interactions, setBasedMs, naiveMs, ratio, peakRssMb, backend, naiveSampled, naiveExtrapolated, sameScores }
import { parseArgs } from "node:util";
import { scratchStores } from "../prisma/scratch.ts";
import type { Db } from "../domain/context.ts";
import { computeRiskSignals, type RiskSignals, type SeverityCode, type TierCode } from "../domain/risk-signals.repository.ts";
import { scoreRisk } from "../domain/risk-score.ts";
import { localDate, daysBetween } from "../domain/time.ts";

const { values } = parseArgs({
  options: {
    customers: { type: "string", default: "10000" },
    json: { type: "boolean", default: false },
    "naive-sample": { type: "string" },
    runs: { type: "string", default: "3" },
  },
});
const N = Number(values.customers);
const runs = Math.max(1, Number(values.runs));
const sample = Math.min(N, Number(values["naive-sample"] ?? Math.min(N, 2000)));
const NOW = new Date("2026-03-02T01:30:00Z");
const REPS = 20;
const say = (s: string) => values.json || process.stderr.write(s + "\n");

async function generate(db: Db): Promise<void> {
  const t0 = performance.now();
  await db.user.createMany({
    data: Array.from({ length: REPS }, (_, i) => ({ handle: `rep${i}`, name: `Rep ${i}`, timezone: i % 3 ? "Asia/Shanghai" : "America/New_York" })),
  });
  const [{ first }] = await db.$queryRaw<{ first: number }[]>`SELECT min(id) AS first FROM "User"`;
  // Deterministic "randomness" from ids, so every run (and both backends) scores the same data.
  await db.$executeRaw`
    INSERT INTO "Customer" (name, "ownerId", tier, stage, "searchKeys", "createdAt", "updatedAt")
    SELECT 'Customer ' || g, ${first}::int + g % ${REPS}, (ARRAY['A','B','C','D'])[1 + g % 4]::"Tier", 'repeat'::"Stage",
           ARRAY['customer ' || g], ${NOW.toISOString()}::timestamptz - make_interval(days => 400 + g % 300), now()
      FROM generate_series(1, ${N}::int) g`;
  await db.$executeRaw`
    INSERT INTO "Interaction" ("customerId", "userId", kind, "occurredAt", summary, sentiment)
    SELECT c.id, c."ownerId", (ARRAY['call','visit','meeting','email','message'])[1 + (c.id + k) % 5]::"InteractionKind",
           ${NOW.toISOString()}::timestamptz AT TIME ZONE 'UTC' - make_interval(days => (c.id * 37 + k * k * 11) % (40 + (c.id % 7) * 30), hours => k),
           'bench interaction', (ARRAY['positive','neutral','neutral','neutral','negative'])[1 + (c.id * 3 + k) % 5]::"Sentiment"
      FROM "Customer" c CROSS JOIN generate_series(1, 10) k`;
  await db.$executeRaw`
    INSERT INTO "Order" ("customerId", amount, "orderedAt")
    SELECT c.id, 1000 + (c.id * 13 + k * 101) % 90000,
           ${NOW.toISOString()}::timestamptz AT TIME ZONE 'UTC' - make_interval(days => (c.id % 90) + k * (30 + c.id % 60))
      FROM "Customer" c CROSS JOIN generate_series(0, 2 + c.id % 3) k`;
  await db.$executeRaw`
    INSERT INTO "Complaint" ("customerId", "ownerId", "openedAt", severity, description, status, "dueBy")
    SELECT c.id, c."ownerId", ${NOW.toISOString()}::timestamptz AT TIME ZONE 'UTC' - make_interval(days => c.id % 30),
           (ARRAY['low','medium','high'])[1 + c.id % 3]::"Severity", 'bench complaint',
           (CASE WHEN c.id % 3 = 0 THEN 'resolved' ELSE 'open' END)::"ComplaintStatus",
           ${NOW.toISOString()}::timestamptz AT TIME ZONE 'UTC' - make_interval(days => c.id % 30) + interval '5 days'
      FROM "Customer" c WHERE c.id % 10 = 0`;
  await db.$executeRaw`
    INSERT INTO "Survey" ("customerId", scale, score, "respondedAt")
    SELECT c.id, (CASE WHEN k = 0 THEN 'nps' ELSE 'csat' END)::"SurveyScale", CASE WHEN k = 0 THEN c.id % 11 ELSE 1 + c.id % 5 END,
           ${NOW.toISOString()}::timestamptz AT TIME ZONE 'UTC' - make_interval(days => (c.id * 7 + k * 50) % 400)
      FROM "Customer" c CROSS JOIN generate_series(0, 1) k WHERE c.id % 2 = 0`;
  await db.$executeRaw`
    INSERT INTO "FollowUp" ("customerId", "ownerId", "dueAt", title)
    SELECT c.id, c."ownerId", ${NOW.toISOString()}::timestamptz AT TIME ZONE 'UTC' + make_interval(days => c.id % 20 - 10), 'bench follow-up'
      FROM "Customer" c WHERE c.id % 3 = 0`;
  await db.$executeRaw`
    INSERT INTO "Deal" ("customerId", title, amount, "expectedCloseAt")
    SELECT c.id, 'bench deal', 50000, ${NOW.toISOString()}::timestamptz AT TIME ZONE 'UTC' + make_interval(days => c.id % 40 - 20)
      FROM "Customer" c WHERE c.id % 5 = 0`;
  // What autovacuum would have done on a live database: statistics and the visibility map (index-only scans).
  await db.$executeRawUnsafe(`VACUUM ANALYZE`);
  say(`generated ${N} customers in ${Math.round(performance.now() - t0)} ms`);
}

/** The naive way: one customer at a time, its whole history through Prisma, signals computed in JS. */
async function naiveScore(db: Db, limit: number): Promise<number> {
  const customers = await db.customer.findMany({
    where: { status: "active", stage: { not: "lost" } },
    include: { owner: { select: { timezone: true } } },
    orderBy: { id: "asc" },
    take: limit,
  });
  let total = 0;
  for (const c of customers) {
    const tz = c.owner.timezone;
    const today = localDate(NOW, tz);
    const days = (d: Date) => daysBetween(localDate(d, tz), today);
    const [ints, orders, complaints, surveys, follow, deals] = [
      await db.interaction.findMany({ where: { customerId: c.id, occurredAt: { lte: NOW } }, select: { occurredAt: true, sentiment: true } }),
      await db.order.findMany({ where: { customerId: c.id, orderedAt: { lte: NOW } }, orderBy: { orderedAt: "asc" }, select: { orderedAt: true, amount: true } }),
      await db.complaint.findMany({ where: { customerId: c.id, status: "open", openedAt: { lte: NOW } } }),
      await db.survey.findMany({ where: { customerId: c.id, respondedAt: { lte: NOW } }, orderBy: { respondedAt: "desc" } }),
      await db.followUp.findMany({ where: { customerId: c.id, status: "open", dueAt: { lt: NOW } } }),
      await db.deal.findMany({ where: { customerId: c.id, status: "open", expectedCloseAt: { lt: NOW } } }),
    ];
    const age = (d: Date) => (NOW.getTime() - d.getTime()) / 86_400_000;
    const gaps = orders.slice(1).map((o, i) => (o.orderedAt.getTime() - orders[i]!.orderedAt.getTime()) / 86_400_000).sort((a, b) => a - b);
    const median = gaps.length ? (gaps.length % 2 ? gaps[(gaps.length - 1) / 2]! : (gaps[gaps.length / 2 - 1]! + gaps[gaps.length / 2]!) / 2) : null;
    const rank = { low: 1, medium: 2, high: 3 } as const;
    const nps = surveys.find((s) => s.scale === "nps");
    const csat = surveys.find((s) => s.scale === "csat");
    const lastInt = ints.reduce<Date | null>((m, i) => (!m || i.occurredAt > m ? i.occurredAt : m), null);
    const s: RiskSignals = {
      customerId: c.id, name: c.name, ownerId: c.ownerId, tier: c.tier as TierCode, stage: c.stage, daysSinceCreated: days(c.createdAt),
      daysSinceContact: lastInt ? days(lastInt) : null,
      interactionsLast90: ints.filter((i) => age(i.occurredAt) <= 90).length,
      interactionsPrev90: ints.filter((i) => age(i.occurredAt) > 90 && age(i.occurredAt) <= 180).length,
      negativeLast60: ints.filter((i) => i.sentiment === "negative" && age(i.occurredAt) <= 60).length,
      orderCount: orders.length,
      daysSinceLastOrder: orders.length ? days(orders.at(-1)!.orderedAt) : null,
      medianOrderIntervalDays: median,
      meanOrderIntervalDays: gaps.length ? gaps.reduce((a, b) => a + b, 0) / gaps.length : null,
      orderValue12m: orders.filter((o) => age(o.orderedAt) <= 365).reduce((a, o) => a + Number(o.amount), 0),
      orderValueTotal: orders.reduce((a, o) => a + Number(o.amount), 0),
      openComplaints: complaints.length,
      overdueComplaints: complaints.filter((k) => k.dueBy < NOW).length,
      oldestOpenComplaintDays: complaints.length ? Math.max(...complaints.map((k) => days(k.openedAt))) : null,
      maxOpenSeverity: complaints.length ? (complaints.map((k) => k.severity).sort((a, b) => rank[b] - rank[a])[0] as SeverityCode) : null,
      maxComplaintDaysOverdue: complaints.some((k) => k.dueBy < NOW) ? Math.max(...complaints.filter((k) => k.dueBy < NOW).map((k) => days(k.dueBy))) : null,
      latestNps: nps?.score ?? null, npsDaysAgo: nps ? days(nps.respondedAt) : null,
      latestCsat: csat?.score ?? null, csatDaysAgo: csat ? days(csat.respondedAt) : null,
      overdueFollowUps: follow.length, maxFollowUpDaysOverdue: follow.length ? Math.max(...follow.map((f) => days(f.dueAt))) : null,
      overdueDeals: deals.length, maxDealDaysOverdue: deals.length ? Math.max(...deals.map((d) => days(d.expectedCloseAt))) : null,
    };
    total += scoreRisk(s).score;
  }
  return total;
}

async function setBased(db: Db): Promise<{ ms: number; atRisk: number; scores: Map<number, number> }> {
  const t0 = performance.now();
  const signals = await computeRiskSignals(db, { now: NOW });
  let atRisk = 0;
  const scores = new Map<number, number>();
  for (const s of signals) {
    const r = scoreRisk(s);
    scores.set(s.customerId, r.score);
    if (r.score >= 20) atRisk++;
  }
  return { ms: performance.now() - t0, atRisk, scores };
}

const stores = await scratchStores();
const store = await stores.open();
try {
  const db = store.prisma;
  await generate(db);
  const interactions = await db.interaction.count();
  const times: number[] = [];
  let last = { ms: 0, atRisk: 0, scores: new Map<number, number>() };
  for (let i = 0; i < runs; i++) {
    last = await setBased(db);
    times.push(last.ms);
    say(`set-based run ${i + 1}: ${Math.round(last.ms)} ms (${last.atRisk} at risk)`);
  }
  const setBasedMs = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  const t0 = performance.now();
  const naiveTotal = await naiveScore(db, sample);
  const sampledMs = performance.now() - t0;
  const naiveMs = (sampledMs / sample) * N;
  say(`naive: ${Math.round(sampledMs)} ms for ${sample} customers${sample < N ? `, extrapolated to ${Math.round(naiveMs)} ms for ${N}` : ""}`);
  const result = {
    customers: N,
    interactions,
    setBasedMs: Math.round(setBasedMs),
    naiveMs: Math.round(naiveMs),
    ratio: Math.round((naiveMs / setBasedMs) * 10) / 10,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    backend: store.kind,
    naiveSampled: sample,
    naiveExtrapolated: sample < N,
    setBasedRunsMs: times.map(Math.round),
    atRisk: last.atRisk,
    // Both paths must agree: the sum of the naive scores equals the set-based ones for the same customers.
    sameScores: naiveTotal === [...last.scores.entries()].sort((a, b) => a[0] - b[0]).slice(0, sample).reduce((t, [, v]) => t + v, 0),
  };
  process.stdout.write((values.json ? JSON.stringify(result) : JSON.stringify(result, null, 2)) + "\n");
} finally {
  await store.close();
  await stores.dispose();
}
