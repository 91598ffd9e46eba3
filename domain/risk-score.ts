// A pure, explainable at-risk score: signals → 0–100 plus the reasons, in English and Chinese, a rep would agree
// with. Every weight and threshold lives in RISK_CONFIG (documented in README "At-risk scoring") so it is tuned in
// one place and a test can pin it.
import type { RiskSignals, TierCode } from "./risk-signals.repository.ts";

export const RISK_CONFIG = {
  /** How often each tier expects contact, in days. */
  cadenceDays: { A: 14, B: 30, C: 45, D: 60 } as Record<TierCode, number>,
  /** Contact overdue: 0 points at the cadence, the full weight at `fullAtRatio` × the cadence. */
  recency: { weight: 35, fullAtRatio: 2.5 },
  /** Fewer interactions in the last 90 days than the 90 before: weight × the share lost, once it is ≥ minDrop. */
  trend: { weight: 10, minDrop: 0.5, minPrevious: 1 },
  /** Order overdue against the customer's own median interval (or `singleOrderDays` after a single order). */
  orders: { weight: 20, graceRatio: 1.5, fullAtRatio: 3, singleOrderDays: 120 },
  /** Open complaints: by worst severity, plus a penalty once past the deadline, plus a little per week open. */
  complaints: { severity: { low: 6, medium: 12, high: 18 }, overdue: 10, perWeekOpen: 1, max: 32 },
  /** Latest survey, if answered within `maxAgeDays`: NPS 0–6 are detractors, CSAT 1–3 unhappy. */
  surveys: { npsWeight: 25, npsBelow: 7, csatWeight: 20, csatBelow: 4, maxAgeDays: 365, max: 25 },
  /** Negative interactions in the last 60 days. */
  sentiment: { perNegative: 8, max: 16 },
  /** Open follow-ups past due: a base plus half a point per day late. */
  followUps: { base: 8, perDayLate: 0.5, max: 15 },
  /** Open deals past their expected close date. */
  deals: { base: 8, perDayLate: 0.5, max: 15 },
  /** Below this a customer is not listed as at risk. */
  minScore: 20,
};

export type RiskConfig = typeof RISK_CONFIG;

export interface RiskReason {
  code: string;
  /** Points this reason added (reasons are listed worst first). */
  points: number;
  en: string;
  zh: string;
}

export interface RiskScore {
  score: number;
  reasons: RiskReason[];
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
const SEV_ZH = { low: "低", medium: "中", high: "高" } as const;

export function scoreRisk(s: RiskSignals, config: RiskConfig = RISK_CONFIG): RiskScore {
  const reasons: RiskReason[] = [];
  const add = (code: string, points: number, en: string, zh: string) => {
    if (points > 0) reasons.push({ code, points: Math.round(points * 10) / 10, en, zh });
  };

  // Recency against the tier's cadence.
  const cadence = config.cadenceDays[s.tier] ?? config.cadenceDays.C;
  const silent = s.daysSinceContact ?? s.daysSinceCreated;
  const ratio = silent / cadence;
  if (ratio > 1) {
    const pts = config.recency.weight * clamp((ratio - 1) / (config.recency.fullAtRatio - 1), 0, 1);
    if (s.daysSinceContact == null)
      add("no_contact", pts, `no contact recorded in the ${silent} days since it was added — tier ${s.tier} expects every ${cadence}`,
        `建档 ${silent} 天以来没有联系记录(${s.tier} 级客户应每 ${cadence} 天联系)`);
    else
      add("no_contact", pts, `no contact for ${silent} days — tier ${s.tier} expects ${cadence}`,
        `${silent} 天未联系(${s.tier} 级客户应每 ${cadence} 天联系)`);
  }

  // Interaction trend.
  const prev = s.interactionsPrev90;
  if (prev >= config.trend.minPrevious && s.interactionsLast90 < prev) {
    const drop = (prev - s.interactionsLast90) / prev;
    if (drop >= config.trend.minDrop)
      add("fewer_interactions", config.trend.weight * drop,
        s.interactionsLast90 === 0
          ? `no interactions in the last 90 days (${prev} in the 90 before)`
          : `${plural(s.interactionsLast90, "interaction")} in the last 90 days, down from ${prev} in the 90 before`,
        `近 90 天互动 ${s.interactionsLast90} 次,之前 90 天为 ${prev} 次`);
  }

  // Order recency against the customer's own rhythm (RFM recency/frequency).
  if (s.daysSinceLastOrder != null) {
    const usual = s.orderCount >= 2 ? (s.medianOrderIntervalDays ?? s.meanOrderIntervalDays) : null;
    const expected = Math.max(1, usual ?? config.orders.singleOrderDays);
    const r = s.daysSinceLastOrder / expected;
    if (r > config.orders.graceRatio) {
      const pts = config.orders.weight * clamp((r - config.orders.graceRatio) / (config.orders.fullAtRatio - config.orders.graceRatio), 0.15, 1);
      const every = Math.round(expected);
      if (usual != null)
        add("order_overdue", pts, `last order ${s.daysSinceLastOrder} days ago, usually every ${every}`,
          `上次下单在 ${s.daysSinceLastOrder} 天前(通常每 ${every} 天一单)`);
      else
        add("order_overdue", pts, `only order was ${s.daysSinceLastOrder} days ago, none since`,
          `唯一一笔订单在 ${s.daysSinceLastOrder} 天前,此后再无订单`);
    }
  }

  // Open complaints.
  if (s.openComplaints > 0 && s.maxOpenSeverity) {
    const c = config.complaints;
    const age = s.oldestOpenComplaintDays ?? 0;
    const late = s.overdueComplaints > 0;
    const pts = Math.min(c.max, c.severity[s.maxOpenSeverity] + (late ? c.overdue : 0) + Math.floor(age / 7) * c.perWeekOpen);
    const n = s.openComplaints;
    const en = `${n > 1 ? `${n} complaints open, the oldest` : `${s.maxOpenSeverity}-severity complaint`} open ${age} days${late ? ", past its deadline" : ""}`;
    const zh = `${n > 1 ? `${n} 个投诉未解决,最早的` : `${SEV_ZH[s.maxOpenSeverity]}级投诉`}已开启 ${age} 天${late ? ",已超过处理期限" : ""}`;
    add(late ? "complaint_overdue" : "complaint_open", pts, en, zh);
  }

  // Latest satisfaction.
  const sv = config.surveys;
  let surveyPts = 0;
  const survey: { en: string[]; zh: string[] } = { en: [], zh: [] };
  if (s.latestNps != null && (s.npsDaysAgo ?? 0) <= sv.maxAgeDays && s.latestNps < sv.npsBelow) {
    surveyPts += (sv.npsWeight * (sv.npsBelow - s.latestNps)) / sv.npsBelow;
    survey.en.push(`NPS ${s.latestNps}`);
    survey.zh.push(`NPS 评分 ${s.latestNps}`);
  }
  if (s.latestCsat != null && (s.csatDaysAgo ?? 0) <= sv.maxAgeDays && s.latestCsat < sv.csatBelow) {
    surveyPts += (sv.csatWeight * (sv.csatBelow - s.latestCsat)) / (sv.csatBelow - 1);
    survey.en.push(`CSAT ${s.latestCsat}/5`);
    survey.zh.push(`满意度 ${s.latestCsat}/5`);
  }
  if (surveyPts > 0)
    add("low_satisfaction", Math.min(sv.max, surveyPts), `latest ${survey.en.join(", ")} (unhappy)`, `最近一次 ${survey.zh.join("、")}(不满意)`);

  // Recent negative sentiment.
  if (s.negativeLast60 > 0)
    add("negative_sentiment", Math.min(config.sentiment.max, s.negativeLast60 * config.sentiment.perNegative),
      `${plural(s.negativeLast60, "negative interaction")} in the last 60 days`,
      `近 60 天有 ${s.negativeLast60} 次负面互动`);

  // Overdue follow-ups.
  if (s.overdueFollowUps > 0) {
    const late = s.maxFollowUpDaysOverdue ?? 0;
    const f = config.followUps;
    add("follow_up_overdue", Math.min(f.max, f.base + late * f.perDayLate),
      s.overdueFollowUps > 1 ? `${s.overdueFollowUps} follow-ups overdue, the oldest by ${plural(late, "day")}` : `follow-up overdue by ${plural(late, "day")}`,
      s.overdueFollowUps > 1 ? `${s.overdueFollowUps} 个跟进已逾期,最久 ${late} 天` : `跟进已逾期 ${late} 天`);
  }

  // Deals past their close date.
  if (s.overdueDeals > 0) {
    const late = s.maxDealDaysOverdue ?? 0;
    const d = config.deals;
    add("deal_overdue", Math.min(d.max, d.base + late * d.perDayLate),
      s.overdueDeals > 1 ? `${s.overdueDeals} open deals past their close date` : `open deal ${plural(late, "day")} past its expected close date`,
      s.overdueDeals > 1 ? `${s.overdueDeals} 个商机已过预计成交日期` : `商机已超过预计成交日期 ${late} 天`);
  }

  reasons.sort((a, b) => b.points - a.points);
  const total = reasons.reduce((t, r) => t + r.points, 0);
  return { score: Math.round(clamp(total, 0, 100)), reasons };
}
