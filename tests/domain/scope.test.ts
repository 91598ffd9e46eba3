import { beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { listOwnerIds, visibleOwnerIds } from "../../domain/scope.ts";

let co: Company;
let other: number, subMgr: number, subRep: number;
beforeAll(async () => {
  co = await seedCompany(await freshStore());
  const db = co.store.prisma;
  other = (await db.user.findUniqueOrThrow({ where: { handle: "other.mgr" } })).id;
  // A manager of managers: boss → sub.mgr → sub.rep.
  subMgr = (await db.user.create({ data: { handle: "sub.mgr", name: "Sub Manager", role: "manager", managerId: co.users.boss.id } })).id;
  subRep = (await db.user.create({ data: { handle: "sub.rep", name: "Sub Rep", role: "rep", managerId: subMgr } })).id;
});

describe("visibleOwnerIds", () => {
  it("a rep sees their own", async () => {
    expect(await visibleOwnerIds(co.store.prisma, co.users.amy)).toEqual([co.users.amy.id]);
  });

  it("a manager sees themselves and the whole tree below them, not another team", async () => {
    const { boss, amy, bob, eve } = co.users;
    expect(await visibleOwnerIds(co.store.prisma, boss)).toEqual([boss.id, amy.id, bob.id, subMgr, subRep].sort((a, b) => a - b));
    const theirs = await visibleOwnerIds(co.store.prisma, { id: other, role: "manager" });
    expect(theirs).toEqual([other, eve.id].sort((a, b) => a - b));
  });

  it("an admin sees everyone", async () => {
    expect(await visibleOwnerIds(co.store.prisma, co.users.root)).toHaveLength(await co.store.prisma.user.count());
  });

  it("an explicit owner narrows to that person (by handle or name); unknown is NOT_FOUND", async () => {
    expect(await listOwnerIds(co.store.prisma, co.users.amy, "Bob Smith")).toEqual([co.users.bob.id]);
    await expect(listOwnerIds(co.store.prisma, co.users.amy, "nobody")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
