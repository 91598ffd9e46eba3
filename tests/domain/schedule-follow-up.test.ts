import { beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { counts, lastChange } from "../helpers/store-counts.ts";
import { scheduleFollowUp } from "../../domain/schedule-follow-up.ts";
import { undoLastChange } from "../../domain/undo-last-change.ts";

let co: Company;
beforeAll(async () => {
  co = await seedCompany(await freshStore());
});
const db = () => co.store.prisma;

describe("scheduleFollowUp", () => {
  it("schedules for the actor; a bare date is 09:00 in the actor's zone; audited", async () => {
    const r = await scheduleFollowUp(co.ctx("amy"), { customer: "Jane Doe", dueAt: "2026-03-06", title: "send the price list" });
    expect(r.customer.name).toBe("Acme Logistics"); // found by contact name
    const row = await db().followUp.findUniqueOrThrow({ where: { id: r.followUp.id } });
    expect(row).toMatchObject({ ownerId: co.users.amy.id, status: "open", title: "send the price list" });
    expect(row.dueAt.toISOString()).toBe("2026-03-06T01:00:00.000Z"); // 09:00 Shanghai
    expect(await lastChange(db())).toMatchObject([{ entity: "followUp", action: "create", entityId: row.id }]);
    // New York's 09:00 for Bob
    const b = await scheduleFollowUp(co.ctx("bob"), { customer: "Summit", dueAt: "2026-03-06", title: "renewal" });
    expect(b.followUp.dueAt.toISOString()).toBe("2026-03-06T14:00:00.000Z");
  });

  it("refuses a rep on another rep's customer and another team's manager; the team's manager may", async () => {
    const before = await counts(db());
    await expect(scheduleFollowUp(co.ctx("amy"), { customer: "Summit", dueAt: "2026-03-06", title: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(scheduleFollowUp(co.ctx("boss"), { customer: "东方电子", dueAt: "2026-03-06", title: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await counts(db())).toEqual(before);
    const r = await scheduleFollowUp(co.ctx("boss"), { customer: "Summit", dueAt: "2026-03-06T10:00:00+08:00", title: "check in" });
    expect((await db().followUp.findUniqueOrThrow({ where: { id: r.followUp.id } })).ownerId).toBe(co.users.boss.id);
  });

  it("names bad input: impossible date, a past day, no title, unknown customer", async () => {
    const before = await counts(db());
    await expect(scheduleFollowUp(co.ctx("amy"), { customer: "Acme", dueAt: "2026-02-30", title: "x" })).rejects.toThrow(/dueAt.*2026-02-30/);
    await expect(scheduleFollowUp(co.ctx("amy"), { customer: "Acme", dueAt: "2026-03-01", title: "x" })).rejects.toMatchObject({ code: "INVALID_INPUT", details: { field: "dueAt" } });
    await expect(scheduleFollowUp(co.ctx("amy"), { customer: "Acme", dueAt: "2026-03-06", title: "" })).rejects.toMatchObject({ details: { field: "title" } });
    await expect(scheduleFollowUp(co.ctx("amy"), { customer: "Contoso", dueAt: "2026-03-06", title: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await counts(db())).toEqual(before);
  });

  it("undo removes it", async () => {
    const r = await scheduleFollowUp(co.ctx("amy"), { customer: "华东机械", dueAt: "2026-03-03", title: "回访" });
    await undoLastChange(co.ctx("amy"));
    expect(await db().followUp.findUnique({ where: { id: r.followUp.id } })).toBeNull();
  });
});
