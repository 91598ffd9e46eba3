// npm run bench:rules: how long the rules model's text scanners take on hostile 100 kB messages and on a typical
// one. Timing lives here, not in the tests (a loaded CI machine made wall-clock assertions flaky); the tests check
// the same inputs give the right answers, and a scanner that backtracked catastrophically would still hang them.
import { parseAmounts } from "../agent/rules/amounts.ts";
import { detectLanguage } from "../agent/rules/language.ts";
import { parseSurveyScore } from "../agent/rules/scores.ts";
import { findKinds } from "../agent/rules/kinds.ts";
import { sentimentOf } from "../agent/rules/sentiment.ts";
import { findDates, type WhenOptions } from "../agent/rules/dates.ts";
import { extractPersonNames, findContactMentions } from "../agent/rules/contacts.ts";

const SH: WhenOptions = { now: new Date("2026-03-02T09:30:00+08:00"), timezone: "Asia/Shanghai" };
const chunk = "Met Jane on Friday 😀 下周三再跟进, 3/10, 12万, aaaa1111 ((((( ----- ..... 2026-";
const typical = "Called Jane at Acme today, she's worried about the 8% price increase. Follow up on Friday.";

const cases: [string, () => unknown, number?][] = [
  ["amounts 100 kB", () => parseAmounts("下了12万的单 $42,000 😀 1,1,1,1,1,1,1,1 ".repeat(3000) + "9".repeat(20_000))],
  ["language 100 kB", () => detectLanguage("拜访了客户 Acme 😀 ".repeat(8000))],
  ["survey score 100 kB", () => (parseSurveyScore("NPS 9 满意度 1 2 3 4 5 6 7 8 9 😀 ".repeat(3500)), parseSurveyScore("1 ".repeat(50_000) + "survey"))],
  ["kinds 100 kB", () => (findKinds("called 拜访 met zoom ".repeat(5000)), findKinds("c".repeat(100_000)))],
  ["sentiment 100 kB", () => (sentimentOf("not happy 很高兴 worried 不太满意 😀 aaaa ".repeat(3000)), sentimentOf("n".repeat(100_000)))],
  ["dates 100 kB", () => findDates(chunk.repeat(Math.ceil(100_000 / chunk.length)), SH)],
  ["dates 100 kB of letters and digits", () => findDates("a".repeat(50_000) + " " + "1".repeat(50_000), SH)],
  ["dates, typical message (per call)", () => findDates(typical, SH), 100],
  [
    "contacts 100 kB",
    () => {
      extractPersonNames("Met Emily Wang 和王芳说 ".repeat(5000));
      extractPersonNames("A".repeat(100_000));
      extractPersonNames("Aa ".repeat(33_000));
      findContactMentions("Jane ".repeat(20_000), ["Jane Doe", "Peter Smith", "Will Turner"]);
    },
  ],
];

for (const [name, fn, repeat = 1] of cases) {
  fn(); // warm up (regex compilation, chrono's parsers)
  const t0 = performance.now();
  for (let i = 0; i < repeat; i++) fn();
  const ms = (performance.now() - t0) / repeat;
  process.stdout.write(`${name.padEnd(40)} ${ms.toFixed(ms < 10 ? 2 : 0).padStart(8)} ms\n`);
}
