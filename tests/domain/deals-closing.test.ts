import { beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { dealsClosing } from "../../domain/deals-closing.ts";
import { monthRange } from "../../domain/period.ts";

let co: Company;
const NOW = "2026-03-02T01:30:00Z";
const at = (s: string) => new Date(s);

beforeAll(async () => {
  co = await seedCompany(await freshStore());
  const c = co.customers;
  await co.store.prisma.deal.createMany({
    data: [
      { customerId: c.acmeLogistics, title: "Fleet renewal", stage: "proposal", amount: "120000.10", currency: "CNY", expectedCloseAt: at("2026-03-20T02:00:00Z") },
      { customerId: c.huadong, title: "Line 2", amount: "80000", currency: "CNY", expectedCloseAt: at("2026-02-20T02:00:00Z") }, // overdue
      { customerId: c.summit, title: "Spa", amount: "5000", currency: "USD", expectedCloseAt: at("2026-04-10T02:00:00Z") }, // next month
      // 20:00Z on 31 March: 04:00 on 1 April in Shanghai, 16:00 on 31 March in New York.
      { customerId: c.summit, title: "Conference", amount: "700", currency: "USD", expectedCloseAt: at("2026-03-31T20:00:00Z") },
      { customerId: c.acmeRobotics, title: "Arm", amount: "1", expectedCloseAt: at("2026-03-10T02:00:00Z"), status: "won" },
      { customerId: c.eveCo, title: "其他团队", amount: "1", expectedCloseAt: at("2026-03-15T02:00:00Z") },
    ],
  });
});

describe("dealsClosing", () => {
  it("a manager this month (Shanghai): the team's open deals in the period plus overdue ones flagged, not won or other teams'", async () => {
    const r = await dealsClosing(co.ctx("boss", NOW), monthRange(at(NOW), "Asia/Shanghai"));
    expect(r.deals.map((d) => [d.title, d.overdue, d.inPeriod])).toEqual([
      ["Line 2", true, false],
      ["Fleet renewal", false, true],
    ]);
    expect(r.deals[1]).toMatchObject({ amount: 120000.1, currency: "CNY", stage: "proposal", customer: { name: "Acme Logistics" }, owner: { handle: "amy", name: "Amy Lee" } });
    expect(r.totals).toEqual([{ currency: "CNY", total: 120000.1, count: 1 }]);
  });

  it("the period is the asker's month: a deal at 20:00Z on 31 March is April in Shanghai but March in New York", async () => {
    const bob = await dealsClosing(co.ctx("bob", NOW), monthRange(at(NOW), "America/New_York"));
    expect(bob.deals.map((d) => d.title)).toEqual(["Conference"]);
    const bossNext = await dealsClosing(co.ctx("boss", NOW), monthRange(at(NOW), "Asia/Shanghai", 1));
    expect(bossNext.deals.filter((d) => d.inPeriod).map((d) => d.title)).toEqual(["Conference", "Spa"]);
    expect(bossNext.totals).toEqual([{ currency: "USD", total: 5700, count: 2 }]);
  });

  it("a rep sees their own; overdue can be left out; a missing period end is a clear error", async () => {
    const amy = await dealsClosing(co.ctx("amy", NOW), { ...monthRange(at(NOW), "Asia/Shanghai"), includeOverdue: false });
    expect(amy.deals.map((d) => d.title)).toEqual(["Fleet renewal"]);
    const eve = await dealsClosing(co.ctx("eve", NOW), monthRange(at(NOW), "Asia/Shanghai"));
    expect(eve.deals.map((d) => d.title)).toEqual(["其他团队"]);
    await expect(dealsClosing(co.ctx("amy", NOW), { from: at(NOW) })).rejects.toMatchObject({ code: "INVALID_INPUT", details: { field: "to" } });
  });

  it("a deal becomes overdue once its close date passes while open", async () => {
    const later = "2026-03-21T00:00:00Z";
    const r = await dealsClosing(co.ctx("amy", later), monthRange(at(later), "Asia/Shanghai"));
    expect(r.deals.map((d) => [d.title, d.overdue])).toEqual([["Line 2", true], ["Fleet renewal", true]]);
  });
});
