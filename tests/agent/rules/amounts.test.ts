import { describe, expect, it } from "vitest";
import { parseAmounts } from "../../../agent/rules/amounts.ts";

const one = (text: string) => {
  const a = parseAmounts(text);
  expect(a, text).toHaveLength(1);
  return [a[0]!.amount, a[0]!.currency];
};

describe("parseAmounts", () => {
  it.each([
    ["星辰科技今天下了一个12万的订单。", 120000, "CNY"],
    ["3.5万元", 35000, "CNY"],
    ["合同1.2亿", 120000000, "CNY"],
    ["十二万", 120000, "CNY"],
    ["两万五", 25000, "CNY"],
    ["一百万的单子", 1000000, "CNY"],
    ["五千块", 5000, "CNY"],
    ["5千", 5000, "CNY"],
    ["订单5k", 5000, "CNY"],
    ["a 5K order", 5000, "CNY"],
    ["1.2M deal", 1200000, "CNY"],
    ["$1.2m", 1200000, "USD"],
    ["Acme placed a new order for 95,000 CNY today.", 95000, "CNY"],
    ["They signed for $42,000", 42000, "USD"],
    ["¥12,000", 12000, "CNY"],
    ["RMB 8000", 8000, "CNY"],
    ["RMB8000", 8000, "CNY"],
    ["8000元", 8000, "CNY"],
    ["8000块", 8000, "CNY"],
    ["USD 1,500.50", 1500.5, "USD"],
    ["€3,000", 3000, "EUR"],
    ["3000 euros", 3000, "EUR"],
    ["2万美元", 20000, "USD"],
    ["50万人民币", 500000, "CNY"],
    ["订单金额80000", 80000, "CNY"],
    ["placed an order of 8000", 8000, "CNY"],
    ["12w的单子", 120000, "CNY"],
    ["500 dollars", 500, "USD"],
    ["HK$3,000", 3000, "HKD"],
    ["£250", 250, "GBP"],
  ])("%s → %d %s", (text, amount, currency) => {
    expect(one(text)).toEqual([amount, currency]);
  });

  it("says whether the currency was written", () => {
    expect(parseAmounts("12万")[0]).toMatchObject({ currencyGiven: false, matched: "12万", index: 0 });
    expect(parseAmounts("about $42,000 total")[0]).toMatchObject({ currencyGiven: true, matched: "$42,000", index: 6 });
  });

  it("finds several amounts in order", () => {
    expect(parseAmounts("First order 3万, second $5,000 and then 2.5万元").map((a) => [a.amount, a.currency]))
      .toEqual([[30000, "CNY"], [5000, "USD"], [25000, "CNY"]]);
  });

  it.each([
    "the 8% price increase",
    "gave us a 9 on the NPS survey",
    "expanding to two new clinics",
    "满意度调查打了4分,满分5分",
    "3月10号提醒我",
    "in 3 days",
    "三百多家门店",
    "5千人的工厂",
    "a 3m cable",
    "take 2w off",
    "万一他们不签呢",
    "Model A4 and v3.2",
    "asdf qwerty",
    "",
    "👍🎉",
  ])("no money in %s", (text) => {
    expect(parseAmounts(text)).toEqual([]);
  });

  // Timing is in bench/rules.bench.ts; here the answer on a hostile 100 kB message (a backtracking scan would hang).
  it("reads every amount in a 100 kB message", () => {
    const big = "下了12万的单 $42,000 😀 1,1,1,1,1,1,1,1 ".repeat(3000) + "9".repeat(20_000);
    const a = parseAmounts(big);
    expect(a.length).toBeGreaterThan(5000);
  });
});
