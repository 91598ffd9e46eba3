import { describe, expect, it } from "vitest";
import { interactionKind, findKinds } from "../../../agent/rules/kinds.ts";

describe("interactionKind", () => {
  it.each([
    ["Called Jane at Acme today, she's worried about the price.", "call"],
    ["Quick call with Robert King from Summit this afternoon", "call"],
    ["Left a voicemail for Anna at Northwind.", "call"],
    ["Phoned the buyer about the invoice", "call"],
    ["Rang Tom, no answer", "call"],
    ["Log a call with Acme, they asked for a catalog.", "call"],
    ["Spoke to Jane on the phone", "call"],
    ["Visited Greenleaf Pharma yesterday and met Emily Wang.", "visit"],
    ["Stopped by Bluewave's warehouse", "visit"],
    ["dropped by their office", "visit"],
    ["On-site at Acme for the audit", "visit"],
    ["Visited Contoso yesterday, good meeting.", "visit"],
    ["上午去明达见了刘店长,他说下周三过来看样品", "visit"], // going to them to see someone is a visit
    ["下午到客户那边找了王总", "visit"],
    ["Met with Orchid Dental on Friday about expanding.", "meeting"],
    ["Had lunch with Jane", "meeting"],
    ["Dinner with the Summit team", "meeting"],
    ["Zoom call with Acme procurement", "meeting"],
    ["Teams call with Peter", "meeting"],
    ["Meeting with Bluewave went well", "meeting"],
    ["Emailed Peter at Bluewave the new delivery schedule.", "email"],
    ["Sent an email to Anna", "email"],
    ["Wrote to the CFO about the overdue invoice", "email"],
    ["Messaged Jane on WhatsApp", "message"],
    ["Texted Robert the tracking number", "message"],
    ["WeChat with Li about the order", "message"],
    ["今天上午拜访了华东机械,王芳对进度不满意", "visit"],
    ["昨天给星辰科技陈静打了电话,预算已经批了", "call"],
    ["上周五去明达汽车做了首保回访", "visit"],
    ["和海通物流赵磊微信聊了一下,3月10号提醒我给他打电话", "message"],
    ["金诚建材孙丽来电,说回款要推迟到月底", "call"],
    ["和王总通了电话", "call"],
    ["上门去了华东机械", "visit"],
    ["今天和星辰科技开会", "meeting"],
    ["和刘强吃饭聊了二期", "meeting"],
    ["见了陈静", "meeting"],
    ["给孙丽发了邮件", "email"],
    ["给赵磊发了短信", "message"],
    ["钉钉上跟他们说了", "message"],
    ["腾讯会议和华东机械过了一下方案", "meeting"],
  ])("%s → %s", (text, kind) => {
    expect(interactionKind(text)?.kind).toBe(kind);
  });

  it("returns null without a cue", () => {
    expect(interactionKind("Acme placed a new order for 95,000 CNY today.")).toBeNull();
    expect(interactionKind("星辰科技今天下了一个12万的订单")).toBeNull();
    expect(interactionKind("")).toBeNull();
    expect(interactionKind("👍")).toBeNull();
  });

  it("lists all cues in order, the longer one winning at a place", () => {
    expect(findKinds("Called Jane to set up a zoom call next week").map((k) => [k.kind, k.matched]))
      .toEqual([["call", "Called"], ["meeting", "zoom call"]]);
    expect(findKinds("打了电话")[0]).toMatchObject({ kind: "call", matched: "打了电话", index: 0 });
  });

  // Timing is in bench/rules.bench.ts; here the answers on hostile 100 kB messages (a backtracking scan would hang).
  it("reads 100 kB messages", () => {
    expect(findKinds("called 拜访 met zoom ".repeat(5000)).length).toBeGreaterThan(1000);
    expect(findKinds("c".repeat(100_000))).toEqual([]);
  });
});
