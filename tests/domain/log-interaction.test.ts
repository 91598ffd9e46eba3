import { beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { logInteraction } from "../../domain/log-interaction.ts";
import { undoLastChange } from "../../domain/undo-last-change.ts";
import { listMutations } from "../../domain/audit.repository.ts";
import { DomainError } from "../../domain/errors.ts";

let co: Company;
beforeAll(async () => {
  co = await seedCompany(await freshStore());
});

const count = () => co.store.prisma.interaction.count();
const audits = () => co.store.prisma.auditLog.count();

describe("logInteraction", () => {
  it("records the interaction with its contact and raw message, and one audit entry in the same change", async () => {
    const before = await audits();
    const r = await logInteraction(co.ctx("amy", undefined, "called Jane at Acme"), {
      customer: "Acme", kind: "call", summary: "worried about price", sentiment: "negative", contact: "Jane",
    });
    expect(r.customer.name).toBe("Acme Logistics"); // Amy's own Acme wins over Bob's
    expect(r.contact?.name).toBe("Jane Doe");
    const row = await co.store.prisma.interaction.findUniqueOrThrow({ where: { id: r.interaction.id } });
    expect(row).toMatchObject({ kind: "call", sentiment: "negative", rawMessage: "called Jane at Acme" });
    expect(await audits()).toBe(before + 1);
    const muts = await listMutations(co.store.prisma, { afterId: 0 });
    expect(muts.at(-1)).toMatchObject({
      entity: "interaction", action: "create",
      data: { customer: "Acme Logistics", user: "amy", kind: "call", contact: "Jane Doe", sentiment: "negative" },
    });
  });

  it("resolves a contact's name alone and Chinese aliases", async () => {
    const r = await logInteraction(co.ctx("amy"), { customer: "华东机械", kind: "visit", summary: "拜访" });
    expect(r.customer.name).toBe("华东机械有限公司");
  });

  it("refuses a rep changing another rep's customer, and changes nothing", async () => {
    const [n, a] = [await count(), await audits()];
    await expect(logInteraction(co.ctx("amy"), { customer: "Summit Hotels", kind: "call", summary: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect([await count(), await audits()]).toEqual([n, a]);
  });

  it("lets a manager log on the team's customers but not another team's", async () => {
    await expect(logInteraction(co.ctx("boss"), { customer: "Summit Hotels", kind: "call", summary: "x" })).resolves.toBeTruthy();
    await expect(logInteraction(co.ctx("boss"), { customer: "东方电子", kind: "call", summary: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(logInteraction(co.ctx("root"), { customer: "东方电子", kind: "call", summary: "x" })).resolves.toBeTruthy();
  });

  it("asks when a name is ambiguous for a manager, with the candidates", async () => {
    const e = await logInteraction(co.ctx("boss"), { customer: "Acme", kind: "call", summary: "x" }).catch((e) => e);
    expect(e).toBeInstanceOf(DomainError);
    expect(e.code).toBe("AMBIGUOUS");
    expect(e.userMessage).toContain("Acme Logistics");
    expect(e.userMessage).toContain("Acme Robotics");
  });

  it("names bad input: unknown customer, impossible date, unknown kind", async () => {
    const n = await count();
    await expect(logInteraction(co.ctx("amy"), { customer: "Contoso", kind: "call", summary: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(logInteraction(co.ctx("amy"), { customer: "Acme", kind: "call", summary: "x", occurredAt: "2026-02-30" })).rejects.toThrow(/occurredAt.*2026-02-30/);
    await expect(logInteraction(co.ctx("amy"), { customer: "Acme", kind: "fax" as never, summary: "x" })).rejects.toThrow(/kind/);
    expect(await count()).toBe(n);
  });
});

describe("undoLastChange", () => {
  it("removes what the last change created, records the reversal, and then has nothing left for that change", async () => {
    const r = await logInteraction(co.ctx("bob"), { customer: "Summit", kind: "call", summary: "renewal" });
    const u = await undoLastChange(co.ctx("bob"));
    expect(u.undone).toMatchObject([{ entity: "interaction", action: "create", entityId: r.interaction.id }]);
    expect(await co.store.prisma.interaction.findUnique({ where: { id: r.interaction.id } })).toBeNull();
    const last = await co.store.prisma.auditLog.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(last).toMatchObject({ action: "delete", entity: "interaction", isUndo: true });
  });

  it("says so when there is nothing to undo", async () => {
    await expect(undoLastChange(co.ctx("eve"))).rejects.toMatchObject({ code: "NOTHING_TO_UNDO" });
  });
});
