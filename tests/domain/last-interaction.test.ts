import { beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { lastInteraction } from "../../domain/last-interaction.ts";

let co: Company;
beforeAll(async () => {
  co = await seedCompany(await freshStore());
  const db = co.store.prisma;
  const jane = await db.contact.findFirstOrThrow({ where: { name: "Jane Doe" } });
  await db.interaction.createMany({
    data: [
      { customerId: co.customers.acmeLogistics, userId: co.users.amy.id, contactId: jane.id, kind: "call", occurredAt: new Date("2026-02-10T02:00:00Z"), summary: "price worries", sentiment: "negative" },
      { customerId: co.customers.acmeLogistics, userId: co.users.amy.id, kind: "email", occurredAt: new Date("2026-01-10T02:00:00Z"), summary: "older" },
      // Latest: 23:00 on 1 March in Shanghai, 10:00 on 1 March in New York.
      { customerId: co.customers.acmeLogistics, userId: co.users.boss.id, kind: "visit", occurredAt: new Date("2026-03-01T15:00:00Z"), summary: "site visit", sentiment: "positive" },
    ],
  });
});

describe("lastInteraction", () => {
  it("returns the latest interaction with the customer: when, kind, summary, who", async () => {
    const r = await lastInteraction(co.ctx("amy"), { customer: "Acme" });
    expect(r.customer.name).toBe("Acme Logistics");
    expect(r.last).toMatchObject({ kind: "visit", summary: "site visit", sentiment: "positive", contact: null, by: { handle: "boss", name: "Boss Wang" } });
    expect(r.last!.occurredAt).toEqual(new Date("2026-03-01T15:00:00Z"));
    expect(r.contact).toBeNull();
  });

  it("counts days in the asker's time zone: yesterday in Shanghai, today in New York", async () => {
    const now = "2026-03-02T01:30:00Z";
    expect((await lastInteraction(co.ctx("amy", now), { customer: "Acme Logistics" })).daysAgo).toBe(1);
    expect((await lastInteraction(co.ctx("bob", now), { customer: "Acme Logistics" })).daysAgo).toBe(0);
  });

  it("when a contact is named, the latest with that person, and still the customer's latest", async () => {
    for (const r of [
      await lastInteraction(co.ctx("amy"), { customer: "Acme", contact: "Jane" }),
      await lastInteraction(co.ctx("amy"), { customer: "Jane Doe" }),
    ]) {
      expect(r.contact?.name).toBe("Jane Doe");
      expect(r.last).toMatchObject({ kind: "call", summary: "price worries", contact: "Jane Doe", by: { handle: "amy" } });
      expect(r.lastWithCustomer?.summary).toBe("site visit");
    }
  });

  it("never contacted: null, and reads are company-wide (a rep may ask about another team's customer)", async () => {
    const r = await lastInteraction(co.ctx("amy"), { customer: "东方电子" });
    expect(r).toMatchObject({ customer: { name: "东方电子" }, last: null, daysAgo: null, lastWithCustomer: null });
  });
});
