// The name index is kept per process and checked with one tiny query per turn (triggers version the names in the
// store). What another process changes — a new customer or contact, a rename, an archive, a delete, an owner's new
// name — is seen on the next turn; a turn's own changes at once; writes that leave names alone keep the index.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@prisma/client";
import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { contactNamesOf, findMentionedCustomers, resolveCustomer } from "../../domain/find-customers.ts";
import { nameIndex, withTurnNames } from "../../domain/name-index.repository.ts";
import { customerSearchKeys } from "../../domain/name-keys.ts";
import { createCustomer } from "../../domain/create-customer.ts";
import type { Store } from "../../prisma/client.ts";

let co: Company;
let other: PrismaClient;

/**
 * Another process: on a server, its own connection pool; on PGlite (one process's embedded database) another client,
 * which has its own index and tells this one nothing.
 */
async function anotherProcess(store: Store): Promise<PrismaClient> {
  if (store.kind === "pglite") return store.prisma.$extends({}) as unknown as PrismaClient;
  const { PrismaPg } = await import("@prisma/adapter-pg");
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: store.location, max: 2 }) });
}

beforeAll(async () => {
  co = await seedCompany(await freshStore());
  other = await anotherProcess(co.store);
});
afterAll(async () => {
  if (co.store.kind === "postgres") await other.$disconnect();
});

const db = () => co.store.prisma;
const amy = () => co.users.amy;
/** One turn of this process: the customers a message names. */
const mentioned = (text: string) =>
  withTurnNames(async () => (await findMentionedCustomers({ db: db(), actor: amy(), text })).map((m) => `${m.candidate.name}:${m.key}`));
const resolved = (query: string) => withTurnNames(async () => (await resolveCustomer({ db: db(), actor: amy(), query })).name);

describe("name index across processes", () => {
  it("finds a customer, a contact and a new name that another process wrote, from the next turn on", async () => {
    expect(await mentioned("Called Zephyr Analytics about the renewal")).toEqual([]);
    const z = await other.customer.create({ data: { name: "Zephyr Analytics", ownerId: amy().id, searchKeys: customerSearchKeys("Zephyr Analytics") } });
    expect(await mentioned("Called Zephyr Analytics about the renewal")).toContain("Zephyr Analytics:zephyr analytics");
    expect(await resolved("zephyr analytics")).toBe("Zephyr Analytics");

    await other.contact.create({ data: { customerId: z.id, name: "Nina Petrova" } });
    expect(await mentioned("Lunch with Nina Petrova")).toEqual(["Zephyr Analytics:nina petrova"]);
    expect(await withTurnNames(() => contactNamesOf(db(), [z.id]))).toEqual(new Map([[z.id, ["Nina Petrova"]]]));

    await other.customer.update({ where: { id: z.id }, data: { name: "Zephyr Data", searchKeys: customerSearchKeys("Zephyr Data") } });
    // The old full name is gone; its short form now belongs to the new name.
    expect(await mentioned("Called Zephyr Analytics")).toEqual(["Zephyr Data:zephyr"]);
    expect(await mentioned("Called Zephyr Data")).toContain("Zephyr Data:zephyr data");
  });

  it("stops finding a customer another process archived or deleted", async () => {
    const gone = await other.customer.create({ data: { name: "Quillfeather Books", ownerId: amy().id, searchKeys: customerSearchKeys("Quillfeather Books") } });
    const archived = await other.customer.create({ data: { name: "Orbison Tiles", ownerId: amy().id, searchKeys: customerSearchKeys("Orbison Tiles") } });
    expect(await mentioned("visited Orbison Tiles and Quillfeather Books")).toEqual(
      expect.arrayContaining(["Orbison Tiles:orbison tiles", "Quillfeather Books:quillfeather books"]),
    );
    expect(await resolved("Quillfeather Books")).toBe("Quillfeather Books");
    await other.customer.update({ where: { id: archived.id }, data: { status: "archived" } });
    await other.customer.delete({ where: { id: gone.id } });
    await expect(resolved("Orbison Tiles")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(resolved("Quillfeather Books")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await mentioned("visited Orbison Tiles and Quillfeather Books")).toEqual([]);
  });

  it("follows an owner's new display name", async () => {
    const owner = async () => (await withTurnNames(() => resolveCustomer({ db: db(), actor: amy(), query: "Summit Hotels" }))).ownerName;
    expect(await owner()).toBe("Bob Smith");
    await other.user.update({ where: { id: co.users.bob.id }, data: { name: "Robert Smith" } });
    expect(await owner()).toBe("Robert Smith");
  });

  it("keeps the index when another process writes something the index does not hold", async () => {
    const before = await nameIndex(db());
    await other.customer.update({ where: { id: co.customers.summit! }, data: { tier: "A", tags: ["vip"] } });
    await other.followUp.create({ data: { customerId: co.customers.summit!, ownerId: co.users.bob.id, dueAt: new Date("2026-03-09T01:00:00Z"), title: "Call" } });
    expect(await nameIndex(db())).toBe(before);
    await other.contact.create({ data: { customerId: co.customers.summit!, name: "Olive Grant" } });
    expect(await nameIndex(db())).not.toBe(before);
  });
});

describe("within one turn", () => {
  it("checks the names once, and again only after the turn changed one itself", async () => {
    const sql: string[] = [];
    const counted = db().$extends({
      query: {
        async $allOperations({ args, query }) {
          const strings = (args as { strings?: string[] } | undefined)?.strings;
          if (strings) sql.push(strings.join("?"));
          return query(args);
        },
      },
    }) as unknown as PrismaClient;
    const checks = () => sql.filter((s) => s.includes(`"NameVersion"`)).length;
    await withTurnNames(async () => {
      await findMentionedCustomers({ db: counted, actor: amy(), text: "Called Jane at Acme Logistics" });
      await contactNamesOf(counted, [co.customers.acmeLogistics!]);
      expect((await resolveCustomer({ db: counted, actor: amy(), query: "Acme Logistics" })).name).toBe("Acme Logistics");
      expect((await resolveCustomer({ db: counted, actor: amy(), query: "华东机械" })).name).toBe("华东机械有限公司");
      expect(checks()).toBe(1);
      // The turn creates a customer and then names it: found at once.
      await createCustomer({ ...co.ctx("amy"), db: counted }, { name: "Vantor Freight" });
      expect((await resolveCustomer({ db: counted, actor: amy(), query: "Vantor Freight" })).name).toBe("Vantor Freight");
      expect(checks()).toBe(2);
    });
    // Outside a turn every lookup checks.
    await resolveCustomer({ db: counted, actor: amy(), query: "Acme Logistics" });
    await resolveCustomer({ db: counted, actor: amy(), query: "Acme Logistics" });
    expect(checks()).toBe(4);
  });
});
