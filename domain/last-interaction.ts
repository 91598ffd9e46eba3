// "When did we last talk to X?": the latest interaction with a customer — or with one of its people, when the
// question names a contact ("last time we spoke to Jane at Acme").
import { z } from "zod";
import type { DomainContext, Db, Tx } from "./context.ts";
import { resolveCustomer } from "./find-customers.ts";
import { findContact } from "./shared.ts";
import { daysBetween, localDate } from "./time.ts";
import { parseInput } from "./validate.ts";

export interface InteractionView {
  id: number;
  occurredAt: Date;
  kind: "call" | "visit" | "meeting" | "email" | "message";
  summary: string;
  sentiment: "positive" | "neutral" | "negative";
  contact: string | null;
  by: { handle: string; name: string };
}

/** Prisma `include`/`select` for InteractionView rows, so the summary and this use case read the same shape. */
export const interactionViewSelect = {
  id: true,
  occurredAt: true,
  kind: true,
  summary: true,
  sentiment: true,
  contact: { select: { name: true } },
  user: { select: { handle: true, name: true } },
} as const;

type ViewRow = {
  id: number;
  occurredAt: Date;
  kind: InteractionView["kind"];
  summary: string;
  sentiment: InteractionView["sentiment"];
  contact: { name: string } | null;
  user: { handle: string; name: string };
};

export const toInteractionView = (r: ViewRow): InteractionView => ({
  id: r.id,
  occurredAt: r.occurredAt,
  kind: r.kind,
  summary: r.summary,
  sentiment: r.sentiment,
  contact: r.contact?.name ?? null,
  by: { handle: r.user.handle, name: r.user.name },
});

/** Latest first; ties on the same instant broken by id so "the last one" is stable. */
export async function recentInteractions(db: Db | Tx, customerId: number, take: number, contactId?: number): Promise<InteractionView[]> {
  const rows = await db.interaction.findMany({
    where: { customerId, ...(contactId != null ? { contactId } : {}) },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take,
    select: interactionViewSelect,
  });
  return rows.map(toInteractionView);
}

export const lastInteractionInput = z.object({
  customer: z.string().trim().min(1, "which customer"),
  contact: z.string().trim().max(200).optional(),
});

export interface LastInteractionResult {
  customer: { id: number; name: string };
  /** The person asked about, when the question named one. */
  contact: { id: number; name: string } | null;
  /** The latest interaction (with that contact, when one was named); null when there has never been one. */
  last: InteractionView | null;
  /** Calendar days since `last` in the actor's time zone (0 = today). */
  daysAgo: number | null;
  /** When a contact was named: the latest interaction with the customer at all, which may be more recent. */
  lastWithCustomer: InteractionView | null;
}

export async function lastInteraction(ctx: DomainContext, input: z.input<typeof lastInteractionInput>): Promise<LastInteractionResult> {
  const data = parseInput(lastInteractionInput, input, ctx.actor.locale);
  const customer = await resolveCustomer({ db: ctx.db, actor: ctx.actor, query: data.customer, ...(data.contact ? { contact: data.contact } : {}) });
  const contact = data.contact ? await findContact(ctx.db, customer.id, data.contact) : customer.contact ?? null;
  const [anyLast, contactLast] = await Promise.all([
    recentInteractions(ctx.db, customer.id, 1),
    contact ? recentInteractions(ctx.db, customer.id, 1, contact.id) : Promise.resolve([]),
  ]);
  const last = (contact ? contactLast[0] : anyLast[0]) ?? null;
  const tz = ctx.actor.timezone;
  return {
    customer: { id: customer.id, name: customer.name },
    contact: contact ? { id: contact.id, name: contact.name } : null,
    last,
    daysAgo: last ? daysBetween(localDate(last.occurredAt, tz), localDate(ctx.now, tz)) : null,
    lastWithCustomer: anyLast[0] ?? null,
  };
}
