import { beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { listStaleCustomers } from "../../domain/list-stale-customers.ts";

let co: Company;
const NOW = "2026-03-02T01:30:00Z"; // 09:30 in Shanghai, 20:30 on 1 March in New York
const daysAgo = (d: number) => new Date(Date.parse(NOW) - d * 86_400_000);

beforeAll(async () => {
  co = await seedCompany(await freshStore());
  const db = co.store.prisma;
  const { amy, bob, boss } = co.users;
  const c = co.customers;
  await db.interaction.createMany({
    data: [
      { customerId: c.acmeLogistics, userId: amy.id, kind: "call", summary: "a", occurredAt: daysAgo(60) },
      { customerId: c.acmeLogistics, userId: amy.id, kind: "call", summary: "b", occurredAt: daysAgo(40) },
      { customerId: c.huadong, userId: amy.id, kind: "visit", summary: "c", occurredAt: daysAgo(5) },
      { customerId: c.summit, userId: boss.id, kind: "call", summary: "d", occurredAt: daysAgo(31) },
      // Exactly at the cutoff: talked to 30 days ago to the second — not stale.
      { customerId: c.acmeRobotics, userId: bob.id, kind: "email", summary: "e", occurredAt: daysAgo(30) },
    ],
  });
  // Archived and never contacted: not in any list.
  await db.customer.create({ data: { name: "Gone Corp", ownerId: amy.id, status: "archived" } });
});

describe("listStaleCustomers", () => {
  it("a rep gets their own customers with no contact in N days, with last contact date and owner", async () => {
    const r = await listStaleCustomers(co.ctx("amy", NOW), { days: 30 });
    expect(r).toEqual([
      { id: co.customers.acmeLogistics, name: "Acme Logistics", tier: "B", owner: { handle: "amy", name: "Amy Lee" }, lastContactAt: daysAgo(40), daysSince: 40 },
    ]);
  });

  it("a manager gets the team, never-contacted first then the oldest; another team's customers are not listed", async () => {
    const r = await listStaleCustomers(co.ctx("boss", NOW), { days: 30 });
    expect(r.map((x) => [x.name, x.owner.handle, x.daysSince])).toEqual([
      ["Acme Logistics", "amy", 40],
      ["Summit Hotels", "bob", 31],
    ]);
    const eve = await listStaleCustomers(co.ctx("eve", NOW), { days: 30 });
    expect(eve).toMatchObject([{ name: "东方电子", lastContactAt: null, daysSince: null }]);
    const all = await listStaleCustomers(co.ctx("root", NOW), { days: 30 });
    expect(all.map((x) => x.name)).toEqual(["东方电子", "Acme Logistics", "Summit Hotels"]);
  });

  it("the cutoff is exactly now − N days: a day later the customer contacted on the boundary becomes stale", async () => {
    const later = new Date(Date.parse(NOW) + 1000).toISOString();
    const r = await listStaleCustomers(co.ctx("bob", later), { days: 30 });
    expect(r.map((x) => x.name)).toEqual(["Summit Hotels", "Acme Robotics"]);
  });

  it("an owner filter picks one rep's list by handle or name; shorter N widens the list", async () => {
    expect((await listStaleCustomers(co.ctx("amy", NOW), { days: 30, owner: "Bob Smith" })).map((x) => x.name)).toEqual(["Summit Hotels"]);
    expect((await listStaleCustomers(co.ctx("amy", NOW), { days: 3 })).map((x) => x.name)).toEqual(["Acme Logistics", "华东机械有限公司"]);
    await expect(listStaleCustomers(co.ctx("amy", NOW), { days: 0 })).rejects.toMatchObject({ code: "INVALID_INPUT", details: { field: "days" } });
  });

  it("days since last contact are calendar days in the asker's zone", async () => {
    // huadong was contacted at 09:30 on 25 Feb in Shanghai = 20:30 on 24 Feb in New York. At 12:00Z on 2 March it is
    // 20:00 on 2 March in Shanghai (5 days on) and 07:00 on 2 March in New York (6 days on).
    const evening = "2026-03-02T12:00:00Z";
    const amy = await listStaleCustomers(co.ctx("amy", evening), { days: 2 });
    const boss = await listStaleCustomers({ ...co.ctx("boss", evening), actor: { ...co.users.boss, timezone: "America/New_York" } }, { days: 2 });
    expect(amy.find((x) => x.name === "华东机械有限公司")!.daysSince).toBe(5);
    expect(boss.find((x) => x.name === "华东机械有限公司")!.daysSince).toBe(6);
  });
});
