import { describe, expect, it } from "vitest";
import { detectLanguage } from "../../../agent/rules/language.ts";

describe("detectLanguage", () => {
  it.each([
    ["今天上午拜访了华东机械,王芳对补发货物的进度还是不满意", "zh"],
    ["把海通物流转给Sarah Chen负责。", "zh"],
    ["给Jane发个邮件", "zh"],
    ["写一条WeChat消息给Peter", "zh"],
    ["华东机械最近情况怎么样?", "zh"],
    ["好的 👍", "zh"],
    ["Called Jane at Acme today, she's worried.", "en"],
    ["Visited 华东机械有限公司 yesterday", "en"],
    ["Met 王芳 today at 华东机械", "en"],
    ["Draft a follow-up email to 王芳 about the delay", "en"],
    ["asdf qwerty", "en"],
    ["", "en"],
    ["👍🎉", "en"],
    ["12345", "en"],
  ])("%s → %s", (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  // Timing is in bench/rules.bench.ts.
  it("reads a 100 kB message", () => {
    const big = "拜访了客户 Acme 😀 ".repeat(8000);
    expect(detectLanguage(big)).toBe("zh");
  });
});
