import { beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { counts, lastChange } from "../helpers/store-counts.ts";
import { snoozeFollowUp } from "../../domain/snooze-follow-up.ts";
import { undoLastChange } from "../../domain/undo-last-change.ts";

let co: Company;
const fu: Record<string, number> = {};
beforeAll(async () => {
  co = await seedCompany(await freshStore());
  const mk = async (customerId: number, ownerId: number, dueAt: string, title: string) =>
    (await co.store.prisma.followUp.create({ data: { customerId, ownerId, dueAt: new Date(dueAt), title } })).id;
  fu.overdue = await mk(co.customers.acmeLogistics, co.users.amy.id, "2026-02-27T01:00:00Z", "send samples");
  fu.huadong = await mk(co.customers.huadong, co.users.amy.id, "2026-03-04T01:00:00Z", "回访");
  fu.summit = await mk(co.customers.summit, co.users.bob.id, "2026-03-03T14:00:00Z", "renewal call");
  fu.eve = await mk(co.customers.eveCo, co.users.eve.id, "2026-03-04T01:00:00Z", "报价");
});
const db = () => co.store.prisma;
const due = async (id: number) => (await db().followUp.findUniqueOrThrow({ where: { id } })).dueAt.toISOString();

describe("snoozeFollowUp", () => {
  it("moves it to a bare date at 09:00 local, keeps it open, audits old and new dates", async () => {
    const r = await snoozeFollowUp(co.ctx("amy"), { customer: "Acme", until: "2026-03-09" });
    expect(r.followUp).toMatchObject({ id: fu.overdue, status: "open" });
    expect(r.previousDueAt.toISOString()).toBe("2026-02-27T01:00:00.000Z");
    expect(await due(fu.overdue)).toBe("2026-03-09T01:00:00.000Z");
    expect(await lastChange(db())).toMatchObject([{ entity: "followUp", action: "update", before: { dueAt: "2026-02-27T01:00:00.000Z" }, after: { dueAt: "2026-03-09T01:00:00.000Z" } }]);
  });

  it("by a number of days, from its due date", async () => {
    await snoozeFollowUp(co.ctx("amy"), { id: fu.huadong, days: 2 });
    expect(await due(fu.huadong)).toBe("2026-03-06T01:00:00.000Z");
  });

  it("refuses a rep on another rep's follow-up and another team's manager; the team's manager may", async () => {
    const before = await counts(db());
    await expect(snoozeFollowUp(co.ctx("amy"), { customer: "Summit", days: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(snoozeFollowUp(co.ctx("boss"), { id: fu.eve, days: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await counts(db())).toEqual(before);
    expect(await due(fu.summit)).toBe("2026-03-03T14:00:00.000Z");
    await snoozeFollowUp(co.ctx("boss"), { customer: "Summit", days: 1 });
    expect(await due(fu.summit)).toBe("2026-03-04T14:00:00.000Z");
  });

  it("names bad input: impossible date, a past date, no date, unknown customer", async () => {
    const [before, was] = [await counts(db()), await due(fu.huadong)];
    await expect(snoozeFollowUp(co.ctx("amy"), { id: fu.huadong, until: "2026-02-30" })).rejects.toThrow(/until.*2026-02-30/);
    await expect(snoozeFollowUp(co.ctx("amy"), { id: fu.huadong, until: "2026-03-01" })).rejects.toMatchObject({ code: "INVALID_INPUT", details: { field: "until" } });
    await expect(snoozeFollowUp(co.ctx("amy"), { id: fu.huadong })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(snoozeFollowUp(co.ctx("amy"), { customer: "Contoso", days: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect([await counts(db()), await due(fu.huadong)]).toEqual([before, was]);
  });

  it("undo puts the old due date back", async () => {
    const was = await due(fu.huadong);
    await snoozeFollowUp(co.ctx("amy"), { id: fu.huadong, days: 7 });
    await undoLastChange(co.ctx("amy"));
    expect(await due(fu.huadong)).toBe(was);
  });
});
