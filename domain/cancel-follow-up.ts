// "no need to follow up with Summit any more": the follow-up is dropped, not done — the digest stops showing it.
import { z } from "zod";
import type { DomainContext } from "./context.ts";
import { inChange } from "./audit.repository.ts";
import { followUpRef, followUpSummary, needsTarget, pickOpenFollowUp, resolveTarget, targetMessage } from "./follow-up-target.ts";
import { parseInput } from "./validate.ts";

export const cancelFollowUpInput = z.object(followUpRef).refine(needsTarget, { message: targetMessage });

export async function cancelFollowUp(ctx: DomainContext, input: z.input<typeof cancelFollowUpInput>) {
  const data = parseInput(cancelFollowUpInput, input, ctx.actor.locale);
  const target = await resolveTarget(ctx, data);
  return inChange(ctx, async (tx, rec) => {
    const picked = await pickOpenFollowUp(tx, ctx, target, data.about);
    const after = await tx.followUp.update({ where: { id: picked.row.id }, data: { status: "cancelled" } });
    rec.updated("followUp", picked.row, after);
    return followUpSummary(picked, after);
  });
}
