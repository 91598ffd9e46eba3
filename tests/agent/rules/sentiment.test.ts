import { describe, expect, it } from "vitest";
import { sentimentOf, sentimentCues } from "../../../agent/rules/sentiment.ts";

describe("sentimentOf", () => {
  it.each([
    ["Called Jane at Acme today, she's worried about the 8% price increase. Follow up on Friday.", "negative"],
    ["Visited Greenleaf Pharma yesterday and met Emily Wang. Very positive, they want a cold-chain quote soon.", "positive"],
    ["Quick call with Robert King from Summit this afternoon, the renewal looks back on track.", "positive"],
    ["Emailed Peter at Bluewave the new delivery schedule.", "neutral"],
    ["Bluewave complained that yesterday's shipment arrived damaged.", "negative"],
    ["They are concerned about lead times", "negative"],
    ["The buyer was angry about the invoice", "negative"],
    ["She's not happy with the delivery times", "negative"],
    ["He wasn't really interested", "negative"],
    ["Not worried at all, they'll renew", "positive"],
    ["They were excited about the new line", "positive"],
    ["Thanks for the call — but they're worried we can't deliver in time", "negative"],
    ["Great meeting, thanks! A little concerned about the budget though", "negative"],
    ["No problem with the shipment, all good", "positive"],
    ["Left a voicemail for Anna at Northwind.", "neutral"],
    ["今天上午拜访了华东机械,王芳对补发货物的进度还是不满意,下周三再跟进。", "negative"],
    ["昨天给星辰科技陈静打了电话,二期项目预算已经批了,她很高兴。", "positive"],
    ["上周五去明达汽车做了首保回访,刘强说服务很好。", "positive"],
    ["金诚建材孙丽来电,说回款要推迟到月底。", "negative"],
    ["金诚建材投诉发票开错了,比较急。", "negative"],
    ["客户对价格不太满意", "negative"],
    ["他们一直在抱怨交期", "negative"],
    ["对方担心质量问题", "negative"],
    ["交货延迟了两天", "negative"],
    ["客户很满意,准备加单", "positive"],
    ["沟通很顺利,对方没问题", "positive"],
    ["客户不担心价格", "positive"],
    ["和海通物流赵磊微信聊了一下,他们下个月可能有新的运输需求", "neutral"],
    ["谢谢你们的服务,不过还是担心交期", "negative"],
    ["Remind me to send Greenleaf the cold-chain pricing tomorrow.", "neutral"],
    ["明达汽车满意度调查打了4分,满分5分。", "neutral"],
    ["", "neutral"],
    ["👍", "neutral"],
    ["asdf qwerty", "neutral"],
  ])("%s → %s", (text, want) => {
    expect(sentimentOf(text)).toBe(want);
  });

  it("explains itself with the cues it found", () => {
    expect(sentimentCues("She's not happy, and worried.")).toMatchObject([
      { cue: "happy", polarity: "positive", negated: true },
      { cue: "worried", polarity: "negative", negated: false },
    ]);
    expect(sentimentCues("还是不满意").map((c) => c.cue)).toEqual(["不满意"]);
  });

  // Timing is in bench/rules.bench.ts; here the answers on hostile 100 kB messages (a backtracking scan would hang).
  it("reads 100 kB messages", () => {
    const big = "not happy 很高兴 worried 不太满意 😀 aaaa ".repeat(3000);
    expect(sentimentOf(big)).toBe("negative");
    expect(sentimentOf("n".repeat(100_000))).toBe("neutral");
  });
});
