// "Which accounts are at risk?" — the customers in scope, scored and ranked, each with its reasons. By default the
// actor's scope (a rep their own customers, a manager the team's, an admin everyone); reads are company-wide, so a
// caller may pass explicit owner ids (a colleague's list, a digest's scope).
import { z } from "zod";
import type { DomainContext } from "./context.ts";
import { parseInput } from "./validate.ts";
import { visibleOwnerIds } from "./scope.ts";
import { computeRiskSignals, type RiskSignals } from "./risk-signals.repository.ts";
import { RISK_CONFIG, scoreRisk, type RiskConfig, type RiskReason } from "./risk-score.ts";

export const listAtRiskInput = z.object({
  ownerIds: z.array(z.number().int().positive()).optional(),
  limit: z.number().int().min(1).max(10_000).optional(),
  minScore: z.number().min(0).max(100).optional(),
});

export interface AtRiskCustomer {
  customerId: number;
  customer: { id: number; name: string; tier: string; stage: string };
  owner: { id: number; handle: string; name: string };
  score: number;
  reasons: RiskReason[];
  signals: RiskSignals;
}

export async function listAtRisk(
  ctx: DomainContext,
  input: z.input<typeof listAtRiskInput> = {},
  config: RiskConfig = RISK_CONFIG,
): Promise<AtRiskCustomer[]> {
  const { ownerIds, limit, minScore } = parseInput(listAtRiskInput, input, ctx.actor.locale);
  const scope = ownerIds ?? (ctx.actor.role === "admin" ? undefined : await visibleOwnerIds(ctx.db, ctx.actor));
  const signals = await computeRiskSignals(ctx.db, { now: ctx.now, ...(scope ? { ownerIds: scope } : {}) });
  const floor = minScore ?? config.minScore;
  const ranked = signals
    .map((s) => ({ s, r: scoreRisk(s, config) }))
    .filter((x) => x.r.score >= floor && x.r.score > 0)
    // Ties: the one with more at stake (order value), then by name so the order is stable.
    .sort((a, b) => b.r.score - a.r.score || b.s.orderValue12m - a.s.orderValue12m || a.s.name.localeCompare(b.s.name))
    .slice(0, limit ?? 20);
  const owners = await ctx.db.user.findMany({
    where: { id: { in: [...new Set(ranked.map((x) => x.s.ownerId))] } },
    select: { id: true, handle: true, name: true },
  });
  const byId = new Map(owners.map((o) => [o.id, o]));
  return ranked.map(({ s, r }) => ({
    customerId: s.customerId,
    customer: { id: s.customerId, name: s.name, tier: s.tier, stage: s.stage },
    owner: byId.get(s.ownerId) ?? { id: s.ownerId, handle: "?", name: "?" },
    score: r.score,
    reasons: r.reasons,
    signals: s,
  }));
}
