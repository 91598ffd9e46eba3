import { beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { listFollowUps } from "../../domain/list-follow-ups.ts";

// "now" is Monday 2026-03-02 09:30 in Shanghai (Amy) — still Sunday 2026-03-01 20:30 in New York (Bob).
let co: Company;
beforeAll(async () => {
  co = await seedCompany(await freshStore());
  const db = co.store.prisma;
  const { amy, bob } = co.users;
  const mk = (customerId: number, ownerId: number, dueAt: string, title: string, status: "open" | "done" = "open") =>
    db.followUp.create({ data: { customerId, ownerId, dueAt: new Date(dueAt), title, status } });
  await mk(co.customers.acmeLogistics, amy.id, "2026-02-27T10:00:00+08:00", "overdue one");
  await mk(co.customers.huadong, amy.id, "2026-03-02T15:00:00+08:00", "today one");
  await mk(co.customers.acmeLogistics, amy.id, "2026-03-02T08:00:00+08:00", "done today", "done");
  await mk(co.customers.huadong, amy.id, "2026-03-05T09:00:00+08:00", "thursday");
  await mk(co.customers.acmeLogistics, amy.id, "2026-03-08T23:00:00+08:00", "sunday night");
  await mk(co.customers.acmeLogistics, amy.id, "2026-03-09T09:00:00+08:00", "next monday");
  await mk(co.customers.summit, bob.id, "2026-03-01T22:00:00-05:00", "bob sunday night");
  await mk(co.customers.summit, bob.id, "2026-03-02T01:00:00-05:00", "bob monday");
  // an archived customer's follow-ups drop out
  const gone = await db.customer.create({ data: { name: "Gone Co", ownerId: amy.id, status: "archived" } });
  await mk(gone.id, amy.id, "2026-03-02T12:00:00+08:00", "archived customer");
});
const titles = async (who: "amy" | "bob", range: "today" | "week" | "overdue" | "open") =>
  (await listFollowUps(co.ctx(who), { range })).items.map((i) => i.title);

describe("listFollowUps", () => {
  it("today includes overdue items, flagged, with customer names, in due order", async () => {
    const r = await listFollowUps(co.ctx("amy"), { range: "today" });
    expect(r.items).toMatchObject([
      { title: "overdue one", customer: "Acme Logistics", overdue: true },
      { title: "today one", customer: "华东机械有限公司", overdue: false },
    ]);
    expect(r.items[0]!.dueAt.toISOString()).toBe("2026-02-27T02:00:00.000Z");
  });

  it("week runs through the end of the actor's local Sunday", async () => {
    expect(await titles("amy", "week")).toEqual(["overdue one", "today one", "thursday", "sunday night"]);
  });

  it("overdue and all open", async () => {
    expect(await titles("amy", "overdue")).toEqual(["overdue one"]);
    expect(await titles("amy", "open")).toEqual(["overdue one", "today one", "thursday", "sunday night", "next monday"]);
  });

  it("uses the actor's time zone: for Bob in New York it is still Sunday, so the week ends tonight", async () => {
    expect(await titles("bob", "today")).toEqual(["bob sunday night"]);
    expect(await titles("bob", "week")).toEqual(["bob sunday night"]);
    expect(await titles("bob", "open")).toEqual(["bob sunday night", "bob monday"]);
  });

  it("rejects an unknown range by name", async () => {
    await expect(listFollowUps(co.ctx("amy"), { range: "month" as never })).rejects.toMatchObject({ code: "INVALID_INPUT", details: { field: "range" } });
  });
});
