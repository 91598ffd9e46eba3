import { beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { counts, lastChange } from "../helpers/store-counts.ts";
import { completeFollowUp } from "../../domain/complete-follow-up.ts";
import { undoLastChange } from "../../domain/undo-last-change.ts";

let co: Company;
const fu: Record<string, number> = {};
beforeAll(async () => {
  co = await seedCompany(await freshStore());
  const mk = async (customerId: number, ownerId: number, dueAt: string, title: string) =>
    (await co.store.prisma.followUp.create({ data: { customerId, ownerId, dueAt: new Date(dueAt), title } })).id;
  const { amy, bob } = co.users;
  fu.acmeLater = await mk(co.customers.acmeLogistics, amy.id, "2026-03-10T01:00:00Z", "quarterly review");
  fu.acmeOverdue = await mk(co.customers.acmeLogistics, amy.id, "2026-02-27T01:00:00Z", "send samples");
  fu.summit = await mk(co.customers.summit, bob.id, "2026-03-03T14:00:00Z", "renewal call");
  fu.huadong = await mk(co.customers.huadong, amy.id, "2026-03-04T01:00:00Z", "回访");
  fu.eve = await mk(co.customers.eveCo, co.users.eve.id, "2026-03-04T01:00:00Z", "报价");
});
const db = () => co.store.prisma;
const get = (id: number) => db().followUp.findUniqueOrThrow({ where: { id } });

describe("completeFollowUp", () => {
  it("'done with the Acme follow-up' completes the earliest (overdue) one and says which, listing the other", async () => {
    const r = await completeFollowUp(co.ctx("amy"), { customer: "Acme" });
    expect(r.followUp).toMatchObject({ id: fu.acmeOverdue, title: "send samples", status: "done", overdue: true });
    expect(r.otherOpen).toMatchObject([{ id: fu.acmeLater, title: "quarterly review" }]);
    expect(await get(fu.acmeOverdue)).toMatchObject({ status: "done", completedAt: new Date("2026-03-02T01:30:00Z") });
    expect(await get(fu.acmeLater)).toMatchObject({ status: "open" });
    expect(await lastChange(db())).toMatchObject([{ entity: "followUp", action: "update", before: { status: "open" }, after: { status: "done" } }]);
  });

  it("by id; completing it twice is a CONFLICT; unknown id NOT_FOUND; no target INVALID_INPUT", async () => {
    await completeFollowUp(co.ctx("amy"), { id: fu.huadong });
    expect((await get(fu.huadong)).status).toBe("done");
    const before = await counts(db());
    await expect(completeFollowUp(co.ctx("amy"), { id: fu.huadong })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(completeFollowUp(co.ctx("amy"), { id: 999999 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(completeFollowUp(co.ctx("amy"), {})).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(completeFollowUp(co.ctx("amy"), { customer: "Contoso" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(completeFollowUp(co.ctx("amy"), { customer: "华东机械" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await counts(db())).toEqual(before);
  });

  it("refuses a rep on another rep's follow-up and another team's manager; the team's manager may", async () => {
    await expect(completeFollowUp(co.ctx("amy"), { customer: "Summit" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(completeFollowUp(co.ctx("amy"), { id: fu.summit })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(completeFollowUp(co.ctx("boss"), { customer: "东方电子" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect([(await get(fu.summit)).status, (await get(fu.eve)).status]).toEqual(["open", "open"]);
    await completeFollowUp(co.ctx("boss"), { customer: "Summit" });
    expect((await get(fu.summit)).status).toBe("done");
  });

  it("undo reopens it", async () => {
    await completeFollowUp(co.ctx("amy"), { customer: "Acme", about: "quarterly" });
    expect((await get(fu.acmeLater)).status).toBe("done");
    await undoLastChange(co.ctx("amy"));
    expect(await get(fu.acmeLater)).toMatchObject({ status: "open", completedAt: null });
  });
});
