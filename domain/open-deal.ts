// A sales opportunity being worked: what, how much, when it should close. Its close date feeds the risk list.
import { Prisma } from "@prisma/client";
import { z } from "zod";
import type { DomainContext } from "./context.ts";
import { inChange } from "./audit.repository.ts";
import { DomainError } from "./errors.ts";
import { atLocalTime } from "./local-date-input.ts";
import { amountField, currencyField, dateField } from "./shared.ts";
import { parseInput } from "./validate.ts";
import { loadForChange, resolveForChange } from "./writable-customer.ts";

export const openDealInput = z.object({
  customer: z.string().trim().min(1, "which customer"),
  title: z.string().trim().min(1, "what the deal is").max(300),
  amount: amountField,
  currency: currencyField,
  /** A bare date means the end of that day in the actor's zone. */
  expectedCloseAt: dateField,
  stage: z.string().trim().min(1).max(100).default("qualification"),
});

export async function openDeal(ctx: DomainContext, input: z.input<typeof openDealInput>) {
  const data = parseInput(openDealInput, input, ctx.actor.locale);
  const zh = ctx.actor.locale === "zh";
  const expectedCloseAt = atLocalTime(input.expectedCloseAt, data.expectedCloseAt, ctx.actor.timezone, "23:59");
  const found = await resolveForChange(ctx.db, ctx.actor, data.customer);
  const conflict = (existing: string) =>
    new DomainError("CONFLICT", {
      message: `${found.name} already has a deal "${existing}"`,
      userMessage: zh ? `「${found.name}」已经有名为「${existing}」的商机。` : `${found.name} already has a deal called "${existing}".`,
      details: { field: "title", existing },
    });
  try {
    return await inChange(ctx, async (tx, rec) => {
      const customer = await loadForChange(tx, ctx.actor, found.id);
      const clash = await tx.deal.findFirst({ where: { customerId: customer.id, title: { equals: data.title, mode: "insensitive" } }, select: { title: true } });
      if (clash) throw conflict(clash.title);
      const row = await tx.deal.create({
        data: { customerId: customer.id, title: data.title, amount: data.amount, currency: data.currency, expectedCloseAt, stage: data.stage },
      });
      rec.created("deal", row);
      return {
        deal: { id: row.id, title: row.title, stage: row.stage, amount: Number(row.amount), currency: row.currency, expectedCloseAt: row.expectedCloseAt, status: row.status },
        customer: { id: customer.id, name: customer.name },
      };
    });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw conflict(data.title);
    throw e;
  }
}
