import { beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { orderTotals } from "../../domain/order-totals.ts";
import { monthRange } from "../../domain/period.ts";

let co: Company;
const NOW = "2026-03-10T01:30:00Z";
const at = (s: string) => new Date(s);

beforeAll(async () => {
  co = await seedCompany(await freshStore());
  const c = co.customers;
  await co.store.prisma.order.createMany({
    data: [
      // 00:30 on 1 March in Shanghai, 11:30 on 28 Feb in New York: March for one, February for the other.
      { customerId: c.acmeLogistics, amount: "1000.10", currency: "CNY", orderedAt: at("2026-02-28T16:30:00Z") },
      { customerId: c.acmeLogistics, amount: "300", currency: "USD", orderedAt: at("2026-03-03T02:00:00Z") },
      { customerId: c.huadong, amount: "0.20", currency: "CNY", orderedAt: at("2026-01-15T02:00:00Z") },
      { customerId: c.summit, amount: "500", currency: "CNY", orderedAt: at("2026-03-05T02:00:00Z") },
      { customerId: c.summit, amount: "20.50", currency: "EUR", orderedAt: at("2026-03-06T02:00:00Z") },
      { customerId: c.eveCo, amount: "999", currency: "CNY", orderedAt: at("2026-03-05T02:00:00Z") },
    ],
  });
});

describe("orderTotals", () => {
  it("one customer: totals per currency, never mixed, largest first (reads are company-wide)", async () => {
    const r = await orderTotals(co.ctx("eve", NOW), { customer: "Acme Logistics" });
    expect(r).toEqual({
      customer: { id: co.customers.acmeLogistics, name: "Acme Logistics" }, from: null, to: null, count: 2,
      totals: [{ currency: "CNY", total: 1000.1, count: 1 }, { currency: "USD", total: 300, count: 1 }],
      top: [], // one customer: no ranking of buyers
    });
  });

  it("everyone in scope: a rep their own, a manager the team (not another team's), an admin all", async () => {
    expect((await orderTotals(co.ctx("amy", NOW), {})).totals).toEqual([
      { currency: "CNY", total: 1000.3, count: 2 }, { currency: "USD", total: 300, count: 1 },
    ]);
    expect((await orderTotals(co.ctx("boss", NOW), {})).totals).toEqual([
      { currency: "CNY", total: 1500.3, count: 3 }, { currency: "USD", total: 300, count: 1 }, { currency: "EUR", total: 20.5, count: 1 },
    ]);
    expect((await orderTotals(co.ctx("root", NOW), {})).count).toBe(6);
    expect((await orderTotals(co.ctx("boss", NOW), { owner: "bob" })).count).toBe(2);
  });

  it("a month is the asker's month: the order at 16:30Z on 28 Feb is March in Shanghai, February in New York", async () => {
    const sh = monthRange(at(NOW), "Asia/Shanghai");
    const ny = monthRange(at(NOW), "America/New_York");
    const amyMarch = await orderTotals(co.ctx("amy", NOW), { customer: "Acme Logistics", ...sh });
    expect(amyMarch.totals.map((t) => t.currency)).toEqual(["CNY", "USD"]);
    const bobMarch = await orderTotals(co.ctx("bob", NOW), { customer: "Acme Logistics", ...ny });
    expect(bobMarch.totals.map((t) => t.currency)).toEqual(["USD"]);
    // Bare dates are local midnight in the asker's zone too.
    expect((await orderTotals(co.ctx("amy", NOW), { customer: "Acme Logistics", from: "2026-03-01", to: "2026-04-01" })).count).toBe(2);
    expect((await orderTotals(co.ctx("bob", NOW), { customer: "Acme Logistics", from: "2026-03-01", to: "2026-04-01" })).count).toBe(1);
  });

  it("no orders: empty totals; a reversed period is a clear error", async () => {
    expect(await orderTotals(co.ctx("amy", NOW), { customer: "Acme Logistics", from: "2025-01-01", to: "2025-02-01" })).toMatchObject({ count: 0, totals: [] });
    await expect(orderTotals(co.ctx("amy", NOW), { from: "2026-03-01", to: "2026-02-01" })).rejects.toMatchObject({ code: "INVALID_INPUT", details: { field: "from" } });
  });
});

describe("monthRange", () => {
  it("computes calendar months in a zone, across DST", () => {
    const t = at("2026-02-28T17:00:00Z"); // 1 March 01:00 in Shanghai, 28 Feb 12:00 in New York
    expect(monthRange(t, "Asia/Shanghai")).toEqual({ from: at("2026-02-28T16:00:00Z"), to: at("2026-03-31T16:00:00Z") });
    expect(monthRange(t, "America/New_York")).toEqual({ from: at("2026-02-01T05:00:00Z"), to: at("2026-03-01T05:00:00Z") });
    // March in New York starts in EST and ends in EDT (DST from 8 March 2026).
    expect(monthRange(t, "America/New_York", 1)).toEqual({ from: at("2026-03-01T05:00:00Z"), to: at("2026-04-01T04:00:00Z") });
    expect(monthRange(at("2026-01-15T00:00:00Z"), "Asia/Shanghai", -1)).toEqual({ from: at("2025-11-30T16:00:00Z"), to: at("2025-12-31T16:00:00Z") });
  });
});
