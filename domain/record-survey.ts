// A satisfaction result (满意度): NPS 0–10 or CSAT 1–5, whole numbers. A score outside its scale is a misheard
// number or the wrong scale, so it is refused with the range rather than stored.
import { z } from "zod";
import type { DomainContext } from "./context.ts";
import { inChange } from "./audit.repository.ts";
import { DomainError } from "./errors.ts";
import { dateField } from "./shared.ts";
import { parseInput } from "./validate.ts";
import { loadForChange, resolveForChange } from "./writable-customer.ts";

export const SURVEY_RANGE = { nps: [0, 10], csat: [1, 5] } as const;

export const recordSurveyInput = z
  .object({
    customer: z.string().trim().min(1, "which customer"),
    scale: z.enum(["nps", "csat"]),
    score: z.coerce.number({ invalid_type_error: "must be a number" }).int("must be a whole number"),
    respondedAt: dateField.optional(),
    comment: z.string().trim().max(5000).optional(),
  })
  .superRefine((r, ctx) => {
    const [lo, hi] = SURVEY_RANGE[r.scale];
    if (r.score < lo || r.score > hi)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["score"], message: `${r.scale.toUpperCase()} scores are ${lo}–${hi}, not ${r.score}` });
  });

export async function recordSurvey(ctx: DomainContext, input: z.input<typeof recordSurveyInput>) {
  const data = parseInput(recordSurveyInput, input, ctx.actor.locale);
  const zh = ctx.actor.locale === "zh";
  const respondedAt = data.respondedAt ?? ctx.now;
  if (respondedAt.getTime() > ctx.now.getTime() + 24 * 3600_000)
    throw new DomainError("INVALID_INPUT", {
      message: `respondedAt ${respondedAt.toISOString()} is in the future`,
      userMessage: zh ? "日期有误:调查时间不能在将来。" : "Invalid respondedAt: a survey can't be answered in the future.",
      details: { field: "respondedAt" },
    });
  const found = await resolveForChange(ctx.db, ctx.actor, data.customer);
  return inChange(ctx, async (tx, rec) => {
    const customer = await loadForChange(tx, ctx.actor, found.id);
    const row = await tx.survey.create({
      data: { customerId: customer.id, scale: data.scale, score: data.score, respondedAt, comment: data.comment ?? null },
    });
    rec.created("survey", row);
    return {
      survey: { id: row.id, scale: row.scale, score: row.score, respondedAt: row.respondedAt, comment: row.comment },
      customer: { id: customer.id, name: customer.name },
    };
  });
}
