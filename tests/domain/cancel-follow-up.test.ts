import { beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { counts, lastChange } from "../helpers/store-counts.ts";
import { cancelFollowUp } from "../../domain/cancel-follow-up.ts";
import { undoLastChange } from "../../domain/undo-last-change.ts";

let co: Company;
const fu: Record<string, number> = {};
beforeAll(async () => {
  co = await seedCompany(await freshStore());
  const mk = async (customerId: number, ownerId: number, dueAt: string, title: string) =>
    (await co.store.prisma.followUp.create({ data: { customerId, ownerId, dueAt: new Date(dueAt), title } })).id;
  fu.price = await mk(co.customers.acmeLogistics, co.users.amy.id, "2026-03-03T01:00:00Z", "price update");
  fu.visit = await mk(co.customers.acmeLogistics, co.users.amy.id, "2026-03-05T01:00:00Z", "site visit");
  fu.summit = await mk(co.customers.summit, co.users.bob.id, "2026-03-03T14:00:00Z", "renewal call");
  fu.eve = await mk(co.customers.eveCo, co.users.eve.id, "2026-03-04T01:00:00Z", "报价");
});
const db = () => co.store.prisma;
const status = async (id: number) => (await db().followUp.findUniqueOrThrow({ where: { id } })).status;

describe("cancelFollowUp", () => {
  it("cancels the one whose title matches 'about', audited", async () => {
    const r = await cancelFollowUp(co.ctx("amy"), { customer: "Acme", about: "visit" });
    expect(r.followUp).toMatchObject({ id: fu.visit, status: "cancelled" });
    expect([await status(fu.visit), await status(fu.price)]).toEqual(["cancelled", "open"]);
    expect(await lastChange(db())).toMatchObject([{ entity: "followUp", action: "update", entityId: fu.visit, after: { status: "cancelled" } }]);
  });

  it("refuses a rep on another rep's follow-up and another team's manager; the team's manager may", async () => {
    const before = await counts(db());
    await expect(cancelFollowUp(co.ctx("amy"), { id: fu.summit })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(cancelFollowUp(co.ctx("boss"), { id: fu.eve })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await counts(db())).toEqual(before);
    expect([await status(fu.summit), await status(fu.eve)]).toEqual(["open", "open"]);
    await cancelFollowUp(co.ctx("boss"), { id: fu.summit });
    expect(await status(fu.summit)).toBe("cancelled");
  });

  it("names bad input: cancelled already, unknown customer, bad id", async () => {
    const before = await counts(db());
    await expect(cancelFollowUp(co.ctx("amy"), { id: fu.visit })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(cancelFollowUp(co.ctx("amy"), { customer: "Contoso" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(cancelFollowUp(co.ctx("amy"), { id: -3 })).rejects.toMatchObject({ code: "INVALID_INPUT", details: { field: "id" } });
    expect(await counts(db())).toEqual(before);
  });

  it("undo reopens it", async () => {
    await cancelFollowUp(co.ctx("amy"), { id: fu.price });
    await undoLastChange(co.ctx("amy"));
    expect(await status(fu.price)).toBe("open");
  });
});
