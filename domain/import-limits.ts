// What the store's columns accept, checked on every parsed import row BEFORE anything is written, so a row the
// database would refuse is reported as a bad row (file, row, field, reason) instead of failing the whole file with a
// database error. The limits follow prisma/schema.prisma:
//   - Decimal(14, 2) amounts: at most 999,999,999,999.99 after rounding to cents (12 digits before the point).
//   - PostgreSQL text (and the jsonb each chunk travels in) cannot hold NUL, nor a lone UTF-16 surrogate
//     ("unsupported Unicode escape sequence").
//   - timestamp(3): the data format writes 4-digit-year ISO dates, so years 1–9999 (UTC) round-trip through export.
//   - Names that are unique or indexed (handle, customer name and aliases, contact name, deal title) live in B-tree /
//     GIN index entries, which hold at most ~2,700 bytes; 500 characters (≤ 2,000 bytes of UTF-8) stays inside.
export const MAX_AMOUNT = 999_999_999_999.99;
export const MAX_KEY_LENGTH = 500;
/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z, built without Date.UTC's two-digit-year quirk. */
const FIRST_TIME = new Date("0001-01-01T00:00:00.000Z").getTime();
const LAST_TIME = new Date("9999-12-31T23:59:59.999Z").getTime();

/**
 * Rounds to the cents the column keeps, half away from zero on the decimal digits as written (12.345 → 12.35, as
 * PostgreSQL rounds "12.345"; n * 100 would see 1234.4999…).
 */
export function toCents(n: number): number {
  const abs = Math.abs(n);
  // Exponent notation (1e-7, 1e21) has no written digits to round; those values are far from a cent boundary anyway.
  const cents = /e/i.test(String(abs)) ? Math.round(abs * 100) : Math.round(Number(`${abs}e2`));
  return (Math.sign(n) * cents) / 100 || 0;
}

export interface ColumnIssue {
  field: string;
  reason: string;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function stringIssue(s: string): string | undefined {
  if (s.includes("\u0000")) return "contains a NUL character (\\u0000), which the database cannot store";
  if (LONE_SURROGATE.test(s)) return "contains broken Unicode (an unpaired surrogate), which the database cannot store";
  return undefined;
}

/**
 * The first value in a parsed row that its column would refuse: any string with NUL or a lone surrogate, any date
 * outside years 1–9999. Walks nested lists and objects (aliases, tags, identities), naming the path ("aliases.2").
 */
export function columnIssue(value: unknown, path: string[] = []): ColumnIssue | undefined {
  const field = path.join(".") || "row";
  if (typeof value === "string") {
    const reason = stringIssue(value);
    return reason ? { field, reason } : undefined;
  }
  if (value instanceof Date) {
    const t = value.getTime();
    if (Number.isNaN(t) || t < FIRST_TIME || t > LAST_TIME) return { field, reason: "is outside the years 0001–9999 the store keeps" };
    return undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const issue = columnIssue(value[i], [...path, String(i)]);
      if (issue) return issue;
    }
    return undefined;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const issue = columnIssue(v, [...path, k]);
      if (issue) return issue;
    }
  }
  return undefined;
}
