// A bare calendar date from a user ("2026-03-06") means a moment of *their* day, not midnight UTC: for a rep in
// Shanghai, UTC midnight is 08:00 — and for one in New York it is the evening before.
import { zonedInstant } from "./time.ts";

const DATE_ONLY = /^\s*\d{4}-\d{2}-\d{2}\s*$/;

/** `parsed` as the zod field produced it, re-read at `time` in `tz` when the raw input was a bare date. */
export function atLocalTime(raw: unknown, parsed: Date, tz: string, time = "09:00"): Date {
  return typeof raw === "string" && DATE_ONLY.test(raw) ? zonedInstant(raw.trim(), time, tz) : parsed;
}
