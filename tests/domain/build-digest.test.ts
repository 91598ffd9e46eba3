import { beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { loadFixture } from "../helpers/risk-fixture.ts";
import type { Store } from "../../prisma/client.ts";
import type { Actor } from "../../domain/context.ts";
import { listAtRisk } from "../../domain/list-at-risk.ts";
import { buildDigest, upcomingBirthday } from "../../domain/build-digest.ts";
import { classifyCustomers, suggestClass } from "../../domain/classify-customers.ts";

const NOW = new Date("2026-03-02T09:30:00+08:00");
let store: Store;
let users: Record<string, Actor>;

beforeAll(async () => {
  store = await freshStore();
  users = await loadFixture(store);
});

describe("at-risk ranking on the eval fixture", () => {
  it("puts 华东机械, Bluewave, 海通物流 and 金诚建材 above Acme Logistics, Orchid Dental and 明达汽车 in zhang.min's digest", async () => {
    const d = await buildDigest({ db: store.prisma, user: "zhang.min", now: NOW, topN: 50 });
    const all = await listAtRisk({ db: store.prisma, actor: users["zhang.min"]!, now: NOW }, { minScore: 0, limit: 100 });
    const rank = (name: string) => all.findIndex((r) => r.customer.name === name);
    const scoreOf = (name: string) => all.find((r) => r.customer.name === name)?.score ?? 0;
    for (const risky of ["华东机械有限公司", "Bluewave Foods", "海通物流", "金诚建材"]) {
      expect(d.atRisk.map((r) => r.customer)).toContain(risky);
      for (const fine of ["Acme Logistics", "Orchid Dental Clinics", "明达汽车服务"]) {
        expect(scoreOf(risky)).toBeGreaterThan(scoreOf(fine));
        expect(d.atRisk.map((r) => r.customer)).not.toContain(fine);
      }
      expect(rank(risky)).toBeGreaterThanOrEqual(0);
    }
    expect(d.atRisk[0]?.customer).toBe("华东机械有限公司");
  });

  it("gives reasons a person would agree with, in the reader's language", async () => {
    const zh = await buildDigest({ db: store.prisma, user: "li.wei", now: NOW });
    const hd = zh.atRisk.find((r) => r.customer === "华东机械有限公司")!;
    expect(hd.reasons).toContain("51 天未联系(B 级客户应每 30 天联系)");
    expect(hd.reasons.join(";")).toMatch(/高级投诉已开启 20 天,已超过处理期限/);
    expect(hd.reasons.join(";")).toMatch(/NPS 评分 4/);
    expect(zh.atRisk.find((r) => r.customer === "海通物流")!.reasons[0]).toBe("138 天未联系(D 级客户应每 60 天联系)");
    expect(zh.atRisk.find((r) => r.customer === "金诚建材")!.reasons[0]).toBe("72 天未联系(B 级客户应每 30 天联系)");
    expect(zh.atRisk.map((r) => r.customer)).not.toContain("明达汽车服务");
    const en = await buildDigest({ db: store.prisma, user: "sarah.chen", now: NOW });
    expect(en.atRisk).toHaveLength(1);
    expect(en.atRisk[0]).toMatchObject({ customer: "Bluewave Foods" });
    expect(en.atRisk[0]!.reasons).toEqual(expect.arrayContaining(["latest NPS 3 (unhappy)", "follow-up overdue by 10 days"]));
  });
});

describe("buildDigest", () => {
  it("has the CONTRACT JSON shape and a rep's follow-ups, late complaints and birthdays", async () => {
    const d = await buildDigest({ db: store.prisma, user: "li.wei", now: NOW });
    const json = JSON.parse(JSON.stringify(d));
    expect(Object.keys(json)).toEqual(expect.arrayContaining(["user", "date", "atRisk", "followUps", "complaints", "birthdays"]));
    expect(json).toMatchObject({ user: "li.wei", date: "2026-03-02" });
    expect(json.atRisk[0]).toMatchObject({ customer: "华东机械有限公司", score: expect.any(Number), reasons: expect.any(Array) });
    // Overdue follow-up (due 02-25) is listed; the one due 03-04 is not yet.
    expect(d.followUps.map((f) => [f.title, f.overdue, f.daysOverdue])).toEqual([["确认补发货物的到货时间", true, 5]]);
    expect(d.complaints).toMatchObject([{ customer: "华东机械有限公司", severity: "high", daysOpen: 20 }]);
    expect(d.birthdays).toEqual([{ contact: "王芳", customer: "华东机械有限公司", owner: "li.wei", date: "2026-03-05", inDays: 3 }]);
    expect(d.team).toBeUndefined();
    expect(d.text).toContain("李伟,早上好");
    expect(d.text).toContain("王芳");
  });

  it("is on the user's own calendar: New York is still on March 1", async () => {
    const d = await buildDigest({ db: store.prisma, user: "tom.baker", now: NOW });
    expect(d.date).toBe("2026-03-01");
    expect(d.birthdays).toMatchObject([{ contact: "Robert King", date: "2026-03-04", inDays: 3 }]);
    expect(d.text).toMatch(/^Good morning, Tom Baker/);
  });

  it("gives a manager the team roll-up, at-risk by rep, and the complaints to escalate", async () => {
    const d = await buildDigest({ db: store.prisma, user: "zhang.min", now: NOW });
    expect(d.team!.reps.find((r) => r.rep === "li.wei")).toMatchObject({ atRisk: 3, followUpsOverdue: 1, complaintsOverdue: 1 });
    expect(d.team!.reps.find((r) => r.rep === "sarah.chen")).toMatchObject({ atRisk: 1, followUpsOverdue: 1, complaintsOverdue: 0 });
    expect(d.team!.atRiskByRep.find((g) => g.rep === "li.wei")!.customers.map((c) => c.customer)).toEqual(["华东机械有限公司", "海通物流", "金诚建材"]);
    expect(d.complaints.map((k) => k.customer)).toEqual(["华东机械有限公司"]);
    expect(d.text).toContain("需升级处理的投诉");
  });
});

describe("upcomingBirthday", () => {
  it("matches month-day within 7 days, across the year end, and Feb 29 on Feb 28 in other years", () => {
    expect(upcomingBirthday("1986-03-05", "2026-03-02")).toEqual({ date: "2026-03-05", inDays: 3 });
    expect(upcomingBirthday("1986-03-02", "2026-03-02")).toEqual({ date: "2026-03-02", inDays: 0 });
    expect(upcomingBirthday("1986-03-10", "2026-03-02")).toBeNull();
    expect(upcomingBirthday("1990-01-02", "2026-12-29")).toEqual({ date: "2027-01-02", inDays: 4 });
    expect(upcomingBirthday("1988-02-29", "2026-02-25")).toEqual({ date: "2026-02-28", inDays: 3 });
    expect(upcomingBirthday("1988-02-29", "2028-02-25")).toEqual({ date: "2028-02-29", inDays: 4 });
    expect(upcomingBirthday("not a date", "2026-02-25")).toBeNull();
  });
});

describe("classification", () => {
  it("follows the 4-quadrant rule and the order-history stages", () => {
    const f = { contacts12m: 0, orderValue12m: 0, orders12m: 0, ordersTotal: 0, daysSinceLastOrder: null, daysSinceContact: null };
    expect(suggestClass({ ...f, contacts12m: 20, orderValue12m: 200_000 }).tier).toBe("A");
    expect(suggestClass({ ...f, contacts12m: 2, orderValue12m: 200_000 }).tier).toBe("B");
    expect(suggestClass({ ...f, contacts12m: 20, orderValue12m: 5_000 }).tier).toBe("C");
    expect(suggestClass(f)).toEqual({ tier: "D", stage: "prospect" });
    expect(suggestClass({ ...f, ordersTotal: 1, orders12m: 1, daysSinceLastOrder: 10 }).stage).toBe("new");
    expect(suggestClass({ ...f, ordersTotal: 3, orders12m: 1, daysSinceLastOrder: 10 }).stage).toBe("repeat");
    expect(suggestClass({ ...f, ordersTotal: 5, orders12m: 4, daysSinceLastOrder: 10 }).stage).toBe("loyal");
    expect(suggestClass({ ...f, ordersTotal: 5, orders12m: 0, daysSinceLastOrder: 400, daysSinceContact: 200 }).stage).toBe("lost");
  });

  it("computes the facts set-based for everyone in scope", async () => {
    const rows = await classifyCustomers(store.prisma, { now: NOW });
    const acme = rows.find((r) => r.name === "Acme Logistics")!;
    expect(acme).toMatchObject({ ordersTotal: 2, orderValue12m: 230_000, contacts12m: 2, suggestedTier: "B", suggestedStage: "repeat", fullYear: true });
    expect(rows.find((r) => r.name === "Acme Robotics")).toMatchObject({ suggestedStage: "prospect", fullYear: false });
  });
});
