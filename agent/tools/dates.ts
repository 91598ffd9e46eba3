// Tools take calendar dates (YYYY-MM-DD, in the user's time zone) or ISO instants; this turns them into instants.
import { DomainError } from "../../domain/errors.ts";
import { localDate, zonedInstant } from "../../domain/time.ts";
import { strictDate } from "../../domain/validate.ts";
import type { TurnContext } from "../turn-context.ts";

/**
 * "2026-03-06" → that day at `defaultTime` local; today's date for a past event → now (so "called today" keeps the
 * real time); a full ISO instant is kept. An impossible date (2026-02-30) is refused by name, never rolled over.
 */
export function toInstant(value: string | undefined, t: TurnContext, defaultTime: string, field: string): Date | undefined {
  if (!value) return undefined;
  const v = value.trim();
  const zh = t.actor.locale === "zh";
  if (!strictDate(v)) {
    throw new DomainError("INVALID_INPUT", {
      message: `${field}: "${v}" is not a valid date`,
      userMessage: zh ? `日期无效:「${v}」不是一个有效的日期。` : `Invalid date: "${v}" is not a valid date.`,
      details: { field },
    });
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    if (defaultTime === "now" && v === localDate(t.now, t.actor.timezone)) return t.now;
    return zonedInstant(v, defaultTime === "now" ? "12:00" : defaultTime, t.actor.timezone);
  }
  return strictDate(v);
}
