// The amount recogniser: value, currency as written (null when none), and a span the caller can cut out.
import { describe, expect, it } from "vitest";
import { recogniseAmounts } from "../../../agent/rules/amounts.ts";

const all = (text: string) => recogniseAmounts(text).map((a) => [a.amount, a.currency, a.text]);

describe("recogniseAmounts", () => {
  it.each([
    ["£6,500", 6500, "GBP", "£6,500"],
    ["€3,000 even", 3000, "EUR", "€3,000"],
    ["HK$12,000 deposit", 12000, "HKD", "HK$12,000"],
    ["US$8,000", 8000, "USD", "US$8,000"],
    ["RMB 80,000", 80000, "CNY", "RMB 80,000"],
    ["CNY 1.5万", 15000, "CNY", "CNY 1.5万"],
    ["paid USD 55k", 55000, "USD", "USD 55k"],
    ["EUR 12k", 12000, "EUR", "EUR 12k"],
    ["GBP 900", 900, "GBP", "GBP 900"],
    ["HKD 3,000", 3000, "HKD", "HKD 3,000"],
    ["3000元", 3000, "CNY", "3000元"],
    ["五千块", 5000, "CNY", "五千块"],
    ["800块钱", 800, "CNY", "800块钱"],
    ["十二万八的单子", 128000, null, "十二万八"],
    ["下了3万2的单", 32000, null, "3万2"],
    ["合同1.2个亿", 120000000, null, "1.2个亿"],
    ["预算两千万", 20000000, null, "两千万"],
    ["一百五十万", 1500000, null, "一百五十万"],
    ["a 55k order", 55000, null, "55k"],
    ["$1.2M deal", 1200000, "USD", "$1.2M"],
    ["$1.5 mil", 1500000, "USD", "$1.5 mil"],
    ["2.5 million dollars", 2500000, "USD", "2.5 million dollars"],
    ["55,000 dollars", 55000, "USD", "55,000 dollars"],
    ["500 quid", 500, "GBP", "500 quid"],
    ["about 40 grand", 40000, null, "40 grand"],
    ["30k USD", 30000, "USD", "30k USD"],
    ["2万美元", 20000, "USD", "2万美元"],
  ])("%s → %d %s (%s)", (text, amount, currency, written) => {
    expect(all(text)).toEqual([[amount, currency, written]]);
  });

  it("gives spans that cut the amount out exactly", () => {
    const text = "Acme reordered - £6,500, and 恒信补了一单 3万2";
    const found = recogniseAmounts(text);
    expect(found.map((a) => [a.amount, a.currency])).toEqual([[6500, "GBP"], [32000, null]]);
    for (const a of found) expect(text.slice(a.start, a.end)).toBe(a.text);
    const masked = found.reduceRight((t, a) => t.slice(0, a.start) + "@amount" + t.slice(a.end), text);
    expect(masked).toBe("Acme reordered - @amount, and 恒信补了一单 @amount");
  });

  it("reads a separating dash as a separator and an attached one as a minus sign", () => {
    expect(all("reordered - £6,500")).toEqual([[6500, "GBP", "£6,500"]]);
    expect(all("reordered – $6,500")).toEqual([[6500, "USD", "$6,500"]]);
    expect(all("credit note -500元")).toEqual([[-500, "CNY", "-500元"]]);
    expect(all("adjustment: -£200")).toEqual([[-200, "GBP", "-£200"]]);
    expect(all("5-6k per month")).toEqual([]); // a range is not one amount: the caller asks
  });

  it("reads references as references, not money", () => {
    expect(all("PO #4471 for USD 55k")).toEqual([[55000, "USD", "USD 55k"]]);
    expect(all("PO 4471 for USD 55k")).toEqual([[55000, "USD", "USD 55k"]]);
    expect(all("PO#4471, $12,000")).toEqual([[12000, "USD", "$12,000"]]);
    expect(all("order no. 4471 came in")).toEqual([]);
    expect(all("order #4471 shipped")).toEqual([]);
    expect(all("invoice 2031 is overdue")).toEqual([]);
    expect(all("invoice INV-2031 for €900")).toEqual([[900, "EUR", "€900"]]);
    expect(all("订单号4471已发货")).toEqual([]);
    expect(all("合同号 20260301")).toEqual([]);
    expect(all("ticket #88")).toEqual([]);
  });

  it.each([
    "call me on 13800138000 about the order",
    "his number is +86 138 0013 8000",
    "order 555-0142 (phone)",
    "meeting at 10:30, price list attached",
    "the quote from 3/10",
    "order on 2026-03-10",
    "price up 8%",
    "order of 500 units",
    "price for 3 lanes",
    "订了2箱",
    "订单金额涨了10%",
    "NPS 9",
    "打了8分",
    "version 1.2.3 of the price list",
    "Q2 pipeline",
  ])("no money in %s", (text) => {
    expect(recogniseAmounts(text)).toEqual([]);
  });

  it("still reads the bare number after an amount word", () => {
    expect(all("placed an order of 8000")).toEqual([[8000, null, "8000"]]);
    expect(all("合同金额80000")).toEqual([[80000, null, "80000"]]);
  });
});
