// A customer complaint (投诉): owned by the account's owner, with a deadline from its severity so the digest can
// escalate it when it slips — high 2 days, medium 5, low 10.
import { z } from "zod";
import type { DomainContext } from "./context.ts";
import { inChange } from "./audit.repository.ts";
import { DomainError } from "./errors.ts";
import { dateField } from "./shared.ts";
import { parseInput } from "./validate.ts";
import { loadForChange, resolveForChange } from "./writable-customer.ts";

export const COMPLAINT_SLA_DAYS = { high: 2, medium: 5, low: 10 } as const;

export const openComplaintInput = z.object({
  customer: z.string().trim().min(1, "which customer"),
  description: z.string().trim().min(1, "what the complaint is about").max(5000),
  severity: z.enum(["low", "medium", "high"]).default("medium"),
  openedAt: dateField.optional(),
});

export async function openComplaint(ctx: DomainContext, input: z.input<typeof openComplaintInput>) {
  const data = parseInput(openComplaintInput, input, ctx.actor.locale);
  const zh = ctx.actor.locale === "zh";
  const openedAt = data.openedAt ?? ctx.now;
  if (openedAt.getTime() > ctx.now.getTime() + 24 * 3600_000)
    throw new DomainError("INVALID_INPUT", {
      message: `openedAt ${openedAt.toISOString()} is in the future`,
      userMessage: zh ? "日期有误:投诉时间不能在将来。" : "Invalid openedAt: a complaint can't be opened in the future.",
      details: { field: "openedAt" },
    });
  const dueBy = new Date(openedAt.getTime() + COMPLAINT_SLA_DAYS[data.severity] * 86_400_000);
  const found = await resolveForChange(ctx.db, ctx.actor, data.customer);
  return inChange(ctx, async (tx, rec) => {
    const customer = await loadForChange(tx, ctx.actor, found.id);
    const row = await tx.complaint.create({
      data: { customerId: customer.id, ownerId: customer.ownerId, openedAt, severity: data.severity, description: data.description, dueBy },
    });
    rec.created("complaint", row);
    return {
      complaint: { id: row.id, severity: row.severity, description: row.description, openedAt: row.openedAt, dueBy: row.dueBy, status: row.status },
      customer: { id: customer.id, name: customer.name },
      owner: { id: found.ownerId, handle: found.ownerHandle, name: found.ownerName },
    };
  });
}
