// Edits to an account's profile: tier, lifecycle stage, industry, region, tags, aliases, name. Names and aliases
// feed name resolution, so search keys are recomputed whenever either changes.
import { Prisma } from "@prisma/client";
import { z } from "zod";
import type { DomainContext } from "./context.ts";
import { inChange } from "./audit.repository.ts";
import { DomainError } from "./errors.ts";
import { customerSearchKeys } from "./name-keys.ts";
import { parseInput } from "./validate.ts";
import { loadForChange, resolveForChange } from "./writable-customer.ts";
import { assertNameFree, dedupe } from "./create-customer.ts";

const word = z.string().trim().min(1).max(200);

export const updateCustomerInput = z.object({
  customer: z.string().trim().min(1, "which customer"),
  name: word.optional(),
  tier: z.enum(["A", "B", "C", "D"]).optional(),
  stage: z.enum(["prospect", "new", "repeat", "loyal", "lost"]).optional(),
  industry: word.nullable().optional(),
  region: word.nullable().optional(),
  /** Replace the whole list … */
  tags: z.array(word).max(50).optional(),
  aliases: z.array(word).max(50).optional(),
  /** … or add to / take from it ("tag Acme as strategic"). */
  addTags: z.array(word).max(50).optional(),
  removeTags: z.array(word).max(50).optional(),
  addAliases: z.array(word).max(50).optional(),
});

const FIELDS = ["name", "aliases", "tier", "stage", "industry", "region", "tags"] as const;

export async function updateCustomer(ctx: DomainContext, input: z.input<typeof updateCustomerInput>) {
  const data = parseInput(updateCustomerInput, input, ctx.actor.locale);
  const zh = ctx.actor.locale === "zh";
  const asked = Object.entries(data).some(([k, v]) => k !== "customer" && v !== undefined);
  if (!asked)
    throw new DomainError("INVALID_INPUT", {
      message: "update-customer with nothing to change",
      userMessage: zh ? "要修改客户的哪一项?(级别、阶段、行业、地区、标签、别名或名称)" : "What should I change? (tier, stage, industry, region, tags, aliases or name)",
      details: { field: "input" },
    });
  const found = await resolveForChange(ctx.db, ctx.actor, data.customer);
  try {
    return await inChange(ctx, async (tx, rec) => {
      const before = await loadForChange(tx, ctx.actor, found.id);
      const next = {
        name: data.name ?? before.name,
        aliases: dedupe([...(data.aliases ?? before.aliases), ...(data.addAliases ?? [])]),
        tier: data.tier ?? before.tier,
        stage: data.stage ?? before.stage,
        industry: data.industry === undefined ? before.industry : data.industry,
        region: data.region === undefined ? before.region : data.region,
        tags: dedupe([...(data.tags ?? before.tags), ...(data.addTags ?? [])]).filter(
          (t) => !(data.removeTags ?? []).some((r) => r.toLowerCase() === t.toLowerCase()),
        ),
      };
      next.aliases = next.aliases.filter((a) => a.toLowerCase() !== next.name.toLowerCase());
      const changed = FIELDS.filter((f) => JSON.stringify(next[f]) !== JSON.stringify(before[f]));
      const summary = (row: typeof before) => ({ id: row.id, name: row.name, aliases: row.aliases, tier: row.tier, stage: row.stage, industry: row.industry, region: row.region, tags: row.tags });
      // Nothing differs: no write, no audit entry, so "undo" doesn't undo a no-op.
      if (!changed.length) return { customer: summary(before), changed: [] as string[], previous: {} };
      if (changed.includes("name")) await assertNameFree(tx, ctx, next.name, before.id);
      const after = await tx.customer.update({
        where: { id: before.id },
        data: {
          ...next,
          ...(changed.includes("name") || changed.includes("aliases") ? { searchKeys: customerSearchKeys(next.name, next.aliases) } : {}),
        },
      });
      rec.updated("customer", before, after);
      return {
        customer: summary(after),
        changed: changed as string[],
        previous: Object.fromEntries(changed.map((f) => [f, before[f]])),
      };
    });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002")
      throw new DomainError("CONFLICT", {
        message: `customer name "${data.name}" is taken`,
        userMessage: zh ? `已经有名为「${data.name}」的客户。` : `There is already a customer called "${data.name}".`,
        details: { field: "name" },
      });
    throw e;
  }
}
