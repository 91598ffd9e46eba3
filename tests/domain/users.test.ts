import { beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import {
  addUser, createInvite, findUserByHandle, findUserByIdentity, INVITE_ALPHABET, linkIdentity, listUsers, redeemInvite,
} from "../../domain/users.ts";
import { DomainError } from "../../domain/errors.ts";
import { undoLastChange } from "../../domain/undo-last-change.ts";

let co: Company;
beforeAll(async () => {
  co = await seedCompany(await freshStore());
});
const db = () => co.store.prisma;
const now = new Date("2026-03-02T01:30:00Z");

describe("addUser / findUserByHandle", () => {
  it("adds a user under a manager, audited as entity user with no actor from the CLI", async () => {
    const u = await addUser(db(), { handle: "sarah.chen", name: "Sarah Chen", role: "rep", manager: "boss", timezone: "Asia/Shanghai", locale: "en" });
    expect(u).toMatchObject({ handle: "sarah.chen", role: "rep", managerId: co.users.boss.id, timezone: "Asia/Shanghai", locale: "en" });
    const audit = await db().auditLog.findFirstOrThrow({ where: { entity: "user", entityId: u.id } });
    expect(audit).toMatchObject({ action: "create", actorId: null });
  });

  it("finds by handle or display name, case-insensitive, with or without @", async () => {
    expect((await findUserByHandle(db(), "Sarah Chen")).handle).toBe("sarah.chen");
    expect((await findUserByHandle(db(), "SARAH.CHEN")).handle).toBe("sarah.chen");
    expect((await findUserByHandle(db(), "@sarah.chen")).handle).toBe("sarah.chen");
    const e = await findUserByHandle(db(), "Nobody Here").catch((x) => x);
    expect(e).toBeInstanceOf(DomainError);
    expect(e.code).toBe("NOT_FOUND");
    expect(e.userMessage).toContain("Nobody Here");
  });

  it("validates time zone, locale, role; unknown manager NOT_FOUND; duplicate handle CONFLICT (any case)", async () => {
    const n = await db().user.count();
    await expect(addUser(db(), { handle: "x1", name: "X", timezone: "Mars/Olympus" })).rejects.toThrow(/timezone.*Mars\/Olympus/);
    await expect(addUser(db(), { handle: "x1", name: "X", locale: "fr" as never })).rejects.toMatchObject({ code: "INVALID_INPUT", details: { field: "locale" } });
    await expect(addUser(db(), { handle: "x1", name: "X", role: "owner" as never })).rejects.toMatchObject({ code: "INVALID_INPUT", details: { field: "role" } });
    await expect(addUser(db(), { handle: "x1", name: "X", manager: "ghost" })).rejects.toMatchObject({ code: "NOT_FOUND", userMessage: expect.stringContaining("ghost") });
    await expect(addUser(db(), { handle: "Sarah.Chen", name: "Other Sarah" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(addUser(db(), { handle: "bad handle!", name: "X" })).rejects.toMatchObject({ details: { field: "handle" } });
    expect(await db().user.count()).toBe(n);
  });

  it("from chat: a manager may add a rep to their own team (audited as them), a rep may add no one", async () => {
    const u = await addUser(db(), { handle: "newrep", name: "New Rep", manager: "boss" }, { actor: co.users.boss, now });
    const audit = await db().auditLog.findFirstOrThrow({ where: { entity: "user", entityId: u.id } });
    expect(audit.actorId).toBe(co.users.boss.id);
    await expect(addUser(db(), { handle: "r2", name: "R2", manager: "other.mgr" }, { actor: co.users.boss })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(addUser(db(), { handle: "r3", name: "R3" }, { actor: co.users.amy })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(addUser(db(), { handle: "adm2", name: "Admin 2", role: "admin" }, { actor: co.users.root })).resolves.toMatchObject({ role: "admin" });
  });
});

describe("identities", () => {
  it("links an identity, finds the actor by it, is idempotent for the same user, CONFLICT for another", async () => {
    const r = await linkIdentity(db(), { handle: "amy", platform: "slack", externalId: "U0AMY" });
    expect(r.linked).toBe(true);
    expect(await findUserByIdentity(db(), "slack", "U0AMY")).toMatchObject({ id: co.users.amy.id, handle: "amy", role: "rep" });
    expect(await findUserByIdentity(db(), "telegram", "U0AMY")).toBeNull();
    const audits = await db().auditLog.count();
    expect((await linkIdentity(db(), { handle: "Amy Lee", platform: "slack", externalId: "U0AMY" })).linked).toBe(false);
    expect(await db().auditLog.count()).toBe(audits);
    const e = await linkIdentity(db(), { handle: "bob", platform: "slack", externalId: "U0AMY" }).catch((x) => x);
    expect(e).toMatchObject({ code: "CONFLICT", details: { linkedTo: "amy" } });
    expect((await findUserByIdentity(db(), "slack", "U0AMY"))!.handle).toBe("amy");
    await expect(linkIdentity(db(), { handle: "bob", platform: "wechat" as never, externalId: "1" })).rejects.toMatchObject({ details: { field: "platform" } });
  });

  it("audits the link on entity user with the identities after", async () => {
    const last = await db().auditLog.findFirstOrThrow({ where: { entity: "user", entityId: co.users.amy.id, action: "update" }, orderBy: { id: "desc" } });
    expect((last.after as { identities: unknown[] }).identities).toEqual([{ platform: "slack", externalId: "U0AMY" }]);
  });

  it("lists users with manager handle and identities", async () => {
    const list = await listUsers(db());
    const amy = list.find((u) => u.handle === "amy")!;
    expect(amy).toMatchObject({ name: "Amy Lee", role: "rep", manager: "boss", timezone: "Asia/Shanghai", identities: [{ platform: "slack", externalId: "U0AMY" }] });
    expect(list.map((u) => u.handle)).toEqual([...list.map((u) => u.handle)].sort());
  });
});

describe("invites", () => {
  it("creates a one-time 8-character code in the unambiguous alphabet, and different codes each time", async () => {
    const a = await createInvite(db(), { handle: "bob", ttlHours: 24 }, { now });
    const b = await createInvite(db(), { handle: "bob", ttlHours: 24 }, { now });
    for (const c of [a.code, b.code]) expect(c).toMatch(new RegExp(`^[${INVITE_ALPHABET}]{8}$`));
    expect(a.code).not.toBe(b.code);
    expect(a.expiresAt.toISOString()).toBe("2026-03-03T01:30:00.000Z");
    expect(INVITE_ALPHABET).not.toMatch(/[01OIL]/);
  });

  it("redeem links the identity and marks the invite used; a second redeem is refused and changes nothing", async () => {
    const { code } = await createInvite(db(), { handle: "bob", ttlHours: 2 }, { now });
    // People type codes in lower case and with spaces.
    const typed = `${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`;
    const r = await redeemInvite(db(), { code: typed, platform: "telegram", externalId: "777", now: new Date(now.getTime() + 3600_000) });
    expect(r).toMatchObject({ linked: true, user: { handle: "bob" } });
    expect((await findUserByIdentity(db(), "telegram", "777"))!.handle).toBe("bob");
    expect((await db().invite.findUniqueOrThrow({ where: { code } })).usedAt).toEqual(new Date(now.getTime() + 3600_000));
    const again = await redeemInvite(db(), { code, platform: "telegram", externalId: "888", now }).catch((x) => x);
    expect(again).toMatchObject({ code: "CONFLICT", details: { reason: "used" } });
    expect(again.userMessage).toMatch(/already been used/);
    expect(await findUserByIdentity(db(), "telegram", "888")).toBeNull();
  });

  it("an expired code is refused (at the boundary too) and stays unused; an unknown code is NOT_FOUND", async () => {
    const { code, expiresAt } = await createInvite(db(), { handle: "eve", ttlHours: 1 }, { now });
    const e = await redeemInvite(db(), { code, platform: "slack", externalId: "U0EVE", now: expiresAt, locale: "zh" }).catch((x) => x);
    expect(e).toMatchObject({ code: "INVALID_INPUT", details: { reason: "expired" } });
    expect(e.userMessage).toContain("过期");
    expect((await db().invite.findUniqueOrThrow({ where: { code } })).usedAt).toBeNull();
    expect(await findUserByIdentity(db(), "slack", "U0EVE")).toBeNull();
    await expect(redeemInvite(db(), { code: "ZZZZZZZZ", platform: "slack", externalId: "U0EVE", now })).rejects.toMatchObject({ code: "NOT_FOUND", details: { reason: "unknown" } });
  });

  it("redeeming for an identity already linked to someone else is CONFLICT and leaves the code unused", async () => {
    const { code } = await createInvite(db(), { handle: "eve", ttlHours: 1 }, { now });
    await expect(redeemInvite(db(), { code, platform: "slack", externalId: "U0AMY", now })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await db().invite.findUniqueOrThrow({ where: { code } })).usedAt).toBeNull();
  });

  it("two redemptions of one code racing: exactly one wins", async () => {
    const { code } = await createInvite(db(), { handle: "root", ttlHours: 1 }, { now });
    const rs = await Promise.allSettled([
      redeemInvite(db(), { code, platform: "slack", externalId: "R1", now }),
      redeemInvite(db(), { code, platform: "slack", externalId: "R2", now }),
    ]);
    expect(rs.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db().chatIdentity.count({ where: { externalId: { in: ["R1", "R2"] } } })).toBe(1);
  });

  it("redemption is audited without an actor, so the new user's first 'undo' doesn't touch it", async () => {
    const bob = co.ctx("bob");
    await expect(undoLastChange(bob)).rejects.toMatchObject({ code: "NOTHING_TO_UNDO" });
  });
});
