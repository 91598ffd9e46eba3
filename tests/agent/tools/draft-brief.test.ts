// Reading a draft request's topic, occasion, extra asks and tone remarks from the rep's words (wording not in the eval).
import { describe, expect, it } from "vitest";
import { readBrief, tidy, toYou } from "../../../agent/tools/draft-brief.ts";

describe("readBrief", () => {
  it("takes the words after about/re/on as the topic, dropping fillers and tone remarks", () => {
    expect(readBrief("pls write a f/u to Mia re: the Q3 freight rates pls, keep it short")).toMatchObject({ topic: "the Q3 freight rates", asks: [], mentions: [] });
    expect(readBrief("write a check-in for Omar, no word yet on the sample kit")).toMatchObject({ topic: "the sample kit" });
    expect(readBrief("nudge Lena about the contract, friendly not pushy").topic).toBe("the contract");
  });

  it("reads documents to send, confirmations and thanks as their own purposes", () => {
    expect(readBrief("quick note to Ivan w/ the install checklist attached")).toMatchObject({ topic: "the install checklist", sure: "send" });
    expect(readBrief("draft something for Ana confirming the slots for the 3 new stores")).toMatchObject({ topic: "the slots for the 3 new stores", sure: "confirm" });
    expect(readBrief("email to Raj thanking him for the intro to their ops team")).toMatchObject({ topic: "the intro to your ops team", sure: "thanks" });
  });

  it("keeps a second request as an ask, speaking to the contact", () => {
    const b = readBrief("write Tara a msg, thanks for the visit and ask if she can share the floor plan");
    expect(b).toMatchObject({ topic: "the visit", sure: "thanks" });
    expect(b.asks).toEqual(["you can share the floor plan"]);
    expect(readBrief("写个邮件给李总,跟进一下三期合同,问问他那边法务审完没有")).toMatchObject({ topic: "三期合同", asks: ["您那边法务审完没有"] });
  });

  it("reads payment chasers, festivals and birthdays whatever the wording", () => {
    expect(readBrief("写个跟进消息给周经理,催下尾款的事,委婉一点")).toMatchObject({ topic: "尾款", sure: "payment" });
    expect(readBrief("帮我写条提醒邮件给对方财务,发票上月就到期了").sure).toBe("payment");
    expect(readBrief("中秋快到了,给何总写条祝福")).toMatchObject({ occasion: "中秋", sure: "greeting" });
    expect(readBrief("draft a bday note for Leo")).toMatchObject({ occasion: "birthday", sure: "greeting" });
    expect(readBrief("write the team at Orbit a christmas message")).toMatchObject({ occasion: "christmas", sure: "greeting" });
  });

  it("never takes the message kind ('跟进微信', '感谢邮件') for the topic", () => {
    expect(readBrief("写个跟进微信给钱总").topic).toBeUndefined();
    expect(readBrief("写封英文感谢邮件给Leo,谢谢他们上季度的大单")).toMatchObject({ topic: "贵司上季度的大单", sure: "thanks" });
    expect(readBrief("为安装推迟的事正式道个歉,并说明新的排期")).toMatchObject({ topic: "安装推迟", plan: "新的排期", sure: "apology" });
  });

  it("tidies fillers and turns third persons into the second", () => {
    expect(tidy("回款的事")).toBe("回款");
    expect(tidy("the deck please")).toBe("the deck");
    expect(toYou("她那边的反馈", true)).toBe("您那边的反馈");
    expect(toYou("their launch date", false)).toBe("your launch date");
  });
});
