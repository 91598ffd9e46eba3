import { beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { counts, lastChange } from "../helpers/store-counts.ts";
import { addContact } from "../../domain/add-contact.ts";
import { undoLastChange } from "../../domain/undo-last-change.ts";

let co: Company;
beforeAll(async () => {
  co = await seedCompany(await freshStore());
});
const db = () => co.store.prisma;

describe("addContact", () => {
  it("adds a contact with its details, audited", async () => {
    const r = await addContact(co.ctx("amy"), { customer: "Acme", name: "Lily Wu", title: "Buyer", email: "lily@acme.com", phone: "+86 138 0000 1111", birthday: "1990-05-17" });
    expect(r.customer.name).toBe("Acme Logistics");
    expect(await db().contact.findUniqueOrThrow({ where: { id: r.contact.id } })).toMatchObject({ customerId: co.customers.acmeLogistics, title: "Buyer", email: "lily@acme.com", birthday: "1990-05-17" });
    expect(await lastChange(db())).toMatchObject([{ entity: "contact", action: "create", entityId: r.contact.id }]);
  });

  it("refuses a rep on another rep's customer and another team's manager; the team's manager may", async () => {
    const before = await counts(db());
    await expect(addContact(co.ctx("amy"), { customer: "Summit", name: "X" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(addContact(co.ctx("eve"), { customer: "Summit", name: "X" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(addContact(co.ctx("boss"), { customer: "东方电子", name: "X" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await counts(db())).toEqual(before);
    await expect(addContact(co.ctx("boss"), { customer: "Summit", name: "Tom Hu" })).resolves.toMatchObject({ contact: { name: "Tom Hu" } });
  });

  it("names bad input: impossible birthday, non-strict date, bad email, duplicate name, unknown customer", async () => {
    const before = await counts(db());
    const bd = await addContact(co.ctx("amy"), { customer: "Acme", name: "A", birthday: "2026-02-30" }).catch((e) => e);
    expect(bd).toMatchObject({ code: "INVALID_INPUT", details: { field: "birthday" } });
    expect(bd.userMessage).toContain("2026-02-30");
    await expect(addContact(co.ctx("amy"), { customer: "Acme", name: "A", birthday: "1990-5-7" })).rejects.toMatchObject({ details: { field: "birthday" } });
    await expect(addContact(co.ctx("amy"), { customer: "Acme", name: "A", email: "not-an-email" })).rejects.toMatchObject({ code: "INVALID_INPUT", details: { field: "email" } });
    const dup = await addContact(co.ctx("amy"), { customer: "Acme", name: "jane doe" }).catch((e) => e);
    expect(dup.code).toBe("CONFLICT");
    expect(dup.userMessage).toContain("Jane Doe");
    await expect(addContact(co.ctx("amy"), { customer: "Contoso", name: "A" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await counts(db())).toEqual(before);
  });

  it("the same name on a different customer is fine; undo removes the contact", async () => {
    const r = await addContact(co.ctx("bob"), { customer: "Acme Robotics", name: "Jane Doe" });
    await undoLastChange(co.ctx("bob"));
    expect(await db().contact.findUnique({ where: { id: r.contact.id } })).toBeNull();
  });
});
