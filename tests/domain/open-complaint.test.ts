import { beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { counts, lastChange } from "../helpers/store-counts.ts";
import { openComplaint } from "../../domain/open-complaint.ts";
import { undoLastChange } from "../../domain/undo-last-change.ts";

let co: Company;
beforeAll(async () => {
  co = await seedCompany(await freshStore());
});
const db = () => co.store.prisma;

describe("openComplaint", () => {
  it("opens with the customer's owner as owner and a deadline by severity (medium 5 days by default)", async () => {
    const r = await openComplaint(co.ctx("boss"), { customer: "Summit", description: "linen delivered late" });
    const row = await db().complaint.findUniqueOrThrow({ where: { id: r.complaint.id } });
    expect(row).toMatchObject({ ownerId: co.users.bob.id, severity: "medium", status: "open", customerId: co.customers.summit });
    expect(row.openedAt.toISOString()).toBe("2026-03-02T01:30:00.000Z");
    expect(row.dueBy.toISOString()).toBe("2026-03-07T01:30:00.000Z");
    expect(r.owner.handle).toBe("bob");
    expect(await lastChange(db())).toMatchObject([{ entity: "complaint", action: "create", entityId: row.id, actorId: co.users.boss.id }]);
  });

  it("high is due in 2 days, low in 10", async () => {
    const h = await openComplaint(co.ctx("amy"), { customer: "Acme", description: "wrong parts", severity: "high" });
    const l = await openComplaint(co.ctx("amy"), { customer: "Acme", description: "typo on invoice", severity: "low", openedAt: "2026-03-01T00:00:00Z" });
    expect(h.complaint.dueBy.toISOString()).toBe("2026-03-04T01:30:00.000Z");
    expect(l.complaint.dueBy.toISOString()).toBe("2026-03-11T00:00:00.000Z");
  });

  it("refuses a rep on another rep's customer and another team's manager, changing nothing", async () => {
    const before = await counts(db());
    await expect(openComplaint(co.ctx("amy"), { customer: "Summit", description: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(openComplaint(co.ctx("boss"), { customer: "东方电子", description: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await counts(db())).toEqual(before);
  });

  it("names bad input: severity, impossible date, no description, unknown customer", async () => {
    const before = await counts(db());
    await expect(openComplaint(co.ctx("amy"), { customer: "Acme", description: "x", severity: "urgent" as never })).rejects.toMatchObject({ details: { field: "severity" } });
    await expect(openComplaint(co.ctx("amy"), { customer: "Acme", description: "x", openedAt: "2026-02-30" })).rejects.toThrow(/openedAt.*2026-02-30/);
    await expect(openComplaint(co.ctx("amy"), { customer: "Acme", description: " " })).rejects.toMatchObject({ details: { field: "description" } });
    await expect(openComplaint(co.ctx("amy"), { customer: "Contoso", description: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await counts(db())).toEqual(before);
  });

  it("undo removes it", async () => {
    const r = await openComplaint(co.ctx("bob"), { customer: "Acme Robotics", description: "noise" });
    await undoLastChange(co.ctx("bob"));
    expect(await db().complaint.findUnique({ where: { id: r.complaint.id } })).toBeNull();
  });
});
