import { describe, expect, it } from "vitest";
import { hasCue, intentScores, matchCues, rankIntents, notContactedDays, closingWindow, INTENT_CUES, type Intent } from "../../../agent/rules/intent-cues.ts";

// Several phrasings per intent, in each language: each must carry a cue of its intent.
const CASES: Record<Intent, string[]> = {
  followUp: ["Follow up on Friday.", "Remind me to send the proposal in two weeks.", "ping Jane on Monday about the PO", "check back with them next week",
    "circle back with Acme after the holidays", "下周三再跟进。", "3月10号提醒我给他打电话。", "提醒我周四给金诚建材对账。", "下周再联系", "记得月底催一下回款"],
  undo: ["undo", "Undo that please", "scratch that", "never mind, that was wrong", "撤销", "撤回刚才那条", "取消刚才的记录", "刚才那条记错了"],
  complaint: ["Bluewave complained that yesterday's shipment arrived damaged.", "Acme filed a complaint about the invoice", "They escalated the delay to their VP",
    "金诚建材投诉发票开错了,比较急。", "客户一直在抱怨交期", "王芳对进度很不满,说要投诉"],
  complaintResolved: ["The Bluewave damage complaint is resolved", "fixed the invoice issue for Acme", "Acme's complaint has been sorted out",
    "华东机械的交货延迟投诉已经解决了。", "发票问题处理好了", "投诉处理完毕"],
  doneFollowUp: ["Done with the Bluewave follow-up.", "Finished the Acme task", "completed the call to Jane", "mark the Acme follow-up as done",
    "金诚建材对账已完成", "搞定了海通物流的跟进", "给王芳的报价做完了"],
  order: ["Acme placed a new order for 95,000 CNY today.", "Bluewave ordered 200 cases", "Got a PO from Summit for $42,000", "Greenleaf signed the contract",
    "星辰科技今天下了一个12万的订单。", "华东机械下单了", "明达汽车签了二期合同", "海通物流又订了50吨"],
  newCustomer: ["New customer: Redstone Capital, fintech, based in Shanghai.", "Add a customer called Blue Ocean", "new account Redwood Labs",
    "新客户:红石资本,金融科技", "新增客户 上海远航", "帮我添加客户 蓝海贸易"],
  newContact: ["Add a contact at Bluewave: Lisa Wong, CFO, lisa.wong@bluewave.example", "new contact at Acme - Tom Lee", "add Tom Lee as a contact for Acme",
    "给华东机械添加联系人 张伟", "海通物流新联系人:李娜", "新增联系人王强,采购经理"],
  reassign: ["Reassign Northwind Traders to me.", "transfer Acme to Tom", "hand over Bluewave to Sarah", "assign Greenleaf to Amy",
    "把海通物流转给Sarah Chen负责。", "华东机械交给李伟负责", "把明达汽车移交给王磊"],
  draft: ["Draft a follow-up email to Jane at Acme about the volume discount.", "Write a check-in message for Robert at Summit Hotels.", "compose a thank-you note to Peter",
    "帮我给王芳写一条微信,为交货延迟道歉", "起草一封给陈静的邮件", "拟一条短信给赵磊"],
  question: ["Who owns Greenleaf Pharma?", "When did we last talk to Bluewave?", "Show me Acme Logistics.", "华东机械最近情况怎么样?", "我的客户里哪些有流失风险?", "有没有逾期的跟进"],
  whoOwns: ["Who owns Greenleaf Pharma?", "who handles Acme", "who's the account manager for Bluewave", "华东机械谁负责?", "海通物流是谁的客户", "明达汽车归谁"],
  lastContact: ["When did we last talk to Bluewave?", "when did I last visit Acme", "last time we spoke with Summit?", "上次联系华东机械是什么时候?", "最后一次拜访星辰科技是哪天", "我们多久没联系海通物流了"],
  totals: ["What's our total order value from Acme Logistics?", "How much has Bluewave ordered this year?", "total revenue from Summit", "星辰科技一共下了多少订单?", "华东机械的订单总额", "今年累计回款多少"],
  whichCustomers: ["Which customers haven't been contacted in 60 days?", "which accounts are in Shanghai", "list my customers", "哪些客户在上海", "哪几家客户是A类", "我的所有客户"],
  customerStatus: ["Show me Acme Logistics.", "How is Bluewave doing?", "tell me about Summit Hotels", "what's the latest with Greenleaf", "华东机械最近情况怎么样?", "看看星辰科技的进展"],
  atRisk: ["Which accounts are at risk?", "who is slipping", "any churn risk in my book?", "which customers are going cold", "我的客户里哪些有流失风险?", "有哪些预警客户"],
  listFollowUps: ["What are my follow-ups?", "what's due this week", "my to-do list", "show overdue tasks", "我这周有什么待办?", "我有哪些要跟进的", "逾期的提醒"],
  notContacted: ["Which customers haven't been contacted in 60 days?", "accounts with no contact for 3 weeks", "who has gone quiet", "哪些客户60天没联系了", "超过两个月没拜访的客户", "很久没跟进的客户"],
  dealsClosing: ["Which deals are expected to close this month?", "deals closing next week", "show my pipeline", "这个月要签的单子有哪些", "本季度预计成交的商机", "下个月能签单的客户"],
  survey: ["Orchid Dental gave us a 9 on the NPS survey.", "CSAT 4/5 from Acme", "satisfaction survey came back", "明达汽车满意度调查打了4分,满分5分。", "推荐度8分", "问卷结果出来了"],
  logInteraction: ["Log a call with Acme, they asked for a catalog.", "Visited Contoso yesterday", "Called Jane at Acme today", "记录一下:今天拜访了华东机械", "昨天给陈静打了电话", "和赵磊聊了一下",
    "Quick call with Robert King from Summit", "Left a voicemail for Anna at Northwind.", "金诚建材孙丽来电", "上周五去明达汽车做了首保回访"],
};

describe("intent cue tables", () => {
  for (const [intent, phrasings] of Object.entries(CASES) as [Intent, string[]][]) {
    it.each(phrasings)(`${intent}: %s`, (text) => {
      expect(hasCue(text, intent)).toBe(true);
      expect(intentScores(text)[intent]).toBeGreaterThan(0);
    });
  }

  it("covers every intent with English and Chinese cues", () => {
    for (const [intent, set] of Object.entries(INTENT_CUES)) {
      expect(set.en.length, intent).toBeGreaterThan(0);
      expect(set.zh.length, intent).toBeGreaterThan(0);
    }
  });

  it("does not fire on unrelated text", () => {
    expect(rankIntents("asdf qwerty")).toEqual([]);
    expect(rankIntents("")).toEqual([]);
    expect(rankIntents("👍🎉")).toEqual([]);
    expect(hasCue("Emailed Peter at Bluewave the new delivery schedule.", "undo")).toBe(false);
    expect(hasCue("Visited Greenleaf Pharma yesterday and met Emily Wang.", "complaint")).toBe(false);
    expect(hasCue("Called Jane at Acme today", "reassign")).toBe(false);
    expect(hasCue("今天上午拜访了华东机械", "order")).toBe(false);
    expect(hasCue("这个价格不算贵", "undo")).toBe(false);
    expect(hasCue("他们发货搞错了", "undo")).toBe(false);
  });

  it("weighs ambiguous cues lower than clear ones", () => {
    expect(intentScores("Done with the Bluewave follow-up.").doneFollowUp).toBe(INTENT_CUES.doneFollowUp.weight);
    expect(intentScores("all done").doneFollowUp).toBeLessThan(INTENT_CUES.doneFollowUp.weight);
    expect(intentScores("订单总额多少").order).toBeLessThan(INTENT_CUES.totals.weight);
  });

  it("ranks the strongest intent first", () => {
    expect(rankIntents("undo that")[0]).toBe("undo");
    expect(rankIntents("Draft a follow-up email to Jane at Acme about the volume discount.")[0]).toBe("draft");
    expect(rankIntents("把海通物流转给Sarah Chen负责。")[0]).toBe("reassign");
    expect(rankIntents("Called Jane today. Follow up on Friday.")).toEqual(expect.arrayContaining(["followUp", "logInteraction"]));
  });

  it("reports cue positions", () => {
    const t = "Called Jane. Remind me Friday.";
    const hit = matchCues(t, ["followUp"])[0]!;
    expect(t.slice(hit.index, hit.index + hit.cue.length)).toBe("Remind me");
  });

  it("stays fast on 100 kB", () => {
    const t0 = performance.now();
    rankIntents("remind me 提醒我 undo who owns ".repeat(4000));
    rankIntents("a".repeat(100_000));
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe("intent parameters", () => {
  it.each([
    ["Which customers haven't been contacted in 60 days?", 60],
    ["accounts with no contact for 3 weeks", 21],
    ["not visited in two months", 60],
    ["nobody talked to them in a month", 30],
    ["哪些客户60天没联系了", 60],
    ["超过两个月没拜访的客户", 60],
    ["三周没跟进", 21],
    ["半个月没联系", 15],
    ["Which customers have gone quiet?", null],
  ])("notContactedDays(%s) → %s", (text, days) => {
    expect(notContactedDays(text)).toBe(days);
  });

  it.each([
    ["Which deals are expected to close this month?", "this-month"],
    ["deals closing next month", "next-month"],
    ["what closes this week", "this-week"],
    ["pipeline for Q2", "this-quarter"],
    ["deals past their close date", "overdue"],
    ["下个月能签单的客户", "next-month"],
    ["本周要签的单", "this-week"],
    ["逾期未成交的商机", "overdue"],
  ])("closingWindow(%s) → %s", (text, w) => {
    expect(closingWindow(text)).toBe(w);
  });
});
