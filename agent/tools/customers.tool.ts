// Adding customers and contacts, and (managers) reassigning owners.
import { z } from "zod";
import { createCustomer } from "../../domain/create-customer.ts";
import { addContact } from "../../domain/add-contact.ts";
import { reassignOwner } from "../../domain/reassign-owner.ts";
import { defineTool } from "./define-tool.ts";
import { domainContext } from "../turn-context.ts";
import { t as tr } from "../format.ts";

export const addCustomerTool = defineTool({
  name: "add_customer",
  description: "Create a new customer (owned by the user unless an owner is given).",
  schema: z.object({
    name: z.string().describe("Company name"),
    industry: z.string().optional().describe("Industry"),
    region: z.string().optional().describe("City or region"),
    tier: z.enum(["A", "B", "C", "D"]).optional().describe("Tier, if stated"),
    aliases: z.array(z.string()).optional().describe("Other names"),
    owner: z.string().optional().describe("Owner (handle or name), if not the user"),
  }),
  async run(input, t) {
    const r = await createCustomer(domainContext(t), input);
    const extra = [r.customer.industry, r.customer.region].filter(Boolean).join(", ");
    return tr(t.actor, `Added customer ${r.customer.name}${extra ? ` (${extra})` : ""}, owner ${r.owner.name}, tier ${r.customer.tier}.`,
      `已新建客户「${r.customer.name}」${extra ? `(${extra})` : ""},负责人 ${r.owner.name},${r.customer.tier} 级。`);
  },
});

export const addContactTool = defineTool({
  name: "add_contact",
  description: "Add a contact person to a customer.",
  schema: z.object({
    customer: z.string().describe("Customer"),
    name: z.string().describe("Person's full name"),
    title: z.string().optional().describe("Job title"),
    email: z.string().optional().describe("Email address"),
    phone: z.string().optional().describe("Phone number"),
    birthday: z.string().optional().describe("Birthday YYYY-MM-DD"),
  }),
  async run(input, t) {
    const r = await addContact(domainContext(t), input);
    const c = r.contact;
    const extra = [c.title, c.email, c.phone].filter(Boolean).join(", ");
    return tr(t.actor, `Added ${c.name}${extra ? ` (${extra})` : ""} as a contact at ${r.customer.name}.`,
      `已为「${r.customer.name}」添加联系人 ${c.name}${extra ? `(${extra})` : ""}。`);
  },
});

export const reassignOwnerTool = defineTool({
  name: "reassign_owner",
  description: "Give a customer to another owner (managers only).",
  schema: z.object({
    customer: z.string().describe("Customer"),
    to: z.string().describe("New owner: handle or display name; 'me' for the user"),
  }),
  async run(input, t) {
    const to = /^(me|myself|我|我自己)$/i.test(input.to.trim()) ? t.actor.handle : input.to;
    const r = await reassignOwner(domainContext(t), { customer: input.customer, to });
    if (r.unchanged) return tr(t.actor, `${r.customer.name} is already owned by ${r.to.name}.`, `「${r.customer.name}」本来就由 ${r.to.name} 负责。`);
    return tr(t.actor, `${r.customer.name} now belongs to ${r.to.name} (was ${r.from.name}).`, `「${r.customer.name}」已转给 ${r.to.name} 负责(原负责人 ${r.from.name})。`);
  },
});
