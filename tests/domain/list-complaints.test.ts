import { beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { listComplaints } from "../../domain/list-complaints.ts";

let co: Company;
const NOW = "2026-03-02T01:30:00Z";
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  co = await seedCompany(await freshStore());
  const db = co.store.prisma;
  const { amy, bob, eve } = co.users;
  const c = co.customers;
  await db.complaint.createMany({
    data: [
      { customerId: c.huadong, ownerId: amy.id, openedAt: at("2026-02-10T02:00:00Z"), dueBy: at("2026-02-12T02:00:00Z"), severity: "high", description: "第二批货物交货延迟" },
      { customerId: c.acmeLogistics, ownerId: amy.id, openedAt: at("2026-03-01T02:00:00Z"), dueBy: at("2026-03-06T02:00:00Z"), description: "Wrong invoice" },
      { customerId: c.acmeLogistics, ownerId: amy.id, openedAt: at("2026-01-01T02:00:00Z"), dueBy: at("2026-01-05T02:00:00Z"), description: "Old and fixed", status: "resolved", resolvedAt: at("2026-01-03T02:00:00Z") },
      { customerId: c.summit, ownerId: bob.id, openedAt: at("2026-02-20T02:00:00Z"), dueBy: at("2026-02-27T02:00:00Z"), severity: "low", description: "Slow check-in" },
      { customerId: c.eveCo, ownerId: eve.id, openedAt: at("2026-02-20T02:00:00Z"), dueBy: at("2026-02-21T02:00:00Z"), description: "别的团队" },
    ],
  });
});

describe("listComplaints", () => {
  it("a rep sees their own open complaints, late ones first and flagged; resolved ones never", async () => {
    const r = await listComplaints(co.ctx("amy", NOW));
    expect(r.map((x) => [x.customer, x.description, x.severity, x.overdue])).toEqual([
      ["华东机械有限公司", "第二批货物交货延迟", "high", true],
      ["Acme Logistics", "Wrong invoice", "medium", false],
    ]);
  });

  it("a manager sees the team (not another team); 'overdue' keeps only those past due", async () => {
    const all = await listComplaints(co.ctx("boss", NOW));
    expect(all.map((x) => x.customer)).toEqual(["华东机械有限公司", "Summit Hotels", "Acme Logistics"]);
    const late = await listComplaints(co.ctx("boss", NOW), { status: "overdue" });
    expect(late.map((x) => [x.customer, x.owner.handle])).toEqual([["华东机械有限公司", "amy"], ["Summit Hotels", "bob"]]);
  });

  it("one customer by any of its names, whoever asks; an unknown customer is named in the error", async () => {
    expect((await listComplaints(co.ctx("bob", NOW), { customer: "华东机械" })).map((x) => x.description)).toEqual(["第二批货物交货延迟"]);
    await expect(listComplaints(co.ctx("amy", NOW), { customer: "Contoso" })).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("Contoso") });
  });
});
