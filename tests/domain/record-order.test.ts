import { beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { counts, lastChange } from "../helpers/store-counts.ts";
import { recordOrder, stageAfterOrder } from "../../domain/record-order.ts";
import { undoLastChange } from "../../domain/undo-last-change.ts";
import { listMutations, lastAuditId } from "../../domain/audit.repository.ts";

let co: Company;
let prospect: number;
beforeAll(async () => {
  co = await seedCompany(await freshStore());
  prospect = (await co.store.prisma.customer.create({ data: { name: "Bluewave Foods", ownerId: co.users.amy.id, searchKeys: ["bluewave foods", "bluewave"] } })).id;
});
const db = () => co.store.prisma;
const stage = async (id: number) => (await db().customer.findUniqueOrThrow({ where: { id } })).stage;

describe("recordOrder", () => {
  it("records the order (CNY, now by default) and nothing else; the stage the first order implies is only suggested", async () => {
    const mark = await lastAuditId(db());
    const r = await recordOrder(co.ctx("amy"), { customer: "Bluewave", amount: 120000 });
    expect(r).toMatchObject({ order: { amount: 120000, currency: "CNY" }, customer: { name: "Bluewave Foods", stage: "prospect", suggestedStage: "new" }, orderCount: 1 });
    const row = await db().order.findUniqueOrThrow({ where: { id: r.order.id } });
    expect([Number(row.amount), row.orderedAt.toISOString()]).toEqual([120000, "2026-03-02T01:30:00.000Z"]);
    expect(await stage(prospect)).toBe("prospect");
    expect(await lastChange(db())).toMatchObject([{ entity: "order", action: "create", entityId: row.id }]);
    expect(await listMutations(db(), { afterId: mark })).toEqual([
      expect.objectContaining({ entity: "order", action: "create", data: expect.objectContaining({ customer: "Bluewave Foods", amount: 120000, currency: "CNY" }) }),
    ]);
  });

  it("the second order suggests repeat; every order writes only the order", async () => {
    const r = await recordOrder(co.ctx("amy"), { customer: "Bluewave", amount: 500, currency: "usd", orderedAt: "2026-02-20" });
    expect(r.customer).toMatchObject({ stage: "prospect", suggestedStage: "repeat" });
    expect(await stage(prospect)).toBe("prospect");
    await recordOrder(co.ctx("amy"), { customer: "Bluewave", amount: 800 });
    expect((await lastChange(db())).map((e) => e.entity)).toEqual(["order"]);
    expect(stageAfterOrder("loyal", 5)).toBe("loyal");
    expect(stageAfterOrder("lost", 4)).toBe("repeat");
  });

  it("refuses a rep on another rep's customer and another team's manager; the team's manager may", async () => {
    const before = await counts(db());
    await expect(recordOrder(co.ctx("amy"), { customer: "Summit", amount: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(recordOrder(co.ctx("boss"), { customer: "东方电子", amount: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await counts(db())).toEqual(before);
    await expect(recordOrder(co.ctx("boss"), { customer: "Summit", amount: 1 })).resolves.toMatchObject({ customer: { name: "Summit Hotels" } });
  });

  it("names bad input: negative or zero amount, bad currency, impossible or future date, unknown customer", async () => {
    const before = await counts(db());
    const neg = await recordOrder(co.ctx("amy"), { customer: "Acme", amount: -5 }).catch((e) => e);
    expect(neg).toMatchObject({ code: "INVALID_INPUT", details: { field: "amount" } });
    await expect(recordOrder(co.ctx("amy"), { customer: "Acme", amount: 0 })).rejects.toMatchObject({ details: { field: "amount" } });
    await expect(recordOrder(co.ctx("amy"), { customer: "Acme", amount: 5, currency: "yuan" })).rejects.toMatchObject({ details: { field: "currency" } });
    await expect(recordOrder(co.ctx("amy"), { customer: "Acme", amount: 5, orderedAt: "2026-02-30" })).rejects.toThrow(/orderedAt.*2026-02-30/);
    await expect(recordOrder(co.ctx("amy"), { customer: "Acme", amount: 5, orderedAt: "2026-04-01" })).rejects.toMatchObject({ details: { field: "orderedAt" } });
    await expect(recordOrder(co.ctx("amy"), { customer: "Contoso", amount: 5 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await counts(db())).toEqual(before);
  });

  it("undo removes the order and leaves the stage as it was", async () => {
    const c = await db().customer.create({ data: { name: "Fresh Prospect", ownerId: co.users.bob.id, searchKeys: ["fresh prospect"] } });
    const r = await recordOrder(co.ctx("bob"), { customer: "Fresh Prospect", amount: 99 });
    await undoLastChange(co.ctx("bob"));
    expect(await db().order.findUnique({ where: { id: r.order.id } })).toBeNull();
    expect(await stage(c.id)).toBe("prospect");
  });
});
