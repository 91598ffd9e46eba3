// Archiving keeps the history but takes the account out of name resolution, digests and risk lists. Destructive
// enough that the agent confirms first; the domain just does it.
import { z } from "zod";
import type { DomainContext } from "./context.ts";
import { inChange } from "./audit.repository.ts";
import { parseInput } from "./validate.ts";
import { checkCanChange, loadForChange, resolveForChange } from "./writable-customer.ts";

export const archiveCustomerInput = z.object({
  customer: z.string().trim().min(1, "which customer"),
});

export async function archiveCustomer(ctx: DomainContext, input: z.input<typeof archiveCustomerInput>) {
  const data = parseInput(archiveCustomerInput, input, ctx.actor.locale);
  // Archived customers are not found here, so archiving twice is NOT_FOUND rather than a silent no-op.
  const found = await resolveForChange(ctx.db, ctx.actor, data.customer);
  return inChange(ctx, async (tx, rec) => {
    const before = await loadForChange(tx, ctx.actor, found.id);
    const after = await tx.customer.update({ where: { id: before.id }, data: { status: "archived" } });
    rec.updated("customer", before, after);
    return { customer: { id: after.id, name: after.name, status: after.status } };
  });
}

/**
 * What archiveCustomer would do, without doing it: the customer it resolves to, after the same permission check, so
 * the confirmation names exactly the account (and a refusal comes at once, not after the user said yes).
 */
export async function previewArchiveCustomer(ctx: DomainContext, input: z.input<typeof archiveCustomerInput>) {
  const data = parseInput(archiveCustomerInput, input, ctx.actor.locale);
  const found = await resolveForChange(ctx.db, ctx.actor, data.customer);
  const row = await checkCanChange(ctx.db, ctx.actor, found.id);
  return { customer: { id: row.id, name: row.name } };
}
