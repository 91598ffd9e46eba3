// Handing an account to another rep ("give Summit to Amy"): a manager's decision, within their own team.
import { z } from "zod";
import type { DomainContext } from "./context.ts";
import { inChange } from "./audit.repository.ts";
import { assertManager, canChangeOwnedBy } from "./authorization.ts";
import { DomainError } from "./errors.ts";
import { resolveUser } from "./resolve-user.ts";
import { parseInput } from "./validate.ts";
import { checkCanChange, loadForChange, resolveForChange } from "./writable-customer.ts";

export const reassignOwnerInput = z.object({
  customer: z.string().trim().min(1, "which customer"),
  /** The new owner: handle ("sarah.chen") or display name ("Sarah Chen"). */
  to: z.string().trim().min(1, "who should own it").max(200),
});

/**
 * What reassignOwner would do, without doing it: the customer and the new owner it resolves to, after the same
 * authorization (a rep, or someone outside the manager's team, is refused at once rather than after a yes).
 */
export async function previewReassignOwner(ctx: DomainContext, input: z.input<typeof reassignOwnerInput>) {
  const { found, to } = await checkReassign(ctx, parseInput(reassignOwnerInput, input, ctx.actor.locale));
  const row = await checkCanChange(ctx.db, ctx.actor, found.id);
  const from = await ctx.db.user.findUniqueOrThrow({ where: { id: row.ownerId }, select: { id: true, handle: true, name: true } });
  return { customer: { id: row.id, name: row.name }, from, to: { id: to.id, handle: to.handle, name: to.name }, unchanged: row.ownerId === to.id };
}

async function checkReassign(ctx: DomainContext, data: z.output<typeof reassignOwnerInput>) {
  const zh = ctx.actor.locale === "zh";
  assertManager(ctx.actor, { en: "reassign a customer", zh: "转移客户负责人" });
  const [found, to] = [await resolveForChange(ctx.db, ctx.actor, data.customer), await resolveUser(ctx.db, ctx.actor, data.to)];
  // The same rule as changing an account owned by them: themselves or someone they manage (admins: anyone).
  if (!(await canChangeOwnedBy(ctx.db, ctx.actor, to.id)))
    throw new DomainError("FORBIDDEN", {
      message: `${ctx.actor.handle} may not give customers to ${to.handle} (not on their team)`,
      userMessage: zh ? `${to.name} 不在你的团队里,不能把客户转给他/她。` : `${to.name} isn't on your team, so you can't give them customers.`,
    });
  return { found, to };
}

export async function reassignOwner(ctx: DomainContext, input: z.input<typeof reassignOwnerInput>) {
  const { found, to } = await checkReassign(ctx, parseInput(reassignOwnerInput, input, ctx.actor.locale));
  return inChange(ctx, async (tx, rec) => {
    const before = await loadForChange(tx, ctx.actor, found.id);
    const previous = await tx.user.findUniqueOrThrow({ where: { id: before.ownerId }, select: { id: true, handle: true, name: true } });
    const result = { customer: { id: before.id, name: before.name }, from: previous, to: { id: to.id, handle: to.handle, name: to.name } };
    if (before.ownerId === to.id) return { ...result, unchanged: true };
    const after = await tx.customer.update({ where: { id: before.id }, data: { ownerId: to.id } });
    rec.updated("customer", before, after);
    return { ...result, unchanged: false };
  });
}
