// "push the Acme follow-up to Monday" / "snooze it 3 days": moves the due date, keeps it open.
import { z } from "zod";
import type { DomainContext } from "./context.ts";
import { inChange } from "./audit.repository.ts";
import { DomainError } from "./errors.ts";
import { followUpRef, followUpSummary, needsTarget, pickOpenFollowUp, resolveTarget, targetMessage } from "./follow-up-target.ts";
import { atLocalTime } from "./local-date-input.ts";
import { dateField } from "./shared.ts";
import { parseInput } from "./validate.ts";

export const snoozeFollowUpInput = z
  .object({
    ...followUpRef,
    /** The new due date (a bare date means 09:00 in the actor's zone) … */
    until: dateField.optional(),
    /** … or how many days to push it from its current due date. */
    days: z.coerce.number().int().min(1, "must be at least 1").max(365, "is more than a year").optional(),
  })
  .refine(needsTarget, { message: targetMessage })
  .refine((r) => r.until != null || r.days != null, { message: "give a new date (until) or a number of days", path: ["until"] });

export async function snoozeFollowUp(ctx: DomainContext, input: z.input<typeof snoozeFollowUpInput>) {
  const data = parseInput(snoozeFollowUpInput, input, ctx.actor.locale);
  const zh = ctx.actor.locale === "zh";
  const target = await resolveTarget(ctx, data);
  return inChange(ctx, async (tx, rec) => {
    const picked = await pickOpenFollowUp(tx, ctx, target, data.about);
    // Days push from the later of its due date and now: snoozing an overdue item 2 days means 2 days from today.
    const dueAt = data.until
      ? atLocalTime(input.until, data.until, ctx.actor.timezone)
      : new Date(Math.max(picked.row.dueAt.getTime(), ctx.now.getTime()) + data.days! * 86_400_000);
    if (dueAt <= ctx.now)
      throw new DomainError("INVALID_INPUT", {
        message: `snooze until ${dueAt.toISOString()} is not in the future`,
        userMessage: zh ? "日期有误:推迟后的时间必须在将来。" : "Invalid until: a snoozed follow-up must be due in the future.",
        details: { field: "until" },
      });
    const after = await tx.followUp.update({ where: { id: picked.row.id }, data: { dueAt } });
    rec.updated("followUp", picked.row, after);
    return { ...followUpSummary(picked, after), previousDueAt: picked.row.dueAt };
  });
}
