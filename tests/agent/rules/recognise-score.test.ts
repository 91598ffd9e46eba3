// Survey scores with spans: named scales, denominators, 分, and bare scores when the caller knows it is a survey.
import { describe, expect, it } from "vitest";
import { parseSurveyScore, recogniseScore } from "../../../agent/rules/scores.ts";

describe("recogniseScore", () => {
  it.each([
    ["NPS 9", "nps", 9, "9", false],
    ["nps of 9/10", "nps", 9, "9/10", false],
    ["csat 4", "csat", 4, "4", false],
    ["CSAT 4/5", "csat", 4, "4/5", false],
    ["gave us 9/10", "nps", 9, "9/10", false],
    ["they rated us 4 out of 5", "csat", 4, "4 out of 5", false],
    ["4 out of 5 on the survey", "csat", 4, "4 out of 5", false],
    ["满意度4分", "csat", 4, "4分", false],
    ["推荐度9", "nps", 9, "9", false],
    ["满意度调查打了4分,满分5分", "csat", 4, "4分", false],
    ["打了8分", "nps", 8, "8分", true],
    ["客户打了4分", "csat", 4, "4分", true],
  ])("%s → %s %d (%s)", (text, scale, score, written, guessed) => {
    const s = recogniseScore(text)!;
    expect(s).toMatchObject({ scale, score, text: written, scaleGuessed: guessed });
    expect(text.slice(s.start, s.end)).toBe(written);
  });

  it("reads a bare score only when the caller says the clause is a survey", () => {
    expect(recogniseScore("9/10")).toBeNull(); // could be September 10
    expect(recogniseScore("9/10", { surveyContext: true })).toMatchObject({ scale: "nps", score: 9, text: "9/10" });
    expect(recogniseScore("8分", { surveyContext: true })).toMatchObject({ scale: "nps", score: 8, scaleGuessed: true });
    expect(recogniseScore("4 stars", { surveyContext: true })).toMatchObject({ scale: "csat", score: 4 });
  });

  it("explains an out-of-range score and points at it", () => {
    expect(recogniseScore("NPS 12")).toMatchObject({ scale: "nps", invalid: expect.stringMatching(/0 to 10/), text: "12", start: 4 });
    expect(recogniseScore("CSAT 7/5")).toMatchObject({ scale: "csat", invalid: expect.stringMatching(/1–5/) });
  });

  it.each(["price up 8%", "3月10号提醒我", "还是不满意,下周三再跟进", "two clinics", ""])("no score in %s", (text) => {
    expect(recogniseScore(text)).toBeNull();
  });

  it("keeps parseSurveyScore's shape, now with the end of the score", () => {
    expect(parseSurveyScore("gave us a 9 on the NPS survey")).toMatchObject({ scale: "nps", score: 9, matched: "9", index: 10, end: 11 });
  });
});
