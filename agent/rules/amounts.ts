// Money in chat messages: "12万", "3.5万元", "1.2亿", "1.2个亿", "十二万八", "3万2", "两万五", "5k", "$1.2M", "USD 55k",
// "55,000 dollars", "RMB 8000", "8000块", "€3,000", "HK$3,000", "£6,500". A number counts as money only with a currency
// or a magnitude word (万, k, million…) — or, bare, right after an amount word ("order of 8000", "金额8000") — so "8%",
// "9 on the NPS", "two clinics", "500 units" and "2箱" are not amounts. References are never money: "#4471", "PO 4471",
// "PO#4471", "order no. 4471", "invoice INV-2031", "订单号4471"; nor are phone numbers, dates and times.
// A dash used as a separator ("reordered - £6,500") is not a minus sign; one attached to the number ("-500") is.
import { CN_NUM_CLASS, parseChineseNumber } from "./numerals.ts";

export type Currency = "CNY" | "USD" | "EUR" | "GBP" | "HKD" | "JPY" | "SGD" | "AUD" | "CAD";

/** The recogniser's answer: the amount, its currency when written (null: the caller picks the default), its span. */
export interface AmountEntity {
  amount: number;
  currency: Currency | null;
  /** [start, end) in the text, covering sign, currency and magnitude: text.slice(start, end) === this.text. */
  start: number;
  end: number;
  text: string;
}

/** The old planner's shape (kept for agent/rules/planner.ts): CNY when no currency is written. */
export interface Amount {
  amount: number;
  currency: Currency;
  /** True when the message named the currency; false when CNY is the default. */
  currencyGiven: boolean;
  matched: string;
  index: number;
}

const PREFIX: Record<string, Currency> = {
  "US$": "USD", "$": "USD", "HK$": "HKD", "S$": "SGD", "A$": "AUD", "C$": "CAD", "€": "EUR", "£": "GBP", "¥": "CNY", "￥": "CNY",
  USD: "USD", CNY: "CNY", RMB: "CNY", EUR: "EUR", GBP: "GBP", HKD: "HKD", JPY: "JPY", SGD: "SGD", AUD: "AUD", CAD: "CAD",
};
const SUFFIX: Record<string, Currency> = {
  元: "CNY", 块钱: "CNY", 块: "CNY", 人民币: "CNY", 元人民币: "CNY", 美元: "USD", 美金: "USD", 欧元: "EUR", 英镑: "GBP",
  港币: "HKD", 港元: "HKD", 日元: "JPY", cny: "CNY", rmb: "CNY", yuan: "CNY", kuai: "CNY", usd: "USD", dollar: "USD",
  dollars: "USD", bucks: "USD", eur: "EUR", euro: "EUR", euros: "EUR", gbp: "GBP", pounds: "GBP", pound: "GBP", quid: "GBP",
  hkd: "HKD", jpy: "JPY", sgd: "SGD", aud: "AUD", cad: "CAD", "us dollars": "USD", "hk dollars": "HKD",
};
const MULT: Record<string, number> = {
  百万: 1e6, 千万: 1e7, 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8, 千: 1e3, k: 1e3, w: 1e4, m: 1e6, mn: 1e6, mm: 1e6, mil: 1e6,
  million: 1e6, millions: 1e6, thousand: 1e3, grand: 1e3, bn: 1e9, b: 1e9, billion: 1e9,
};

const CN_START = "零〇一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾";
const RE = new RegExp(
  "(US\\$|HK\\$|S\\$|A\\$|C\\$|\\$|€|£|¥|￥|\\b(?:USD|CNY|RMB|EUR|GBP|HKD|JPY|SGD|AUD|CAD)\\s?)?\\s?" +
  `(?<![0-9.]|[0-9],)(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|[${CN_START}][${CN_NUM_CLASS}]{0,11})` +
  "(?:\\s?(百万|千万|万|萬|个?亿|个?億|千|million|millions|thousand|grand|billion|mil|mn|mm|bn|[kKwWmMbB])(?![A-Za-z]))?" +
  "(\\s?(?:元人民币|块钱|块|元|人民币|美元|美金|欧元|英镑|港币|港元|日元)|\\s?(?:CNY|RMB|USD|EUR|GBP|HKD|JPY|SGD|AUD|CAD|yuan|kuai|(?:US |HK )?dollars?|bucks|euros?|pounds?|quid)\\b)?",
  "gid",
);
const HAN = /[\u4e00-\u9fff]/;
const COUNTED = /^\s*(%|％|percent|个(?!亿)|件|台|吨|人|家|次|箱|套|辆|people|persons|units|pcs|pieces|employees|staff)/i;

// A bare number is money only right after one of these ("placed an order of 8000", "合同金额80000").
const AMOUNT_CUE = /(?:\b(?:order|amount|value|valued|worth|budget|price|priced|quote|quoted|paid|pay|invoice|invoiced|total|revenue|deal)\b|订单|单子|金额|价格|价钱|报价|预算|合同|回款|付款|收款|货款|款)[^.!?。！？\d]{0,12}$/i;
const NOT_MONEY_AFTER = /^\s*(%|％|percent|days?|weeks?|months?|years?|hours?|mins?|minutes?|units?|pcs|pieces|people|employees|staff|clinics?|stores?|sites?|trucks?|tons?|tonnes?|kg|km|lanes?|boxes|cases?|pallets?|containers?|cartons?|sets?|rolls?|seats?|licen[cs]es?|users?|x\b|个|件|台|吨|人|家|天|周|月|年|号|日|分|点|次|箱|套|辆|小时|公斤|公里|米|倍|折|条|张|瓶|包|盒|批|位|份|只|支|根|桶|托|柜)/i;
// A reference, not an amount: "#4471", "PO 4471", "PO#4471", "order no. 4471", "invoice 2031", "订单号4471".
const REF_BEFORE = /(?:#|№|\b(?:p\.?o\.?|purchase\s+order|order|invoice|inv|ref|reference|ticket|case|quote|quotation|contract|sku|item|model|part|serial|tracking|account|acct)\s*(?:no\.?|num(?:ber)?\.?|#|id)?\s*[#:：.-]?\s*|\b(?:no\.|number)\s*|(?:订单号|单号|编号|发票号|合同号|工单号?|批次号?|型号|货号|尾号|账号|卡号)\s*[:：#]?\s*)$/i;
// A dash attached to a number after a space or the start of a line is a minus sign ("-500", "-£500"); one between
// two words with spaces ("reordered - £6,500") or between numbers ("5-6k") is not.
const MINUS_BEFORE = /(?:^|[\s(:：=])[-−–]$/;

/** Every amount of money in `text`, in order, with its span. */
export function recogniseAmounts(text: string): AmountEntity[] {
  if (!text) return [];
  const out: AmountEntity[] = [];
  let consumed = 0; // a spoken-万 tail ("3万2千") is part of the amount before it, not an amount of its own
  for (const m of text.matchAll(RE)) {
    if (m.index! < consumed) continue;
    const [whole, pre, num, mult, suf] = m as unknown as [string, string | undefined, string, string | undefined, string | undefined];
    const numStart = m.indices![2]![0];
    // "A4", "v3", "Q2": a number glued to a word is not money (the currency codes are matched as the prefix).
    if (!pre && /[A-Za-z_]/.test(text[numStart - 1] ?? "")) continue;
    // "+86 138…", "10:30", "3/10", "2026-03-10", "1.2.3": digits run on into a phone number, a time, a date or a version.
    if (/^[:：\/][0-9]|^-\d|^\.\d/.test(text.slice(numStart + num.length, numStart + num.length + 2)) && !mult && !suf) continue;
    if (/[0-9][:：\/-]$|\+$/.test(text.slice(Math.max(0, numStart - 2), numStart)) && !pre) continue;
    const isCn = !/^\d/.test(num);
    let value: number | null;
    if (isCn) {
      value = parseChineseNumber(num);
      // "三百多家", "一千个": Chinese numerals are money only with 万/亿 or a currency word.
      if (value === null || (!/[万萬亿億]/.test(num) && !suf && !mult)) continue;
    } else {
      value = Number(num.replace(/,/g, ""));
    }
    if (!Number.isFinite(value)) continue;
    const multKey = mult?.toLowerCase().replace(/^个/, "");
    // A lone lowercase "m"/"b" after a number is more often metres or a model name than millions — unless a
    // currency is given ("$1.2m").
    if (multKey && (mult === "m" || mult === "b" || mult === "B") && !pre && !suf) continue;
    // "12w" is 万 in Chinese chat; in English it is more likely weeks.
    if (multKey === "w" && !pre && !suf && !HAN.test(text.slice(Math.max(0, m.index! - 20), m.index! + 40))) continue;
    if (multKey) value *= MULT[multKey] ?? 1;
    let currency: Currency | undefined;
    let after = text.slice(m.index! + whole.length, m.index! + whole.length + 12);
    // Spoken 万: "3万2" is 32,000 and "1万2千" 12,000 (one digit after 万 is thousands); "3万5000" is 35,000.
    const tail = mult === "万" && !suf ? /^(\d{1,4})(千)?(元人民币|块钱|块|元|人民币|美元|美金|欧元|英镑|港币|港元|日元)?(?![\d.万千百亿])/.exec(after) : null;
    let extra = "";
    if (tail) {
      const n = tail[2] || tail[1]!.length === 1 ? Number(tail[1]) * 1000 : Number(tail[1]);
      if (n < 10_000) {
        value += n;
        extra = tail[0];
        if (tail[3]) currency = SUFFIX[tail[3]];
        after = text.slice(m.index! + whole.length + extra.length, m.index! + whole.length + extra.length + 12);
      }
    }
    if (pre) currency = PREFIX[pre.trim().toUpperCase()] ?? PREFIX[pre.trim()] ?? currency;
    if (suf) currency = SUFFIX[suf.trim()] ?? SUFFIX[suf.trim().toLowerCase()] ?? currency;
    const magnitude = !!multKey || (isCn && /[万萬亿億]/.test(num));
    const before = text.slice(Math.max(0, numStart - 30), numStart);
    // "#4471", "PO 4471 for USD 55k": the reference is not money (a currency or magnitude on it would make it so).
    if (!pre && !suf && !multKey && REF_BEFORE.test(before)) continue;
    if (!pre && /#\s*$/.test(before)) continue;
    if (!currency && !magnitude) {
      // Bare number: money only after an amount word, and not "8%" / "3 days" / "10号" / a phone number.
      if (!AMOUNT_CUE.test(before) || NOT_MONEY_AFTER.test(after) || value < 10) continue;
      if (!num.includes(",") && num.replace(/\.\d+$/, "").length >= 9) continue;
    }
    if (!pre && !suf && COUNTED.test(after)) continue; // "5千人", "3万台": counts, not money
    let start = m.index! + (whole.length - whole.trimStart().length);
    const end = m.index! + whole.trimEnd().length + extra.length;
    consumed = m.index! + whole.length + extra.length;
    if (MINUS_BEFORE.test(text.slice(Math.max(0, start - 2), start))) {
      value = -value;
      start -= 1;
    }
    out.push({ amount: Math.round(value * 100) / 100, currency: currency ?? null, start, end, text: text.slice(start, end) });
  }
  return out;
}

/** Every amount of money in `text`, in order (the old planner's shape: CNY when no currency is written). */
export function parseAmounts(text: string): Amount[] {
  // The planner reads a minus sign itself (from the character before `index`), so the sign stays outside here.
  return recogniseAmounts(text).map((a) => {
    const signed = /^[-−–]/.test(a.text);
    return {
      amount: Math.abs(a.amount),
      currency: a.currency ?? "CNY",
      currencyGiven: a.currency !== null,
      matched: signed ? a.text.slice(1) : a.text,
      index: signed ? a.start + 1 : a.start,
    };
  });
}
