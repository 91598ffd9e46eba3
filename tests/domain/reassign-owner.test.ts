import { beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { counts, lastChange } from "../helpers/store-counts.ts";
import { reassignOwner } from "../../domain/reassign-owner.ts";
import { undoLastChange } from "../../domain/undo-last-change.ts";

let co: Company;
let sarah: number;
beforeAll(async () => {
  co = await seedCompany(await freshStore());
  sarah = (await co.store.prisma.user.create({ data: { handle: "sarah.chen", name: "Sarah Chen", role: "rep", managerId: co.users.boss.id } })).id;
});
const db = () => co.store.prisma;
const owner = async (id: number) => (await db().customer.findUniqueOrThrow({ where: { id } })).ownerId;

describe("reassignOwner", () => {
  it("a manager gives a team customer to a team member named by display name; audited", async () => {
    const r = await reassignOwner(co.ctx("boss"), { customer: "Summit", to: "Sarah Chen" });
    expect(r).toMatchObject({ customer: { name: "Summit Hotels" }, from: { handle: "bob" }, to: { handle: "sarah.chen" }, unchanged: false });
    expect(await owner(co.customers.summit)).toBe(sarah);
    expect(await lastChange(db())).toMatchObject([{ entity: "customer", action: "update", before: { ownerId: co.users.bob.id }, after: { ownerId: sarah } }]);
  });

  it("reps can't reassign; other teams' managers and non-team targets are refused; nothing changes", async () => {
    const before = [await counts(db()), await owner(co.customers.acmeLogistics), await owner(co.customers.eveCo)];
    await expect(reassignOwner(co.ctx("amy"), { customer: "Acme Logistics", to: "bob" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(reassignOwner(co.ctx("boss"), { customer: "东方电子", to: "amy" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(reassignOwner(co.ctx("boss"), { customer: "Acme Logistics", to: "eve" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect([await counts(db()), await owner(co.customers.acmeLogistics), await owner(co.customers.eveCo)]).toEqual(before);
  });

  it("unknown handle is NOT_FOUND naming it; unknown customer NOT_FOUND", async () => {
    const before = await counts(db());
    const e = await reassignOwner(co.ctx("boss"), { customer: "Acme Logistics", to: "zed.nobody" }).catch((x) => x);
    expect(e.code).toBe("NOT_FOUND");
    expect(e.userMessage).toContain("zed.nobody");
    await expect(reassignOwner(co.ctx("boss"), { customer: "Contoso", to: "amy" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await counts(db())).toEqual(before);
  });

  it("giving it to its current owner changes nothing; an admin may give anyone's customer to anyone", async () => {
    const before = await counts(db());
    await expect(reassignOwner(co.ctx("boss"), { customer: "Acme Logistics", to: "amy" })).resolves.toMatchObject({ unchanged: true });
    expect(await counts(db())).toEqual(before);
    await reassignOwner(co.ctx("root"), { customer: "东方电子", to: "@amy" });
    expect(await owner(co.customers.eveCo)).toBe(co.users.amy.id);
  });

  it("undo restores the old owner", async () => {
    await reassignOwner(co.ctx("boss"), { customer: "Acme Logistics", to: "bob" });
    expect(await owner(co.customers.acmeLogistics)).toBe(co.users.bob.id);
    await undoLastChange(co.ctx("boss"));
    expect(await owner(co.customers.acmeLogistics)).toBe(co.users.amy.id);
  });
});
