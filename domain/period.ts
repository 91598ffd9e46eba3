// Periods for the reporting reads: [from, to) as instants. Callers compute "this month" in the actor's time zone
// (monthRange); a bare date ("2026-03-01") from a user means the start of that day in *their* zone, not UTC.
import { z } from "zod";
import type { Locale } from "./context.ts";
import { DomainError } from "./errors.ts";
import { dateField } from "./shared.ts";
import { zonedInstant } from "./time.ts";

export const periodFields = {
  /** Inclusive start instant. */
  from: dateField.optional(),
  /** Exclusive end instant. */
  to: dateField.optional(),
};

const DATE_ONLY = /^\s*\d{4}-\d{2}-\d{2}\s*$/;

/** The parsed period with bare dates re-read as local midnight in `tz`; INVALID_INPUT when it is empty or reversed. */
export function resolvePeriod(
  raw: { from?: unknown; to?: unknown },
  parsed: { from?: Date; to?: Date },
  tz: string,
  locale: Locale,
): { from?: Date; to?: Date } {
  const local = (r: unknown, d?: Date) => (d && typeof r === "string" && DATE_ONLY.test(r) ? zonedInstant(r.trim(), "00:00", tz) : d);
  const from = local(raw.from, parsed.from);
  const to = local(raw.to, parsed.to);
  if (from && to && from.getTime() >= to.getTime())
    throw new DomainError("INVALID_INPUT", {
      message: `empty period ${from.toISOString()} .. ${to.toISOString()}`,
      userMessage: locale === "zh" ? "时间段有误:开始时间必须早于结束时间。" : "Invalid period: 'from' must be before 'to'.",
      details: { field: "from" },
    });
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

/** [start, end) of a calendar month in a zone: offset 0 = the month containing `at`, 1 = next month, -1 = last. */
export function monthRange(at: Date, tz: string, offset = 0): { from: Date; to: Date } {
  const [y, m] = new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit" })
    .format(at)
    .split("-")
    .map(Number) as [number, number];
  const first = (k: number) => {
    const d = new Date(Date.UTC(y, m - 1 + k, 1));
    return zonedInstant(d.toISOString().slice(0, 10), "00:00", tz);
  };
  return { from: first(offset), to: first(offset + 1) };
}
