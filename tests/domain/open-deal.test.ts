import { beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { counts, lastChange } from "../helpers/store-counts.ts";
import { openDeal } from "../../domain/open-deal.ts";
import { undoLastChange } from "../../domain/undo-last-change.ts";

let co: Company;
beforeAll(async () => {
  co = await seedCompany(await freshStore());
});
const db = () => co.store.prisma;

describe("openDeal", () => {
  it("opens a deal (stage qualification, CNY); a bare close date is the end of that local day; audited", async () => {
    const r = await openDeal(co.ctx("amy"), { customer: "Acme", title: "2026 freight contract", amount: 250000, expectedCloseAt: "2026-04-30" });
    const row = await db().deal.findUniqueOrThrow({ where: { id: r.deal.id } });
    expect(row).toMatchObject({ customerId: co.customers.acmeLogistics, stage: "qualification", currency: "CNY", status: "open" });
    expect(row.expectedCloseAt.toISOString()).toBe("2026-04-30T15:59:00.000Z");
    expect(await lastChange(db())).toMatchObject([{ entity: "deal", action: "create", entityId: row.id }]);
  });

  it("refuses a rep on another rep's customer and another team's manager; the team's manager may", async () => {
    const before = await counts(db());
    await expect(openDeal(co.ctx("amy"), { customer: "Summit", title: "x", amount: 1, expectedCloseAt: "2026-04-30" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(openDeal(co.ctx("boss"), { customer: "东方电子", title: "x", amount: 1, expectedCloseAt: "2026-04-30" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await counts(db())).toEqual(before);
    await expect(openDeal(co.ctx("boss"), { customer: "Summit", title: "x", amount: 1, expectedCloseAt: "2026-04-30" })).resolves.toBeTruthy();
  });

  it("names bad input: duplicate title, negative amount, impossible date, unknown customer", async () => {
    const before = await counts(db());
    const dup = await openDeal(co.ctx("amy"), { customer: "Acme", title: "2026 Freight Contract", amount: 1, expectedCloseAt: "2026-04-30" }).catch((e) => e);
    expect(dup.code).toBe("CONFLICT");
    expect(dup.userMessage).toContain("2026 freight contract");
    await expect(openDeal(co.ctx("amy"), { customer: "Acme", title: "y", amount: -1, expectedCloseAt: "2026-04-30" })).rejects.toMatchObject({ details: { field: "amount" } });
    await expect(openDeal(co.ctx("amy"), { customer: "Acme", title: "y", amount: 1, expectedCloseAt: "2026-02-30" })).rejects.toThrow(/expectedCloseAt.*2026-02-30/);
    await expect(openDeal(co.ctx("amy"), { customer: "Contoso", title: "y", amount: 1, expectedCloseAt: "2026-04-30" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await counts(db())).toEqual(before);
  });

  it("undo removes it", async () => {
    const r = await openDeal(co.ctx("bob"), { customer: "Acme Robotics", title: "arms", amount: 10, expectedCloseAt: "2026-05-01" });
    await undoLastChange(co.ctx("bob"));
    expect(await db().deal.findUnique({ where: { id: r.deal.id } })).toBeNull();
  });
});
