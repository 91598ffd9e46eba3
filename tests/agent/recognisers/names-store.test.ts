// The name recogniser against a real store (PGlite, or PostgreSQL with DATABASE_URL): the index the store builds,
// the speaker's own accounts first, the team from domain/scope.ts, and names written since the last turn.
import { beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../../helpers/store.ts";
import { seedCompany, type Company } from "../../helpers/company.ts";
import { recogniseNamesIn } from "../../../agent/recognisers/names.ts";
import { withTurnNames } from "../../../domain/name-index.repository.ts";
import { customerSearchKeys } from "../../../domain/name-keys.ts";
import { visibleOwnerIds } from "../../../domain/scope.ts";
import type { Actor } from "../../../domain/context.ts";

let co: Company;

beforeAll(async () => {
  co = await seedCompany(await freshStore());
  const db = co.store.prisma;
  const mk = async (name: string, ownerId: number, contacts: string[] = [], aliases: string[] = []) => {
    const c = await db.customer.create({ data: { name, ownerId, aliases, searchKeys: customerSearchKeys(name, aliases) } });
    for (const n of contacts) await db.contact.create({ data: { customerId: c.id, name: n } });
  };
  await mk("Pacific Freight", co.users.amy.id, ["Jack Chen", "Sofia Rossi"]);
  await mk("Pacific Dental", co.users.bob.id, ["Jack Miller", "Chloe Martin"]);
  await mk("星辰科技", co.users.eve.id, ["郑国华", "孙丽"]);
});

const turn = (actor: Actor, text: string, teamOwnerIds?: number[]) =>
  withTurnNames(() => recogniseNamesIn({ db: co.store.prisma, actor, text, teamOwnerIds }));

describe("recogniseNamesIn on a store", () => {
  it("reads customers, contacts and colleagues with spans", async () => {
    const r = await turn(co.users.amy, "Called Jane at Acme, cc Bob Smith; 王芳说华东的交期要提前");
    expect(r.contacts.map((c) => [c.name, c.spans[0]!.text])).toEqual([["Jane Doe", "Jane"], ["王芳", "王芳"]]);
    expect(r.customers.map((c) => [c.name, c.matchedBy])).toEqual([["Acme Logistics", "short"], ["华东机械有限公司", "prefix"]]);
    expect(r.users.map((u) => u.handle)).toEqual(["bob"]);
    expect(r.ambiguous).toEqual([]);
  });

  it("asks about a shared prefix, the speaker's own first", async () => {
    const amy = await turn(co.users.amy, "Log a visit to Pacific");
    expect(amy.ambiguous[0]!.candidates.map((c) => c.name)).toEqual(["Pacific Freight", "Pacific Dental"]);
    expect(amy.ambiguous[0]!.preferred?.name).toBe("Pacific Freight");
    const bob = await turn(co.users.bob, "Log a visit to Pacific");
    expect(bob.ambiguous[0]!.candidates.map((c) => c.name)).toEqual(["Pacific Dental", "Pacific Freight"]);
  });

  it("picks the speaker's own Jack, asks a manager (whose team owns both) which one", async () => {
    expect((await turn(co.users.amy, "emailed Jack the price list")).contacts.map((c) => [c.name, c.narrowedBy])).toEqual([["Jack Chen", "own"]]);
    expect((await turn(co.users.bob, "emailed Jack the price list")).contacts.map((c) => c.name)).toEqual(["Jack Miller"]);
    const team = await visibleOwnerIds(co.store.prisma, co.users.boss);
    const boss = await turn(co.users.boss, "emailed Jack the price list", team);
    expect(boss.contacts).toEqual([]);
    expect(boss.ambiguous[0]).toMatchObject({ kind: "contact", text: "Jack", total: 2 });
    expect(boss.ambiguous[0]!.candidates.every((c) => c.kind === "contact" && c.ownership === "team")).toBe(true);
  });

  it("reads surname + title in Chinese and the customer it belongs to", async () => {
    const r = await turn(co.users.eve, "给郑校长写条微信,孙姐也在");
    expect(r.contacts.map((c) => [c.name, c.spans[0]!.text])).toEqual([["郑国华", "郑校长"], ["孙丽", "孙姐"]]);
    expect(r.customers.map((c) => [c.name, c.matchedBy, c.ownerIsActor])).toEqual([["星辰科技", "contact", true]]);
  });

  it("finds a colleague and a customer written since the last turn", async () => {
    const db = co.store.prisma;
    expect((await turn(co.users.amy, "ask Zoe Park about Orchid Dental")).users).toEqual([]);
    await db.user.create({ data: { handle: "zoe", name: "Zoe Park" } });
    await db.customer.create({ data: { name: "Orchid Dental", ownerId: co.users.amy.id, searchKeys: customerSearchKeys("Orchid Dental") } });
    const r = await turn(co.users.amy, "ask Zoe Park about Orchid Dental");
    expect(r.users.map((u) => u.handle)).toEqual(["zoe"]);
    expect(r.customers.map((c) => c.name)).toEqual(["Orchid Dental"]);
    expect(r.unknownCapitalised).toEqual([]);
  });

  it("leaves archived customers out", async () => {
    await co.store.prisma.customer.updateMany({ where: { name: "Orchid Dental" }, data: { status: "archived" } });
    const r = await turn(co.users.amy, "visited Orchid Dental");
    expect(r.customers).toEqual([]);
    expect(r.unknownCapitalised.map((s) => s.text)).toEqual(["Orchid Dental"]);
  });
});
