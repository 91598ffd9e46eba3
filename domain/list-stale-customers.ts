// Customers nobody has talked to in N days (or ever): the first thing a manager asks and the digest's backbone.
// One query over all customers in scope — the latest interaction per customer comes from the (customerId,
// occurredAt) index, never a query per customer.
import { z } from "zod";
import type { DomainContext } from "./context.ts";
import { idList, listOwnerIds } from "./scope.ts";
import { daysBetween, localDate } from "./time.ts";
import { parseInput } from "./validate.ts";

export const listStaleCustomersInput = z.object({
  days: z.coerce.number().int("must be whole days").min(1, "must be at least 1").max(3650),
  /** Handle or name: one rep's list. Default: the actor's scope (own / team / everyone). */
  owner: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export interface StaleCustomer {
  id: number;
  name: string;
  tier: string;
  owner: { handle: string; name: string };
  /** null: never contacted. */
  lastContactAt: Date | null;
  /** Calendar days since the last contact in the actor's time zone; null when never contacted. */
  daysSince: number | null;
}

export async function listStaleCustomers(ctx: DomainContext, input: z.input<typeof listStaleCustomersInput>): Promise<StaleCustomer[]> {
  const data = parseInput(listStaleCustomersInput, input, ctx.actor.locale);
  const owners = await listOwnerIds(ctx.db, ctx.actor, data.owner);
  const cutoff = new Date(ctx.now.getTime() - data.days * 86_400_000);
  const rows = await ctx.db.$queryRaw<{ id: number; name: string; tier: string; handle: string; ownerName: string; last: Date | null }[]>`
    SELECT c.id, c.name, c.tier::text AS tier, u.handle, u.name AS "ownerName", li.last
      FROM "Customer" c
      JOIN "User" u ON u.id = c."ownerId"
      LEFT JOIN LATERAL (
        SELECT max(i."occurredAt") AS last FROM "Interaction" i WHERE i."customerId" = c.id
      ) li ON TRUE
     WHERE c.status = 'active' AND c."ownerId" IN (${idList(owners)})
       AND (li.last IS NULL OR li.last < ${cutoff})
     ORDER BY li.last ASC NULLS FIRST, c.name ASC
     LIMIT ${data.limit}`;
  const today = localDate(ctx.now, ctx.actor.timezone);
  return rows.map((r) => {
    const last = r.last ? new Date(r.last) : null;
    return {
      id: Number(r.id),
      name: r.name,
      tier: r.tier,
      owner: { handle: r.handle, name: r.ownerName },
      lastContactAt: last,
      daysSince: last ? daysBetween(localDate(last, ctx.actor.timezone), today) : null,
    };
  });
}
