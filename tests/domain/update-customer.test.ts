import { beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { counts, lastChange } from "../helpers/store-counts.ts";
import { updateCustomer } from "../../domain/update-customer.ts";
import { resolveCustomer } from "../../domain/find-customers.ts";
import { undoLastChange } from "../../domain/undo-last-change.ts";

let co: Company;
beforeAll(async () => {
  co = await seedCompany(await freshStore());
});
const db = () => co.store.prisma;
const row = (id: number) => db().customer.findUniqueOrThrow({ where: { id } });

describe("updateCustomer", () => {
  it("changes fields, reports what changed, audits before and after", async () => {
    const r = await updateCustomer(co.ctx("amy"), { customer: "Acme", tier: "A", industry: "logistics", addTags: ["strategic"] });
    expect(r.changed.sort()).toEqual(["industry", "tags", "tier"]);
    expect(r.previous).toMatchObject({ tier: "B" });
    expect(await row(co.customers.acmeLogistics)).toMatchObject({ tier: "A", industry: "logistics", tags: ["strategic"] });
    const [a] = await lastChange(db());
    expect(a).toMatchObject({ entity: "customer", action: "update", entityId: co.customers.acmeLogistics, before: { tier: "B" }, after: { tier: "A", industry: "logistics" } });
  });

  it("recomputes search keys on rename and aliases, so the new names resolve and the old one doesn't", async () => {
    await updateCustomer(co.ctx("bob"), { customer: "Summit Hotels", name: "Summit Resorts Group", aliases: ["峰会酒店"] });
    const c = await row(co.customers.summit);
    expect(c.searchKeys).toEqual(expect.arrayContaining(["summit resorts group", "summit resorts", "峰会酒店"]));
    expect((await resolveCustomer({ db: db(), actor: co.users.bob, query: "峰会酒店" })).id).toBe(co.customers.summit);
    await expect(resolveCustomer({ db: db(), actor: co.users.bob, query: "Summit Hotels" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a rep on another rep's customer and another team's manager; a manager on the team works", async () => {
    const before = [await counts(db()), await row(co.customers.summit)];
    await expect(updateCustomer(co.ctx("amy"), { customer: "Summit", tier: "D" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateCustomer(co.ctx("eve"), { customer: "Summit", tier: "D" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect([await counts(db()), await row(co.customers.summit)]).toEqual(before);
    await expect(updateCustomer(co.ctx("boss"), { customer: "东方电子", tier: "D" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateCustomer(co.ctx("boss"), { customer: "Summit", stage: "loyal" })).resolves.toMatchObject({ changed: ["stage"] });
  });

  it("names bad input: duplicate name, unknown customer, bad stage, nothing to change", async () => {
    const before = await counts(db());
    const dup = await updateCustomer(co.ctx("amy"), { customer: "Acme Logistics", name: "acme robotics" }).catch((e) => e);
    expect(dup.code).toBe("CONFLICT");
    expect(dup.userMessage).toContain("Acme Robotics");
    await expect(updateCustomer(co.ctx("amy"), { customer: "Contoso", tier: "A" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(updateCustomer(co.ctx("amy"), { customer: "Acme", stage: "vip" as never })).rejects.toMatchObject({ code: "INVALID_INPUT", details: { field: "stage" } });
    await expect(updateCustomer(co.ctx("amy"), { customer: "Acme" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await counts(db())).toEqual(before);
  });

  it("undo restores the old values and search keys", async () => {
    const old = await row(co.customers.huadong);
    await updateCustomer(co.ctx("amy"), { customer: "华东机械", name: "华东重工有限公司", tier: "D" });
    await undoLastChange(co.ctx("amy"));
    const back = await row(co.customers.huadong);
    expect({ ...back, updatedAt: 0 }).toEqual({ ...old, updatedAt: 0 });
  });
});
