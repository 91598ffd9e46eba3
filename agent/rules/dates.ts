// Dates in chat messages, English and Chinese, resolved in the user's time zone.
//
// Our own rules come first: they know the direction of the sentence ("met on Friday" is the Friday that passed,
// "follow up Friday" the one ahead), Chinese forms chrono's zh parser misses (后天, 下周, 两周后, 月底, 10号, 3.10) and
// impossible dates ("February 30", "2月30日"), which chrono silently drops and we must report. chrono-node then fills
// in what our rules do not cover, and supplies clock times ("at 3pm", "下午3点") for dates we found.
//
// Every regex here is linear: alternations of literals and bounded quantifiers, no nested repetition.
import * as chrono from "chrono-node";
import { addDays, daysBetween, localDate, wallClock, weekday } from "../../domain/time.ts";
import { CN_NUM_CLASS, EN_COUNT_SRC, parseCount } from "./numerals.ts";

export type Direction = "past" | "future";

export interface WhenOptions {
  now: Date;
  /** IANA zone of the user, e.g. "Asia/Shanghai". */
  timezone: string;
  /**
   * Which way an open reference points ("Friday", "March 10", "10号"). "auto" (the default) reads each mention's
   * clause: follow-up words ("follow up", "remind", "提醒", "再跟进", "due", "by") → future, otherwise past.
   */
  direction?: Direction | "auto";
}

export interface DateMention {
  date: string; // YYYY-MM-DD in the user's zone
  time?: string; // HH:MM, only when a clock time was written
  matched: string;
  index: number;
  end: number;
  /** The direction used to resolve this mention. */
  direction: Direction;
}

export interface InvalidDate {
  /** The impossible date as written ("February 30"), for "February 30 is not a valid date". */
  invalid: string;
  matched: string;
  index: number;
  end: number;
}

export type Found = DateMention | InvalidDate;

export function isInvalid(f: Found | null | undefined): f is InvalidDate {
  return !!f && "invalid" in f;
}

/** The first date mention in `text` (or the impossible date written there), or null. */
export function parseWhen(text: string, opts: WhenOptions): DateMention | InvalidDate | null {
  return findDates(text, opts)[0] ?? null;
}

// ---------------------------------------------------------------------------------------------------------------

interface Ctx {
  today: string;
  dir: Direction;
  /** False when nothing in the sentence says which way: an explicit date then takes its nearest occurrence. */
  sure: boolean;
}
type Resolved = { date: string } | { invalid: string } | null;
interface Rule {
  re: RegExp;
  /** True when the direction changes the answer (so "auto" has to look at the clause). */
  directional?: boolean;
  /** Context that makes the match something else (a score "4/5", a rating "4.5"). */
  reject?: (before: string) => boolean;
  resolve(m: RegExpExecArray, c: Ctx): Resolved;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const EN_MONTH_SRC = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
// Sat/Sun abbreviations are left out on purpose: "sat down with", "the sun".
const EN_WEEKDAY_SRC = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|weds?|thu(?:rs?)?|fri";
const EN_WD: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const CN_WD: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, "7": 0, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6 };
const CN_N = `[${CN_NUM_CLASS}]{1,4}`;
const NUM = `\\d{1,3}|${CN_N}`;

const pad = (n: number) => String(n).padStart(2, "0");
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const parts = (date: string) => date.split("-").map(Number) as [number, number, number];
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function validDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
}

function addMonths(date: string, n: number, day?: number | "last"): string {
  const [y, m, d] = parts(date);
  const t = new Date(Date.UTC(y, m - 1 + n, 1));
  const ny = t.getUTCFullYear(), nm = t.getUTCMonth() + 1;
  const max = daysIn(ny, nm);
  const dd = day === "last" ? max : Math.min(day ?? d, max);
  return ymd(ny, nm, dd);
}

/** Monday of the week containing `date`, plus `weeks` weeks (weeks start on Monday, as in China and ISO). */
function mondayOf(date: string, weeks = 0): string {
  const wd = weekday(date);
  return addDays(date, -((wd + 6) % 7) + 7 * weeks);
}

/** The given weekday in the week of `date` shifted by `weeks` ("下周三", "this Friday"). */
function weekdayInWeek(date: string, wd: number, weeks: number): string {
  return addDays(mondayOf(date, weeks), (wd + 6) % 7);
}

/** A bare weekday: past → the latest one on or before today; future → the next one after today. */
function bareWeekday(c: Ctx, wd: number): string {
  const cur = weekday(c.today);
  if (c.dir === "past") return addDays(c.today, -((cur - wd + 7) % 7));
  return addDays(c.today, ((wd - cur + 7) % 7) || 7);
}

/** Month and day without a year: the nearest one in the sentence's direction (today counts both ways). */
function monthDay(c: Ctx, m: number, d: number, written: string, year?: number): Resolved {
  if (m < 1 || m > 12 || d < 1 || d > 31) return { invalid: written };
  if (year !== undefined) return validDate(year, m, d) ? { date: ymd(year, m, d) } : { invalid: written };
  const [ty] = parts(c.today);
  if (!c.sure) {
    // "March 10" with no tense around it: the nearest March 10.
    const near = [ty - 1, ty, ty + 1].filter((y) => validDate(y, m, d)).map((y) => ymd(y, m, d))
      .sort((a, b) => Math.abs(daysBetween(c.today, a)) - Math.abs(daysBetween(c.today, b)))[0];
    return near ? { date: near } : { invalid: written };
  }
  const candidates = c.dir === "past" ? [ty, ty - 1] : [ty, ty + 1];
  for (const y of candidates) {
    if (!validDate(y, m, d)) continue;
    const s = ymd(y, m, d);
    if (c.dir === "past" ? cmp(s, c.today) <= 0 : cmp(s, c.today) >= 0) return { date: s };
  }
  // February 29 outside a leap year, or day 31 of a 30-day month.
  return validDate(ty, m, d) ? { date: ymd(ty, m, d) } : { invalid: written };
}

/** A day of the month alone ("10号", "the 10th"): this month, else the neighbouring one in the direction. */
function dayOfMonth(c: Ctx, d: number, written: string): Resolved {
  if (d < 1 || d > 31) return { invalid: written };
  if (!c.sure) {
    const near = [-1, 0, 1].map((k) => parts(addMonths(c.today, k, 1))).filter(([y, m]) => validDate(y, m, d))
      .map(([y, m]) => ymd(y, m, d))
      .sort((a, b) => Math.abs(daysBetween(c.today, a)) - Math.abs(daysBetween(c.today, b)))[0];
    return near ? { date: near } : null;
  }
  for (let k = 0; k < 3; k++) {
    const base = addMonths(c.today, c.dir === "past" ? -k : k, 1);
    const [y, m] = parts(base);
    if (!validDate(y, m, d)) continue;
    const s = ymd(y, m, d);
    if (c.dir === "past" ? cmp(s, c.today) <= 0 : cmp(s, c.today) >= 0) return { date: s };
  }
  return null;
}

function year4(y: string | undefined): number | undefined {
  if (!y) return undefined;
  const n = Number(y);
  return y.length === 2 ? 2000 + n : n;
}

function shift(c: Ctx, n: number, unit: string, sign: 1 | -1): Resolved {
  if (!Number.isFinite(n) || n > 1000) return null;
  const u = unit.toLowerCase();
  if (/^(day|天|日)/.test(u)) return { date: addDays(c.today, sign * Math.round(n)) };
  if (/^(week|fortnight|周|星期|礼拜)/.test(u)) return { date: addDays(c.today, sign * Math.round(n * (u.startsWith("fortnight") ? 14 : 7))) };
  if (/^(month|月)/.test(u)) {
    if (n === 0.5) return { date: addDays(c.today, sign * 15) };
    return { date: addMonths(c.today, sign * Math.round(n)) };
  }
  if (/^(year|年)/.test(u)) {
    if (n === 0.5) return { date: addMonths(c.today, sign * 6) };
    return { date: addMonths(c.today, sign * 12 * Math.round(n)) };
  }
  return null;
}

const cnWeekOffset = (p: string | undefined): number | null => {
  if (!p) return null;
  if (p.startsWith("上上")) return -2;
  if (p.startsWith("下下")) return 2;
  if (p.startsWith("上")) return -1;
  if (p.startsWith("下")) return 1;
  return 0; // 这 / 本 / 这个
};
const cnMonthOffset = (p: string): number => (p.startsWith("下下") ? 2 : p.startsWith("上上") ? -2 : p.startsWith("上") ? -1 : p.startsWith("下") ? 1 : 0);

// Lunar holidays, 2025–2030 (the official calendar; extend as years pass).
const SPRING = ["2025-01-29", "2026-02-17", "2027-02-06", "2028-01-26", "2029-02-13", "2030-02-03"];
const LANTERN = ["2025-02-12", "2026-03-03", "2027-02-20", "2028-02-09", "2029-02-27", "2030-02-17"];
const DRAGON_BOAT = ["2025-05-31", "2026-06-19", "2027-06-09", "2028-05-28", "2029-06-16", "2030-06-05"];
const MID_AUTUMN = ["2025-10-06", "2026-09-25", "2027-09-15", "2028-10-03", "2029-09-22", "2030-09-12"];
const wrap = (date: string | null): Resolved => (date ? { date } : null);

const SCORE_CONTEXT = /(nps|csat|score[ds]?|rating|rated|rate|gave|survey|out\s+of|satisf|满意|评分|打了|打分|推荐|得分|分数)[^.!?。！？]{0,12}$/i;

const SPAN_BACK = /(n't|\bnot|\bnever|\bno\b|\blast|\bpast)[^.!?]{0,40}$/i;
/** "chase her if no reply in 3 days", "if they don't answer in a week": a condition on a day ahead, not a span back. */
const IF_NONE = /\b(if|unless|in case)\s+(no|nothing|not|they|she|he|i)\b[^.!?]{0,30}$/i;

/** "early next week" and friends are rare enough; these are the forms people write. */
const RULES: Rule[] = [
  // ---- absolute: ISO and Chinese full dates ----
  {
    re: /(?<![\d.\/-])(\d{4})[-\/.](\d{1,2})[-\/.](\d{1,2})(?![\d\/-]|\.\d)/g,
    resolve: (m, c) => monthDay(c, Number(m[2]), Number(m[3]), m[0], Number(m[1])),
  },
  {
    re: new RegExp(`(?:(\\d{4}|\\d{2})\\s*年\\s*)?(\\d{1,2}|${CN_N})\\s*月\\s*(\\d{1,2}|${CN_N})\\s*[日号號]`, "g"),
    directional: true,
    resolve: (m, c) => {
      const mo = parseCount(m[2]!), d = parseCount(m[3]!);
      if (mo === null || d === null) return null;
      return monthDay(c, mo, d, m[0], year4(m[1]));
    },
  },
  {
    // "3月10" without 日/号 — only when no digit or 月-word follows ("3月10" but not "3月份", "3月10万").
    re: /(?<!\d)(\d{1,2})月(\d{1,2})(?![\d日号號万千百亿元块天周个%.])/g,
    directional: true,
    resolve: (m, c) => monthDay(c, Number(m[1]), Number(m[2]), m[0]),
  },
  {
    // Month-relative Chinese day: 下个月10号, 这个月15日, 本月20号.
    re: new RegExp(`(上个?|下个?|这个?|本)月\\s*(\\d{1,2}|${CN_N})\\s*[日号號]`, "g"),
    resolve: (m, c) => {
      const d = parseCount(m[2]!);
      if (d === null) return null;
      const base = addMonths(c.today, cnMonthOffset(m[1]!), 1);
      const [y, mo] = parts(base);
      return validDate(y, mo, d) ? { date: ymd(y, mo, d) } : { invalid: m[0] };
    },
  },
  {
    // A day alone: "10号", "15日". Not "3号楼", "10号线", "星期日", "节假日".
    re: new RegExp(`(?<![\\d月.${CN_NUM_CLASS}星期周礼拜])(\\d{1,2}|${CN_N})\\s*[号號](?![\\d楼线院门机仓库车店位台房码])`, "g"),
    directional: true,
    resolve: (m, c) => {
      const d = parseCount(m[1]!);
      return d === null ? null : dayOfMonth(c, d, m[0]);
    },
  },
  {
    // US order M/D and M/D/YYYY ("3/10", "3/10/2026").
    re: /(?<![\d\/.:$¥€])(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?(?![\d\/%])(?!\s*(?:分|stars?|points?))/g,
    directional: true,
    reject: (before) => SCORE_CONTEXT.test(before),
    resolve: (m, c) => {
      if (m[0] === "24/7") return null; // the idiom
      let mo = Number(m[1]), d = Number(m[2]);
      if (mo > 12 && d <= 12) [mo, d] = [d, mo]; // 10/3 is ambiguous, but 25/3 can only be day-first
      if (mo < 1 || mo > 12 || d < 1 || d > 31) return null; // "24/7", "50/50": not a date
      return monthDay(c, mo, d, m[0], year4(m[3]));
    },
  },
  {
    // "3.10" (M.D, common in Chinese chat). Not amounts, scores or versions: "3.5万", "4.5分", "v3.10", "$3.10".
    re: /(?<![\w.$¥€£:：\/])(\d{1,2})\.(\d{1,2})(?![\d.%万千百亿元块分折倍xX×kKmMwW]|\s*(?:%|万|千|元|块|分|折|倍|个|点|美元|欧元|percent|dollars?|usd|rmb|cny|eur|k\b|m\b|points?|stars?|out of))/g,
    directional: true,
    reject: (before) => SCORE_CONTEXT.test(before),
    resolve: (m, c) => {
      const mo = Number(m[1]), d = Number(m[2]);
      if (mo < 1 || mo > 12) return null;
      return monthDay(c, mo, d, m[0]);
    },
  },
  // ---- absolute: English month names ----
  {
    re: new RegExp(`\\b(${EN_MONTH_SRC})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s*(\\d{4})\\b)?`, "gi"),
    directional: true,
    resolve: (m, c) => {
      const mo = MONTHS[m[1]!.slice(0, 3).toLowerCase()]!;
      const d = Number(m[2]);
      return monthDay(c, mo, d, `${MONTH_NAMES[mo - 1]} ${d}${m[3] ? `, ${m[3]}` : ""}`, year4(m[3]));
    },
  },
  {
    re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${EN_MONTH_SRC})\\b\\.?(?:,?\\s*(\\d{4})\\b)?`, "gi"),
    directional: true,
    resolve: (m, c) => {
      const mo = MONTHS[m[2]!.slice(0, 3).toLowerCase()]!;
      const d = Number(m[1]);
      return monthDay(c, mo, d, `${d} ${MONTH_NAMES[mo - 1]}${m[3] ? ` ${m[3]}` : ""}`, year4(m[3]));
    },
  },
  {
    re: /\bthe\s+(\d{1,2})(st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))/gi,
    directional: true,
    resolve: (m, c) => dayOfMonth(c, Number(m[1]), m[0]),
  },
  // ---- relative days ----
  {
    re: /\b(?:the\s+)?day\s+(before\s+yesterday|after\s+tomorrow)\b/gi,
    resolve: (m, c) => ({ date: addDays(c.today, /before/i.test(m[1]!) ? -2 : 2) }),
  },
  {
    re: /\b(today|tonight|this\s+(?:morning|afternoon|evening)|earlier\s+today|later\s+today|eod|end\s+of\s+(?:the\s+)?day|yesterday|last\s+night|tomm?orr?ow|tmrw|tmr|tmw|2mor+ow|2moro)\b(?:\s+(?:morning|afternoon|evening|night))?/gi,
    resolve: (m, c) => {
      const w = m[1]!.toLowerCase();
      if (w.startsWith("yesterday") || w.startsWith("last")) return { date: addDays(c.today, -1) };
      if (w.startsWith("tom") || w.startsWith("tm") || w.startsWith("2m")) return { date: addDays(c.today, 1) };
      return { date: c.today };
    },
  },
  {
    re: /(大前天|大后天|前天|后天|昨天|昨日|昨晚|昨早|今天|今日|今早|今晚|今儿|明天|明日|明早|明晚|明儿|当天|刚才|刚刚)(?:\s*(?:早上|上午|中午|下午|傍晚|晚上))?/g,
    resolve: (m, c) => {
      const w = m[1]!;
      const off = w === "大前天" ? -3 : w === "大后天" ? 3 : w === "前天" ? -2 : w === "后天" ? 2
        : w.startsWith("昨") ? -1 : w.startsWith("明") ? 1 : 0;
      return { date: addDays(c.today, off) };
    },
  },
  {
    // A part of the day alone means today: "下午拜访了…", "晚上给他打电话".
    re: /(早上|上午|中午|下午|傍晚|晚上)/g,
    resolve: (_m, c) => ({ date: c.today }),
  },
  // ---- weekdays ----
  {
    re: new RegExp(`\\b(?:(this\\s+coming|this|coming|next|last|past|previous)\\s+)?(${EN_WEEKDAY_SRC})\\b(?:\\s+(next|last|this)\\s+week\\b)?(?:\\s+(?:morning|afternoon|evening|night))?`, "gi"),
    directional: true,
    resolve: (m, c) => {
      const wd = EN_WD[m[2]!.slice(0, 3).toLowerCase()]!;
      const pre = (m[1] ?? "").toLowerCase().replace(/\s+/g, " ");
      const post = (m[3] ?? "").toLowerCase();
      if (post === "next" || pre === "next") return { date: weekdayInWeek(c.today, wd, 1) };
      if (post === "last") return { date: weekdayInWeek(c.today, wd, -1) };
      if (pre === "last" || pre === "past" || pre === "previous") {
        // "last Friday": the latest Friday before today.
        const d = bareWeekday({ ...c, dir: "past" }, wd);
        return { date: d === c.today ? addDays(d, -7) : d };
      }
      if (pre === "this coming" || pre === "coming") return { date: bareWeekday({ ...c, dir: "future" }, wd) };
      if (pre === "this" || post === "this") return { date: weekdayInWeek(c.today, wd, 0) };
      return { date: bareWeekday(c, wd) };
    },
  },
  {
    // "下周三", "下周的周三", "下个星期的礼拜三".
    re: /(上上|下下|上个|下个|这个|上|下|这|本)?\s*(?:(?:周|星期|礼拜)的)?(?:周|星期|礼拜)([一二三四五六日天1-7])(?:\s*(?:早上|上午|中午|下午|傍晚|晚上))?/g,
    directional: true,
    resolve: (m, c) => {
      const wd = CN_WD[m[2]!]!;
      const off = cnWeekOffset(m[1]);
      return { date: off === null ? bareWeekday(c, wd) : weekdayInWeek(c.today, wd, off) };
    },
  },
  {
    re: /(上上|下下|上个|下个|这个|上|下|这|本)?\s*(?:周末|礼拜末)/g,
    directional: true,
    resolve: (m, c) => {
      const off = cnWeekOffset(m[1]);
      return { date: off === null ? bareWeekday(c, 6) : weekdayInWeek(c.today, 6, off) };
    },
  },
  {
    re: /\b(?:the\s+)?weekend\s+after\s+next\b/gi,
    resolve: (_m, c) => ({ date: weekdayInWeek(c.today, 6, 2) }),
  },
  {
    re: /\b(?:(this|next|nxt|last)\s+)?weekend\b/gi,
    directional: true,
    resolve: (m, c) => {
      const p = (m[1] ?? "").toLowerCase().replace("nxt", "next");
      return { date: p === "next" ? weekdayInWeek(c.today, 6, 1) : p === "last" ? weekdayInWeek(c.today, 6, -1) : p === "this" ? weekdayInWeek(c.today, 6, 0) : bareWeekday(c, 6) };
    },
  },
  // ---- weeks and months as a whole ----
  {
    // "下周" / "上周" / "下下周" alone: the Monday of that week. (Weekday forms above are longer and win.)
    re: /(上上|下下|上个|下个|上|下|这个|这|本)(?:周|星期|礼拜)(?![一二三四五六日天1-7末])/g,
    resolve: (m, c) => {
      const off = cnWeekOffset(m[1])!;
      return { date: off === 0 ? c.today : mondayOf(c.today, off) };
    },
  },
  {
    re: /\b(?:(early|later?|end\s+of)\s+)?(next|nxt|last|this)\s+(?:week|wk)\b/gi,
    resolve: (m, c) => {
      const p = m[2]!.toLowerCase().replace("nxt", "next");
      const pre = (m[1] ?? "").toLowerCase();
      const off = p === "next" ? 1 : p === "last" ? -1 : 0;
      if (pre.startsWith("end")) return { date: weekdayInWeek(c.today, 5, off) };
      return { date: off === 0 ? c.today : mondayOf(c.today, off) };
    },
  },
  {
    re: /\b(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the\s+)?week\b|\beow\b/gi,
    resolve: (_m, c) => ({ date: weekdayInWeek(c.today, 5, 0) }),
  },
  {
    re: /\bthe\s+week\s+after\s+next\b/gi,
    resolve: (_m, c) => ({ date: mondayOf(c.today, 2) }),
  },
  {
    // "Tuesday after next": the one in the week after next week.
    re: new RegExp(`\\b(${EN_WEEKDAY_SRC})\\s+after\\s+next\\b`, "gi"),
    resolve: (m, c) => ({ date: weekdayInWeek(c.today, EN_WD[m[1]!.slice(0, 3).toLowerCase()]!, 2) }),
  },
  {
    // "a week from Monday", "Monday week" (British): the coming one, plus a week. "a week from today/tomorrow".
    re: new RegExp(`\\b(a|one|two|three|four|\\d)\\s+weeks?\\s+(?:from|after)\\s+(today|tomorrow|${EN_WEEKDAY_SRC})\\b|\\b(${EN_WEEKDAY_SRC})\\s+week\\b(?!\\s*(?:of|\\d))`, "gi"),
    resolve: (m, c) => {
      const n = m[1] ? parseCount(m[1])! : 1;
      const w = (m[2] ?? m[3]!).toLowerCase();
      if (w === "today") return { date: addDays(c.today, 7 * n) };
      if (w === "tomorrow") return { date: addDays(c.today, 7 * n + 1) };
      return { date: addDays(bareWeekday({ ...c, dir: "future" }, EN_WD[w.slice(0, 3)]!), 7 * n) };
    },
  },
  {
    // "the first Monday of April", "last Friday of the month", "2nd Tuesday in May".
    re: new RegExp(`\\b(?:the\\s+)?(first|second|third|fourth|last|1st|2nd|3rd|4th)\\s+(${EN_WEEKDAY_SRC})\\s+(?:of|in)\\s+(?:the\\s+)?(month|next\\s+month|${EN_MONTH_SRC})\\b`, "gi"),
    directional: true,
    resolve: (m, c) => {
      const nth = { first: 1, "1st": 1, second: 2, "2nd": 2, third: 3, "3rd": 3, fourth: 4, "4th": 4, last: -1 }[m[1]!.toLowerCase()]!;
      const wd = EN_WD[m[2]!.slice(0, 3).toLowerCase()]!;
      const which = m[3]!.toLowerCase();
      const [ty, tm] = parts(c.today);
      let y = ty, mo = which === "month" ? tm : which.startsWith("next") ? tm + 1 : MONTHS[which.slice(0, 3)]!;
      if (mo > 12) { mo -= 12; y++; }
      if (!/month/.test(which) && c.dir === "future" && mo < tm) y++;
      const first = ymd(y, mo, 1);
      if (nth > 0) return { date: addDays(first, ((wd - weekday(first) + 7) % 7) + 7 * (nth - 1)) };
      const last = ymd(y, mo, daysIn(y, mo));
      return { date: addDays(last, -((weekday(last) - wd + 7) % 7)) };
    },
  },
  {
    // 上旬 / 中旬 / 下旬, of a month written or this one: the 1st, the 15th (like "mid-April"), the 21st.
    re: new RegExp(`(?:(上个?|下个?|这个?|本)月|(\\d{1,2}|${CN_N})\\s*月(?:份)?)?(上旬|中旬|下旬)`, "g"),
    directional: true,
    resolve: (m, c) => {
      const day = m[3] === "上旬" ? 1 : m[3] === "中旬" ? 15 : 21;
      if (m[2]) {
        const mo = parseCount(m[2]);
        return mo === null ? null : monthDay(c, mo, day, m[0]);
      }
      return { date: addMonths(c.today, m[1] ? cnMonthOffset(m[1]) : 0, day) };
    },
  },
  {
    // Holidays with a fixed date, and the lunar ones for the years people plan in (2025–2030). "X后" is the first
    // working day after the break (国庆节后 → 10月8日), "X前" / "before X" the holiday itself (a deadline).
    re: /\b(christmas(?:\s+eve)?|xmas|new\s+year'?s?(?:\s+(?:day|eve))?|valentine'?s?(?:\s+day)?|halloween|thanksgiving)\b|(元旦|春节|过年|国庆节?|十一长假|劳动节|五一|中秋节?|端午节?|圣诞节?|情人节|元宵节?)(节?后|之后|以后)?/gi,
    directional: true,
    resolve: (m, c) => {
      const [ty] = parts(c.today);
      const w = (m[1] ?? m[2]!).toLowerCase().replace(/\s+/g, " ");
      const after = !!m[3];
      const pick = (dates: (string | undefined)[]) => {
        const ok = dates.filter((d): d is string => !!d);
        if (c.dir === "past" && c.sure) return ok.filter((d) => d <= c.today).at(-1) ?? null;
        return ok.find((d) => d >= c.today) ?? null;
      };
      const fixed = (mo: number, d: number, gapAfter = 1) => pick([ty - 1, ty, ty + 1].map((y) => addDays(ymd(y, mo, d), after ? gapAfter : 0)));
      if (/^(christmas eve)/.test(w)) return wrap(fixed(12, 24));
      if (/^(christmas|xmas|圣诞)/.test(w)) return wrap(fixed(12, 25));
      if (/new year'?s? eve/.test(w)) return wrap(fixed(12, 31));
      if (/^(new year|元旦)/.test(w)) return wrap(fixed(1, 1));
      if (/^(valentine|情人节)/.test(w)) return wrap(fixed(2, 14));
      if (w === "halloween") return wrap(fixed(10, 31));
      if (/^(国庆|十一长假)/.test(w)) return wrap(fixed(10, 1, 7));
      if (/^(劳动节|五一)/.test(w)) return wrap(fixed(5, 1, 5));
      if (w === "thanksgiving") {
        return wrap(pick([ty - 1, ty, ty + 1].map((y) => { const f = ymd(y, 11, 1); return addDays(f, ((4 - weekday(f) + 7) % 7) + 21); })));
      }
      const lunar = /^(春节|过年)/.test(w) ? SPRING : /^中秋/.test(w) ? MID_AUTUMN : /^端午/.test(w) ? DRAGON_BOAT : /^元宵/.test(w) ? LANTERN : null;
      if (!lunar) return null;
      return wrap(pick(lunar.map((d) => addDays(d, after ? (lunar === SPRING ? 7 : 1) : 0))));
    },
  },
  {
    re: /\b(?:(?:the\s+)?(end|beginning|start|middle)\s+of\s+(?:the\s+)?(this|next|last)?\s*month|(early|mid|late)[\s-](this|next|last)?\s*month|(eom))\b/gi,
    resolve: (m, c) => {
      const which = (m[1] ?? m[3] ?? (m[5] ? "end" : "")).toLowerCase();
      const rel = (m[2] ?? m[4] ?? "this").toLowerCase();
      const off = rel === "next" ? 1 : rel === "last" ? -1 : 0;
      if (which === "end" || which === "late") return { date: addMonths(c.today, off, "last") };
      if (which === "middle" || which === "mid") return { date: addMonths(c.today, off, 15) };
      return { date: addMonths(c.today, off, 1) };
    },
  },
  {
    re: new RegExp(`\\b(?:(?:the\\s+)?(end|beginning|start|middle)\\s+of|(early|mid|late)[\\s-])\\s*(${EN_MONTH_SRC})\\b`, "gi"),
    directional: true,
    resolve: (m, c) => {
      const which = (m[1] ?? m[2]!).toLowerCase();
      const mo = MONTHS[m[3]!.slice(0, 3).toLowerCase()]!;
      const y = parts(c.today)[0];
      const d = which === "end" || which === "late" ? daysIn(y, mo) : which === "middle" || which === "mid" ? 15 : 1;
      return monthDay(c, mo, d, m[0]);
    },
  },
  {
    re: /\b(next|last|this)\s+month\b/gi,
    resolve: (m, c) => {
      const p = m[1]!.toLowerCase();
      return { date: p === "this" ? c.today : addMonths(c.today, p === "next" ? 1 : -1, 1) };
    },
  },
  {
    // "end of the quarter", "quarter end", "eoq": the last day of this quarter.
    re: /\b(?:(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?quarter|quarter[\s-]end|eoq)\b/gi,
    resolve: (_m, c) => {
      const [y, m] = parts(c.today);
      const q = Math.floor((m - 1) / 3);
      return { date: ymd(y, q * 3 + 3, daysIn(y, q * 3 + 3)) };
    },
  },
  {
    re: /\b(?:the\s+)?(?:beginning|start)\s+of\s+(next|this)\s+year\b/gi,
    resolve: (m, c) => ({ date: `${parts(c.today)[0] + (m[1]!.toLowerCase() === "next" ? 1 : 0)}-01-01` }),
  },
  {
    re: /\b(?:(?:the\s+)?end\s+of\s+(?:the\s+)?year|eoy|year[\s-]end)\b/gi,
    resolve: (m, c) => ({ date: `${parts(c.today)[0]}-12-31` }),
  },
  {
    // 月底 / 月初 / 月中, with an optional 上/下/这/本 (个) 月 before.
    re: /(上个?|下个?|这个?|本)?月(底|末|尾|初|中)/g,
    resolve: (m, c) => {
      const off = m[1] ? cnMonthOffset(m[1]) : 0;
      const which = m[2]!;
      if (which === "初") {
        // "月初" on its own in the last part of a month means the start of the next one.
        const bare = !m[1];
        const [, , d] = parts(c.today);
        return { date: addMonths(c.today, bare && d > 10 ? 1 : off, 1) };
      }
      if (which === "中") return { date: addMonths(c.today, off, 15) };
      return { date: addMonths(c.today, off, "last") };
    },
  },
  {
    re: /(上上个?|下下个?|上个?|下个?|这个?|本)月(?![底末尾初中\d份])/g,
    resolve: (m, c) => {
      const off = cnMonthOffset(m[1]!);
      return { date: off === 0 ? c.today : addMonths(c.today, off, 1) };
    },
  },
  {
    re: /(年底|年末|年初|明年初|明年底|去年底)/g,
    resolve: (m, c) => {
      const y = parts(c.today)[0];
      const w = m[1]!;
      const yy = w.startsWith("明") ? y + 1 : w.startsWith("去") ? y - 1 : y;
      return { date: w.endsWith("初") ? `${yy}-01-01` : `${yy}-12-31` };
    },
  },
  // ---- counted offsets ----
  {
    re: new RegExp(`\\bin\\s+(${EN_COUNT_SRC})\\s+(days?|weeks?|months?|years?|fortnights?)\\b|\\bin\\s+a\\s+(fortnight)\\b`, "gi"),
    // "haven't been contacted in 60 days" is a span back, not a date ahead.
    reject: (before) => SPAN_BACK.test(before) && !IF_NONE.test(before),
    resolve: (m, c) => {
      if (m[3]) return { date: addDays(c.today, 14) };
      const n = parseCount(m[1]!);
      return n === null ? null : shift(c, n, m[2]!, 1);
    },
  },
  {
    re: new RegExp(`\\b(${EN_COUNT_SRC})\\s+(days?|weeks?|months?|years?)\\s+(ago|from\\s+now|from\\s+today|later|out|before|back)\\b`, "gi"),
    resolve: (m, c) => {
      const n = parseCount(m[1]!);
      const w = m[3]!.toLowerCase();
      return n === null ? null : shift(c, n, m[2]!, w === "ago" || w === "before" || w === "back" ? -1 : 1);
    },
  },
  {
    re: /\bin\s+half\s+a\s+(month|year)\b/gi,
    resolve: (m, c) => shift(c, 0.5, m[1]!, 1),
  },
  {
    // 三天后 / 两周后 / 一个月以后 / 半个月后 / 10天之后 / 两个星期后 / 过两天 / 三天前.
    re: new RegExp(`(过\\s*)?(${NUM}|半|几)\\s*个?\\s*(天|日|周|星期|礼拜|月|年)\\s*(之后|以后|后|之前|以前|前|内|之内|以内)?`, "g"),
    resolve: (m, c) => {
      const after = m[4];
      if (!after && !m[1]) return null; // "三天" alone is a duration, not a date
      const raw = m[2]!;
      if (raw === "几") return null; // "几天后" is too vague to record
      const n = raw === "半" ? 0.5 : parseCount(raw);
      if (n === null) return null;
      if (m[3] === "日" && !after) return null;
      if (m[3] === "月" && !m[0].includes("个") && raw !== "半") return null; // "3月前" is "before March"
      const back = !!after && after.includes("前");
      return shift(c, n, m[3]!, back ? -1 : 1);
    },
  },
];

// ---- clock times (attached to a neighbouring date; alone they mean today) ----

const EN_TIME = /\b(?:at\s+|@\s*|around\s+|by\s+)?(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)|\b(?:at\s+|@\s*|around\s+)(\d{1,2}):(\d{2})\b|\b(noon|midday)\b/gi;
const ZH_TIME = new RegExp(`(早上|上午|中午|下午|傍晚|晚上)?\\s*(?<![之第\\d.])(\\d{1,2}|[${CN_NUM_CLASS}]{1,3})\\s*(?:点|點|时|:|：)\\s*(半|一刻|三刻|\\d{1,2}|[${CN_NUM_CLASS}]{1,3})?\\s*分?`, "g");
const BARE_TIME = /(?<![\d:.\/])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])/g;

interface TimeHit { index: number; end: number; time: string }

function findTimes(text: string): TimeHit[] {
  const out: TimeHit[] = [];
  for (const m of text.matchAll(EN_TIME)) {
    let h: number, min = 0;
    if (m[7]) h = 12;
    else if (m[1]) {
      h = Number(m[1]); min = m[2] ? Number(m[2]) : 0;
      const pm = m[3]!.toLowerCase().startsWith("p");
      if (h > 12) continue;
      if (pm && h < 12) h += 12;
      if (!pm && h === 12) h = 0;
    } else { h = Number(m[4]); min = Number(m[5]); }
    if (h > 23 || min > 59) continue;
    out.push({ index: m.index!, end: m.index! + m[0].length, time: `${pad(h)}:${pad(min)}` });
  }
  for (const m of text.matchAll(ZH_TIME)) {
    let h = parseCount(m[2]!);
    if (h === null || h > 24) continue;
    const part = m[1];
    const sep = m[0].includes("点") || m[0].includes("點") || m[0].includes("时");
    if (!sep && !m[3]) continue;
    // "便宜一点", "两点意见", "三点五": a Chinese numeral with 点 is a time only with a part of day or minutes.
    if (!part && !/\d/.test(m[2]!) && !m[3]) continue;
    if (!part && !/\d/.test(m[2]!) && m[3] && !/[半刻分]/.test(m[0])) continue;
    let min = 0;
    if (m[3] === "半") min = 30;
    else if (m[3] === "一刻") min = 15;
    else if (m[3] === "三刻") min = 45;
    else if (m[3]) { const v = parseCount(m[3]); if (v === null || v > 59) continue; min = v; }
    if (part && /下午|傍晚|晚上/.test(part) && h < 12) h += 12;
    if (part === "中午" && h < 6) h += 12;
    if (h === 24) h = 0;
    out.push({ index: m.index!, end: m.index! + m[0].length, time: `${pad(h)}:${pad(min)}` });
  }
  for (const m of text.matchAll(BARE_TIME)) {
    out.push({ index: m.index!, end: m.index! + m[0].length, time: `${pad(Number(m[1]))}:${m[2]}` });
  }
  return out;
}

// ---- direction from the clause ----

// Words that make an open date point ahead ("follow up Friday", "周四给…对账" after "提醒我").
const FUTURE_CUE = /\b(follow(?:ing)?[\s-]?up|remind(?:er)?|ping|check\s+(?:back|in)|circle\s+back|get\s+back|call\s+(?:them|him|her)\s+back|due|deadline|schedule|plan(?:ned|ning)?|will|going\s+to|gonna|need\s+to|should|upcoming|expect(?:ed|s)?|send|set\s+up|book|arrange|todo|to-do|let'?s|wants?\s+to)\b|'ll\b|\bf\/u\b|\b(?:ring|chase|nudge)\b|提醒|跟进|再联系|再打|再约|再去|再谈|再[催发问确看聊跟沟报提寄送拜试]|截止|之前|到期|计划|安排|准备|打算|要|推迟到|延到|延期到|改到|约好|约在|待办|记得|别忘/i;
// "by Friday", "before March 10", "due on the 10th".
const DEADLINE_BEFORE = /(?<!\b(?:stop(?:ped)?|drop(?:ped)?|came|come|swung|swing|went|go|pass(?:ed)?|popp?(?:ed)?)\s)\b(by|before|until|till|due|no\s+later\s+than)\s+(?:on\s+|the\s+)?$/i;
const CLAUSE_BREAK = /[.!?;。！？；\n，、,]/;

/** The clause holding a mention: up to the nearest sentence or clause break each side (bounded, so O(1)). */
function clauseAround(text: string, index: number, end: number): string {
  let s = index;
  while (s > 0 && index - s < 160 && !CLAUSE_BREAK.test(text[s - 1]!)) s--;
  let e = end;
  while (e < text.length && e - end < 160 && !CLAUSE_BREAK.test(text[e]!)) e++;
  return text.slice(s, index) + " " + text.slice(end, e);
}

/** "future" when the clause around a mention asks for something ahead, else "past" (unsure). */
function autoDirection(text: string, index: number, end: number): { dir: Direction; sure: boolean } {
  if (DEADLINE_BEFORE.test(text.slice(Math.max(0, index - 24), index))) return { dir: "future", sure: true };
  if (FUTURE_CUE.test(clauseAround(text, index, end))) return { dir: "future", sure: true };
  return { dir: "past", sure: false };
}

// ---- chrono fallback ----

/** chrono-node reads a reference Date in the process's zone; a Date whose local fields are the user's wall clock
 * makes both its English and Chinese parsers (the zh one ignores `timezone`) answer in the user's calendar. */
function wallClockRef(now: Date, tz: string): Date {
  const w = wallClock(now, tz);
  return new Date(w.year, w.month - 1, w.day, w.hour, w.minute);
}

const CHRONO_MAX = 4000; // chrono is the slow part; long pastes get our own rules only beyond this.
const HAN = /[\u3400-\u9fff]/;

function chronoHits(text: string, ref: Date, dir: Direction | "auto"): { index: number; end: number; date?: string; time?: string; matched: string }[] {
  const src = text.length > CHRONO_MAX ? text.slice(0, CHRONO_MAX) : text;
  const out: { index: number; end: number; date?: string; time?: string; matched: string }[] = [];
  const parsers = HAN.test(src) ? [chrono.zh, chrono.en] : [chrono.en];
  for (const p of parsers) {
    let results: chrono.ParsedResult[];
    try {
      results = p.parse(src, ref, { forwardDate: dir === "future" });
    } catch {
      continue;
    }
    for (const r of results) {
      const s = r.start;
      const date = s.isCertain("day") || s.isCertain("weekday") || /today|tomorrow|yesterday|tonight|[今明昨]/i.test(r.text)
        ? ymd(s.get("year")!, s.get("month")!, s.get("day")!) : undefined;
      const time = s.isCertain("hour") ? `${pad(s.get("hour")!)}:${pad(s.get("minute") ?? 0)}` : undefined;
      out.push({ index: r.index, end: r.index + r.text.length, date, time, matched: r.text });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

interface Cand { index: number; end: number; matched: string; res: Resolved; dir: Direction; time?: string }

/**
 * Every date mention in `text`, in order of position, each resolved in the user's zone — so a caller can tell
 * "met yesterday … follow up next Wednesday" apart. Impossible dates come back as { invalid }.
 */
export function findDates(text: string, opts: WhenOptions): Found[] {
  if (!text) return [];
  const today = localDate(opts.now, opts.timezone);
  const mode = opts.direction ?? "auto";
  const cands: Cand[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (const m of text.matchAll(rule.re)) {
      if (!m[0].trim()) continue;
      const index = m.index!, end = index + m[0].length;
      if (rule.reject?.(text.slice(Math.max(0, index - 40), index))) continue;
      const { dir, sure } = mode !== "auto" ? { dir: mode, sure: true } : autoDirection(text, index, end);
      const res = rule.resolve(m as unknown as RegExpExecArray, { today, dir, sure });
      if (res) cands.push({ index, end, matched: m[0].trim(), res, dir });
    }
  }
  // Longest match wins; then earliest.
  cands.sort((a, b) => b.end - b.index - (a.end - a.index) || a.index - b.index);
  const taken: Cand[] = [];
  const overlaps = (i: number, e: number) => taken.some((t) => i < t.end && e > t.index);
  for (const c of cands) if (!overlaps(c.index, c.end)) taken.push(c);

  // Clock times: attach to the date they touch ("tomorrow at 3pm", "明天下午3点"), else a lone time is today.
  const times = findTimes(text).sort((a, b) => b.end - b.index - (a.end - a.index));
  const usedTime: TimeHit[] = [];
  for (const t of times) {
    if (usedTime.some((u) => t.index < u.end && t.end > u.index)) continue;
    const near = taken.find((c) => "date" in (c.res ?? {}) && (
      (t.index >= c.end && /^[\s,，的at@]{0,4}$/i.test(text.slice(c.end, t.index))) ||
      (t.end <= c.index && /^[\s,，on]{0,4}$/i.test(text.slice(t.end, c.index))) ||
      (t.index < c.end && t.end > c.index)));
    if (near) {
      near.time ??= t.time;
      near.index = Math.min(near.index, t.index);
      near.end = Math.max(near.end, t.end);
      near.matched = text.slice(near.index, near.end).trim();
      usedTime.push(t);
    } else if (!overlaps(t.index, t.end)) {
      taken.push({ index: t.index, end: t.end, matched: text.slice(t.index, t.end).trim(), res: { date: today }, dir: "past", time: t.time });
      usedTime.push(t);
    }
  }

  // chrono for what is left (and nothing it says overrides our rules).
  if (/\d|[a-z]{3}|[今明昨后前周月日号点]/i.test(text)) {
    const ref = wallClockRef(opts.now, opts.timezone);
    for (const h of chronoHits(text, ref, mode)) {
      if (!h.date || overlaps(h.index, h.end)) continue;
      const before = text.slice(Math.max(0, h.index - 40), h.index);
      if (/^\d/.test(h.matched) && SCORE_CONTEXT.test(before)) continue;
      if (/^[\d\s\/.-]+$/.test(h.matched)) continue; // numeric forms are ours; a rejected "24/7" stays rejected
      if (/^in\s/i.test(h.matched) && SPAN_BACK.test(before)) continue;
      const dir: Direction = mode !== "auto" ? mode : autoDirection(text, h.index, h.end).dir;
      taken.push({ index: h.index, end: h.end, matched: h.matched.trim(), res: { date: h.date }, dir, time: h.time });
    }
  }

  taken.sort((a, b) => a.index - b.index);
  return taken.map((c): Found => "invalid" in c.res!
    ? { invalid: c.res.invalid, matched: c.matched, index: c.index, end: c.end }
    : { date: c.res!.date, ...(c.time ? { time: c.time } : {}), matched: c.matched, index: c.index, end: c.end, direction: c.dir });
}
