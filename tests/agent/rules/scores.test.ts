import { describe, expect, it } from "vitest";
import { parseSurveyScore, mentionsSurvey } from "../../../agent/rules/scores.ts";

describe("parseSurveyScore", () => {
  it.each([
    ["这季度的NPS出来了,9分", "nps", 9],
    ["做了个满意度回访,5分制打了3分", "csat", 3], // an ASCII comma after a word is punctuation, not a thousands separator
    ["csat came back,4/5", "csat", 4],
    ["Orchid Dental gave us a 9 on the NPS survey.", "nps", 9],
    ["NPS 9", "nps", 9],
    ["nps of 9/10 from Acme", "nps", 9],
    ["Their net promoter score came back at 7", "nps", 7],
    ["Acme NPS: 10", "nps", 10],
    ["they scored us 0 on NPS", "nps", 0],
    ["CSAT 4/5", "csat", 4],
    ["satisfaction 3 out of 5", "csat", 3],
    ["customer satisfaction score 5", "csat", 5],
    ["Bluewave rated us 2 out of 5 in the survey", "csat", 2],
    ["survey came back: 8/10", "nps", 8],
    ["明达汽车满意度调查打了4分,满分5分。", "csat", 4],
    ["满意度4分", "csat", 4],
    ["满意度打了五分", "csat", 5],
    ["推荐度8分", "nps", 8],
    ["华东机械的净推荐值是6", "nps", 6],
    ["客户满意度评分3分(满分5分)", "csat", 3],
    ["回访问卷:推荐意愿9分", "nps", 9],
    ["他们对服务很满意,打了5分", "csat", 5],
    ["问卷打了9分,满分10分", "nps", 9],
  ])("%s → %s %d", (text, scale, score) => {
    expect(parseSurveyScore(text)).toMatchObject({ scale, score });
  });

  it.each([
    ["CSAT 7", "csat", "CSAT must be 1–5"],
    ["CSAT 0 this month", "csat", "CSAT must be 1–5"],
    ["satisfaction 8/10", "csat", "CSAT must be 1–5"],
    ["NPS 11", "nps", "NPS must be a whole number from 0 to 10"],
    ["NPS 7.5", "nps", "NPS must be a whole number from 0 to 10"],
    ["满意度调查打了6分", "csat", "CSAT must be 1–5"],
  ])("%s → invalid", (text, scale, msg) => {
    const r = parseSurveyScore(text);
    expect(r).toMatchObject({ scale, invalid: msg });
    expect(r && "invalidZh" in r && r.invalidZh).toMatch(/[\u4e00-\u9fff]/);
  });

  it.each([
    "王芳对补发货物的进度还是不满意,下周三再跟进。",
    "Called Jane at Acme today, she's worried about the 8% price increase.",
    "They were very satisfied with the delivery on 3/10",
    "推荐给了3家新客户",
    "What is Acme's NPS?",
    "asdf qwerty",
    "",
    "👍🎉",
  ])("no score in %s", (text) => {
    expect(parseSurveyScore(text)).toBeNull();
    expect(mentionsSurvey(text)).toBe(false);
  });

  it("points at the score in the text", () => {
    const t = "Orchid Dental gave us a 9 on the NPS survey.";
    const r = parseSurveyScore(t)!;
    expect("index" in r && t.slice(r.index, r.index + 1)).toBe("9");
  });

  // Timing is in bench/rules.bench.ts; here the answers on hostile 100 kB messages (a backtracking scan would hang).
  it("reads 100 kB messages", () => {
    const big = "NPS 9 满意度 1 2 3 4 5 6 7 8 9 😀 ".repeat(3500);
    expect(parseSurveyScore(big)).not.toBeNull();
    expect(parseSurveyScore("1 ".repeat(50_000) + "survey")).not.toBe(undefined);
  });
});
