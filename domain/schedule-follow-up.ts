// "follow up with Acme Friday": a dated to-do on one customer, for the speaker or — "让李伟周五前把方案报上来" — for a
// colleague the speaker may direct (a manager's rep; see authorization.ts). It shows in its owner's digest when due.
import { z } from "zod";
import type { DomainContext } from "./context.ts";
import { inChange } from "./audit.repository.ts";
import { DomainError } from "./errors.ts";
import { atLocalTime } from "./local-date-input.ts";
import { dateField } from "./shared.ts";
import { dayRange, localDate } from "./time.ts";
import { parseInput } from "./validate.ts";
import { checkCanChange, resolveForChange } from "./writable-customer.ts";
import { resolveUser } from "./resolve-user.ts";
import { canChangeOwnedBy } from "./authorization.ts";

export const scheduleFollowUpInput = z.object({
  customer: z.string().trim().min(1, "which customer"),
  /** An ISO date-time, or a bare date meaning 09:00 in the actor's time zone. */
  dueAt: dateField,
  title: z.string().trim().min(1, "what to follow up on").max(500),
  contact: z.string().trim().max(200).optional(),
  /** Whose to-do it is (a handle or name); the speaker when absent. */
  owner: z.string().trim().min(1).max(200).optional(),
});

export async function scheduleFollowUp(ctx: DomainContext, input: z.input<typeof scheduleFollowUpInput>) {
  const data = parseInput(scheduleFollowUpInput, input, ctx.actor.locale);
  const zh = ctx.actor.locale === "zh";
  const dueAt = atLocalTime(input.dueAt, data.dueAt, ctx.actor.timezone);
  // Earlier today is fine (a reminder for this morning); a past day is a misread date.
  if (dueAt < dayRange(localDate(ctx.now, ctx.actor.timezone), ctx.actor.timezone).start)
    throw new DomainError("INVALID_INPUT", {
      message: `dueAt ${dueAt.toISOString()} is before today`,
      userMessage: zh ? "日期有误:跟进时间不能早于今天。" : "Invalid dueAt: a follow-up can't be due before today.",
      details: { field: "dueAt" },
    });
  const found = await resolveForChange(ctx.db, ctx.actor, data.customer, data.contact);
  const owner = data.owner ? await resolveUser(ctx.db, ctx.actor, data.owner) : ctx.actor;
  // Only someone who may change the colleague's records may hand them work: a manager their reps, never a peer.
  if (owner.id !== ctx.actor.id && !(await canChangeOwnedBy(ctx.db, ctx.actor, owner.id)))
    throw new DomainError("FORBIDDEN", {
      message: `${ctx.actor.handle} may not assign follow-ups to ${owner.handle}`,
      userMessage: zh ? `你不能给 ${owner.name} 安排跟进:只有其经理可以。` : `You can't give ${owner.name} a follow-up: only their manager can.`,
    });
  return inChange(ctx, async (tx, rec) => {
    const customer = await checkCanChange(tx, ctx.actor, found.id);
    const row = await tx.followUp.create({ data: { customerId: customer.id, ownerId: owner.id, dueAt, title: data.title } });
    rec.created("followUp", row);
    return {
      followUp: { id: row.id, title: row.title, dueAt: row.dueAt, status: row.status },
      customer: { id: customer.id, name: customer.name },
      owner: { handle: owner.handle, name: owner.name },
    };
  });
}
