import { beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { logInteraction } from "../../domain/log-interaction.ts";
import { undoChangesOf } from "../../domain/undo-message.ts";
import { undoLastChange } from "../../domain/undo-last-change.ts";

let co: Company;
beforeAll(async () => {
  co = await seedCompany(await freshStore());
});

const inbox = async (text: string) =>
  (await co.store.prisma.inboxMessage.create({ data: { platform: "test", externalMessageId: text, text, status: "done" } })).id;
const withInbox = (who: "amy" | "bob", inboxId: number) => ({ ...co.ctx(who), source: { inboxId, message: "m" } });

describe("undoChangesOf", () => {
  it("reverts every change one message caused, in one audited change, and only once", async () => {
    const id = await inbox("two changes");
    const a = await logInteraction(withInbox("amy", id), { customer: "Acme Logistics", kind: "call", summary: "one" });
    const b = await logInteraction(withInbox("amy", id), { customer: "华东机械", kind: "visit", summary: "two" });
    const other = await logInteraction(co.ctx("amy"), { customer: "Acme Logistics", kind: "email", summary: "keep" });
    const r = await undoChangesOf(co.ctx("amy"), { inboxId: id });
    expect(r.undone.map((u) => u.entityId).sort()).toEqual([a.interaction.id, b.interaction.id].sort());
    const left = await co.store.prisma.interaction.findMany({ where: { id: { in: [a.interaction.id, b.interaction.id, other.interaction.id] } } });
    expect(left.map((x) => x.id)).toEqual([other.interaction.id]);
    const undoEntries = await co.store.prisma.auditLog.findMany({ where: { isUndo: true } });
    expect(new Set(undoEntries.map((e) => e.changeId)).size).toBe(1);
    await expect(undoChangesOf(co.ctx("amy"), { inboxId: id })).rejects.toMatchObject({ code: "NOTHING_TO_UNDO" });
  });

  it("does not let someone else undo another person's message", async () => {
    const id = await inbox("amy's");
    const a = await logInteraction(withInbox("amy", id), { customer: "Acme Logistics", kind: "call", summary: "mine" });
    await expect(undoChangesOf(co.ctx("bob"), { inboxId: id })).rejects.toMatchObject({ code: "NOTHING_TO_UNDO" });
    expect(await co.store.prisma.interaction.findUnique({ where: { id: a.interaction.id } })).not.toBeNull();
  });

  it("still lets undoLastChange work after the refactor", async () => {
    const a = await logInteraction(co.ctx("bob"), { customer: "Summit", kind: "call", summary: "x" });
    await undoLastChange(co.ctx("bob"));
    expect(await co.store.prisma.interaction.findUnique({ where: { id: a.interaction.id } })).toBeNull();
  });
});
