import { beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import type { Store } from "../../prisma/client.ts";
import { computeRiskSignals, type RiskSignals } from "../../domain/risk-signals.repository.ts";
import { scoreRisk, RISK_CONFIG } from "../../domain/risk-score.ts";

// One customer per signal, each with exactly the history that should trip it, plus a healthy control.
const NOW = new Date("2026-03-02T01:30:00Z"); // 09:30 in Shanghai
const ago = (days: number, hour = 2) => new Date(Date.UTC(2026, 2, 2 - days, hour));

let store: Store;
let ids: Record<string, number>;
let signals: Map<number, RiskSignals>;
const sig = (k: string) => signals.get(ids[k]!)!;

beforeAll(async () => {
  store = await freshStore();
  const db = store.prisma;
  const rep = await db.user.create({ data: { handle: "rep", name: "Rep", timezone: "Asia/Shanghai" } });
  const other = await db.user.create({ data: { handle: "other", name: "Other", timezone: "America/New_York" } });
  const mk = async (name: string, tier: "A" | "B" | "C" | "D" = "B", extra: Record<string, unknown> = {}) =>
    (await db.customer.create({ data: { name, ownerId: rep.id, tier, stage: "repeat", createdAt: ago(400), ...extra } })).id;
  ids = {
    healthy: await mk("Healthy"),
    silent: await mk("Silent", "B"),
    trend: await mk("Trend", "D"),
    orders: await mk("Orders"),
    complaint: await mk("Complaint"),
    survey: await mk("Survey"),
    negative: await mk("Negative"),
    followUp: await mk("FollowUp"),
    deal: await mk("Deal"),
    never: await mk("Never", "C", { createdAt: ago(100) }),
    archived: await mk("Archived", "B", { status: "archived" }),
    lost: await mk("Lost", "B", { stage: "lost" }),
    others: (await db.customer.create({ data: { name: "Others", ownerId: other.id, tier: "A", createdAt: ago(400) } })).id,
  };
  const touch = (key: string, days: number, sentiment: "positive" | "neutral" | "negative" = "neutral") => ({
    customerId: ids[key]!, userId: rep.id, kind: "call" as const, occurredAt: ago(days), summary: "x", sentiment,
  });
  await db.interaction.createMany({
    data: [
      ...Object.keys(ids).filter((k) => !["silent", "trend", "never", "negative"].includes(k)).map((k) => touch(k, 3)),
      touch("silent", 51),
      // Trend: 4 interactions 91–180 days ago, 1 in the last 90.
      touch("trend", 100), touch("trend", 120), touch("trend", 150), touch("trend", 170), touch("trend", 20),
      touch("negative", 10, "negative"), touch("negative", 40, "negative"), touch("negative", 70, "negative"),
      touch("healthy", 130), // older than 90 days: no trend drop because the last 90 also has one
      // A future interaction must not count as contact.
      { ...touch("silent", 0), occurredAt: new Date("2026-03-05T00:00:00Z") },
    ],
  });
  await db.order.createMany({
    data: [
      // Usually every 60 days; last one 180 days ago.
      ...[180, 240, 300, 360].map((d) => ({ customerId: ids.orders!, amount: 1000, orderedAt: ago(d) })),
      ...[10, 70, 130].map((d) => ({ customerId: ids.healthy!, amount: 50_000, orderedAt: ago(d) })),
    ],
  });
  await db.complaint.createMany({
    data: [
      { customerId: ids.complaint!, ownerId: rep.id, openedAt: ago(20), dueBy: ago(18), severity: "high", description: "late" },
      { customerId: ids.complaint!, ownerId: rep.id, openedAt: ago(5), dueBy: ago(-5), severity: "low", description: "typo" },
      { customerId: ids.healthy!, ownerId: rep.id, openedAt: ago(50), dueBy: ago(45), severity: "high", description: "old", status: "resolved", resolvedAt: ago(44) },
    ],
  });
  await db.survey.createMany({
    data: [
      { customerId: ids.survey!, scale: "nps", score: 9, respondedAt: ago(200) },
      { customerId: ids.survey!, scale: "nps", score: 3, respondedAt: ago(30) },
      { customerId: ids.survey!, scale: "csat", score: 2, respondedAt: ago(25) },
      { customerId: ids.healthy!, scale: "nps", score: 2, respondedAt: ago(300) },
      { customerId: ids.healthy!, scale: "nps", score: 10, respondedAt: ago(20) },
    ],
  });
  await db.followUp.createMany({
    data: [
      { customerId: ids.followUp!, ownerId: rep.id, dueAt: ago(10), title: "call back" },
      { customerId: ids.followUp!, ownerId: rep.id, dueAt: ago(3), title: "send quote" },
      { customerId: ids.healthy!, ownerId: rep.id, dueAt: ago(10), title: "done already", status: "done" },
      { customerId: ids.healthy!, ownerId: rep.id, dueAt: ago(-3), title: "not due yet" },
    ],
  });
  await db.deal.createMany({
    data: [
      { customerId: ids.deal!, title: "renewal", amount: 1, expectedCloseAt: ago(6) },
      { customerId: ids.healthy!, title: "won one", amount: 1, expectedCloseAt: ago(6), status: "won" },
      { customerId: ids.healthy!, title: "later", amount: 1, expectedCloseAt: ago(-30) },
    ],
  });
  signals = new Map((await computeRiskSignals(db, { now: NOW })).map((s) => [s.customerId, s]));
});

describe("computeRiskSignals", () => {
  it("covers active, non-lost customers only, and filters by owner", async () => {
    expect(signals.has(ids.archived!)).toBe(false);
    expect(signals.has(ids.lost!)).toBe(false);
    expect(signals.size).toBe(11);
    const mine = await computeRiskSignals(store.prisma, { now: NOW, ownerIds: [sig("others").ownerId] });
    expect(mine.map((s) => s.name)).toEqual(["Others"]);
  });

  it("days since last interaction, in calendar days, ignoring the future", () => {
    expect(sig("silent").daysSinceContact).toBe(51);
    expect(sig("healthy").daysSinceContact).toBe(3);
    expect(sig("never").daysSinceContact).toBeNull();
    expect(sig("never").daysSinceCreated).toBe(100);
  });

  it("interactions in the last 90 days against the 90 before", () => {
    expect(sig("trend")).toMatchObject({ interactionsLast90: 1, interactionsPrev90: 4 });
    expect(sig("healthy")).toMatchObject({ interactionsLast90: 1, interactionsPrev90: 1 });
  });

  it("order recency against the customer's own median interval, and 12-month value", () => {
    expect(sig("orders")).toMatchObject({ orderCount: 4, daysSinceLastOrder: 180, medianOrderIntervalDays: 60, meanOrderIntervalDays: 60 });
    expect(sig("healthy")).toMatchObject({ orderCount: 3, daysSinceLastOrder: 10, orderValue12m: 150_000 });
    expect(sig("trend").orderCount).toBe(0);
  });

  it("open complaints, the overdue ones, their age and worst severity", () => {
    expect(sig("complaint")).toMatchObject({
      openComplaints: 2, overdueComplaints: 1, oldestOpenComplaintDays: 20, maxOpenSeverity: "high", maxComplaintDaysOverdue: 18,
    });
    expect(sig("healthy").openComplaints).toBe(0); // resolved ones don't count
  });

  it("the latest NPS and CSAT", () => {
    expect(sig("survey")).toMatchObject({ latestNps: 3, npsDaysAgo: 30, latestCsat: 2 });
    expect(sig("healthy").latestNps).toBe(10);
  });

  it("negative interactions in the last 60 days", () => {
    expect(sig("negative").negativeLast60).toBe(2);
  });

  it("overdue open follow-ups and deals past their close date", () => {
    expect(sig("followUp")).toMatchObject({ overdueFollowUps: 2, maxFollowUpDaysOverdue: 10 });
    expect(sig("deal")).toMatchObject({ overdueDeals: 1, maxDealDaysOverdue: 6 });
    expect(sig("healthy")).toMatchObject({ overdueFollowUps: 0, overdueDeals: 0 });
  });
});

describe("scoreRisk", () => {
  const codes = (k: string) => scoreRisk(sig(k)).reasons.map((r) => r.code);

  it("each signal shows up as its own reason, in words", () => {
    expect(scoreRisk(sig("silent")).reasons[0]).toMatchObject({
      code: "no_contact", en: "no contact for 51 days — tier B expects 30", zh: "51 天未联系(B 级客户应每 30 天联系)",
    });
    expect(codes("trend")).toContain("fewer_interactions");
    expect(scoreRisk(sig("orders")).reasons.find((r) => r.code === "order_overdue")?.en).toBe("last order 180 days ago, usually every 60");
    expect(scoreRisk(sig("complaint")).reasons[0]?.en).toMatch(/complaints open, the oldest open 20 days, past its deadline/);
    expect(scoreRisk(sig("survey")).reasons[0]).toMatchObject({ code: "low_satisfaction", en: "latest NPS 3, CSAT 2/5 (unhappy)" });
    expect(scoreRisk(sig("negative")).reasons[0]?.en).toBe("2 negative interactions in the last 60 days");
    expect(scoreRisk(sig("followUp")).reasons[0]?.en).toBe("2 follow-ups overdue, the oldest by 10 days");
    expect(scoreRisk(sig("deal")).reasons[0]?.en).toBe("open deal 6 days past its expected close date");
    expect(scoreRisk(sig("never")).reasons[0]?.en).toMatch(/no contact recorded in the 100 days since it was added/);
  });

  it("a healthy customer scores 0 with no reasons", () => {
    expect(scoreRisk(sig("healthy"))).toEqual({ score: 0, reasons: [] });
  });

  it("is bounded 0–100 and follows the configured cadence", () => {
    const s = sig("silent");
    const worst = { ...s, daysSinceContact: 999, negativeLast60: 9, overdueFollowUps: 5, maxFollowUpDaysOverdue: 99, overdueDeals: 3, maxDealDaysOverdue: 99,
      openComplaints: 3, overdueComplaints: 3, oldestOpenComplaintDays: 99, maxOpenSeverity: "high" as const, latestNps: 0, npsDaysAgo: 1, latestCsat: 1, csatDaysAgo: 1 };
    expect(scoreRisk(worst).score).toBe(100);
    expect(scoreRisk(s, { ...RISK_CONFIG, cadenceDays: { ...RISK_CONFIG.cadenceDays, B: 60 } }).score).toBe(0);
  });
});
