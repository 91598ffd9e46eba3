import { beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { counts, lastChange } from "../helpers/store-counts.ts";
import { advanceDeal } from "../../domain/advance-deal.ts";
import { undoLastChange } from "../../domain/undo-last-change.ts";

let co: Company;
const deal: Record<string, number> = {};
beforeAll(async () => {
  co = await seedCompany(await freshStore());
  const mk = async (customerId: number, title: string) =>
    (await co.store.prisma.deal.create({ data: { customerId, title, amount: 1000, expectedCloseAt: new Date("2026-04-01T00:00:00Z") } })).id;
  deal.freight = await mk(co.customers.acmeLogistics, "freight contract");
  deal.storage = await mk(co.customers.acmeLogistics, "storage contract");
  deal.summit = await mk(co.customers.summit, "hotel linen");
  deal.eve = await mk(co.customers.eveCo, "芯片");
});
const db = () => co.store.prisma;
const get = (id: number) => db().deal.findUniqueOrThrow({ where: { id } });

describe("advanceDeal", () => {
  it("moves the named deal's stage and amount, audited with before and after", async () => {
    const r = await advanceDeal(co.ctx("amy"), { customer: "Acme", deal: "freight", stage: "proposal", amount: 1500 });
    expect(r).toMatchObject({ deal: { id: deal.freight, stage: "proposal", amount: 1500 }, previous: { stage: "qualification", amount: 1000 } });
    expect(await get(deal.freight)).toMatchObject({ stage: "proposal" });
    expect(await lastChange(db())).toMatchObject([{ entity: "deal", action: "update", entityId: deal.freight, before: { stage: "qualification" }, after: { stage: "proposal" } }]);
  });

  it("with several open deals and no title it asks, listing them; with one open it needs no title", async () => {
    const e = await advanceDeal(co.ctx("amy"), { customer: "Acme", status: "won" }).catch((x) => x);
    expect(e.code).toBe("AMBIGUOUS");
    expect(e.userMessage).toContain("freight contract");
    expect(e.userMessage).toContain("storage contract");
    await advanceDeal(co.ctx("amy"), { customer: "Acme", deal: "storage", status: "lost" });
    await advanceDeal(co.ctx("amy"), { customer: "Acme", status: "won" });
    expect((await get(deal.freight)).status).toBe("won");
  });

  it("refuses a rep on another rep's customer and another team's manager; the team's manager may", async () => {
    const before = await counts(db());
    await expect(advanceDeal(co.ctx("amy"), { customer: "Summit", stage: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(advanceDeal(co.ctx("boss"), { customer: "东方电子", stage: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await counts(db())).toEqual(before);
    expect((await get(deal.summit)).stage).toBe("qualification");
    await advanceDeal(co.ctx("boss"), { customer: "Summit", stage: "negotiation" });
    expect((await get(deal.summit)).stage).toBe("negotiation");
  });

  it("names bad input: nothing to change, negative amount, impossible date, bad status, unknown deal or customer", async () => {
    const before = await counts(db());
    await expect(advanceDeal(co.ctx("bob"), { customer: "Summit" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(advanceDeal(co.ctx("bob"), { customer: "Summit", amount: -1 })).rejects.toMatchObject({ details: { field: "amount" } });
    await expect(advanceDeal(co.ctx("bob"), { customer: "Summit", expectedCloseAt: "2026-02-30" })).rejects.toThrow(/expectedCloseAt.*2026-02-30/);
    await expect(advanceDeal(co.ctx("bob"), { customer: "Summit", status: "paused" as never })).rejects.toMatchObject({ details: { field: "status" } });
    await expect(advanceDeal(co.ctx("bob"), { customer: "Summit", deal: "towels", stage: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(advanceDeal(co.ctx("bob"), { customer: "Contoso", stage: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await counts(db())).toEqual(before);
  });

  it("undo restores the old values", async () => {
    const was = await get(deal.summit);
    await advanceDeal(co.ctx("bob"), { customer: "Summit", status: "lost", amount: 5, expectedCloseAt: "2026-06-01" });
    await undoLastChange(co.ctx("bob"));
    expect(await get(deal.summit)).toEqual(was);
  });
});
