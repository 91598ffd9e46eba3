import { beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@prisma/client";
import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { customerSummary } from "../../domain/customer-summary.ts";
import type { DomainContext } from "../../domain/context.ts";

let co: Company;
const NOW = "2026-03-02T01:30:00Z";
const at = (s: string) => new Date(s);

beforeAll(async () => {
  co = await seedCompany(await freshStore());
  const db = co.store.prisma;
  const id = co.customers.acmeLogistics;
  const { amy, boss } = co.users;
  await db.customer.update({ where: { id }, data: { industry: "logistics", region: "Shanghai", tags: ["key-account"], tier: "A", stage: "loyal" } });
  const jane = await db.contact.update({
    where: { customerId_name: { customerId: id, name: "Jane Doe" } },
    data: { title: "Purchasing", email: "jane@acme.test", phone: "+86 21 5555", birthday: "1985-03-09" },
  });
  await db.interaction.createMany({
    data: Array.from({ length: 7 }, (_, i) => ({
      customerId: id, userId: i % 2 ? boss.id : amy.id, kind: "call" as const, summary: `call ${i}`,
      occurredAt: at(`2026-02-${String(10 + i).padStart(2, "0")}T02:00:00Z`), sentiment: "neutral" as const,
    })),
  });
  await db.interaction.create({
    data: { customerId: id, userId: amy.id, contactId: jane.id, kind: "visit", occurredAt: at("2026-02-27T03:00:00Z"), summary: "worried about the 8% increase", sentiment: "negative" },
  });
  await db.followUp.createMany({
    data: [
      { customerId: id, ownerId: amy.id, dueAt: at("2026-03-06T01:00:00Z"), title: "send revised quote" },
      { customerId: id, ownerId: amy.id, dueAt: at("2026-02-20T01:00:00Z"), title: "call back" },
      { customerId: id, ownerId: amy.id, dueAt: at("2026-02-01T01:00:00Z"), title: "done one", status: "done", completedAt: at("2026-02-01T05:00:00Z") },
    ],
  });
  await db.complaint.createMany({
    data: [
      { customerId: id, ownerId: amy.id, openedAt: at("2026-02-20T02:00:00Z"), dueBy: at("2026-02-27T02:00:00Z"), severity: "high", description: "late delivery" },
      { customerId: id, ownerId: amy.id, openedAt: at("2026-02-25T02:00:00Z"), dueBy: at("2026-03-04T02:00:00Z"), severity: "low", description: "invoice typo" },
      { customerId: id, ownerId: amy.id, openedAt: at("2026-01-05T02:00:00Z"), dueBy: at("2026-01-12T02:00:00Z"), description: "old", status: "resolved", resolvedAt: at("2026-01-08T02:00:00Z") },
    ],
  });
  await db.order.createMany({
    data: [
      { customerId: id, amount: "100.10", currency: "CNY", orderedAt: at("2026-01-05T02:00:00Z") },
      { customerId: id, amount: "200.20", currency: "CNY", orderedAt: at("2026-02-05T02:00:00Z") },
      { customerId: id, amount: "50", currency: "USD", orderedAt: at("2026-02-15T02:00:00Z") },
    ],
  });
  await db.deal.createMany({
    data: [
      { customerId: id, title: "Fleet renewal", stage: "proposal", amount: "120000", currency: "CNY", expectedCloseAt: at("2026-03-20T02:00:00Z") },
      { customerId: id, title: "Cold chain pilot", amount: "9000", currency: "USD", expectedCloseAt: at("2026-02-25T02:00:00Z") },
      { customerId: id, title: "Won already", amount: "1", expectedCloseAt: at("2026-01-20T02:00:00Z"), status: "won" },
    ],
  });
  await db.survey.createMany({
    data: [
      { customerId: id, scale: "nps", score: 6, respondedAt: at("2025-12-01T02:00:00Z") },
      { customerId: id, scale: "nps", score: 9, respondedAt: at("2026-02-01T02:00:00Z"), comment: "better" },
      { customerId: id, scale: "csat", score: 4, respondedAt: at("2026-01-15T02:00:00Z") },
    ],
  });
  await db.customer.create({ data: { name: "Gone Corp", ownerId: amy.id, status: "archived", searchKeys: ["gone corp", "gone"] } });
});

describe("customerSummary", () => {
  it("gives the archive: name, owner, tier, stage, industry, region, tags, contacts", async () => {
    const s = await customerSummary(co.ctx("bob", NOW), { customer: "Acme Logistics" });
    expect(s).toMatchObject({
      name: "Acme Logistics", owner: { handle: "amy", name: "Amy Lee" }, tier: "A", stage: "loyal",
      industry: "logistics", region: "Shanghai", tags: ["key-account"], status: "active",
    });
    expect(s.contacts).toEqual([
      { name: "Jane Doe", title: "Purchasing", email: "jane@acme.test", phone: "+86 21 5555", birthday: "1985-03-09" },
      { name: "Mark Liu", title: null, email: null, phone: null, birthday: null },
    ]);
  });

  it("gives the last interaction with its contact and author, and the 5 most recent, latest first", async () => {
    const s = await customerSummary(co.ctx("amy", NOW), { customer: "Acme" });
    expect(s.lastInteraction).toMatchObject({ kind: "visit", summary: "worried about the 8% increase", sentiment: "negative", contact: "Jane Doe", by: { handle: "amy" } });
    expect(s.recentInteractions.map((i) => i.summary)).toEqual(["worried about the 8% increase", "call 6", "call 5", "call 4", "call 3"]);
    expect(s.recentInteractions[2]!.by.handle).toBe("boss");
  });

  it("gives open follow-ups and complaints with overdue flags, orders per currency, open deals, latest NPS and CSAT", async () => {
    const s = await customerSummary(co.ctx("amy", NOW), { customer: "Acme Logistics" });
    expect(s.openFollowUps.map((f) => [f.title, f.overdue])).toEqual([["call back", true], ["send revised quote", false]]);
    expect(s.openComplaints).toMatchObject([
      { severity: "high", description: "late delivery", overdue: true, owner: "amy", dueBy: at("2026-02-27T02:00:00Z"), openedAt: at("2026-02-20T02:00:00Z") },
      { severity: "low", description: "invoice typo", overdue: false },
    ]);
    expect(s.orders).toEqual({
      count: 3,
      totals: [{ currency: "CNY", total: 300.3, count: 2 }, { currency: "USD", total: 50, count: 1 }],
      lastOrderAt: at("2026-02-15T02:00:00Z"),
    });
    expect(s.openDeals.map((d) => [d.title, d.amount, d.currency, d.overdue])).toEqual([["Cold chain pilot", 9000, "USD", true], ["Fleet renewal", 120000, "CNY", false]]);
    expect(s.nps).toEqual({ score: 9, respondedAt: at("2026-02-01T02:00:00Z"), comment: "better" });
    expect(s.csat).toEqual({ score: 4, respondedAt: at("2026-01-15T02:00:00Z"), comment: null });
  });

  it("a customer with no history: empty lists and nulls, not errors; archived customers can be looked up", async () => {
    const s = await customerSummary(co.ctx("amy", NOW), { customer: "Summit Hotels" });
    expect(s).toMatchObject({ lastInteraction: null, recentInteractions: [], openFollowUps: [], openComplaints: [], openDeals: [], nps: null, csat: null });
    expect(s.orders).toEqual({ count: 0, totals: [], lastOrderAt: null });
    expect((await customerSummary(co.ctx("amy", NOW), { customer: "Gone Corp" })).status).toBe("archived");
    await expect(customerSummary(co.ctx("amy", NOW), { customer: "Contoso" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("uses the same number of queries for a customer with a long history as for an empty one", async () => {
    let n = 0;
    const counted = co.store.prisma.$extends({
      query: { $allOperations: async ({ args, query }) => { n++; return query(args); } },
    }) as unknown as PrismaClient;
    const run = async (customer: string) => {
      n = 0;
      await customerSummary({ ...co.ctx("amy", NOW), db: counted } as DomainContext, { customer });
      return n;
    };
    const full = await run("Acme Logistics");
    const empty = await run("Summit Hotels");
    expect(full).toBe(empty);
    expect(full).toBeLessThanOrEqual(9);
  });
});
