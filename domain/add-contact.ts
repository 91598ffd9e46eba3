// A person at a customer: name, title, how to reach them, and a birthday for customer care (生日关怀).
import { z } from "zod";
import type { DomainContext } from "./context.ts";
import { inChange } from "./audit.repository.ts";
import { DomainError } from "./errors.ts";
import { parseInput, strictDate } from "./validate.ts";
import { loadForChange, resolveForChange } from "./writable-customer.ts";

const optional = (max: number) => z.string().trim().max(max).optional().transform((s) => (s ? s : undefined));

export const addContactInput = z.object({
  customer: z.string().trim().min(1, "which customer"),
  name: z.string().trim().min(1, "the contact's name").max(200),
  title: optional(200),
  email: z.string().trim().email("is not a valid email address").max(320).optional(),
  phone: z
    .string()
    .trim()
    .max(50)
    .regex(/^\+?[\d\s()./-]{5,}$/, "is not a phone number")
    .optional(),
  // A calendar date kept as text so it never shifts by time zone; 2026-02-30 is refused, not rolled to March.
  birthday: z
    .string()
    .trim()
    .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && strictDate(s) !== undefined, (s) => ({ message: `"${s}" is not a valid YYYY-MM-DD date` }))
    .optional(),
});

export async function addContact(ctx: DomainContext, input: z.input<typeof addContactInput>) {
  const data = parseInput(addContactInput, input, ctx.actor.locale);
  const zh = ctx.actor.locale === "zh";
  const found = await resolveForChange(ctx.db, ctx.actor, data.customer);
  return inChange(ctx, async (tx, rec) => {
    const customer = await loadForChange(tx, ctx.actor, found.id);
    const clash = await tx.contact.findFirst({
      where: { customerId: customer.id, name: { equals: data.name, mode: "insensitive" } },
      select: { id: true, name: true },
    });
    if (clash)
      throw new DomainError("CONFLICT", {
        message: `${customer.name} already has a contact "${clash.name}"`,
        userMessage: zh ? `「${customer.name}」已经有联系人 ${clash.name}。` : `${customer.name} already has a contact called ${clash.name}.`,
        details: { field: "name", existing: clash.name, contactId: clash.id },
      });
    const row = await tx.contact.create({
      data: {
        customerId: customer.id,
        name: data.name,
        title: data.title ?? null,
        email: data.email ?? null,
        phone: data.phone ?? null,
        birthday: data.birthday ?? null,
      },
    });
    rec.created("contact", row);
    return {
      contact: { id: row.id, name: row.name, title: row.title, email: row.email, phone: row.phone, birthday: row.birthday },
      customer: { id: customer.id, name: customer.name },
    };
  });
}
