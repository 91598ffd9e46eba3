import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { importData } from "../../domain/import-data.ts";
import { exportData, exportText } from "../../domain/export-data.ts";
import { csvToDocument, decodeCsv, normalizeDate, parseAmount } from "../../domain/import-csv.ts";
import { customerSearchKeys } from "../../domain/name-keys.ts";
import type { Store } from "../../prisma/client.ts";

const fixture = () => JSON.parse(readFileSync(new URL("../fixtures/fixture.json", import.meta.url), "utf8"));
const NOW = new Date("2026-03-02T01:30:00Z");
const total = (counts: Record<string, { created: number; updated: number; unchanged: number }>, k: "created" | "updated" | "unchanged") =>
  Object.values(counts).reduce((n, c) => n + c[k], 0);

describe("import and export of the CONTRACT §2 document", () => {
  let a: Store;
  beforeAll(async () => {
    a = await freshStore();
  });

  it("loads the fixture, and a dry run before it counts the same but saves nothing", async () => {
    const dry = await importData(a.prisma, fixture(), { dryRun: true, now: NOW });
    expect(dry.counts.customers).toEqual({ created: 12, updated: 0, unchanged: 0 });
    expect(await a.prisma.customer.count()).toBe(0);
    expect(await a.prisma.user.count()).toBe(0);
    const r = await importData(a.prisma, fixture(), { now: NOW });
    expect(r.bad).toEqual([]);
    expect(r.counts).toEqual(dry.counts);
    expect(r.counts.interactions).toEqual({ created: 15, updated: 0, unchanged: 0 });
    expect(await a.prisma.interaction.count()).toBe(15);
    // references and derived fields
    const li = await a.prisma.user.findUniqueOrThrow({ where: { handle: "li.wei" }, include: { manager: true, identities: true } });
    expect(li.manager?.handle).toBe("zhang.min");
    expect(li.identities.map((i) => `${i.platform}:${i.externalId}`).sort()).toEqual(["slack:U0REP002", "telegram:9002"]);
    const hd = await a.prisma.customer.findUniqueOrThrow({ where: { name: "华东机械有限公司" } });
    expect(hd.searchKeys).toEqual(customerSearchKeys("华东机械有限公司", ["华东机械", "Huadong Machinery"]));
    const complaint = await a.prisma.complaint.findFirstOrThrow({ where: { customerId: hd.id } });
    expect(complaint.dueBy.toISOString()).toBe("2026-02-12T02:00:00.000Z"); // high: opened + 2 days
    const audit = await a.prisma.auditLog.findMany({ where: { entity: "import" } });
    expect(audit).toHaveLength(1);
  });

  it("is idempotent: the same file again changes nothing and adds no audit entry", async () => {
    const before = await exportText(await exportData(a.prisma));
    const audits = await a.prisma.auditLog.count();
    const r = await importData(a.prisma, fixture(), { now: new Date("2026-03-05T00:00:00Z") });
    expect(total(r.counts, "created")).toBe(0);
    expect(total(r.counts, "updated")).toBe(0);
    expect(r.counts.interactions?.unchanged).toBe(15);
    expect(exportText(await exportData(a.prisma))).toBe(before);
    expect(await a.prisma.auditLog.count()).toBe(audits);
  });

  it("export → import into an empty store → export is byte-identical", async () => {
    const first = exportText(await exportData(a.prisma));
    const b = await freshStore();
    const r = await importData(b.prisma, JSON.parse(first), { now: NOW });
    expect(r.bad).toEqual([]);
    expect(exportText(await exportData(b.prisma))).toBe(first);
    const doc = JSON.parse(first);
    expect(doc.customers).toHaveLength(12);
    expect(doc.users.find((u: { handle: string }) => u.handle === "sarah.chen")).toMatchObject({ manager: "zhang.min", identities: [{ platform: "slack" }, { platform: "telegram" }] });
    // importing the export back into the original store is a no-op too (dueBy, createdAt… round-trip)
    const again = await importData(a.prisma, doc, { now: NOW });
    expect(total(again.counts, "created") + total(again.counts, "updated")).toBe(0);
  });

  it("updates a stored record with the same natural key to the file's values", async () => {
    const doc = { customers: [{ name: "Bluewave Foods", owner: "li.wei", tier: "A", aliases: ["蓝波"] }], surveys: [{ customer: "Acme Logistics", scale: "nps", score: 3, respondedAt: "2026-01-15T02:00:00Z" }] };
    const r = await importData(a.prisma, doc, { now: NOW });
    expect(r.counts.customers).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(r.counts.surveys).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const c = await a.prisma.customer.findUniqueOrThrow({ where: { name: "Bluewave Foods" }, include: { owner: true } });
    expect(c.owner.handle).toBe("li.wei");
    expect(c.tier).toBe("A");
    expect(c.industry).toBe("food"); // not in the file: kept
    expect(c.searchKeys).toContain("蓝波");
    const s = await a.prisma.survey.findMany({ where: { customer: { name: "Acme Logistics" }, scale: "nps" } });
    expect(s.map((x) => x.score)).toEqual([3]);
  });

  it("reports bad rows with file, row and field while the good rows load", async () => {
    const s = await freshStore();
    const doc = {
      users: [{ handle: "amy", name: "Amy", role: "manager", timezone: "Asia/Shanghai" }, { handle: "bob", name: "Bob", timezone: "Mars/Olympus" }],
      customers: [
        { name: "Good Co", owner: "amy" },
        { name: "Ghost Co", owner: "nobody" },
        { name: "Good Co", owner: "amy", tier: "B" },
        { name: "Other Co", owner: "Amy" }, // a display name works too
      ],
      interactions: [
        { customer: "Good Co", user: "amy", kind: "call", occurredAt: "2026-02-30T10:00:00Z", summary: "x" },
        { customer: "Good Co", user: "amy", kind: "call", occurredAt: "2026-02-27T10:00:00Z", summary: "fine" },
        { customer: "Nope Co", user: "amy", kind: "call", occurredAt: "2026-02-27T10:00:00Z", summary: "x" },
      ],
      orders: [{ customer: "Good Co", amount: -5, currency: "CNY", orderedAt: "2026-02-01" }, { customer: "Good Co", amount: "12000", orderedAt: "2026-02-01" }],
      surveys: [{ customer: "Good Co", scale: "csat", score: 7, respondedAt: "2026-02-01" }, { customer: "Good Co", scale: "nps", score: 7, respondedAt: "2026-02-01" }],
    };
    const r = await importData(s.prisma, doc, { file: "company.json", now: NOW });
    const bad = r.bad.map((b) => `${b.file}:${b.section}:${b.row}:${b.field}`);
    expect(bad).toEqual([
      "company.json:users:2:timezone",
      "company.json:customers:2:owner",
      "company.json:customers:3:name",
      "company.json:interactions:1:occurredAt",
      "company.json:interactions:3:customer",
      "company.json:orders:1:amount",
      "company.json:surveys:1:score",
    ]);
    expect(r.bad.find((b) => b.section === "customers" && b.row === 3)?.reason).toBe("duplicate of row 1");
    expect(r.bad.find((b) => b.section === "customers" && b.row === 2)?.reason).toContain('unknown user "nobody"');
    expect(r.bad.find((b) => b.section === "surveys")?.reason).toContain("1–5");
    expect(await s.prisma.customer.findMany({ orderBy: { name: "asc" }, select: { name: true } })).toEqual([{ name: "Good Co" }, { name: "Other Co" }]);
    expect(await s.prisma.interaction.count()).toBe(1);
    const orders = await s.prisma.order.findMany();
    expect(orders.map((o) => [Number(o.amount), o.currency])).toEqual([[12000, "CNY"]]);
    expect(await s.prisma.survey.count()).toBe(1);
  });

  it("keeps repeated identical rows apart, so they survive import twice and the round trip", async () => {
    const s = await freshStore();
    const call = { customer: "Dup Co", user: "amy", kind: "call", occurredAt: "2026-02-27T10:00:00Z", summary: "same" };
    const doc = { users: [{ handle: "amy", name: "Amy" }], customers: [{ name: "Dup Co", owner: "amy" }], interactions: [call, call] };
    await importData(s.prisma, doc, { now: NOW, chunkSize: 1 });
    const r = await importData(s.prisma, doc, { now: NOW, chunkSize: 1 });
    expect(r.counts.interactions).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(await s.prisma.interaction.count()).toBe(2);
  });

  it("rejects a document that is not a data file", async () => {
    const s = await freshStore();
    await expect(importData(s.prisma, [1, 2], {})).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(importData(s.prisma, { customers: "x" }, {})).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});

describe("CSV sheets", () => {
  it("reads a Chinese customers sheet (BOM, quoted fields, tiers like A类) with contacts in the same rows", () => {
    const text = "\uFEFF客户名称,负责人,客户等级,行业,区域,标签,联系人,手机\n华东机械有限公司,李伟,A类,制造,苏州,\"重点,老客户\",王芳,13800000000\n\"星辰科技\",li.wei,B,,,,,\n";
    const { kind, doc, lines } = csvToDocument(text, "客户.csv");
    expect(kind).toBe("customers");
    expect(doc.customers).toEqual([
      { name: "华东机械有限公司", owner: "李伟", tier: "A", industry: "制造", region: "苏州", tags: ["重点", "老客户"] },
      { name: "星辰科技", owner: "li.wei", tier: "B" },
    ]);
    expect(doc.contacts).toEqual([{ customer: "华东机械有限公司", name: "王芳", phone: "13800000000" }]);
    expect(lines).toEqual({ customers: [2, 3], contacts: [2] });
  });

  it("reads English contacts and orders sheets, spreadsheet dates and amounts", () => {
    const contacts = csvToDocument("Account Name,Contact Name,Job Title,Email Address,Phone Number,Birthday\nAcme Logistics,Jane Doe,Buyer,jane@acme.example,+1 555,1985/7/3\n");
    expect(contacts.kind).toBe("contacts");
    expect(contacts.doc.contacts).toEqual([{ customer: "Acme Logistics", name: "Jane Doe", title: "Buyer", email: "jane@acme.example", phone: "+1 555", birthday: "1985-07-03" }]);
    const orders = csvToDocument("公司名称,下单日期,订单金额\n华东机械,2026/3/2,\"¥12,000\"\n华东机械,2026-03-05,\"$1,200.50\"\n");
    expect(orders.kind).toBe("orders");
    expect(orders.doc.orders).toEqual([
      { customer: "华东机械", amount: 12000, currency: "CNY", orderedAt: "2026-03-02" },
      { customer: "华东机械", amount: 1200.5, currency: "USD", orderedAt: "2026-03-05" },
    ]);
    expect(normalizeDate("2026年3月2日")).toBe("2026-03-02");
    expect(parseAmount("RMB 3.5万")).toEqual({ amount: 35000, currency: "CNY" });
    expect(decodeCsv(new Uint8Array([0xbf, 0xcd, 0xbb, 0xa7]))).toBe("客户"); // GBK, as Excel saves Chinese CSV
  });

  it("imports a sheet and reports bad rows by spreadsheet line", async () => {
    const s = await freshStore();
    await importData(s.prisma, fixture(), { now: NOW });
    const sheet = csvToDocument("Company,Order Date,Amount\nAcme Logistics,2026/3/2,\"¥12,000\"\n\nAcme Logistics,2026/2/30,500\nNobody Inc,2026/3/1,5\n", "orders.csv");
    const r = await importData(s.prisma, sheet.doc, { file: "orders.csv", lines: sheet.lines, now: NOW });
    expect(r.counts.orders).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(r.bad.map((b) => `${b.file}:${b.row} ${b.field}`)).toEqual(["orders.csv:4 orderedAt", "orders.csv:5 customer"]);
  });

  it("refuses a sheet with no customer column", () => {
    expect(() => csvToDocument("foo,bar\n1,2\n", "x.csv")).toThrow(/no customer column/);
  });
});
