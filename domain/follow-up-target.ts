// Which follow-up a user means: by id, or "the Bluewave follow-up" — the speaker's open one on that customer,
// earliest due first (so an overdue one goes before next week's), optionally narrowed by words from its title.
import type { Customer, FollowUp } from "@prisma/client";
import { z } from "zod";
import type { DomainContext, Tx } from "./context.ts";
import { assertCanChange } from "./authorization.ts";
import { DomainError } from "./errors.ts";
import { topicMatch } from "./topic-match.ts";
import { dayRange, localDate } from "./time.ts";
import { resolveForChange } from "./writable-customer.ts";

export const followUpRef = {
  id: z.coerce.number().int().positive().optional(),
  customer: z.string().trim().min(1).max(200).optional(),
  /** Words from the title, to tell several open follow-ups on one customer apart. */
  about: z.string().trim().max(500).optional(),
};
export const needsTarget = (r: { id?: number; customer?: string }) => r.id != null || !!r.customer;
export const targetMessage = "give the follow-up's id or its customer";

export interface Target {
  followUpId?: number;
  customerId?: number;
}

/** Name resolution happens before the transaction, like every other use case. */
export async function resolveTarget(ctx: DomainContext, ref: { id?: number; customer?: string }): Promise<Target> {
  if (ref.id != null) return { followUpId: ref.id };
  const c = await resolveForChange(ctx.db, ctx.actor, ref.customer!);
  return { customerId: c.id };
}

export interface Picked {
  row: FollowUp;
  customer: Customer;
  overdue: boolean;
  /** The other open follow-ups on the same customer that were not picked, so the reply can say which one was. */
  others: { id: number; title: string; dueAt: Date }[];
}

export async function pickOpenFollowUp(tx: Tx, ctx: DomainContext, target: Target, about?: string): Promise<Picked> {
  const zh = ctx.actor.locale === "zh";
  const todayStart = dayRange(localDate(ctx.now, ctx.actor.timezone), ctx.actor.timezone).start;
  if (target.followUpId != null) {
    const row = await tx.followUp.findUnique({ where: { id: target.followUpId }, include: { customer: true } });
    if (!row)
      throw new DomainError("NOT_FOUND", {
        message: `no follow-up ${target.followUpId}`,
        userMessage: zh ? `没有编号为 ${target.followUpId} 的跟进。` : `There is no follow-up #${target.followUpId}.`,
        details: { field: "id" },
      });
    // Your own follow-up is yours to close even if the account has since moved to someone else.
    if (row.ownerId !== ctx.actor.id) await assertCanChange(tx, ctx.actor, row.customer);
    if (row.status !== "open")
      throw new DomainError("CONFLICT", {
        message: `follow-up ${row.id} is ${row.status}`,
        userMessage: zh
          ? `跟进「${row.title}」已经${row.status === "done" ? "完成" : "取消"}了。`
          : `The follow-up "${row.title}" is already ${row.status === "done" ? "done" : "cancelled"}.`,
        details: { status: row.status },
      });
    const { customer, ...fu } = row;
    return { row: fu, customer, overdue: fu.dueAt < todayStart, others: [] };
  }
  const customer = await tx.customer.findUniqueOrThrow({ where: { id: target.customerId! } });
  const open = await tx.followUp.findMany({ where: { customerId: customer.id, status: "open" }, orderBy: [{ dueAt: "asc" }, { id: "asc" }] });
  const mine = open.filter((f) => f.ownerId === ctx.actor.id);
  // A manager closing a rep's follow-up: none of their own, so the customer's open ones (if they may change it).
  const pool = mine.length ? mine : open;
  if (!mine.length) await assertCanChange(tx, ctx.actor, customer);
  if (!pool.length)
    throw new DomainError("NOT_FOUND", {
      message: `no open follow-up on ${customer.name}`,
      userMessage: zh ? `「${customer.name}」没有未完成的跟进。` : `There's no open follow-up on ${customer.name}.`,
      details: { customer: customer.name },
    });
  const row = (about && bestByTitle(pool, about)) || pool[0]!;
  return {
    row,
    customer,
    overdue: row.dueAt < todayStart,
    others: pool.filter((f) => f.id !== row.id).map((f) => ({ id: f.id, title: f.title, dueAt: f.dueAt })),
  };
}

/** The one follow-up whose title best matches `about`, or undefined when none (or a tie) stands out. */
function bestByTitle(pool: FollowUp[], about: string): FollowUp | undefined {
  const scored = pool.map((f) => ({ f, s: topicMatch(about, f.title) })).sort((x, y) => y.s - x.s);
  if (!scored.length || scored[0]!.s < 0.3) return undefined;
  if (scored[1] && scored[1].s === scored[0]!.s) return undefined;
  return scored[0]!.f;
}

export const followUpSummary = (p: Picked, after: FollowUp) => ({
  followUp: { id: after.id, title: after.title, dueAt: after.dueAt, status: after.status, completedAt: after.completedAt, overdue: p.overdue },
  customer: { id: p.customer.id, name: p.customer.name },
  otherOpen: p.others,
});
