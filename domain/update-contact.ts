// "Jane's new number is …", "王芳的生日是5月3日", "Mark is now CFO": edits to a contact, found by name (optionally within
// one customer). The same field rules as adding one; the customer's owner (or their manager) may change it.
import { z } from "zod";
import type { DomainContext } from "./context.ts";
import { inChange } from "./audit.repository.ts";
import { DomainError } from "./errors.ts";
import { addContactInput } from "./add-contact.ts";
import { resolveCustomer } from "./find-customers.ts";
import { parseInput } from "./validate.ts";
import { loadForChange } from "./writable-customer.ts";

export const updateContactInput = z.object({
  contact: z.string().trim().min(1, "which contact").max(200),
  /** Narrows the search when two customers have a contact of that name. */
  customer: z.string().trim().min(1).max(200).optional(),
  title: addContactInput.shape.title,
  email: addContactInput.shape.email,
  phone: addContactInput.shape.phone,
  birthday: addContactInput.shape.birthday,
});

const FIELDS = ["title", "email", "phone", "birthday"] as const;

export async function updateContact(ctx: DomainContext, input: z.input<typeof updateContactInput>) {
  const data = parseInput(updateContactInput, input, ctx.actor.locale);
  const zh = ctx.actor.locale === "zh";
  if (!FIELDS.some((f) => data[f] !== undefined))
    throw new DomainError("INVALID_INPUT", {
      message: "update-contact with nothing to change",
      userMessage: zh ? "要修改联系人的哪一项?(职位、邮箱、电话或生日)" : "What should I change for that contact? (title, email, phone or birthday)",
    });
  const customerId = data.customer ? (await resolveCustomer({ db: ctx.db, actor: ctx.actor, query: data.customer })).id : undefined;
  const matches = await ctx.db.contact.findMany({
    where: {
      // The full name, or a first name ("Jane" for Jane Doe).
      OR: [{ name: { equals: data.contact, mode: "insensitive" } }, { name: { startsWith: `${data.contact} `, mode: "insensitive" } }],
      customer: { status: "active", ...(customerId ? { id: customerId } : {}) },
    },
    select: { id: true, name: true, customerId: true, customer: { select: { name: true } } },
    take: 5,
  });
  if (!matches.length)
    throw new DomainError("NOT_FOUND", {
      message: `no contact called "${data.contact}"`,
      userMessage: zh ? `没有找到联系人「${data.contact}」。` : `I couldn't find a contact called "${data.contact}".`,
      details: { field: "contact" },
    });
  if (matches.length > 1)
    throw new DomainError("AMBIGUOUS", {
      message: `"${data.contact}" is a contact at ${matches.map((m) => m.customer.name).join(", ")}`,
      userMessage: zh
        ? `「${data.contact}」在多个客户都有:${matches.map((m) => m.customer.name).join("、")}。是哪一个?`
        : `"${data.contact}" is a contact at ${matches.map((m) => m.customer.name).join(" and ")}. Which one?`,
      details: { candidates: matches.map((m) => m.customer.name) },
    });
  const target = matches[0]!;
  return inChange(ctx, async (tx, rec) => {
    await loadForChange(tx, ctx.actor, target.customerId);
    const before = await tx.contact.findUniqueOrThrow({ where: { id: target.id } });
    const next = Object.fromEntries(FIELDS.filter((f) => data[f] !== undefined && data[f] !== before[f]).map((f) => [f, data[f]]));
    if (!Object.keys(next).length) return { contact: before, customer: target.customer.name, changed: [] as string[] };
    const after = await tx.contact.update({ where: { id: before.id }, data: next });
    rec.updated("contact", before, after);
    return { contact: after, customer: target.customer.name, changed: Object.keys(next) };
  });
}
