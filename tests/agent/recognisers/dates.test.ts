// Dates with deadlines, and periods for questions, both languages, in the user's zone, with exact spans.
import { describe, expect, it } from "vitest";
import { isInvalidDate, recogniseDates, recognisePeriods, type DateEntity } from "../../../agent/recognisers/dates.ts";
import { PHRASES } from "../../../bench/date-phrases.ts";

// Wednesday 2026-03-04, 10:00 in Shanghai (02:00 UTC).
const now = new Date("2026-03-04T10:00:00+08:00");
const tz = "Asia/Shanghai";
const dates = (text: string) => recogniseDates(text, { now, timezone: tz });
const first = (text: string) => dates(text).find((d): d is DateEntity => !isInvalidDate(d));
const period = (text: string, direction?: "past" | "future" | "current") => recognisePeriods(text, { now, timezone: tz, direction })[0];

describe("recogniseDates", () => {
  it.each([
    ["f/u next Tues", "2026-03-10", "next Tues"],
    ["remind me thurs to send Liam the drawings", "2026-03-05", "thurs"],
    ["add a to-do: ring Jack on the 20th", "2026-03-20", "the 20th"],
    ["上周五见的王总", "2026-02-27", "上周五"],
    ["两周后再跟进", "2026-03-18", "两周后"],
    ["月底前发正式报价", "2026-03-31", "月底"],
    ["下周的周三再约", "2026-03-11", "下周的周三"],
    ["周三再催一下", "2026-03-11", "周三"],
    ["Tuesday after next", "2026-03-17", "Tuesday after next"],
    ["a week from Monday", "2026-03-16", "a week from Monday"],
    ["the first Monday of April", "2026-04-06", "the first Monday of April"],
    ["before Christmas", "2026-12-25", "Christmas"],
    ["国庆节后再说", "2026-10-08", "国庆节后"],
    ["春节前要回款", "2027-02-06", "春节"],
    ["下旬", "2026-03-21", "下旬"],
    ["tomorow", "2026-03-05", "tomorow"],
    ["end of the quarter", "2026-03-31", "end of the quarter"],
  ])("%s → %s (%s)", (text, date, written) => {
    const d = first(text)!;
    expect(d).toMatchObject({ date, text: written });
    expect(text.slice(d.start, d.end)).toBe(written);
  });

  it("keeps the clock time with its date", () => {
    expect(first("明天下午3点拜访")).toMatchObject({ date: "2026-03-05", time: "15:00", text: "明天下午3点" });
    expect(first("call Acme next Friday at 3pm")).toMatchObject({ date: "2026-03-13", time: "15:00" });
  });

  it.each([
    ["send the quote by fri", "2026-03-06", "fri"],
    ["周五前给报价", "2026-03-06", "周五"],
    ["下周一之前必须给个方案", "2026-03-09", "下周一"],
    ["no later than the 20th", "2026-03-20", "the 20th"],
    ["截止3月10日", "2026-03-10", "3月10日"],
    ["by eod", "2026-03-04", "eod"],
    ["send by eow", "2026-03-06", "eow"],
    ["最晚下周三", "2026-03-11", "下周三"],
  ])("%s is a deadline: %s", (text, date, written) => {
    expect(first(text)).toMatchObject({ date, text: written, deadline: true, direction: "future" });
  });

  it("tells a deadline from the day of a contact in one message", () => {
    const found = dates("met Oliver yesterday, he wants the proposal by Friday").filter((d): d is DateEntity => !isInvalidDate(d));
    expect(found.map((d) => [d.text, d.date, d.deadline])).toEqual([["yesterday", "2026-03-03", false], ["Friday", "2026-03-06", true]]);
  });

  it("reports impossible dates with their span", () => {
    const [d] = dates("visit on 2月30日");
    expect(d).toMatchObject({ invalid: "2月30日", text: "2月30日", start: 9 });
  });

  it("reads the time zone: 20:00 UTC on the 4th is already the 5th in Shanghai", () => {
    const at = new Date("2026-03-04T20:00:00Z");
    expect(recogniseDates("tomorrow", { now: at, timezone: "Asia/Shanghai" })[0]).toMatchObject({ date: "2026-03-06" });
    expect(recogniseDates("tomorrow", { now: at, timezone: "America/New_York" })[0]).toMatchObject({ date: "2026-03-05" });
  });

  it("reads all but a handful of the 148 comparison phrases (bench/dates-compare.ts)", () => {
    const wrong = PHRASES.filter(([text, expected]) => {
      if (expected.includes("..")) {
        const p = period(text);
        return !p || `${p.from}..${p.to}` !== expected;
      }
      return first(text)?.date !== expected;
    }).map(([t]) => t);
    expect(wrong).toEqual(["next month on the 15th", "Friday the 13th", "十月一号"]);
  });
});

describe("recognisePeriods", () => {
  it.each([
    ["total order value in April", "2026-04-01", "2026-05-01", "month", "April"],
    ["7月份要成交的商机", "2026-07-01", "2026-08-01", "month", "7月份"],
    ["Q2 pipeline", "2026-04-01", "2026-07-01", "quarter", "Q2"],
    ["本季度的订单", "2026-01-01", "2026-04-01", "quarter", "本季度"],
    ["上季度", "2025-10-01", "2026-01-01", "quarter", "上季度"],
    ["orders last month", "2026-02-01", "2026-03-01", "month", "last month"],
    ["revenue this year", "2026-01-01", "2027-01-01", "year", "this year"],
    ["since March 1", "2026-03-01", "2026-03-05", "since", "since March 1"],
    ["3月到5月的销售额", "2026-03-01", "2026-06-01", "range", "3月到5月"],
    ["between March and May", "2026-03-01", "2026-06-01", "range", "between March and May"],
    ["past 30 days", "2026-02-03", "2026-03-05", "range", "past 30 days"],
    ["最近三个月", "2025-12-05", "2026-03-05", "range", "最近三个月"],
    ["上半年", "2026-01-01", "2026-07-01", "half", "上半年"],
    ["去年12月的订单", "2025-12-01", "2026-01-01", "month", "去年12月"],
    ["上周的拜访", "2026-02-23", "2026-03-02", "week", "上周"],
    ["自3月1日以来", "2026-03-01", "2026-03-05", "since", "自3月1日以来"],
    ["ytd revenue", "2026-01-01", "2026-03-05", "since", "ytd"],
    ["今年第一季度", "2026-01-01", "2026-04-01", "quarter", "今年第一季度"],
    ["Q3 2025", "2025-07-01", "2025-10-01", "quarter", "Q3 2025"],
  ])("%s → [%s, %s) %s", (text, from, to, grain, written) => {
    const p = period(text)!;
    expect(p).toMatchObject({ from, to, grain, text: written });
    expect(text.slice(p.start, p.end)).toBe(written);
  });

  it("gives the instants in the user's zone", () => {
    const p = period("orders in April")!;
    expect(p.fromInstant.toISOString()).toBe("2026-03-31T16:00:00.000Z");
    expect(p.toInstant.toISOString()).toBe("2026-04-30T16:00:00.000Z");
    const ny = recognisePeriods("orders in April", { now, timezone: "America/New_York" })[0]!;
    expect(ny.fromInstant.toISOString()).toBe("2026-04-01T04:00:00.000Z");
  });

  it("places a month without a year by the direction asked", () => {
    expect(period("total in April", "past")).toMatchObject({ from: "2025-04-01" });
    expect(period("deals closing in January", "future")).toMatchObject({ from: "2027-01-01" });
    expect(period("total in April")).toMatchObject({ from: "2026-04-01" });
  });

  it("is not fooled by dates, durations and the verb 'may'", () => {
    expect(recognisePeriods("visit on March 10", { now, timezone: tz })).toEqual([]);
    expect(recognisePeriods("3月10日拜访", { now, timezone: tz })).toEqual([]);
    expect(recognisePeriods("合作了3个月", { now, timezone: tz })).toEqual([]);
    expect(recognisePeriods("they may order more", { now, timezone: tz })).toEqual([]);
    expect(recognisePeriods("", { now, timezone: tz })).toEqual([]);
  });
});
