// Windows of time a question names that the tools' named periods don't cover: a quarter ("Q2", "第二季度",
// "next quarter") or a month ("in July", "7月份", "七月"). Returned as [from, to) calendar days in the user's zone;
// a quarter or month already past this year means next year's (deals are asked about ahead).
import { localDate } from "../../domain/time.ts";
import { parseChineseNumber } from "../rules/numerals.ts";

const MONTHS_EN = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

export interface Window { from: string; to: string }

const first = (y: number, m: number) => new Date(Date.UTC(y, m - 1, 1)).toISOString().slice(0, 10);

export function windowIn(lower: string, now: Date, tz: string): Window | null {
  const today = localDate(now, tz);
  const [y, m] = today.split("-").map(Number) as [number, number];
  const quarterNow = Math.floor((m - 1) / 3) + 1;
  let q: number | undefined;
  const qm = /\bq([1-4])\b|(?:第)?([一二三四1-4])季度/.exec(lower);
  if (qm) q = qm[1] ? Number(qm[1]) : Number(qm[2]) || (parseChineseNumber(qm[2]!) ?? undefined);
  else if (/next (quarter|qtr|q)\b|下个?季度/.test(lower)) q = quarterNow + 1;
  if (q) {
    // first() rolls month 13 into January, so "next quarter" in Q4 is next year's Q1.
    const year = q < quarterNow ? y + 1 : y;
    return { from: first(year, (q - 1) * 3 + 1), to: first(year, (q - 1) * 3 + 4) };
  }
  // A month by name: "in july", "closing aug", "7月份", "七月" — not "3个月" (a duration) nor "下个月" (a named period).
  const en = /\b(january|jan|february|feb|march|mar|april|apr|june|jun|july|jul|august|aug|september|sept|sep|october|oct|november|nov|december|dec)\b|\b(?:in|by|during|for|closing|close|end of)\s+(may)\b/.exec(lower);
  const zh = /(?<![个0-9一二三四五六七八九十])(1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])\s*月(?!\s*[0-9一二三四五六七八九十]+\s*[日号])/.exec(lower);
  const month = en ? MONTHS_EN.indexOf((en[1] ?? en[2])!.slice(0, 3)) + 1 : zh ? Number(zh[1]) || (parseChineseNumber(zh[1]!) ?? undefined) : undefined;
  if (!month) return null;
  const year = month < m ? y + 1 : y;
  return { from: first(year, month), to: first(year, month + 1) };
}
