import { beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { counts, lastChange } from "../helpers/store-counts.ts";
import { resolveComplaint } from "../../domain/resolve-complaint.ts";
import { undoLastChange } from "../../domain/undo-last-change.ts";

let co: Company;
const cp: Record<string, number> = {};
beforeAll(async () => {
  co = await seedCompany(await freshStore());
  const mk = async (customerId: number, ownerId: number, description: string, severity: "low" | "medium" | "high" = "medium") =>
    (await co.store.prisma.complaint.create({
      data: { customerId, ownerId, description, severity, openedAt: new Date("2026-02-25T00:00:00Z"), dueBy: new Date("2026-03-02T00:00:00Z") },
    })).id;
  cp.late = await mk(co.customers.acmeLogistics, co.users.amy.id, "Shipment to Ningbo arrived four days late", "high");
  cp.invoice = await mk(co.customers.acmeLogistics, co.users.amy.id, "Invoice amount does not match the quote");
  cp.summit = await mk(co.customers.summit, co.users.bob.id, "Towels were damp");
  cp.eve = await mk(co.customers.eveCo, co.users.eve.id, "质量问题");
  cp.huadong = await mk(co.customers.huadong, co.users.amy.id, "交期延误");
});
const db = () => co.store.prisma;
const status = async (id: number) => (await db().complaint.findUniqueOrThrow({ where: { id } })).status;

describe("resolveComplaint", () => {
  it("resolves a customer's only open complaint, audited", async () => {
    const r = await resolveComplaint(co.ctx("amy"), { customer: "华东机械" });
    expect(r.complaint).toMatchObject({ id: cp.huadong, status: "resolved", late: true });
    expect(await db().complaint.findUniqueOrThrow({ where: { id: cp.huadong } })).toMatchObject({ status: "resolved", resolvedAt: new Date("2026-03-02T01:30:00Z") });
    expect(await lastChange(db())).toMatchObject([{ entity: "complaint", action: "update", before: { status: "open" }, after: { status: "resolved" } }]);
  });

  it("with several open: AMBIGUOUS listing them unless 'about' matches one description", async () => {
    const before = await counts(db());
    const e = await resolveComplaint(co.ctx("amy"), { customer: "Acme" }).catch((x) => x);
    expect(e.code).toBe("AMBIGUOUS");
    expect(e.userMessage).toContain("four days late");
    expect(e.userMessage).toContain("Invoice amount");
    await expect(resolveComplaint(co.ctx("amy"), { customer: "Acme", about: "the weather" })).rejects.toMatchObject({ code: "AMBIGUOUS" });
    expect(await counts(db())).toEqual(before);
    const r = await resolveComplaint(co.ctx("amy"), { customer: "Acme", about: "the invoice" });
    expect(r.complaint.id).toBe(cp.invoice);
    expect(r.stillOpen).toMatchObject([{ id: cp.late }]);
    expect([await status(cp.invoice), await status(cp.late)]).toEqual(["resolved", "open"]);
  });

  it("refuses a rep on another rep's complaint and another team's manager; the team's manager may", async () => {
    await expect(resolveComplaint(co.ctx("amy"), { customer: "Summit" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(resolveComplaint(co.ctx("amy"), { id: cp.summit })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(resolveComplaint(co.ctx("boss"), { id: cp.eve })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect([await status(cp.summit), await status(cp.eve)]).toEqual(["open", "open"]);
    await resolveComplaint(co.ctx("boss"), { customer: "Summit" });
    expect(await status(cp.summit)).toBe("resolved");
  });

  it("names bad input: already resolved, unknown id, unknown customer, no open complaint, no target", async () => {
    const before = await counts(db());
    await expect(resolveComplaint(co.ctx("amy"), { id: cp.invoice })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(resolveComplaint(co.ctx("amy"), { id: 99999 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(resolveComplaint(co.ctx("amy"), { customer: "Contoso" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(resolveComplaint(co.ctx("amy"), { customer: "华东机械" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(resolveComplaint(co.ctx("amy"), {})).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await counts(db())).toEqual(before);
  });

  it("undo reopens it", async () => {
    await resolveComplaint(co.ctx("amy"), { id: cp.late });
    await undoLastChange(co.ctx("amy"));
    expect(await db().complaint.findUniqueOrThrow({ where: { id: cp.late } })).toMatchObject({ status: "open", resolvedAt: null });
  });
});
