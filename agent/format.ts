// How dates and money read in replies, in the user's language and time zone.
import type { Actor } from "../domain/context.ts";
import { localDate, weekday } from "../domain/time.ts";

const WD_EN = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const WD_ZH = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];

export function fmtDay(at: Date | string, actor: Actor): string {
  const d = localDate(typeof at === "string" ? new Date(at) : at, actor.timezone);
  const wd = weekday(d);
  return actor.locale === "zh" ? `${d}(${WD_ZH[wd]})` : `${WD_EN[wd]} ${d}`;
}

const MONTH_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** A date as a person writes it to a customer: "February 5" / "2月5日", with the year only when it isn't this year. */
export function fmtDayHuman(at: Date | string, actor: Actor, now: Date): string {
  const [y, m, d] = localDate(typeof at === "string" ? new Date(at) : at, actor.timezone).split("-").map(Number) as [number, number, number];
  const thisYear = Number(localDate(now, actor.timezone).slice(0, 4)) === y;
  return actor.locale === "zh" ? `${thisYear ? "" : `${y}年`}${m}月${d}日` : `${MONTH_EN[m - 1]} ${d}${thisYear ? "" : `, ${y}`}`;
}

export function fmtMoney(amount: number, currency: string, actor: Actor): string {
  const n = amount.toLocaleString("en-US", { maximumFractionDigits: 2 });
  if (actor.locale === "zh") {
    const wan = currency === "CNY" && amount >= 10_000 ? `(${+(amount / 10_000).toFixed(2)}万)` : "";
    return `${n} ${currency === "CNY" ? "元" : currency}${wan}`;
  }
  return `${currency} ${n}`;
}

export const t = (actor: Actor, en: string, zh: string) => (actor.locale === "zh" ? zh : en);

/** The line under a list cut at `shown` items: "…and 12 more." / "……还有 12 个。" (empty when nothing was cut). */
export const moreLine = (total: number, shown: number, actor: Actor, zhUnit = "个") =>
  total > shown ? t(actor, `\n…and ${total - shown} more.`, `\n……还有 ${total - shown} ${zhUnit}。`) : "";

export function list(items: string[], actor: Actor): string {
  if (items.length <= 1) return items.join("");
  return actor.locale === "zh" ? items.join("、") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
