// Moving a deal along: a new stage, amount or close date, or closing it won/lost. "the Acme deal" is enough when
// the customer has one open deal; with several, the title (or words from it) says which.
import type { Deal } from "@prisma/client";
import { z } from "zod";
import type { DomainContext } from "./context.ts";
import { inChange } from "./audit.repository.ts";
import { DomainError } from "./errors.ts";
import { atLocalTime } from "./local-date-input.ts";
import { amountField, dateField } from "./shared.ts";
import { parseInput } from "./validate.ts";
import { loadForChange, resolveForChange } from "./writable-customer.ts";

export const advanceDealInput = z
  .object({
    customer: z.string().trim().min(1, "which customer"),
    /** The deal's title or words from it; optional when the customer has one open deal. */
    deal: z.string().trim().min(1).max(300).optional(),
    stage: z.string().trim().min(1).max(100).optional(),
    amount: amountField.optional(),
    expectedCloseAt: dateField.optional(),
    status: z.enum(["open", "won", "lost"]).optional(),
  })
  .refine((r) => r.stage != null || r.amount != null || r.expectedCloseAt != null || r.status != null, {
    message: "give a new stage, amount, close date or status (won/lost)",
    path: ["stage"],
  });

export async function advanceDeal(ctx: DomainContext, input: z.input<typeof advanceDealInput>) {
  const data = parseInput(advanceDealInput, input, ctx.actor.locale);
  const zh = ctx.actor.locale === "zh";
  const found = await resolveForChange(ctx.db, ctx.actor, data.customer);
  return inChange(ctx, async (tx, rec) => {
    const customer = await loadForChange(tx, ctx.actor, found.id);
    const deals = await tx.deal.findMany({ where: { customerId: customer.id }, orderBy: { id: "asc" } });
    const before = pickDeal(deals, data.deal, customer.name, zh);
    const after = await tx.deal.update({
      where: { id: before.id },
      data: {
        ...(data.stage != null ? { stage: data.stage } : {}),
        ...(data.amount != null ? { amount: data.amount } : {}),
        ...(data.expectedCloseAt != null ? { expectedCloseAt: atLocalTime(input.expectedCloseAt, data.expectedCloseAt, ctx.actor.timezone, "23:59") } : {}),
        ...(data.status != null ? { status: data.status } : {}),
      },
    });
    rec.updated("deal", before, after);
    return {
      deal: { id: after.id, title: after.title, stage: after.stage, amount: Number(after.amount), currency: after.currency, expectedCloseAt: after.expectedCloseAt, status: after.status },
      previous: { stage: before.stage, amount: Number(before.amount), expectedCloseAt: before.expectedCloseAt, status: before.status },
      customer: { id: customer.id, name: customer.name },
    };
  });
}

function pickDeal(deals: Deal[], query: string | undefined, customer: string, zh: boolean): Deal {
  let pool: Deal[];
  if (query) {
    const q = query.toLowerCase();
    const exact = deals.filter((d) => d.title.toLowerCase() === q);
    pool = exact.length ? exact : deals.filter((d) => d.title.toLowerCase().includes(q));
    // Several by words: prefer the ones still open.
    if (pool.length > 1 && pool.some((d) => d.status === "open")) pool = pool.filter((d) => d.status === "open");
  } else pool = deals.filter((d) => d.status === "open");
  if (pool.length === 1) return pool[0]!;
  if (!pool.length)
    throw new DomainError("NOT_FOUND", {
      message: `no ${query ? `deal "${query}"` : "open deal"} on ${customer}`,
      userMessage: zh
        ? `「${customer}」没有${query ? `名为「${query}」的` : "进行中的"}商机。`
        : `${customer} has no ${query ? `deal called "${query}"` : "open deal"}.`,
      details: { field: "deal", customer },
    });
  const titles = pool.map((d) => d.title);
  throw new DomainError("AMBIGUOUS", {
    message: `${customer} has several deals: ${titles.join(", ")}`,
    userMessage: zh ? `「${customer}」有多个商机:${titles.join("、")}。是哪一个?` : `${customer} has several deals: ${titles.join(", ")}. Which one?`,
    details: { field: "deal", candidates: pool.map((d) => ({ id: d.id, title: d.title })) },
  });
}
