// "List my customers", "our A-tier accounts", "我有多少个客户?": the accounts in scope (a rep's own, a manager's team,
// or one named rep's), optionally by tier or stage, with when each was last contacted — one query.
import { z } from "zod";
import type { DomainContext } from "./context.ts";
import { idList, listOwnerIds } from "./scope.ts";
import { parseInput } from "./validate.ts";

export const listCustomersInput = z.object({
  owner: z.string().trim().max(100).optional(),
  tier: z.enum(["A", "B", "C", "D"]).optional(),
  stage: z.enum(["prospect", "new", "repeat", "loyal", "lost"]).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export interface CustomerListItem {
  id: number;
  name: string;
  tier: string;
  stage: string;
  owner: { handle: string; name: string };
  lastContactAt: Date | null;
}

export async function listCustomers(ctx: DomainContext, input: z.input<typeof listCustomersInput> = {}): Promise<{ total: number; customers: CustomerListItem[] }> {
  const data = parseInput(listCustomersInput, input, ctx.actor.locale);
  const owners = await listOwnerIds(ctx.db, ctx.actor, data.owner);
  const rows = await ctx.db.$queryRaw<{ id: number; name: string; tier: string; stage: string; handle: string; ownerName: string; last: Date | null; total: bigint }[]>`
    SELECT c.id, c.name, c.tier::text AS tier, c.stage::text AS stage, u.handle, u.name AS "ownerName", li.last,
           count(*) OVER () AS total
      FROM "Customer" c
      JOIN "User" u ON u.id = c."ownerId"
      LEFT JOIN LATERAL (SELECT max(i."occurredAt") AS last FROM "Interaction" i WHERE i."customerId" = c.id) li ON TRUE
     WHERE c.status = 'active' AND c."ownerId" IN (${idList(owners)})
       AND (${data.tier ?? null}::text IS NULL OR c.tier::text = ${data.tier ?? null})
       AND (${data.stage ?? null}::text IS NULL OR c.stage::text = ${data.stage ?? null})
     ORDER BY c.tier ASC, c.name ASC
     LIMIT ${data.limit}`;
  return {
    total: rows.length ? Number(rows[0]!.total) : 0,
    customers: rows.map((r) => ({
      id: Number(r.id), name: r.name, tier: r.tier, stage: r.stage,
      owner: { handle: r.handle, name: r.ownerName }, lastContactAt: r.last ? new Date(r.last) : null,
    })),
  };
}
