// zod input validation that fails with one clear line naming the field and the problem, in the user's language.
import type { z } from "zod";
import { DomainError } from "./errors.ts";
import type { Locale } from "./context.ts";

export function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown, locale: Locale = "en"): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.join(".") || "input";
  const msg = issue.message;
  throw new DomainError("INVALID_INPUT", {
    message: `invalid ${field}: ${msg}`,
    userMessage: locale === "zh" ? `输入有误:${field} — ${msg}` : `Invalid ${field}: ${msg}`,
    details: { field },
  });
}

/** A strict calendar date or date-time: "2026-02-30" is rejected, not rolled over to March. */
export function strictDate(value: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return undefined;
  const t = new Date(value.trim().length === 10 ? `${value.trim()}T00:00:00Z` : value.trim());
  return Number.isNaN(t.getTime()) ? undefined : t;
}
