// "what's on today / this week / what's overdue": the speaker's open follow-ups, by their own calendar.
// Today and this week include overdue items (still to do), flagged; "overdue" means due before today began.
import { z } from "zod";
import type { DomainContext } from "./context.ts";
import { addDays, dayRange, localDate, weekday } from "./time.ts";
import { parseInput } from "./validate.ts";

export const listFollowUpsInput = z.object({
  range: z.enum(["today", "week", "overdue", "open"]).default("today"),
});

export interface FollowUpItem {
  id: number;
  title: string;
  customer: string;
  customerId: number;
  dueAt: Date;
  overdue: boolean;
}

export async function listFollowUps(ctx: DomainContext, input: z.input<typeof listFollowUpsInput> = {}): Promise<{ range: string; items: FollowUpItem[] }> {
  const { range } = parseInput(listFollowUpsInput, input, ctx.actor.locale);
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
  const rows = await ctx.db.$queryRaw<{ id: number; title: string; dueAt: Date; customerId: number; customer: string }[]>`
    SELECT f.id, f.title, f."dueAt", f."customerId", c.name AS customer
      FROM "FollowUp" f JOIN "Customer" c ON c.id = f."customerId"
     WHERE f."ownerId" = ${ctx.actor.id} AND f.status = 'open' AND c.status = 'active'
       AND (${end ?? null}::timestamp IS NULL OR f."dueAt" < ${end ?? null}::timestamp)
     ORDER BY f."dueAt", f.id
     LIMIT 500`;
  return {
    range,
    items: rows.map((r) => ({ id: r.id, title: r.title, customer: r.customer, customerId: r.customerId, dueAt: new Date(r.dueAt), overdue: new Date(r.dueAt) < todayStart })),
  };
}
