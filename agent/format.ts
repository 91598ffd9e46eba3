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

export function fmtMoney(amount: number, currency: string, actor: Actor): string {
  const n = amount.toLocaleString("en-US", { maximumFractionDigits: 2 });
  if (actor.locale === "zh") {
    const wan = currency === "CNY" && amount >= 10_000 ? `(${+(amount / 10_000).toFixed(2)}万)` : "";
    return `${n} ${currency === "CNY" ? "元" : currency}${wan}`;
  }
  return `${currency} ${n}`;
}

export const t = (actor: Actor, en: string, zh: string) => (actor.locale === "zh" ? zh : en);

export function list(items: string[], actor: Actor): string {
  if (items.length <= 1) return items.join("");
  return actor.locale === "zh" ? items.join("、") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
