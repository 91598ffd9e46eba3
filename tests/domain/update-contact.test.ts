import { beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { counts } from "../helpers/store-counts.ts";
import { updateContact } from "../../domain/update-contact.ts";
import { undoLastChange } from "../../domain/undo-last-change.ts";

let co: Company;
beforeAll(async () => {
  co = await seedCompany(await freshStore());
});
const db = () => co.store.prisma;
const contact = (name: string) => db().contact.findFirstOrThrow({ where: { name } });

describe("updateContact", () => {
  it("changes only the fields given, by full or first name, audited; undo puts them back", async () => {
    const r = await updateContact(co.ctx("amy"), { contact: "Jane", phone: "+86 21 5555 9999", title: "Head of Procurement" });
    expect(r).toMatchObject({ customer: "Acme Logistics", changed: ["title", "phone"] });
    expect(await contact("Jane Doe")).toMatchObject({ phone: "+86 21 5555 9999", title: "Head of Procurement", email: null });
    const last = await db().auditLog.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(last).toMatchObject({ entity: "contact", action: "update", actorId: co.users.amy.id });
    await undoLastChange(co.ctx("amy"));
    expect(await contact("Jane Doe")).toMatchObject({ phone: null, title: null });
  });

  it("the same value changes nothing and writes no audit entry", async () => {
    await updateContact(co.ctx("amy"), { contact: "王芳", birthday: "1986-03-05" });
    const before = await counts(db());
    const r = await updateContact(co.ctx("amy"), { contact: "王芳", birthday: "1986-03-05" });
    expect(r.changed).toEqual([]);
    expect(await counts(db())).toEqual(before);
  });

  it("refuses another rep's contact, a bad email or date, an unknown name, and nothing to change — changing nothing", async () => {
    const before = await counts(db());
    await expect(updateContact(co.ctx("amy"), { contact: "Kevin Park", phone: "123456" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateContact(co.ctx("amy"), { contact: "Jane Doe", email: "not-an-email" })).rejects.toMatchObject({ details: { field: "email" } });
    await expect(updateContact(co.ctx("amy"), { contact: "Jane Doe", birthday: "1990-02-30" })).rejects.toThrow(/1990-02-30/);
    await expect(updateContact(co.ctx("amy"), { contact: "Nobody Here", phone: "123456" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(updateContact(co.ctx("amy"), { contact: "Jane Doe" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await counts(db())).toEqual(before);
    // Bob's manager may.
    await expect(updateContact(co.ctx("boss"), { contact: "Kevin Park", phone: "123456" })).resolves.toMatchObject({ changed: ["phone"] });
  });
});
