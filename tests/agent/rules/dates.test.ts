import { describe, expect, it } from "vitest";
import { findDates, parseWhen, isInvalid, type WhenOptions } from "../../../agent/rules/dates.ts";

// Monday 2026-03-02, 09:30 in Shanghai.
const SH: WhenOptions = { now: new Date("2026-03-02T09:30:00+08:00"), timezone: "Asia/Shanghai" };
const past = { ...SH, direction: "past" as const };
const future = { ...SH, direction: "future" as const };
const date = (text: string, o: WhenOptions = SH) => {
  const r = parseWhen(text, o);
  return r && !isInvalid(r) ? r.date : r;
};
const dates = (text: string, o: WhenOptions = SH) => findDates(text, o).map((f) => (isInvalid(f) ? `invalid:${f.invalid}` : f.date));

describe("parseWhen — English", () => {
  it.each([
    ["Called Jane today", "2026-03-02"],
    ["visited them yesterday", "2026-03-01"],
    ["send it tomorrow", "2026-03-03"],
    ["quick call this afternoon", "2026-03-02"],
    ["dinner tonight", "2026-03-02"],
    ["the day after tomorrow", "2026-03-04"],
    ["the day before yesterday", "2026-02-28"],
    ["in two weeks", "2026-03-16"],
    ["in 3 days", "2026-03-05"],
    ["in a couple of days", "2026-03-04"],
    ["in a month", "2026-04-02"],
    ["three days ago", "2026-02-27"],
    ["2 weeks from now", "2026-03-16"],
    ["next week", "2026-03-09"],
    ["last week", "2026-02-23"],
    ["end of the month", "2026-03-31"],
    ["by the end of next month", "2026-04-30"],
    ["beginning of next month", "2026-04-01"],
    ["next month", "2026-04-01"],
    ["end of the week", "2026-03-06"],
    ["next Friday", "2026-03-13"],
    ["last Friday", "2026-02-27"],
    ["this Friday", "2026-03-06"],
    ["March 10", "2026-03-10"],
    ["Mar 10th", "2026-03-10"],
    ["10 March", "2026-03-10"],
    ["the 10th of March", "2026-03-10"],
    ["3/10", "2026-03-10"],
    ["2026-03-10", "2026-03-10"],
    ["December 5, 2025", "2025-12-05"],
  ])("%s → %s", (text, want) => {
    expect(date(text)).toBe(want);
  });

  it("reads a bare weekday by direction: past → latest on or before today, future → next after today", () => {
    expect(date("met on Friday", past)).toBe("2026-02-27");
    expect(date("follow up Friday", future)).toBe("2026-03-06");
    expect(date("on Monday", past)).toBe("2026-03-02"); // today is Monday
    expect(date("on Monday", future)).toBe("2026-03-09");
  });

  it("reads the direction from the clause when not given", () => {
    expect(date("Met with Orchid Dental on Friday about two new clinics")).toBe("2026-02-27");
    expect(date("Follow up Friday")).toBe("2026-03-06");
    expect(date("remind me on Thursday to send the deck")).toBe("2026-03-05");
    expect(date("Send the proposal by Wednesday")).toBe("2026-03-04");
    expect(date("Stopped by on Friday")).toBe("2026-02-27");
    expect(date("we'll talk Tuesday")).toBe("2026-03-03");
  });

  it("finds every date in a message, in order, each in its own direction", () => {
    const t = "Called Jane at Acme today, she's worried about the 8% price increase. Follow up on Friday.";
    expect(dates(t)).toEqual(["2026-03-02", "2026-03-06"]);
    const f = findDates(t, SH);
    expect(f[1]).toMatchObject({ matched: "Friday", direction: "future" });
    expect(t.slice(f[0]!.index, f[0]!.end)).toBe("today");
    expect(dates("Met with Orchid Dental on Friday about expanding. Remind me to send the proposal in two weeks."))
      .toEqual(["2026-02-27", "2026-03-16"]);
    expect(dates("Visited Greenleaf yesterday; follow up next Wednesday")).toEqual(["2026-03-01", "2026-03-11"]);
  });

  it("picks the nearest occurrence of a month-day when the sentence gives no tense", () => {
    expect(date("Log a call with Acme on the 28th")).toBe("2026-02-28");
    expect(date("call on March 10", past)).toBe("2025-03-10");
    expect(date("January 5", future)).toBe("2027-01-05");
  });

  it("attaches clock times", () => {
    expect(parseWhen("tomorrow at 3pm", SH)).toMatchObject({ date: "2026-03-03", time: "15:00" });
    expect(parseWhen("meeting Friday at 10:30", future)).toMatchObject({ date: "2026-03-06", time: "10:30" });
    expect(parseWhen("call at 4pm", SH)).toMatchObject({ date: "2026-03-02", time: "16:00" });
  });

  it("reports impossible dates instead of guessing", () => {
    expect(parseWhen("Log a call with Bluewave on February 30.", SH)).toMatchObject({ invalid: "February 30" });
    expect(parseWhen("2026-02-30", SH)).toMatchObject({ invalid: "2026-02-30" });
    expect(parseWhen("April 31", SH)).toMatchObject({ invalid: "April 31" });
    expect(parseWhen("2/30", SH)).toMatchObject({ invalid: "2/30" });
    expect(date("February 29, 2028")).toBe("2028-02-29"); // leap year is fine
  });

  it("does not read scores, ratios, percentages or spans as dates", () => {
    expect(findDates("CSAT 4/5", SH)).toEqual([]);
    expect(findDates("nps of 9/10", SH)).toEqual([]);
    expect(findDates("the 8% price increase, they gave us a 9", SH)).toEqual([]);
    expect(findDates("we're open 24/7", SH)).toEqual([]);
    expect(findDates("Which customers haven't been contacted in 60 days?", SH)).toEqual([]);
    expect(findDates("asdf qwerty", SH)).toEqual([]);
  });
});

describe("parseWhen — Chinese", () => {
  it.each([
    ["今天上午拜访了华东机械", "2026-03-02"],
    ["下午去了一趟", "2026-03-02"],
    ["昨天给陈静打了电话", "2026-03-01"],
    ["前天见了面", "2026-02-28"],
    ["明天发报价", "2026-03-03"],
    ["后天再联系", "2026-03-04"],
    ["大后天交货", "2026-03-05"],
    ["上周五去明达汽车做了回访", "2026-02-27"],
    ["下周三再跟进", "2026-03-11"],
    ["这周四对账", "2026-03-05"],
    ["本周五开会", "2026-03-06"],
    ["下周再联系", "2026-03-09"],
    ["下下周一", "2026-03-16"],
    ["两周后提醒我", "2026-03-16"],
    ["三天后", "2026-03-05"],
    ["3天后", "2026-03-05"],
    ["一个月后", "2026-04-02"],
    ["半个月后", "2026-03-17"],
    ["两个星期以后", "2026-03-16"],
    ["过两天再打", "2026-03-04"],
    ["三天前来过电话", "2026-02-27"],
    ["回款要推迟到月底", "2026-03-31"],
    ["下个月初交货", "2026-04-01"],
    ["下个月底", "2026-04-30"],
    ["下个月可能有需求", "2026-04-01"],
    ["3月10号提醒我", "2026-03-10"],
    ["3月10日", "2026-03-10"],
    ["三月十号", "2026-03-10"],
    ["2026年3月10日", "2026-03-10"],
    ["3.10提醒我", "2026-03-10"],
    ["10号提醒我", "2026-03-10"],
    ["下个月15号", "2026-04-15"],
  ])("%s → %s", (text, want) => {
    expect(date(text)).toBe(want);
  });

  it("reads 周X / 星期X / 礼拜X without a prefix by direction", () => {
    expect(date("提醒我周四给金诚建材对账。")).toBe("2026-03-05");
    expect(date("星期三给他打电话", future)).toBe("2026-03-04");
    expect(date("礼拜三见的面", past)).toBe("2026-02-25");
    expect(date("周日", future)).toBe("2026-03-08");
    expect(date("周五去明达汽车做了回访")).toBe("2026-02-27");
  });

  it("finds both the event and the follow-up in one message", () => {
    expect(dates("今天上午拜访了华东机械,王芳对补发货物的进度还是不满意,下周三再跟进。")).toEqual(["2026-03-02", "2026-03-11"]);
    expect(dates("和海通物流赵磊微信聊了一下,他们下个月可能有新的运输需求,3月10号提醒我给他打电话。"))
      .toEqual(["2026-04-01", "2026-03-10"]);
  });

  it("attaches clock times", () => {
    expect(parseWhen("明天下午3点开会", SH)).toMatchObject({ date: "2026-03-03", time: "15:00" });
    expect(parseWhen("周五下午两点半", future)).toMatchObject({ date: "2026-03-06", time: "14:30" });
    expect(parseWhen("今天上午10点", SH)).toMatchObject({ date: "2026-03-02", time: "10:00" });
  });

  it("reports impossible dates", () => {
    expect(parseWhen("2月30日拜访", SH)).toMatchObject({ invalid: "2月30日" });
    expect(parseWhen("4月31号", SH)).toMatchObject({ invalid: "4月31号" });
  });

  it("does not read amounts, ratings, 'a bit' or building numbers as dates", () => {
    expect(findDates("下了一个12万的订单", SH)).toEqual([]);
    expect(findDates("3.5万元", SH)).toEqual([]);
    expect(findDates("评分4.5", SH)).toEqual([]);
    expect(findDates("便宜一点", SH)).toEqual([]);
    expect(findDates("3号楼", SH)).toEqual([]);
    expect(findDates("满意度调查打了4分,满分5分", SH)).toEqual([]);
    expect(findDates("百分之三点五", SH)).toEqual([]);
  });
});

describe("time zones", () => {
  it("uses the user's calendar day, not the server's", () => {
    // 20:30 on Sunday in New York is already Monday in UTC and Shanghai.
    const ny: WhenOptions = { now: new Date("2026-03-01T20:30:00-05:00"), timezone: "America/New_York" };
    expect(date("this afternoon", ny)).toBe("2026-03-01");
    expect(date("yesterday", ny)).toBe("2026-02-28");
    expect(date("tomorrow", ny)).toBe("2026-03-02");
    expect(date("明天", ny)).toBe("2026-03-02");
    expect(date("next week", ny)).toBe("2026-03-02"); // Monday after a Sunday
    const late: WhenOptions = { now: new Date("2026-03-01T23:30:00Z"), timezone: "Asia/Shanghai" };
    expect(date("today", late)).toBe("2026-03-02");
    expect(date("今天", late)).toBe("2026-03-02");
  });
});

describe("robustness", () => {
  it("handles empty, emoji and mixed-script input", () => {
    expect(findDates("", SH)).toEqual([]);
    expect(findDates("👍🎉🔥", SH)).toEqual([]);
    expect(dates("👍 明天 call Jane 🎉 tomorrow")).toEqual(["2026-03-03", "2026-03-03"]);
  });

  // Timing (these inputs and a typical message) is in bench/rules.bench.ts; here the answers on hostile 100 kB
  // messages (a backtracking scan would hang).
  it("reads a 100 kB message", () => {
    const chunk = "Met Jane on Friday 😀 下周三再跟进, 3/10, 12万, aaaa1111 ((((( ----- ..... 2026-";
    const big = chunk.repeat(Math.ceil(100_000 / chunk.length));
    expect(findDates(big, SH).length).toBeGreaterThan(1000);
    expect(findDates("a".repeat(50_000) + " " + "1".repeat(50_000), SH)).toEqual([]);
  });
});

describe("a condition on a day ahead is not a span back", () => {
  it.each([
    ["chase her if no reply in 3 days", ["2026-03-05"]],
    ["if they don't answer in a week, call again", ["2026-03-09"]],
    ["haven't been contacted in 60 days", []],
    ["no contact in 30 days", []],
  ])("%s", (text, want) => {
    expect(dates(text, future)).toEqual(want);
  });
});
