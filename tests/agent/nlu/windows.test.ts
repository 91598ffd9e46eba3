// Quarters and months a deals question names, as [from, to) days in the user's zone.
import { describe, expect, it } from "vitest";
import { windowIn } from "../../../agent/nlu/windows.ts";

const now = new Date("2026-03-17T10:00:00+08:00");
const tz = "Asia/Shanghai";

describe("windowIn", () => {
  it("reads a quarter in English and Chinese", () => {
    expect(windowIn("deals closing in q2?", now, tz)).toEqual({ from: "2026-04-01", to: "2026-07-01" });
    expect(windowIn("第三季度预计签的单", now, tz)).toEqual({ from: "2026-07-01", to: "2026-10-01" });
    expect(windowIn("下季度有哪些商机", now, tz)).toEqual({ from: "2026-04-01", to: "2026-07-01" });
  });
  it("rolls next quarter in Q4 and a past quarter into next year", () => {
    expect(windowIn("what's closing next quarter", new Date("2026-11-02T10:00:00+08:00"), tz)).toEqual({ from: "2027-01-01", to: "2027-04-01" });
    expect(windowIn("q1 deals", new Date("2026-05-02T10:00:00+08:00"), tz)).toEqual({ from: "2027-01-01", to: "2027-04-01" });
  });
  it("reads a month, not a duration, a date or a word that starts like one", () => {
    expect(windowIn("7月份要成交的商机", now, tz)).toEqual({ from: "2026-07-01", to: "2026-08-01" });
    expect(windowIn("anything closing in july", now, tz)).toEqual({ from: "2026-07-01", to: "2026-08-01" });
    expect(windowIn("3个月内的商机", now, tz)).toBeNull();
    expect(windowIn("7月5日签的单", now, tz)).toBeNull();
    expect(windowIn("the marketing deal", now, tz)).toBeNull();
    expect(windowIn("下个月的商机", now, tz)).toBeNull();
  });
});
