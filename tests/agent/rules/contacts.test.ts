import { describe, expect, it } from "vitest";
import { findContactMentions, mentionedContact, extractPersonName, extractPersonNames } from "../../../agent/rules/contacts.ts";

const ACME = ["Jane Doe", "Peter Smith", "Will Turner"];
const HD = ["王芳", "李强", "欧阳娜娜"];

describe("mentionedContact", () => {
  it.each([
    ["Called Jane at Acme today", ACME, "Jane Doe", "first"],
    ["called jane about pricing", ACME, "Jane Doe", "first"],
    ["Met Jane Doe and her boss", ACME, "Jane Doe", "full"],
    ["emailed PETER SMITH", ACME, "Peter Smith", "full"],
    ["Spoke with Mr. Smith", ACME, "Peter Smith", "surname"],
    ["Will called back", ACME, "Will Turner", "first"],
    ["今天上午拜访了华东机械,王芳对进度不满意", HD, "王芳", "full"],
    ["和王总聊了一下", HD, "王芳", "surname"],
    ["李经理说没问题", HD, "李强", "surname"],
    ["老王说下周来", HD, "王芳", "surname"],
    ["欧阳总同意了", HD, "欧阳娜娜", "surname"],
    ["给Jane发个微信", ACME, "Jane Doe", "first"],
  ])("%s → %s", (text, cands, name, how) => {
    expect(mentionedContact(text, cands)).toMatchObject({ name, how });
  });

  it("does not take everyday words for first names", () => {
    expect(mentionedContact("we will send the quote", ACME)).toBeNull();
    expect(mentionedContact("Nobody answered", ACME)).toBeNull();
    expect(mentionedContact("", ACME)).toBeNull();
    expect(mentionedContact("Called Jane", [])).toBeNull();
  });

  it("refuses to guess between two contacts with the same first name", () => {
    const two = ["Jane Doe", "Jane Roe"];
    expect(mentionedContact("Called Jane", two)).toBeNull();
    expect(findContactMentions("Called Jane", two).map((m) => m.name)).toEqual(["Jane Doe", "Jane Roe"]);
    expect(mentionedContact("Called Jane Roe", two)).toMatchObject({ name: "Jane Roe", how: "full" });
  });

  it("gives the position of the mention", () => {
    const t = "Visited Acme, met Peter";
    const m = mentionedContact(t, ACME)!;
    expect(t.slice(m.index, m.index + m.matched.length)).toBe("Peter");
  });
});

describe("extractPersonName", () => {
  it.each([
    ["Quick call with Robert King from Summit this afternoon", "Robert King"],
    ["Called Jane at Acme today", "Jane"],
    ["Emailed Peter at Bluewave the new delivery schedule.", "Peter"],
    ["Visited Greenleaf Pharma yesterday and met Emily Wang.", "Emily Wang"],
    ["Left a voicemail for Anna at Northwind.", "Anna"],
    ["Draft a follow-up email to Jane at Acme about the volume discount.", "Jane"],
    ["Write a check-in message for Robert at Summit Hotels.", "Robert"],
    ["Add a contact at Bluewave: Lisa Wong, CFO", "Lisa Wong"],
    ["帮我给王芳写一条微信", "王芳"],
    ["和赵磊微信聊了一下", "赵磊"],
    ["和海通物流赵磊微信聊了一下", "赵磊"],
    ["陈静说预算批了", "陈静"],
    ["昨天给星辰科技陈静打了电话", "陈静"],
    ["金诚建材孙丽来电,说回款要推迟到月底。", "孙丽"],
    ["上周五去明达汽车做了首保回访,刘强说服务很好。", "刘强"],
    ["今天上午拜访了华东机械,王芳对补发货物的进度还是不满意", "王芳"],
    ["华东机械的张伟明天来", "张伟"],
  ])("%s → %s", (text, name) => {
    expect(extractPersonName(text)?.name).toBe(name);
  });

  it("finds nobody where there is nobody", () => {
    expect(extractPersonName("Which accounts are at risk?")).toBeNull();
    expect(extractPersonName("我的客户里哪些有流失风险?")).toBeNull();
    expect(extractPersonName("提醒我周四给金诚建材对账。", { exclude: ["金诚建材"] })).toBeNull();
    expect(extractPersonName("Met with Orchid Dental on Friday", { exclude: ["Orchid Dental Clinics"] })).toBeNull();
    expect(extractPersonName("")).toBeNull();
    expect(extractPersonName("😀😀")).toBeNull();
  });

  it("lists several people in order", () => {
    expect(extractPersonNames("Met Emily Wang and called Jane at Acme").map((p) => p.name)).toEqual(["Emily Wang", "Jane"]);
  });

  // Timing is in bench/rules.bench.ts; here the answers on hostile 100 kB messages (a backtracking scan would hang).
  it("reads 100 kB messages", () => {
    expect(extractPersonNames("Met Emily Wang 和王芳说 ".repeat(5000)).length).toBeGreaterThan(1000);
    expect(extractPersonNames("A".repeat(100_000))).toEqual([]);
    expect(extractPersonNames("Aa ".repeat(33_000))).toEqual([]);
    expect(findContactMentions("Jane ".repeat(20_000), ACME).length).toBeGreaterThan(0);
  });
});
