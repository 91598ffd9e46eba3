import { beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { activityByRep } from "../../domain/activity-by-rep.ts";
import { dayRange } from "../../domain/time.ts";

let co: Company;
const NOW = "2026-03-02T01:30:00Z";
const at = (s: string) => new Date(s);
// The week of 23 Feb – 1 Mar in Shanghai: [2026-02-22T16:00Z, 2026-03-01T16:00Z).
const FROM = dayRange("2026-02-23", "Asia/Shanghai").start;
const TO = dayRange("2026-03-02", "Asia/Shanghai").start;

beforeAll(async () => {
  co = await seedCompany(await freshStore());
  const db = co.store.prisma;
  const { amy, bob, eve } = co.users;
  const c = co.customers;
  const i = (userId: number, customerId: number, kind: "call" | "visit" | "email", occurredAt: Date) => ({ userId, customerId, kind, occurredAt, summary: "x" });
  await db.interaction.createMany({
    data: [
      i(amy.id, c.acmeLogistics, "call", FROM), // exactly at the start: counted
      i(amy.id, c.acmeLogistics, "call", at("2026-02-25T02:00:00Z")),
      i(amy.id, c.huadong, "visit", at("2026-02-26T02:00:00Z")),
      i(amy.id, c.huadong, "call", at("2026-02-20T02:00:00Z")), // before
      i(amy.id, c.huadong, "call", TO), // exactly at the end: not counted
      i(bob.id, c.summit, "email", at("2026-02-24T17:00:00Z")),
      i(eve.id, c.eveCo, "call", at("2026-02-24T02:00:00Z")),
    ],
  });
  await db.followUp.createMany({
    data: [
      { customerId: c.acmeLogistics, ownerId: amy.id, dueAt: at("2026-02-25T01:00:00Z"), title: "a", status: "done", completedAt: at("2026-02-25T03:00:00Z") },
      { customerId: c.acmeLogistics, ownerId: amy.id, dueAt: at("2026-02-10T01:00:00Z"), title: "b", status: "done", completedAt: at("2026-02-10T03:00:00Z") },
      { customerId: c.acmeLogistics, ownerId: amy.id, dueAt: at("2026-02-25T01:00:00Z"), title: "c", status: "open" },
    ],
  });
  await db.order.createMany({
    data: [
      { customerId: c.acmeLogistics, amount: "100.5", currency: "CNY", orderedAt: at("2026-02-25T02:00:00Z") },
      { customerId: c.huadong, amount: "200", currency: "CNY", orderedAt: at("2026-02-27T02:00:00Z") },
      { customerId: c.acmeLogistics, amount: "20", currency: "USD", orderedAt: at("2026-02-28T02:00:00Z") },
      { customerId: c.acmeLogistics, amount: "999", currency: "USD", orderedAt: at("2026-03-05T02:00:00Z") }, // after
    ],
  });
});

describe("activityByRep", () => {
  it("a manager gets every rep on the team, including those with nothing, and not another team's", async () => {
    const r = await activityByRep(co.ctx("boss", NOW), { from: FROM, to: TO });
    expect(r.map((x) => x.user.handle)).toEqual(["amy", "bob", "boss"]);
    const [amy, bob, boss] = r;
    expect(amy).toMatchObject({
      interactions: { call: 2, visit: 1, meeting: 0, email: 0, message: 0, total: 3 },
      followUpsCompleted: 1,
      orders: { count: 3, amounts: [{ currency: "CNY", total: 300.5, count: 2 }, { currency: "USD", total: 20, count: 1 }] },
    });
    expect(bob).toMatchObject({ interactions: { email: 1, total: 1 }, followUpsCompleted: 0, orders: { count: 0, amounts: [] } });
    expect(boss).toMatchObject({ user: { role: "manager" }, interactions: { total: 0 } });
  });

  it("a rep gets their own row only; an admin everyone", async () => {
    expect((await activityByRep(co.ctx("amy", NOW), { from: FROM, to: TO })).map((x) => x.user.handle)).toEqual(["amy"]);
    const all = await activityByRep(co.ctx("root", NOW), { from: FROM, to: TO });
    expect(all.find((x) => x.user.handle === "eve")!.interactions.call).toBe(1);
  });

  it("days are the asker's days: the same dates cover different instants in Shanghai and New York", async () => {
    // amy's call at 16:00Z on 1 March is 2 March in Shanghai but 1 March in New York.
    const mar1 = (tz: string) => dayRange("2026-03-01", tz);
    const sh = await activityByRep(co.ctx("boss", NOW), { owner: "amy", from: mar1("Asia/Shanghai").start, to: mar1("Asia/Shanghai").end });
    const ny = await activityByRep(co.ctx("boss", NOW), { owner: "amy", from: mar1("America/New_York").start, to: mar1("America/New_York").end });
    expect([sh[0]!.interactions.call, ny[0]!.interactions.call]).toEqual([0, 1]);
    // Bare dates are read in the asker's zone: bob's email at 17:00Z on 24 Feb is 24 Feb for him, 25 Feb for his boss.
    const day = { from: "2026-02-24", to: "2026-02-25" };
    expect((await activityByRep(co.ctx("bob", NOW), day))[0]!.interactions.email).toBe(1);
    expect((await activityByRep(co.ctx("boss", NOW), { ...day, owner: "bob" }))[0]!.interactions.email).toBe(0);
  });

  it("needs a period", async () => {
    await expect(activityByRep(co.ctx("amy", NOW), {})).rejects.toMatchObject({ code: "INVALID_INPUT", details: { field: "from" } });
  });
});
