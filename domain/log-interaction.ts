// A call, visit, meeting, email or message with a customer — what a rep types most.
import { z } from "zod";
import type { DomainContext } from "./context.ts";
import { inChange } from "./audit.repository.ts";
import { DomainError } from "./errors.ts";
import { resolveCustomer } from "./find-customers.ts";
import { parseInput } from "./validate.ts";
import { dateField, findContact } from "./shared.ts";
import { checkCanChange } from "./writable-customer.ts";

export const logInteractionInput = z.object({
  customer: z.string().trim().min(1, "which customer"),
  kind: z.enum(["call", "visit", "meeting", "email", "message"]),
  occurredAt: dateField.optional(),
  summary: z.string().trim().min(1, "what happened").max(5000),
  sentiment: z.enum(["positive", "neutral", "negative"]).default("neutral"),
  contact: z.string().trim().max(200).optional(),
});

export async function logInteraction(ctx: DomainContext, input: z.input<typeof logInteractionInput>) {
  const data = parseInput(logInteractionInput, input, ctx.actor.locale);
  const occurredAt = data.occurredAt ?? ctx.now;
  if (occurredAt.getTime() > ctx.now.getTime() + 24 * 3600_000)
    throw new DomainError("INVALID_INPUT", {
      message: `occurredAt ${occurredAt.toISOString()} is in the future`,
      userMessage: ctx.actor.locale === "zh" ? "日期有误:互动时间不能在将来。" : "Invalid date: an interaction can't be in the future.",
      details: { field: "occurredAt" },
    });
  const customer = await resolveCustomer({ db: ctx.db, actor: ctx.actor, query: data.customer, contact: data.contact });
  return inChange(ctx, async (tx, rec) => {
    await checkCanChange(tx, ctx.actor, customer.id);
    const contact = data.contact ? await findContact(tx, customer.id, data.contact) : customer.contact ?? null;
    const row = await tx.interaction.create({
      data: {
        customerId: customer.id,
        userId: ctx.actor.id,
        contactId: contact?.id ?? null,
        kind: data.kind,
        occurredAt,
        summary: data.summary,
        sentiment: data.sentiment,
        rawMessage: ctx.source?.message ?? null,
        inboxId: ctx.source?.inboxId ?? null,
      },
    });
    rec.created("interaction", row);
    return { interaction: row, customer: { id: customer.id, name: customer.name }, contact: contact ? { id: contact.id, name: contact.name } : null };
  });
}
