// "what's on today / this week / what's overdue": the speaker's open follow-ups, by their own calendar.
// Today and this week include overdue items (still to do), flagged; "overdue" means due before today began.
// A manager asking "who's behind on follow-ups?" asks about the team: `team` (or one `owner`) widens the list to the
// owners the actor may see, each item naming its owner.
import { z } from "zod";
import type { DomainContext } from "./context.ts";
import { addDays, dayRange, localDate, weekday } from "./time.ts";
import { parseInput } from "./validate.ts";
import { idList, listOwnerIds } from "./scope.ts";

export const listFollowUpsInput = z.object({
  range: z.enum(["today", "week", "overdue", "open"]).default("today"),
  team: z.boolean().default(false),
  owner: z.string().trim().max(100).optional(),
});

export interface FollowUpItem {
  id: number;
  title: string;
  customer: string;
  customerId: number;
  dueAt: Date;
  overdue: boolean;
  owner: { handle: string; name: string };
}

export async function listFollowUps(ctx: DomainContext, input: z.input<typeof listFollowUpsInput> = {}): Promise<{ range: string; items: FollowUpItem[] }> {
  const { range, team, owner } = parseInput(listFollowUpsInput, input, ctx.actor.locale);
  const ids = idList(team || owner ? await listOwnerIds(ctx.db, ctx.actor, owner) : [ctx.actor.id]);
  const tz = ctx.actor.timezone;
  const today = localDate(ctx.now, tz);
  const todayStart = dayRange(today, tz).start;
  // Weeks end on Sunday: on a Sunday "this week" is just today.
  const end =
    range === "today" ? dayRange(today, tz).end
    : range === "week" ? dayRange(addDays(today, (7 - weekday(today)) % 7), tz).end
    : range === "overdue" ? todayStart
    : undefined;
  // One query, joined, whatever the number of items (Prisma's relation select would add a second one).
  const rows = await ctx.db.$queryRaw<{ id: number; title: string; dueAt: Date; customerId: number; customer: string; handle: string; name: string }[]>`
    SELECT f.id, f.title, f."dueAt", f."customerId", c.name AS customer, u.handle, u.name
      FROM "FollowUp" f JOIN "Customer" c ON c.id = f."customerId" JOIN "User" u ON u.id = f."ownerId"
     WHERE f."ownerId" IN (${ids}) AND f.status = 'open' AND c.status = 'active'
       AND (${end ?? null}::timestamp IS NULL OR f."dueAt" < ${end ?? null}::timestamp)
     ORDER BY f."dueAt", f.id
     LIMIT 500`;
  return {
    range,
    items: rows.map((r) => ({ id: r.id, title: r.title, customer: r.customer, customerId: r.customerId, dueAt: new Date(r.dueAt), overdue: new Date(r.dueAt) < todayStart, owner: { handle: r.handle, name: r.name } })),
  };
}
