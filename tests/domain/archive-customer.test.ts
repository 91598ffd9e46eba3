import { beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { counts, lastChange } from "../helpers/store-counts.ts";
import { archiveCustomer } from "../../domain/archive-customer.ts";
import { resolveCustomer } from "../../domain/find-customers.ts";
import { undoLastChange } from "../../domain/undo-last-change.ts";

let co: Company;
beforeAll(async () => {
  co = await seedCompany(await freshStore());
});
const db = () => co.store.prisma;
const status = async (id: number) => (await db().customer.findUniqueOrThrow({ where: { id } })).status;

describe("archiveCustomer", () => {
  it("archives, audits, and the customer drops out of name resolution; archiving again is NOT_FOUND", async () => {
    const r = await archiveCustomer(co.ctx("bob"), { customer: "Acme Robotics" });
    expect(r.customer).toMatchObject({ name: "Acme Robotics", status: "archived" });
    expect(await status(co.customers.acmeRobotics)).toBe("archived");
    expect(await lastChange(db())).toMatchObject([{ entity: "customer", action: "update", before: { status: "active" }, after: { status: "archived" } }]);
    // "Acme" is no longer ambiguous for the manager
    expect((await resolveCustomer({ db: db(), actor: co.users.boss, query: "Acme" })).name).toBe("Acme Logistics");
    await expect(archiveCustomer(co.ctx("bob"), { customer: "Acme Robotics" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a rep on another rep's customer and another team's manager, changing nothing; the team's manager may", async () => {
    const before = await counts(db());
    await expect(archiveCustomer(co.ctx("amy"), { customer: "Summit" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(archiveCustomer(co.ctx("eve"), { customer: "Summit" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(archiveCustomer(co.ctx("boss"), { customer: "东方电子" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await counts(db())).toEqual(before);
    expect([await status(co.customers.summit), await status(co.customers.eveCo)]).toEqual(["active", "active"]);
    await archiveCustomer(co.ctx("boss"), { customer: "Summit" });
    expect(await status(co.customers.summit)).toBe("archived");
  });

  it("unknown customer is NOT_FOUND and empty input INVALID_INPUT", async () => {
    const before = await counts(db());
    await expect(archiveCustomer(co.ctx("amy"), { customer: "Contoso" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(archiveCustomer(co.ctx("amy"), { customer: " " })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await counts(db())).toEqual(before);
  });

  it("undo makes it active again", async () => {
    await archiveCustomer(co.ctx("amy"), { customer: "华东机械" });
    await undoLastChange(co.ctx("amy"));
    expect(await status(co.customers.huadong)).toBe("active");
  });
});
