// The first steps every write use case shares: find the customer the user named (outside the transaction, reads are
// company-wide), then, inside it, load the current row and check the actor may change it.
import type { Customer } from "@prisma/client";
import type { Actor, Db, Tx } from "./context.ts";
import { assertCanChange } from "./authorization.ts";
import { resolveCustomer, type CustomerCandidate } from "./find-customers.ts";

export function resolveForChange(db: Db | Tx, actor: Actor, query: string, contact?: string): Promise<CustomerCandidate> {
  return resolveCustomer({ db, actor, query, ...(contact ? { contact } : {}) });
}

/** The customer's current row, after checking the actor may change it (FORBIDDEN otherwise). */
export async function loadForChange(tx: Tx, actor: Actor, customerId: number): Promise<Customer> {
  const row = await tx.customer.findUniqueOrThrow({ where: { id: customerId } });
  await assertCanChange(tx, actor, row);
  return row;
}

/** loadForChange for a use case that needs only the customer's id and name: the same check, a lighter read. */
export async function checkCanChange(tx: Tx, actor: Actor, customerId: number): Promise<{ id: number; name: string; ownerId: number }> {
  const row = await tx.customer.findUniqueOrThrow({ where: { id: customerId }, select: { id: true, name: true, ownerId: true } });
  await assertCanChange(tx, actor, row);
  return row;
}
