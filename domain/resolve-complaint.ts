// Closing a complaint: by id, or "Acme's complaint is sorted". With several open ones we only pick when the user's
// words clearly match one description; otherwise we list them and ask — never guess which problem was solved.
import type { Complaint } from "@prisma/client";
import { z } from "zod";
import type { DomainContext } from "./context.ts";
import { inChange } from "./audit.repository.ts";
import { assertCanChange } from "./authorization.ts";
import { DomainError } from "./errors.ts";
import { topicMatch } from "./topic-match.ts";
import { parseInput } from "./validate.ts";
import { resolveForChange } from "./writable-customer.ts";

export const resolveComplaintInput = z
  .object({
    id: z.coerce.number().int().positive().optional(),
    customer: z.string().trim().min(1).max(200).optional(),
    /** Words about the problem ("the late delivery"), to tell several open complaints apart. */
    about: z.string().trim().max(1000).optional(),
  })
  .refine((r) => r.id != null || !!r.customer, { message: "give the complaint's id or its customer", path: ["customer"] });

export async function resolveComplaint(ctx: DomainContext, input: z.input<typeof resolveComplaintInput>) {
  const data = parseInput(resolveComplaintInput, input, ctx.actor.locale);
  const zh = ctx.actor.locale === "zh";
  const found = data.id == null ? await resolveForChange(ctx.db, ctx.actor, data.customer!) : undefined;
  return inChange(ctx, async (tx, rec) => {
    let before: Complaint;
    let others: Complaint[] = [];
    if (data.id != null) {
      const row = await tx.complaint.findUnique({ where: { id: data.id } });
      if (!row)
        throw new DomainError("NOT_FOUND", {
          message: `no complaint ${data.id}`,
          userMessage: zh ? `没有编号为 ${data.id} 的投诉。` : `There is no complaint #${data.id}.`,
          details: { field: "id" },
        });
      if (row.status !== "open")
        throw new DomainError("CONFLICT", {
          message: `complaint ${row.id} is already resolved`,
          userMessage: zh ? "这条投诉已经处理完了。" : "That complaint is already resolved.",
        });
      before = row;
    } else {
      const open = await tx.complaint.findMany({ where: { customerId: found!.id, status: "open" }, orderBy: [{ openedAt: "asc" }, { id: "asc" }] });
      if (!open.length)
        throw new DomainError("NOT_FOUND", {
          message: `no open complaint on ${found!.name}`,
          userMessage: zh ? `「${found!.name}」没有未处理的投诉。` : `${found!.name} has no open complaint.`,
          details: { customer: found!.name },
        });
      const chosen = open.length === 1 ? open[0] : data.about ? bestMatch(open, data.about) : undefined;
      if (!chosen) {
        const list = open.map((c) => `#${c.id} ${c.severity}: ${c.description.slice(0, 80)}`);
        throw new DomainError("AMBIGUOUS", {
          message: `${found!.name} has ${open.length} open complaints`,
          userMessage: zh
            ? `「${found!.name}」有 ${open.length} 条未处理的投诉:${list.join(";")}。是哪一条?`
            : `${found!.name} has ${open.length} open complaints: ${list.join("; ")}. Which one is resolved?`,
          details: { candidates: open.map((c) => ({ id: c.id, severity: c.severity, description: c.description, openedAt: c.openedAt })) },
        });
      }
      before = chosen;
      others = open.filter((c) => c.id !== chosen.id);
    }
    const customer = await tx.customer.findUniqueOrThrow({ where: { id: before.customerId } });
    // The complaint's owner may close it even after the account moved; otherwise the usual account rule.
    if (before.ownerId !== ctx.actor.id) await assertCanChange(tx, ctx.actor, customer);
    const after = await tx.complaint.update({ where: { id: before.id }, data: { status: "resolved", resolvedAt: ctx.now } });
    rec.updated("complaint", before, after);
    return {
      complaint: { id: after.id, severity: after.severity, description: after.description, openedAt: after.openedAt, resolvedAt: after.resolvedAt, status: after.status, late: ctx.now > after.dueBy },
      customer: { id: customer.id, name: customer.name },
      stillOpen: others.map((c) => ({ id: c.id, severity: c.severity, description: c.description })),
    };
  });
}

function bestMatch(open: Complaint[], about: string): Complaint | undefined {
  const scored = open.map((c) => ({ c, s: topicMatch(about, c.description) })).sort((x, y) => y.s - x.s);
  if (scored[0]!.s < 0.3 || scored[1]!.s === scored[0]!.s) return undefined;
  return scored[0]!.c;
}
