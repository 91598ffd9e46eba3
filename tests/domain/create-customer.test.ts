import { beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { counts, lastChange } from "../helpers/store-counts.ts";
import { createCustomer } from "../../domain/create-customer.ts";
import { resolveCustomer } from "../../domain/find-customers.ts";
import { undoLastChange } from "../../domain/undo-last-change.ts";

let co: Company;
beforeAll(async () => {
  co = await seedCompany(await freshStore());
  await co.store.prisma.user.create({ data: { handle: "sarah.chen", name: "Sarah Chen", role: "rep", managerId: co.users.boss.id } });
});
const db = () => co.store.prisma;

describe("createCustomer", () => {
  it("creates with defaults, owner = actor, search keys filled, and one audit entry", async () => {
    const r = await createCustomer(co.ctx("amy", undefined, "new customer Bluewave Foods Co., Ltd."), { name: "Bluewave Foods Co., Ltd.", aliases: ["蓝波"], industry: "food", tags: ["vip"] });
    expect(r.owner.handle).toBe("amy");
    const row = await db().customer.findUniqueOrThrow({ where: { id: r.customer.id } });
    expect(row).toMatchObject({ ownerId: co.users.amy.id, tier: "C", stage: "prospect", industry: "food", tags: ["vip"], status: "active" });
    expect(row.searchKeys).toEqual(expect.arrayContaining(["bluewave foods co., ltd.", "bluewave foods", "bluewave", "蓝波"]));
    const audit = await lastChange(db());
    expect(audit).toMatchObject([{ entity: "customer", action: "create", entityId: row.id, actorId: co.users.amy.id, message: "new customer Bluewave Foods Co., Ltd." }]);
    // and name resolution finds it by its short form at once
    expect((await resolveCustomer({ db: db(), actor: co.users.amy, query: "bluewave" })).id).toBe(row.id);
  });

  it("lets a manager create for their team by display name, refuses other teams and reps creating for others", async () => {
    const r = await createCustomer(co.ctx("boss"), { name: "Northwind", owner: "Sarah Chen", tier: "A" });
    expect(r.owner.handle).toBe("sarah.chen");
    expect((await db().customer.findUniqueOrThrow({ where: { id: r.customer.id } })).tier).toBe("A");
    const before = await counts(db());
    await expect(createCustomer(co.ctx("boss"), { name: "Westwind", owner: "eve" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createCustomer(co.ctx("amy"), { name: "Westwind", owner: "bob" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await counts(db())).toEqual(before);
    await expect(createCustomer(co.ctx("root"), { name: "Westwind", owner: "eve" })).resolves.toMatchObject({ owner: { handle: "eve" } });
  });

  it("names bad input: duplicate name (any case), unknown owner, bad tier", async () => {
    const before = await counts(db());
    const dup = await createCustomer(co.ctx("amy"), { name: "acme logistics" }).catch((e) => e);
    expect(dup).toMatchObject({ code: "CONFLICT" });
    expect(dup.userMessage).toContain("Acme Logistics");
    const who = await createCustomer(co.ctx("root"), { name: "Zeta", owner: "nobody.here" }).catch((e) => e);
    expect(who).toMatchObject({ code: "NOT_FOUND" });
    expect(who.userMessage).toContain("nobody.here");
    await expect(createCustomer(co.ctx("amy"), { name: "Zeta", tier: "E" as never })).rejects.toMatchObject({ code: "INVALID_INPUT", details: { field: "tier" } });
    expect(await counts(db())).toEqual(before);
  });

  it("undo removes the created customer", async () => {
    const r = await createCustomer(co.ctx("bob"), { name: "Undo Me Ltd" });
    await undoLastChange(co.ctx("bob"));
    expect(await db().customer.findUnique({ where: { id: r.customer.id } })).toBeNull();
  });
});
