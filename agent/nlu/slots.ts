// Slot values that come from the words themselves rather than from the classifier: which date belongs to what
// happened and which to the follow-up, a follow-up's title, how many days, which named period.
import { findDates, isInvalid, type DateMention, type Found } from "../rules/dates.ts";
import { addDays, weekday } from "../../domain/time.ts";
import { parseChineseNumber, parseCount } from "../rules/numerals.ts";
import type { Clause } from "../rules/clauses.ts";
import type { RulesEnv } from "../rules/rules-env.ts";
import type { Period } from "../tools/periods.ts";

const CORRECTION = /\b(actually|make that|i mean|no wait|sorry,? i meant|correction)\b|不对|哦不|说错了|改成|应该是|更正/i;

/** "tier B", "B-tier", "B类", "A级客户": the tier a message names. */
export function tierIn(raw: string): string | undefined {
  const m = /\btier[- ]?([a-dA-D])\b/i.exec(raw) ?? /\b([A-D])[- ]?(?:[Tt]ier|class)\b/.exec(raw) ?? /([ABCDabcd])\s*(?:级|类|档)/.exec(raw);
  return m?.[1]?.toUpperCase();
}

/** Later today: still ahead though the day is today ("下午再打一次", "this afternoon", "eod"). */
export const LATER_TODAY = /下午|晚上|tonight|later|this afternoon|\beod\b/i;

/** Later today and still ahead at this hour: "this afternoon" said at 9 pm is what happened, not what is to come. */
export function laterToday(text: string, env: { now: Date; timezone: string }): boolean {
  const m = LATER_TODAY.exec(text);
  if (!m) return false;
  const hour = Number(new Intl.DateTimeFormat("en-GB", { hour: "2-digit", hourCycle: "h23", timeZone: env.timezone }).format(env.now));
  const ends = /下午|afternoon|later|eod/i.test(m[0]) ? 18 : 23;
  return hour < ends;
}

export const valid = (dates: Found[]) => dates.filter((d): d is DateMention => !isInvalid(d));
const inside = (d: DateMention, cs: Clause[]) => cs.some((c) => d.index >= c.start && d.index < c.end);

export interface DateCtx {
  raw: string;
  env: RulesEnv;
  today: string;
  dates: Found[];
}

/** When it happened: the first date outside the follow-up clauses that is not in the future; none → today. */
export function pastDate(q: DateCtx, follow: Clause[]): string | undefined {
  return valid(q.dates).find((d) => !inside(d, follow) && d.date <= q.today)?.date;
}

/** When to follow up: a date in the follow-up clauses read forward ("周五前" = this coming Friday); none → the next working day. */
export function futureDate(q: DateCtx, follow: Clause[]): { date: string; defaulted: boolean } {
  // "f/u fri - actually make that thurs", "后天,哦不对,是大后天": a corrected date replaces the one before it.
  const corrected = CORRECTION.test(q.raw);
  const ahead = (text: string) => valid(findDates(text, { now: q.env.now, timezone: q.env.timezone, direction: "future" })).filter((d) => d.date >= q.today);
  if (corrected) {
    const all = ahead(q.raw.slice(follow[0]?.start ?? 0));
    if (all.length > 1) return { date: all.at(-1)!.date, defaulted: false };
  }
  for (const c of follow) {
    const d = ahead(q.raw.slice(c.start, c.end))[0];
    if (d) return { date: d.date, defaulted: false };
  }
  const later = valid(q.dates).find((d) => d.date > q.today && !follow.length) ?? valid(q.dates).find((d) => d.date > q.today);
  if (later) return { date: later.date, defaulted: false };
  let d = addDays(q.today, 1);
  while (weekday(d) === 0 || weekday(d) === 6) d = addDays(d, 1);
  return { date: d, defaulted: true };
}

/** The first day ahead of today the message names, read forward ("fri" = this coming Friday). */
export function nextDate(q: DateCtx): DateMention | undefined {
  return valid(findDates(q.raw, { now: q.env.now, timezone: q.env.timezone, direction: "future" })).find((d) => d.date > q.today);
}

/** A to-do's title: the follow-up clauses without the dates, the reminder words and the customer's name. */
export function followUpTitle(follow: Clause[], customerKey: string, display: string, zh: boolean, q: DateCtx): string {
  let text = follow.map((c) => c.text).join(", ");
  for (const d of findDates(text, { now: q.env.now, timezone: q.env.timezone, direction: "future" })) text = text.replace(d.matched, " ");
  const cleaned = text
    .replace(/\b(please\s+|pls\s+|plz\s+)?((set|add|create|make) (a |me a )?(reminder|to-?do|task)( to| for|:)?|remind me( to| about)?|reminder( to)?|follow[- ]?up( with (him|her|them))?( on| about)?|f\/u( w\/| with)?|don't forget to|need to|i need to|gotta|check back( with \w+)?|ping (him|her|them))\b/gi, " ")
    .replace(/(帮我)?(建个|加个|建一个|加一个|设个)?(待办|任务|提醒)[::]?|提醒我|提醒一下|记一下|记得|再跟进|跟进一下|跟进|需要|要/g, " ")
    .replace(/\b(on|by|next|this|in)\s+(mon|tues|wednes|thurs|fri|satur|sun)day\b/gi, " ")
    .replace(/\b(tomorrow|tmrw|tmr|today|tonight|next week|in (a|one|two|three|\d+) (days?|weeks?|months?)|(mon|tues|wednes|thurs|fri|satur|sun)day)\b/gi, " ")
    .replace(/(今天|明天|后天|下周[一二三四五六日天]?|这周[一二三四五六日天]?|本周[一二三四五六日天]?|周[一二三四五六日天]|星期[一二三四五六日天]|\d+月\d+[号日]|\d+[号日]|月底|月初|[一两二三四五六七八九十\d]+(天|周|个月)后)/g, " ")
    .replace(/[\s,,.。;;!!]+/g, " ")
    .trim()
    .replace(/^[\s:：,,;;\-–—]+/, "")
    .replace(/^(之前|以前|之后|以后|前|后|再|先)+\s*/, "")
    .replace(/^(by|before|on|until|with|about|to)\s+/i, "")
    .replace(/\s+(on|by|at|in)$/i, "")
    .replace(/^(?:(?:she|he|they|[A-Z][a-z]+)\s+)?(?:wants?|needs?|asked for|asks for|requested|expects?)\s+(?:the |a |an |some )?(.+)$/i, "Requested: $1")
    .replace(/^(?:对方|客户|[\p{Script=Han}]{2,3})?(?:要求|希望我们|让我们|请我们|需要我们)(.+)$/u, "对方要求:$1");
  const withoutName = cleaned.toLowerCase().replace(customerKey, "").replace(/\b(with|at|to|for|the)\b/g, "").trim();
  const meaningful = withoutName.length >= 3 || (/\p{Script=Han}/u.test(withoutName) && withoutName.length >= 2);
  // Cut by code point: half a surrogate pair is not text PostgreSQL will store.
  if (meaningful) return [...cleaned].length > 120 ? `${[...cleaned].slice(0, 117).join("")}…` : cleaned;
  return zh ? `跟进${display}` : `Follow up with ${display}`;
}

/** What a complaint is about, without the customer's name and the resolution words, to pick among several. */
export function topicOf(raw: string, key: string): string | undefined {
  const t = raw
    .replace(new RegExp(key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi"), " ")
    .replace(/(的|投诉|已经|解决了?|处理好了?|可以关了|关了|complaint|about|is|was|has been|have been|resolved|fixed|closed|sorted|the|'s)/gi, " ")
    .replace(/[\s,,.。!!]+/g, " ")
    .trim();
  return t.length >= 2 ? t : undefined;
}

export function daysIn(raw: string): number | undefined {
  const unit = (u: string) => (/week|wk|周|星期/i.test(u) ? 7 : /month|月/i.test(u) ? 30 : /year|年/.test(u) ? 365 : 1);
  const m = /(\d{1,4}|[零一二两三四五六七八九十百]{1,4}|a couple of|a few|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an)\s*\+?\s*(days?|d\b|weeks?|wks?|months?|mos?\b|years?|天|日|周|个星期|星期|个月|月|年)/i.exec(raw);
  if (!m) return undefined;
  const n = parseCount(m[1]!) ?? parseChineseNumber(m[1]!);
  return n ? n * unit(m[2]!) : undefined;
}

export function periodIn(lower: string, fallback: Period = "this_month"): Period {
  if (/next month|下个?月/.test(lower)) return "next_month";
  if (/last month|上个?月/.test(lower)) return "last_month";
  if (/this month|本月|这个月|当月/.test(lower)) return "this_month";
  if (/this (quarter|qtr|q)\b|本季度|这个季度|这季度/.test(lower)) return "this_quarter";
  if (/last week|上周|上个星期/.test(lower)) return "last_week";
  if (/this week|本周|这周|这个星期|\bthis wk\b/.test(lower)) return "this_week";
  if (/\btoday\b|今天|今日/.test(lower)) return "today";
  if (/this year|今年|本年|\bytd\b/.test(lower)) return "this_year";
  return fallback;
}
