// Imports load whole or not at all, check rows against what the columns accept, and merge into stored records
// (issue 10, part 5). On PGlite by default, on PostgreSQL with DATABASE_URL.
import { describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { importData, summarizeImport } from "../../domain/import-data.ts";
import { exportData, exportText } from "../../domain/export-data.ts";
import type { Store } from "../../prisma/client.ts";

const NOW = new Date("2026-03-02T01:30:00Z");
const snapshot = async (s: Store) => ({ text: exportText(await exportData(s.prisma)), audit: await s.prisma.auditLog.count() });

const company = () => ({
  users: [
    { handle: "mgr", name: "Mia", role: "manager", timezone: "Asia/Shanghai", locale: "zh", identities: [{ platform: "slack", externalId: "U1" }] },
    { handle: "rep", name: "Ray", role: "rep", manager: "mgr", timezone: "Europe/Berlin", locale: "en" },
  ],
  customers: [{ name: "Acme", owner: "rep", tier: "A", stage: "loyal", industry: "food", region: "north", tags: ["vip"], status: "archived", aliases: ["ACM"] }],
  contacts: [{ customer: "Acme", name: "Jane", title: "Buyer", email: "jane@acme.example" }],
  interactions: [{ customer: "Acme", user: "rep", kind: "call", occurredAt: "2026-02-01T10:00:00Z", summary: "price talk", sentiment: "negative", contact: "Jane" }],
  followUps: [{ customer: "Acme", owner: "rep", dueAt: "2026-02-10T09:00:00Z", title: "send quote", status: "done", completedAt: "2026-02-09T09:00:00Z" }],
  deals: [{ customer: "Acme", title: "Big one", stage: "negotiation", amount: 5000, currency: "USD", expectedCloseAt: "2026-04-01T00:00:00Z", status: "won" }],
  complaints: [{ customer: "Acme", owner: "rep", openedAt: "2026-01-20T08:00:00Z", severity: "high", description: "late", status: "resolved", resolvedAt: "2026-01-22T08:00:00Z" }],
});

describe("an import is one transaction", () => {
  it("a database error in a late section writes nothing (not even the users before it) and names file, section, row and field", async () => {
    const s = await freshStore();
    await importData(s.prisma, company(), { now: NOW });
    const before = await snapshot(s);
    // A rule the row checks don't know, so the failure happens inside the database, after users and customers ran.
    await s.prisma.$executeRawUnsafe(`ALTER TABLE "Interaction" ADD CONSTRAINT "Interaction_summary_check" CHECK (summary <> 'boom')`);
    const calls = ["a", "b", "c", "boom", "e"].map((summary, i) => ({ customer: "New Co", user: "newbie", kind: "call", occurredAt: `2026-02-0${i + 1}T10:00:00Z`, summary }));
    const doc = {
      users: [{ handle: "newbie", name: "Nina" }, { handle: "mgr", name: "Mia Wang" }],
      customers: [{ name: "New Co", owner: "newbie" }],
      interactions: calls,
    };
    const err = await importData(s.prisma, doc, { file: "big.json", now: NOW, chunkSize: 2 }).catch((e) => e);
    expect(err).toMatchObject({ code: "INVALID_INPUT", details: { file: "big.json", section: "interactions", row: 4, fields: ["summary"] } });
    expect(err.userMessage).toMatch(/^big\.json: interactions row 4 \(summary\) was refused by the database: .*Interaction_summary_check.*Nothing was imported\.$/);
    expect(await snapshot(s)).toEqual(before);
    expect(await s.prisma.user.count({ where: { handle: "newbie" } })).toBe(0);

    // Without the bad row the same file loads, with one audit entry for the whole import.
    const ok = await importData(s.prisma, { ...doc, interactions: calls.filter((c) => c.summary !== "boom") }, { file: "big.json", now: NOW, chunkSize: 2 });
    expect(ok.counts.interactions).toEqual({ created: 4, updated: 0, unchanged: 0 });
    expect(await s.prisma.auditLog.count()).toBe(before.audit + 1);
    const audit = await s.prisma.auditLog.findFirstOrThrow({ where: { entity: "import" }, orderBy: { id: "desc" } });
    expect(audit.after).toMatchObject({ file: "big.json", counts: { users: { created: 1, updated: 1 }, interactions: { created: 4 } } });
  });

  it("a dry run reports the same counts and leaves the store exactly as it was", async () => {
    const s = await freshStore();
    await importData(s.prisma, company(), { now: NOW });
    const before = await snapshot(s);
    const doc = { ...company(), customers: [{ name: "Acme", tier: "B" }, { name: "Zed", owner: "mgr" }] };
    const dry = await importData(s.prisma, doc, { dryRun: true, now: NOW });
    expect(dry.counts.customers).toEqual({ created: 1, updated: 1, unchanged: 0 });
    expect(await snapshot(s)).toEqual(before);
  });
});

describe("rows are checked against what the columns accept, before anything is written", () => {
  it("reports amount 1e12, NUL, a lone surrogate, an out-of-range date and an over-long name by file, row and field; good rows load", async () => {
    const s = await freshStore();
    const doc = {
      users: [{ handle: "amy", name: "Amy" }, { handle: "nul", name: "N\u0000ull" }],
      customers: [
        { name: "Good Co", owner: "amy", tags: ["ok"] },
        { name: "Broken \ud800 Co", owner: "amy" },
        { name: "X".repeat(501), owner: "amy" },
        { name: "Tagged Co", owner: "amy", tags: ["fine", "bad\udc00"] },
      ],
      orders: [
        { customer: "Good Co", amount: 1e12, orderedAt: "2026-02-01" },
        { customer: "Good Co", amount: 999_999_999_999.99, orderedAt: "2026-02-01" },
        { customer: "Good Co", amount: 999_999_999_999.996, orderedAt: "2026-02-02" }, // rounds to 1e12
        { customer: "Good Co", amount: 0.004, orderedAt: "2026-02-03" }, // rounds to 0
        { customer: "Good Co", amount: 12.345, orderedAt: "2026-02-04" },
      ],
      deals: [{ customer: "Good Co", title: "Huge", amount: -1e12, expectedCloseAt: "2026-05-01" }],
      interactions: [
        { customer: "Good Co", user: "amy", kind: "call", occurredAt: "2026-02-01T10:00:00Z", summary: "a\u0000b" },
        { customer: "Good Co", user: "amy", kind: "call", occurredAt: "9999-12-31T23:00:00-05:00", summary: "far future" },
        { customer: "Good Co", user: "amy", kind: "call", occurredAt: "9999-12-31T23:59:59Z", summary: "last day" },
        { customer: "Good Co", user: "amy", kind: "visit", occurredAt: "2026-02-02T10:00:00Z", summary: "fine", message: "raw \udfff" },
      ],
      surveys: [{ customer: "Good Co", scale: "nps", score: 8, respondedAt: "2026-02-01", comment: "\u0000" }],
    };
    const r = await importData(s.prisma, doc, { file: "limits.json", now: NOW });
    expect(r.bad.map((b) => `${b.file}:${b.section}:${b.row}:${b.field}`)).toEqual([
      "limits.json:users:2:name",
      "limits.json:customers:2:name",
      "limits.json:customers:3:name",
      "limits.json:customers:4:tags.1",
      "limits.json:interactions:1:summary",
      "limits.json:interactions:2:occurredAt",
      "limits.json:interactions:4:message",
      "limits.json:orders:1:amount",
      "limits.json:orders:3:amount",
      "limits.json:orders:4:amount",
      "limits.json:deals:1:amount",
      "limits.json:surveys:1:comment",
    ]);
    expect(r.bad.find((b) => b.section === "users")?.reason).toMatch(/NUL/);
    expect(r.bad.find((b) => b.section === "customers" && b.row === 2)?.reason).toMatch(/surrogate/);
    expect(r.bad.find((b) => b.section === "customers" && b.row === 3)?.reason).toMatch(/longer than 500/);
    expect(r.bad.find((b) => b.section === "orders" && b.row === 1)?.reason).toMatch(/999,999,999,999\.99/);
    expect(r.bad.find((b) => b.section === "interactions" && b.row === 2)?.reason).toMatch(/0001–9999/);
    // The good rows loaded, with the edge values the columns keep.
    expect(await s.prisma.customer.findMany({ select: { name: true } })).toEqual([{ name: "Good Co" }]);
    const orders = await s.prisma.order.findMany({ orderBy: { orderedAt: "asc" } });
    expect(orders.map((o) => o.amount.toString())).toEqual(["999999999999.99", "12.35"]);
    const last = await s.prisma.interaction.findFirstOrThrow({ where: { summary: "last day" } });
    expect(last.occurredAt.toISOString()).toBe("9999-12-31T23:59:59.000Z");
    // and they survive the round trip
    const text = exportText(await exportData(s.prisma));
    const b = await freshStore();
    expect((await importData(b.prisma, JSON.parse(text), { now: NOW })).bad).toEqual([]);
    expect(exportText(await exportData(b.prisma))).toBe(text);
  });
});

describe("merge, never reset", () => {
  it("a manager re-imported with only handle and name keeps role, manager, time zone, locale and identities, and counts as unchanged", async () => {
    const s = await freshStore();
    await importData(s.prisma, company(), { now: NOW });
    const before = await snapshot(s);
    const r = await importData(s.prisma, { users: [{ handle: "mgr", name: "Mia" }, { handle: "rep", name: "Ray" }] }, { now: NOW });
    expect(r.counts.users).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(summarizeImport(r)).toEqual(["users: 0 created, 0 updated, 2 unchanged"]);
    expect(await snapshot(s)).toEqual(before); // nothing changed, so no audit entry either
    const mgr = await s.prisma.user.findUniqueOrThrow({ where: { handle: "mgr" } });
    expect(mgr).toMatchObject({ role: "manager", timezone: "Asia/Shanghai", locale: "zh" });
    const rep = await s.prisma.user.findUniqueOrThrow({ where: { handle: "rep" }, include: { manager: true } });
    expect(rep.manager?.handle).toBe("mgr");

    // A field the row does give is applied, and counted as one update.
    const renamed = await importData(s.prisma, { users: [{ handle: "mgr", name: "Mia Wang" }] }, { now: NOW });
    expect(renamed.counts.users).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(await s.prisma.user.findUniqueOrThrow({ where: { handle: "mgr" } })).toMatchObject({ name: "Mia Wang", role: "manager", timezone: "Asia/Shanghai" });
    // A new user still gets the column defaults.
    await importData(s.prisma, { users: [{ handle: "fresh", name: "Fay" }] }, { now: NOW });
    expect(await s.prisma.user.findUniqueOrThrow({ where: { handle: "fresh" } })).toMatchObject({ role: "rep", timezone: "UTC", locale: "en" });
  });

  it("rows that leave fields out keep the stored customer, follow-up, interaction, deal and complaint values", async () => {
    const s = await freshStore();
    await importData(s.prisma, company(), { now: NOW });
    const before = await snapshot(s);
    const sparse = {
      customers: [{ name: "Acme" }],
      contacts: [{ customer: "Acme", name: "Jane" }],
      interactions: [{ customer: "Acme", user: "rep", kind: "call", occurredAt: "2026-02-01T10:00:00Z", summary: "price talk" }],
      followUps: [{ customer: "Acme", owner: "rep", dueAt: "2026-02-10T09:00:00Z", title: "send quote" }],
      deals: [{ customer: "Acme", title: "Big one", amount: 5000, expectedCloseAt: "2026-04-01T00:00:00Z" }],
      complaints: [{ customer: "Acme", owner: "rep", openedAt: "2026-01-20T08:00:00Z", description: "late" }],
    };
    const r = await importData(s.prisma, sparse, { now: NOW });
    expect(r.bad).toEqual([]);
    for (const section of Object.keys(sparse)) expect(r.counts[section as keyof typeof r.counts]).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(await snapshot(s)).toEqual(before);
    expect(await s.prisma.followUp.findFirstOrThrow()).toMatchObject({ status: "done" });
    expect(await s.prisma.complaint.findFirstOrThrow()).toMatchObject({ status: "resolved", severity: "high" });
    expect(await s.prisma.customer.findFirstOrThrow()).toMatchObject({ status: "archived", tier: "A", stage: "loyal", tags: ["vip"], aliases: ["ACM"] });

    // A new customer without an owner is a bad row; an existing one takes the fields given and keeps the rest.
    const r2 = await importData(s.prisma, { customers: [{ name: "Acme", tier: "B" }, { name: "Nobody Owns Me" }] }, { file: "c.json", now: NOW });
    expect(r2.bad).toEqual([{ file: "c.json", row: 2, section: "customers", field: "owner", reason: "is required for a new customer" }]);
    expect(r2.counts.customers).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const acme = await s.prisma.customer.findFirstOrThrow({ include: { owner: true } });
    expect(acme).toMatchObject({ tier: "B", status: "archived", stage: "loyal", tags: ["vip"] });
    expect(acme.owner.handle).toBe("rep");
  });
});
