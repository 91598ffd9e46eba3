import { beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { listCustomers } from "../../domain/list-customers.ts";

let co: Company;
beforeAll(async () => {
  co = await seedCompany(await freshStore());
  const db = co.store.prisma;
  await db.customer.update({ where: { id: co.customers.huadong }, data: { tier: "A" } });
  await db.customer.create({ data: { name: "Gone Corp", ownerId: co.users.amy.id, status: "archived" } });
  await db.interaction.create({ data: { customerId: co.customers.acmeLogistics, userId: co.users.amy.id, kind: "call", summary: "x", occurredAt: new Date("2026-02-20T02:00:00Z") } });
});

describe("listCustomers", () => {
  it("a rep gets their active customers, tier first, with the last contact", async () => {
    const r = await listCustomers(co.ctx("amy"));
    expect(r.total).toBe(2);
    expect(r.customers.map((c) => [c.name, c.tier, c.lastContactAt?.toISOString() ?? null])).toEqual([
      ["华东机械有限公司", "A", null],
      ["Acme Logistics", "B", "2026-02-20T02:00:00.000Z"],
    ]);
  });

  it("a manager gets the team; by tier; one named rep; another team's never", async () => {
    expect((await listCustomers(co.ctx("boss"))).customers.map((c) => c.name).sort()).toEqual(["Acme Logistics", "Acme Robotics", "Summit Hotels", "华东机械有限公司"]);
    expect((await listCustomers(co.ctx("boss"), { tier: "A" })).customers.map((c) => c.name)).toEqual(["华东机械有限公司"]);
    expect((await listCustomers(co.ctx("boss"), { owner: "bob" })).customers.map((c) => c.owner.handle)).toEqual(["bob", "bob"]);
    await expect(listCustomers(co.ctx("boss"), { owner: "nobody" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
