// Dates, deadlines and periods in chat messages, English and Chinese, in the user's time zone — each with its span
// so the caller can replace it with `@date` / `@period`.
//   recogniseDates    every date (and clock time) agent/rules/dates.ts reads — relative dates, weekdays with their
//                     direction, 上周五, 两周后, 月底, "next Tues", "thurs", "the 20th", "eod", "eow" — each flagged as a
//                     deadline when the message sets one ("by fri", "周五前", "下周一之前", "no later than the 20th").
//   recognisePeriods  the spans of time questions ask about: "April", "7月份", "Q2", "本季度", "上季度", "last month",
//                     "this year", "since March 1", "3月到5月", "past 30 days", "上半年" — as [from, to) local dates
//                     and the instants they start and end at in the user's zone.
// Both are pure and bounded (linear regexes; chrono-node runs on the first 4,000 characters only, in dates.ts).
import { addDays, localDate, zonedInstant } from "../../domain/time.ts";
import { findDates, type Direction } from "../rules/dates.ts";
import { CN_NUM_CLASS, EN_COUNT_SRC, parseCount } from "../rules/numerals.ts";

export interface DateOptions {
  now: Date;
  /** IANA zone of the user. */
  timezone: string;
  /** Which way open references point ("Friday", "March 10"); "auto" reads the clause (see dates.ts). */
  direction?: Direction | "auto";
}

export interface DateEntity {
  /** YYYY-MM-DD in the user's zone. */
  date: string;
  /** HH:MM when a clock time was written. */
  time?: string;
  /** The message sets this as a limit ("by Friday", "周五前"), not the day something happens. */
  deadline: boolean;
  direction: Direction;
  start: number;
  end: number;
  text: string;
}

export interface InvalidDateEntity {
  /** The impossible date as written ("February 30"), for "February 30 is not a valid date". */
  invalid: string;
  start: number;
  end: number;
  text: string;
}

export function isInvalidDate(d: DateEntity | InvalidDateEntity): d is InvalidDateEntity {
  return "invalid" in d;
}

// "by Friday", "before the 20th", "due Tues", "no later than", "截止周五", "最晚下周一", "不晚于3月10日".
const DEADLINE_BEFORE = /(?:\b(?:by|before|until|till|til|due(?:\s+on)?|no\s+later\s+than|deadline(?:\s+is)?|latest)\s+(?:on\s+|the\s+)?|(?:截止|截至|最晚|最迟|不晚于|务必在|必须在|限)(?:到|于|在)?\s*)$/i;
// "周五前", "下周一之前", "月底以前", "3月10日前" (a date followed by 前 is a limit, not a date in the past).
const DEADLINE_AFTER = /^\s*(?:之前|以前|前(?![天年])|为止|截止)/;
// A time-of-day word alone is a date only when nothing else in the message is.
const DEADLINE_WORDS = /^(?:eod|eow|eom|end\s+of\s+(?:the\s+)?(?:day|week|month))$/i;

/** Every date in `text`, in order, with its span and whether it is a deadline. */
export function recogniseDates(text: string, opts: DateOptions): (DateEntity | InvalidDateEntity)[] {
  const found = findDates(text, { now: opts.now, timezone: opts.timezone, direction: opts.direction ?? "auto" });
  // A limit points ahead: "周五前" is the coming Friday even where the clause gave no other sign of the future.
  let ahead: ReturnType<typeof findDates> | undefined;
  const forward = (index: number) => (ahead ??= findDates(text, { now: opts.now, timezone: opts.timezone, direction: "future" })).find((x) => x.index === index);
  return found.map((f) => {
    const start = f.index, end = f.end;
    const written = text.slice(start, end);
    if ("invalid" in f) return { invalid: f.invalid, start, end, text: written };
    const deadline = DEADLINE_BEFORE.test(text.slice(Math.max(0, start - 24), start))
      || DEADLINE_AFTER.test(text.slice(end, end + 4))
      || DEADLINE_WORDS.test(written.trim().replace(/^by\s+/i, ""));
    if (deadline && f.direction === "past" && (opts.direction ?? "auto") === "auto") {
      const g = forward(start);
      if (g && !("invalid" in g)) return { date: g.date, ...(g.time ? { time: g.time } : {}), deadline, direction: "future" as const, start, end, text: written };
    }
    return { date: f.date, ...(f.time ? { time: f.time } : {}), deadline, direction: f.direction, start, end, text: written };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Periods

export type PeriodGrain = "day" | "week" | "month" | "quarter" | "half" | "year" | "range" | "since";

export interface PeriodEntity {
  /** First local day, YYYY-MM-DD, inclusive. */
  from: string;
  /** Local day after the last, YYYY-MM-DD, exclusive. */
  to: string;
  /** `from` and `to` as instants: midnight in the user's zone. */
  fromInstant: Date;
  toInstant: Date;
  grain: PeriodGrain;
  start: number;
  end: number;
  text: string;
}

export interface PeriodOptions {
  now: Date;
  timezone: string;
  /**
   * A month or quarter without a year: "past" → the latest one that has begun ("total in April" asked in March →
   * last April), "future" → the next one not yet over ("deals closing in April"), "current" (default) → this year's.
   */
  direction?: "past" | "future" | "current";
}

const pad = (n: number) => String(n).padStart(2, "0");
const ymd = (y: number, m: number, d = 1) => {
  const t = new Date(Date.UTC(y, m - 1, d));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
};
const EN_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const EN_MONTH_SRC = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
const CN_N = `\\d{1,2}|[${CN_NUM_CLASS}]{1,3}`;
const monthOf = (s: string) => EN_MONTHS.indexOf(s.slice(0, 3).toLowerCase()) + 1;
const yearOf = (y: string | undefined, today: string): number | undefined => {
  if (!y) return undefined;
  const n = Number(y);
  return y.length === 2 ? 2000 + n : n;
};

interface PCtx { today: string; y: number; m: number; d: number; dir: "past" | "future" | "current" }
type Span = { from: string; to: string; grain: PeriodGrain };

/** A run of months [m, m+len) with no year written, placed by the direction. */
function monthsNoYear(c: PCtx, m: number, len: number, grain: PeriodGrain, year?: number): Span {
  let y = year ?? c.y;
  if (year === undefined) {
    const startAt = ymd(c.y, m), endAt = ymd(c.y, m + len);
    if (c.dir === "past" && startAt > c.today) y = c.y - 1;
    if (c.dir === "future" && endAt <= c.today) y = c.y + 1;
  }
  return { from: ymd(y, m), to: ymd(y, m + len), grain };
}

const quarterStart = (q: number) => (q - 1) * 3 + 1;
const relOffset = (w: string): number => {
  const s = w.toLowerCase();
  if (/^(last|previous|past|上上|去|前)/.test(s)) return s.startsWith("上上") || s.startsWith("前") ? -2 : -1;
  if (/^(next|下下|明|后)/.test(s)) return s.startsWith("下下") || s.startsWith("后") ? 2 : 1;
  if (/^(上)/.test(s)) return -1;
  if (/^(下)/.test(s)) return 1;
  return 0;
};
const mondayOf = (date: string) => {
  const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((wd + 6) % 7));
};
const CN_QUARTER: Record<string, number> = { 一: 1, 1: 1, 二: 2, 2: 2, 三: 3, 3: 3, 四: 4, 4: 4 };

interface PRule { re: RegExp; resolve(m: RegExpExecArray, c: PCtx): Span | null }

const PERIOD_RULES: PRule[] = [
  // ---- ranges and "since" (longest; they contain the shorter forms) ----
  {
    // "between March and May", "from March to May", "March to May", "March-May", "Mar through Jun 2026".
    re: new RegExp(`\\b(?:between\\s+|from\\s+)?(${EN_MONTH_SRC})\\s*(?:-|–|to|through|thru|until|and)\\s*(${EN_MONTH_SRC})\\b(?:,?\\s*(\\d{4}))?`, "gi"),
    resolve: (m, c) => {
      const a = monthOf(m[1]!), b = monthOf(m[2]!);
      if (b < a) return null;
      return monthsNoYear(c, a, b - a + 1, "range", yearOf(m[3], c.today));
    },
  },
  {
    // 3月到5月, 3月至5月, 3-5月, 三月到五月, 今年3月到5月
    re: new RegExp(`(今年|去年|明年|\\d{4}年)?(${CN_N})\\s*月(?:份)?\\s*(?:到|至|~|-|—|–)\\s*(${CN_N})\\s*月(?:份)?(?![\\d${CN_NUM_CLASS}]{0,2}\\s*[日号])|(今年|去年|明年|\\d{4}年)?(\\d{1,2})\\s*[-~至到]\\s*(\\d{1,2})\\s*月(?:份)?(?!\\s*\\d{0,2}\\s*[日号])`, "g"),
    resolve: (m, c) => {
      const yw = m[1] ?? m[4];
      const a = parseCount(m[2] ?? m[5]!), b = parseCount(m[3] ?? m[6]!);
      if (a === null || b === null || a < 1 || b > 12 || b < a) return null;
      return monthsNoYear(c, a, b - a + 1, "range", cnYear(yw, c));
    },
  },
  {
    // "since March 1", "since last Monday", "from March 1", "3月1日以来", "自3月1日起", "从3月1号到现在": open to today.
    re: new RegExp(`\\b(?:since|from)\\s+((?:${EN_MONTH_SRC})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s*\\d{4})?|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${EN_MONTH_SRC})|\\d{4}-\\d{2}-\\d{2}|(?:last|this)\\s+(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|(?:${EN_MONTH_SRC}))\\b(?!\\s+(?:to|through|until|-)\\s)|(?:自|从)?((?:\\d{4}年)?(?:${CN_N})\\s*月\\s*(?:${CN_N})\\s*[日号]|(?:${CN_N})\\s*月(?:份)?|上周[一二三四五六日天]|年初|月初)\\s*(?:以来|起|开始|至今|到现在|到今天)`, "gi"),
    resolve: () => null, // resolved in recognisePeriods (needs the date reader)
  },
  // ---- quarters and halves ----
  {
    re: /\b(?:(\d{4})\s*)?q([1-4])\b(?:\s*(?:of\s+)?(?:'|fy)?(\d{4}|\d{2})\b)?|\b(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\b(?:\s+(?:of\s+)?(\d{4}))?/gi,
    resolve: (m, c) => {
      const q = m[2] ? Number(m[2]) : ["first", "1st"].includes(m[4]!.toLowerCase()) ? 1 : ["second", "2nd"].includes(m[4]!.toLowerCase()) ? 2 : ["third", "3rd"].includes(m[4]!.toLowerCase()) ? 3 : 4;
      return monthsNoYear(c, quarterStart(q), 3, "quarter", yearOf(m[1] ?? m[3] ?? m[5], c.today));
    },
  },
  {
    re: /\b(this|last|next|previous|past|current)\s+quarter\b/gi,
    resolve: (m, c) => {
      const q = Math.floor((c.m - 1) / 3) + relOffset(m[1]!);
      return { from: ymd(c.y, q * 3 + 1), to: ymd(c.y, q * 3 + 4), grain: "quarter" };
    },
  },
  {
    re: /(本|这个?|上个?|下个?|上上个?)季度/g,
    resolve: (m, c) => {
      const q = Math.floor((c.m - 1) / 3) + relOffset(m[1]!);
      return { from: ymd(c.y, q * 3 + 1), to: ymd(c.y, q * 3 + 4), grain: "quarter" };
    },
  },
  {
    // 第二季度, 二季度, Q2季度, 今年第一季度, 去年四季度
    re: /(今年|去年|明年|\d{4}年)?(?:第)?([一二三四1-4])季度/g,
    resolve: (m, c) => monthsNoYear(c, quarterStart(CN_QUARTER[m[2]!]!), 3, "quarter", cnYear(m[1], c)),
  },
  {
    re: /\b(?:(first|second)\s+half|(h[12]))\b(?:\s+(?:of\s+)?(\d{4}))?|(今年|去年|明年|\d{4}年)?(上|下)半年/gi,
    resolve: (m, c) => {
      const h = m[1] ? (m[1].toLowerCase() === "first" ? 1 : 2) : m[2] ? Number(m[2][1]) : m[5] === "上" ? 1 : 2;
      const y = m[3] ? Number(m[3]) : cnYear(m[4], c);
      return monthsNoYear(c, h === 1 ? 1 : 7, 6, "half", y);
    },
  },
  // ---- years ----
  {
    re: /\b(this|last|next|previous|current)\s+year\b|\b(?:ytd|year[\s-]to[\s-]date)\b|(今年|去年|明年|前年|本年度?)(?:以来|至今)?(?![\d一二三四五六七八九十上下第]{0,3}(?:月|季|半年))/gi,
    resolve: (m, c) => {
      const w = (m[1] ?? m[2] ?? "this").toLowerCase();
      if (/ytd|year/.test(m[0].toLowerCase()) && !m[1]) return { from: ymd(c.y, 1), to: addDays(c.today, 1), grain: "since" };
      const off = w === "本年" || w === "本年度" ? 0 : relOffset(w);
      if (/以来|至今/.test(m[0])) return { from: ymd(c.y + off, 1), to: addDays(c.today, 1), grain: "since" };
      return { from: ymd(c.y + off, 1), to: ymd(c.y + off + 1, 1), grain: "year" };
    },
  },
  {
    re: /\b(?:in|for|during|of)\s+(20\d{2})\b|(20\d{2})\s*年(?!\s*\d{1,2}\s*月|[一二三四五六七八九十]{1,2}月|第|上半|下半)/gi,
    resolve: (m) => {
      const y = Number(m[1] ?? m[2]);
      return { from: ymd(y, 1), to: ymd(y + 1, 1), grain: "year" };
    },
  },
  // ---- months ----
  {
    re: /\b(this|last|next|previous|past|current)\s+month\b|(本|这个?|上个?|下个?|上上个?)月(?:份)?(?![底末尾初中\d一二三四五六七八九十号日])/gi,
    resolve: (m, c) => {
      const off = relOffset(m[1] ?? m[2]!);
      return { from: ymd(c.y, c.m + off), to: ymd(c.y, c.m + off + 1), grain: "month" };
    },
  },
  {
    // "April", "in April", "April 2025", "Apr '25". Not "April 10" (a date) and not May the verb ("may", lower case).
    re: new RegExp(`\\b(${EN_MONTH_SRC})\\b\\.?(?!\\s*\\d{1,2}(?:st|nd|rd|th)?\\b(?!\\d))(?:,?\\s*'?(\\d{4}|\\d{2}(?!\\d)))?`, "gi"),
    resolve: (m, c) => {
      if (/^may$/.test(m[1]!) || /^(mar|march|jan|sat|sun)$/i.test(m[1]!) && m[1] === m[1]!.toLowerCase()) return null;
      return monthsNoYear(c, monthOf(m[1]!), 1, "month", yearOf(m[2], c.today));
    },
  },
  {
    // 7月份, 7月, 七月, 今年7月, 去年12月, 2025年3月 — not 7月10日 (a date), 3个月 (a duration).
    re: new RegExp(`(今年|去年|明年|\\d{4}\\s*年)?(?<![\\d${CN_NUM_CLASS}个])(${CN_N})\\s*月(份)?(?!\\s*(?:${CN_N})\\s*[日号])(?![底末尾初中])`, "g"),
    resolve: (m, c) => {
      const mo = parseCount(m[2]!);
      if (mo === null || mo < 1 || mo > 12) return null;
      return monthsNoYear(c, mo, 1, "month", cnYear(m[1], c));
    },
  },
  // ---- weeks and counted spans back ----
  {
    re: /\b(this|last|next|previous|past|current)\s+week\b|(本|这个?|上个?|下个?|上上个?)(?:周|星期|礼拜)(?![一二三四五六日天1-7末])/gi,
    resolve: (m, c) => {
      const mon = addDays(mondayOf(c.today), 7 * relOffset(m[1] ?? m[2]!));
      return { from: mon, to: addDays(mon, 7), grain: "week" };
    },
  },
  {
    // "past 30 days", "last 2 weeks", "the last three months", "最近30天", "近三个月", "过去两周", "最近一周".
    re: new RegExp(`\\b(?:in\\s+)?(?:the\\s+)?(?:past|last|previous)\\s+(${EN_COUNT_SRC})\\s+(days?|weeks?|months?|years?)\\b|(?:最近|近|过去|前)\\s*(\\d{1,3}|[${CN_NUM_CLASS}]{1,3}|半)\\s*(?:个)?\\s*(天|日|周|星期|礼拜|月|年)(?:内|以来)?`, "gi"),
    resolve: (m, c) => {
      const raw = m[1] ?? m[3]!;
      const n = raw === "半" ? 0.5 : parseCount(raw);
      if (n === null || n <= 0 || n > 1000) return null;
      const unit = (m[2] ?? m[4]!).toLowerCase();
      const end = addDays(c.today, 1);
      let from: string;
      if (/^(day|天|日)/.test(unit)) from = addDays(end, -Math.round(n));
      else if (/^(week|周|星期|礼拜)/.test(unit)) from = addDays(end, -Math.round(n * 7));
      else if (/^(month|月)/.test(unit)) from = n === 0.5 ? addDays(end, -15) : shiftMonths(end, -Math.round(n));
      else from = shiftMonths(end, -Math.round(n * 12));
      return { from, to: end, grain: "range" };
    },
  },
];

function cnYear(w: string | undefined, c: PCtx): number | undefined {
  if (!w) return undefined;
  if (w.startsWith("今")) return c.y;
  if (w.startsWith("去")) return c.y - 1;
  if (w.startsWith("明")) return c.y + 1;
  const n = /\d{4}/.exec(w);
  return n ? Number(n[0]) : undefined;
}

function shiftMonths(date: string, n: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1 + n, 1));
  const max = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
  return ymd(t.getUTCFullYear(), t.getUTCMonth() + 1, Math.min(d, max));
}

const SINCE_RULE = PERIOD_RULES[2]!;

/** Every period `text` asks about, in order, with its span: [from, to) local days and instants in the user's zone. */
export function recognisePeriods(text: string, opts: PeriodOptions): PeriodEntity[] {
  if (!text) return [];
  const src = text.length > 4000 ? text.slice(0, 4000) : text;
  const today = localDate(opts.now, opts.timezone);
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const c: PCtx = { today, y, m, d, dir: opts.direction ?? "current" };
  const cands: { start: number; end: number; span: Span }[] = [];
  for (const rule of PERIOD_RULES) {
    for (const mm of src.matchAll(rule.re)) {
      const match = mm as unknown as RegExpExecArray;
      let span: Span | null;
      if (rule === SINCE_RULE) {
        // The start is a date the date reader knows (past direction: "since Monday" is the one that passed).
        const inner = match[1] ?? match[2]!;
        const at = src.indexOf(inner, match.index);
        const first = findDates(src.slice(at, at + inner.length), { now: opts.now, timezone: opts.timezone, direction: "past" })[0];
        let from: string | undefined = first && !("invalid" in first) ? first.date : undefined;
        const monthOnly = new RegExp(`^(?:${EN_MONTH_SRC})$`, "i").test(inner) ? monthOf(inner) : /^(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月(?:份)?$/.test(inner) ? parseCount(inner.replace(/\s*月(?:份)?$/, "")) : null;
        if (monthOnly) from = monthsNoYear({ ...c, dir: "past" }, monthOnly, 1, "month").from;
        if (inner === "年初") from = ymd(c.y, 1);
        if (inner === "月初") from = ymd(c.y, c.m);
        span = from && from <= today ? { from, to: addDays(today, 1), grain: "since" } : null;
      } else span = rule.resolve(match, c);
      if (span && span.from < span.to) cands.push({ start: match.index, end: match.index + match[0].length, span });
    }
  }
  cands.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken: typeof cands = [];
  for (const x of cands) if (!taken.some((t) => x.start < t.end && x.end > t.start)) taken.push(x);
  return taken
    .sort((a, b) => a.start - b.start)
    .map(({ start, end, span }) => {
      // Trim the words around the period that are not part of it ("in April" → "April" keeps "in" out of nothing: the
      // caller replaces the whole span, so leading "in/for/during" stay with it only when the rule included them).
      const written = src.slice(start, end);
      const lead = written.length - written.trimStart().length;
      const s = start + lead, e = end - (written.length - written.trimEnd().length);
      return {
        from: span.from, to: span.to, fromInstant: zonedInstant(span.from, "00:00", opts.timezone),
        toInstant: zonedInstant(span.to, "00:00", opts.timezone), grain: span.grain, start: s, end: e, text: src.slice(s, e),
      };
    });
}
