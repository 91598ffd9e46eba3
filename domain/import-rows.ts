// The CONTRACT §2 data format, one zod schema per section. Import validates every row with these, so a bad row is
// reported by its field and the rest of the file still loads.
//
// Merge, never reset: a field a row leaves out has no default here. The upsert keeps the stored value of an existing
// record (role, time zone, locale, status, tier, sentiment…) and uses the column's default only for a new one
// (import.repository.ts TABLES, `keep` + `insertDefault`). Limits follow the columns (import-limits.ts).
import { z } from "zod";
import { dateField, currencyField } from "./shared.ts";
import { strictDate } from "./validate.ts";
import { MAX_AMOUNT, MAX_KEY_LENGTH, toCents } from "./import-limits.ts";

const text = z.string().trim().min(1, "is required");
const optText = z
  .string()
  .trim()
  .optional()
  .nullable()
  .transform((s) => (s ? s : undefined));
const optDate = dateField.optional().nullable().transform((d) => d ?? undefined);
/** A name the store keeps in a unique or search index (handles, customer names and aliases, contacts, deal titles). */
const keyText = text.max(MAX_KEY_LENGTH, `is longer than ${MAX_KEY_LENGTH} characters`);
const strList = z.array(z.string().trim().min(1)).optional();
const keyList = z.array(z.string().trim().min(1).max(MAX_KEY_LENGTH, `is longer than ${MAX_KEY_LENGTH} characters`)).optional();
/** An amount as the Decimal(14, 2) column keeps it: rounded to cents, at most 999,999,999,999.99 either way. */
const money = z.coerce
  .number({ invalid_type_error: "must be a number" })
  .finite("must be a finite number")
  .transform(toCents)
  .refine((n) => Math.abs(n) <= MAX_AMOUNT, "is too large: amounts go up to 999,999,999,999.99");
/** A currency code; left out, an existing record keeps its own and a new one gets CNY. */
const optCurrency = z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, "must be a 3-letter code like CNY or USD").optional();

export const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const userRow = z.object({
  handle: keyText.transform((s) => s.replace(/^@/, "")),
  name: text,
  role: z.enum(["rep", "manager", "admin"]).optional(),
  manager: optText,
  timezone: z.string().trim().refine(isTimeZone, "is not an IANA time zone like Asia/Shanghai").optional(),
  locale: z.enum(["en", "zh"]).optional(),
  identities: z.array(z.object({ platform: z.enum(["slack", "telegram"]), externalId: z.coerce.string().trim().min(1) })).default([]),
});

export const customerRow = z.object({
  name: keyText,
  aliases: keyList,
  /** Required for a new customer; an existing one keeps its owner when the row has none. */
  owner: optText,
  tier: z.enum(["A", "B", "C", "D"]).optional(),
  stage: z.enum(["prospect", "new", "repeat", "loyal", "lost"]).optional(),
  industry: optText,
  region: optText,
  tags: strList,
  status: z.enum(["active", "archived"]).optional(),
  createdAt: optDate,
});

export const contactRow = z.object({
  customer: text,
  name: keyText,
  title: optText,
  email: optText,
  phone: optText,
  birthday: z
    .string()
    .trim()
    .optional()
    .nullable()
    .refine((s) => !s || (/^\d{4}-\d{2}-\d{2}$/.test(s) && !!strictDate(s)), "must be a date like 1985-07-03")
    .transform((s) => s || undefined),
});

export const interactionRow = z.object({
  customer: text,
  user: text,
  kind: z.enum(["call", "visit", "meeting", "email", "message"]),
  occurredAt: dateField,
  summary: text,
  sentiment: z.enum(["positive", "neutral", "negative"]).optional(),
  contact: optText,
  message: optText,
});

export const followUpRow = z.object({
  customer: text,
  owner: text,
  dueAt: dateField,
  title: text,
  status: z.enum(["open", "done", "cancelled"]).optional(),
  completedAt: optDate,
});

export const orderRow = z.object({
  customer: text,
  amount: money.refine((n) => n >= 0.01, "must be more than 0"),
  currency: currencyField,
  orderedAt: dateField,
});

export const dealRow = z.object({
  customer: text,
  title: keyText,
  stage: z.string().trim().min(1).optional(),
  amount: money.refine((n) => n >= 0, "must not be negative"),
  currency: optCurrency,
  expectedCloseAt: dateField,
  status: z.enum(["open", "won", "lost"]).optional(),
});

export const complaintRow = z.object({
  customer: text,
  owner: text,
  openedAt: dateField,
  severity: z.enum(["low", "medium", "high"]).optional(),
  description: text,
  status: z.enum(["open", "resolved"]).optional(),
  resolvedAt: optDate,
  dueBy: optDate,
});

export const surveyRow = z
  .object({
    customer: text,
    scale: z.enum(["nps", "csat"]),
    score: z.coerce.number({ invalid_type_error: "must be a number" }).int("must be a whole number"),
    respondedAt: dateField,
    comment: optText,
  })
  .superRefine((s, ctx) => {
    const [lo, hi] = s.scale === "nps" ? [0, 10] : [1, 5];
    if (s.score < lo || s.score > hi)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["score"], message: `${s.scale} scores are ${lo}–${hi}, not ${s.score}` });
  });

export const SECTIONS = ["users", "customers", "contacts", "interactions", "followUps", "orders", "deals", "complaints", "surveys"] as const;
export type Section = (typeof SECTIONS)[number];

export const rowSchemas = {
  users: userRow,
  customers: customerRow,
  contacts: contactRow,
  interactions: interactionRow,
  followUps: followUpRow,
  orders: orderRow,
  deals: dealRow,
  complaints: complaintRow,
  surveys: surveyRow,
} satisfies Record<Section, z.ZodTypeAny>;

export type Rows = { [S in Section]: z.infer<(typeof rowSchemas)[S]> };

/** The whole document: every key optional, each section an array (rows are checked one by one later). */
export const importDocument = z
  .object({ version: z.literal(1).optional() })
  .catchall(z.unknown())
  .superRefine((d, ctx) => {
    for (const s of SECTIONS)
      if (d[s] !== undefined && !Array.isArray(d[s])) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [s], message: "must be a list" });
  });

export type ImportDocument = { version?: 1 } & Partial<Record<Section, unknown[]>>;

/** Days to resolve a complaint when the file doesn't say: the same SLA as a complaint opened in chat. */
export { COMPLAINT_SLA_DAYS } from "./open-complaint.ts";
