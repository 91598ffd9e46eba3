// The 360° view of one customer — archive, people, recent contact, open work, money, satisfaction — in a fixed
// handful of queries however much history the customer has (no query per related row).
import { z } from "zod";
import type { DomainContext } from "./context.ts";
import { findCustomers, pickOne } from "./find-customers.ts";
import { recentInteractions, type InteractionView } from "./last-interaction.ts";
import { parseInput } from "./validate.ts";

export const customerSummaryInput = z.object({
  customer: z.string().trim().min(1, "which customer"),
});

export interface CustomerSummary {
  id: number;
  name: string;
  aliases: string[];
  owner: { handle: string; name: string };
  tier: string;
  stage: string;
  industry: string | null;
  region: string | null;
  tags: string[];
  status: "active" | "archived";
  contacts: { name: string; title: string | null; email: string | null; phone: string | null; birthday: string | null }[];
  lastInteraction: InteractionView | null;
  /** The 5 most recent, latest first (the first is lastInteraction). */
  recentInteractions: InteractionView[];
  openFollowUps: { id: number; title: string; dueAt: Date; owner: string; overdue: boolean }[];
  openComplaints: { id: number; severity: string; description: string; openedAt: Date; dueBy: Date; owner: string; overdue: boolean }[];
  orders: { count: number; totals: { currency: string; total: number; count: number }[]; lastOrderAt: Date | null };
  openDeals: { id: number; title: string; stage: string; amount: number; currency: string; expectedCloseAt: Date; overdue: boolean }[];
  nps: { score: number; respondedAt: Date; comment: string | null } | null;
  csat: { score: number; respondedAt: Date; comment: string | null } | null;
}

const RECENT = 5;

export async function customerSummary(ctx: DomainContext, input: z.input<typeof customerSummaryInput>): Promise<CustomerSummary> {
  const data = parseInput(customerSummaryInput, input, ctx.actor.locale);
  // Reads are company-wide and include archived customers: "tell me about X" should work for a lost account too.
  const found = await findCustomers({ db: ctx.db, actor: ctx.actor, query: data.customer, includeArchived: true });
  const { id } = pickOne(found, data.customer, ctx.actor);
  const db = ctx.db;
  const now = ctx.now.getTime();
  const [customer, recent, followUps, complaints, orderGroups, deals, surveys] = await Promise.all([
    db.customer.findUniqueOrThrow({
      where: { id },
      include: {
        owner: { select: { handle: true, name: true } },
        contacts: { orderBy: { id: "asc" }, select: { name: true, title: true, email: true, phone: true, birthday: true } },
      },
    }),
    recentInteractions(db, id, RECENT),
    db.followUp.findMany({
      where: { customerId: id, status: "open" },
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      select: { id: true, title: true, dueAt: true, owner: { select: { handle: true } } },
    }),
    db.complaint.findMany({
      where: { customerId: id, status: "open" },
      orderBy: [{ dueBy: "asc" }, { id: "asc" }],
      select: { id: true, severity: true, description: true, openedAt: true, dueBy: true, owner: { select: { handle: true } } },
    }),
    db.order.groupBy({
      by: ["currency"],
      where: { customerId: id },
      _sum: { amount: true },
      _count: { _all: true },
      _max: { orderedAt: true },
      orderBy: { currency: "asc" },
    }),
    db.deal.findMany({
      where: { customerId: id, status: "open" },
      orderBy: [{ expectedCloseAt: "asc" }, { id: "asc" }],
      select: { id: true, title: true, stage: true, amount: true, currency: true, expectedCloseAt: true },
    }),
    // Latest of each scale in one query.
    db.$queryRaw<{ scale: "nps" | "csat"; score: number; respondedAt: Date; comment: string | null }[]>`
      SELECT DISTINCT ON (scale) scale::text AS scale, score, "respondedAt", comment
        FROM "Survey" WHERE "customerId" = ${id}
       ORDER BY scale, "respondedAt" DESC, id DESC`,
  ]);
  const survey = (scale: "nps" | "csat") => {
    const s = surveys.find((r) => r.scale === scale);
    return s ? { score: Number(s.score), respondedAt: new Date(s.respondedAt), comment: s.comment } : null;
  };
  const lastOrder = Math.max(...orderGroups.map((g) => g._max.orderedAt?.getTime() ?? -Infinity));
  return {
    id: customer.id,
    name: customer.name,
    aliases: customer.aliases,
    owner: customer.owner,
    tier: customer.tier,
    stage: customer.stage,
    industry: customer.industry,
    region: customer.region,
    tags: customer.tags,
    status: customer.status,
    contacts: customer.contacts,
    lastInteraction: recent[0] ?? null,
    recentInteractions: recent,
    openFollowUps: followUps.map((f) => ({ id: f.id, title: f.title, dueAt: f.dueAt, owner: f.owner.handle, overdue: f.dueAt.getTime() < now })),
    openComplaints: complaints.map((c) => ({
      id: c.id,
      severity: c.severity,
      description: c.description,
      openedAt: c.openedAt,
      dueBy: c.dueBy,
      owner: c.owner.handle,
      overdue: c.dueBy.getTime() < now,
    })),
    orders: {
      count: orderGroups.reduce((n, g) => n + g._count._all, 0),
      totals: orderGroups.map((g) => ({ currency: g.currency, total: Number(g._sum.amount ?? 0), count: g._count._all })),
      lastOrderAt: Number.isFinite(lastOrder) ? new Date(lastOrder) : null,
    },
    openDeals: deals.map((d) => ({ ...d, amount: Number(d.amount), overdue: d.expectedCloseAt.getTime() < now })),
    nps: survey("nps"),
    csat: survey("csat"),
  };
}
