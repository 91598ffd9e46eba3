// Open complaints — "any open complaints?", "有哪些未解决的投诉?" — oldest due first, the late ones flagged. Scoped
// like every list (a rep's own customers, a manager's team, or one named customer); one query whatever the count.
import { z } from "zod";
import type { DomainContext } from "./context.ts";
import { resolveCustomer } from "./find-customers.ts";
import { listOwnerIds } from "./scope.ts";
import { parseInput } from "./validate.ts";

export const listComplaintsInput = z.object({
  /** One customer's complaints (any owner: single-customer reads are company-wide). */
  customer: z.string().trim().min(1).max(200).optional(),
  /** Handle or name: one rep's customers. Default: the actor's scope. */
  owner: z.string().trim().max(100).optional(),
  /** open: every unresolved one; overdue: only those past their due-by. */
  status: z.enum(["open", "overdue"]).default("open"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export interface OpenComplaint {
  id: number;
  customer: string;
  owner: { handle: string; name: string };
  severity: "low" | "medium" | "high";
  description: string;
  openedAt: Date;
  dueBy: Date;
  overdue: boolean;
}

export async function listComplaints(ctx: DomainContext, input: z.input<typeof listComplaintsInput> = {}): Promise<OpenComplaint[]> {
  const data = parseInput(listComplaintsInput, input, ctx.actor.locale);
  const one = data.customer ? await resolveCustomer({ db: ctx.db, actor: ctx.actor, query: data.customer }) : null;
  const owners = one ? null : await listOwnerIds(ctx.db, ctx.actor, data.owner);
  const rows = await ctx.db.complaint.findMany({
    where: {
      status: "open",
      ...(data.status === "overdue" ? { dueBy: { lt: ctx.now } } : {}),
      ...(one ? { customerId: one.id } : { customer: { ownerId: { in: owners! }, status: "active" } }),
    },
    orderBy: [{ dueBy: "asc" }, { id: "asc" }],
    take: data.limit,
    select: {
      id: true, severity: true, description: true, openedAt: true, dueBy: true,
      customer: { select: { name: true } }, owner: { select: { handle: true, name: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    customer: r.customer.name,
    owner: r.owner,
    severity: r.severity,
    description: r.description,
    openedAt: r.openedAt,
    dueBy: r.dueBy,
    overdue: r.dueBy.getTime() < ctx.now.getTime(),
  }));
}
