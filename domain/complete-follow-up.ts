// "done with the Bluewave follow-up": closes one open follow-up; the reply says which when there were several.
import { z } from "zod";
import type { DomainContext } from "./context.ts";
import { inChange } from "./audit.repository.ts";
import { followUpRef, followUpSummary, needsTarget, pickOpenFollowUp, resolveTarget, targetMessage } from "./follow-up-target.ts";
import { parseInput } from "./validate.ts";

export const completeFollowUpInput = z.object(followUpRef).refine(needsTarget, { message: targetMessage });

export async function completeFollowUp(ctx: DomainContext, input: z.input<typeof completeFollowUpInput>) {
  const data = parseInput(completeFollowUpInput, input, ctx.actor.locale);
  const target = await resolveTarget(ctx, data);
  return inChange(ctx, async (tx, rec) => {
    const picked = await pickOpenFollowUp(tx, ctx, target, data.about);
    const after = await tx.followUp.update({ where: { id: picked.row.id }, data: { status: "done", completedAt: ctx.now } });
    rec.updated("followUp", picked.row, after);
    return followUpSummary(picked, after);
  });
}
