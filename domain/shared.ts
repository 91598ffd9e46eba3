// Small pieces every use case shares: date fields, money, contact lookup.
import { z } from "zod";
import type { Tx, Db } from "./context.ts";
import { strictDate } from "./validate.ts";

/** A date given as a Date or an ISO string; impossible dates (2026-02-30) are rejected by name. */
export const dateField = z.union([
  z.date(),
  z.string().transform((s, ctx) => {
    const d = strictDate(s);
    if (!d) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `"${s}" is not a valid date` });
      return z.NEVER;
    }
    return d;
  }),
]);

export const amountField = z.coerce.number({ invalid_type_error: "must be a number" }).finite().positive("must be more than 0").max(1e12, "is too large");
export const currencyField = z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, "must be a 3-letter code like CNY or USD").default("CNY");

/** A customer's contact by full name or first name (case-insensitive); null when none matches. */
export async function findContact(db: Db | Tx, customerId: number, name: string): Promise<{ id: number; name: string } | null> {
  const contacts = await db.contact.findMany({ where: { customerId }, select: { id: true, name: true } });
  const n = name.trim().toLowerCase();
  return (
    contacts.find((c) => c.name.toLowerCase() === n) ??
    contacts.find((c) => c.name.toLowerCase().split(/\s+/)[0] === n) ??
    contacts.find((c) => c.name.toLowerCase().startsWith(n) || n.startsWith(c.name.toLowerCase())) ??
    null
  );
}
