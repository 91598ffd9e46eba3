// A new account: "new customer: Bluewave Foods, tier B, food industry". The owner is the speaker unless a manager
// names someone on their team.
import { Prisma } from "@prisma/client";
import { z } from "zod";
import type { DomainContext, Tx } from "./context.ts";
import { inChange } from "./audit.repository.ts";
import { canChangeOwnedBy } from "./authorization.ts";
import { DomainError } from "./errors.ts";
import { customerSearchKeys } from "./name-keys.ts";
import { resolveUser } from "./resolve-user.ts";
import { parseInput } from "./validate.ts";

const nameList = z.array(z.string().trim().min(1).max(200)).max(50);

export const createCustomerInput = z.object({
  name: z.string().trim().min(1, "the customer's name").max(200),
  aliases: nameList.default([]),
  owner: z.string().trim().min(1).max(200).optional(),
  tier: z.enum(["A", "B", "C", "D"]).default("C"),
  stage: z.enum(["prospect", "new", "repeat", "loyal", "lost"]).default("prospect"),
  industry: z.string().trim().min(1).max(200).optional(),
  region: z.string().trim().min(1).max(200).optional(),
  tags: nameList.default([]),
});

export async function createCustomer(ctx: DomainContext, input: z.input<typeof createCustomerInput>) {
  const data = parseInput(createCustomerInput, input, ctx.actor.locale);
  const zh = ctx.actor.locale === "zh";
  const owner = data.owner ? await resolveUser(ctx.db, ctx.actor, data.owner) : { id: ctx.actor.id, handle: ctx.actor.handle, name: ctx.actor.name };
  if (!(await canChangeOwnedBy(ctx.db, ctx.actor, owner.id)))
    throw new DomainError("FORBIDDEN", {
      message: `${ctx.actor.handle} (${ctx.actor.role}) may not create a customer for ${owner.handle}`,
      userMessage: zh
        ? `你不能为 ${owner.name} 新建客户:只能为自己${ctx.actor.role === "manager" ? "或你团队的成员" : ""}新建。`
        : `You can't create a customer for ${owner.name}: only for yourself${ctx.actor.role === "manager" ? " or your team" : ""}.`,
    });
  const aliases = dedupe(data.aliases.filter((a) => a.toLowerCase() !== data.name.toLowerCase()));
  try {
    return await inChange(ctx, async (tx, rec) => {
      await assertNameFree(tx, ctx, data.name);
      const row = await tx.customer.create({
        data: {
          name: data.name,
          aliases,
          ownerId: owner.id,
          tier: data.tier,
          stage: data.stage,
          industry: data.industry ?? null,
          region: data.region ?? null,
          tags: dedupe(data.tags),
          searchKeys: customerSearchKeys(data.name, aliases),
          // The turn's clock, not the server's: risk scoring ages a customer from here (and `--now` replays stay true).
          createdAt: ctx.now,
        },
      });
      rec.created("customer", row);
      return {
        customer: { id: row.id, name: row.name, aliases: row.aliases, tier: row.tier, stage: row.stage, industry: row.industry, region: row.region, tags: row.tags },
        owner: { id: owner.id, handle: owner.handle, name: owner.name },
      };
    });
  } catch (e) {
    // Two people creating the same name at once: the unique index decides, and the loser hears why.
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw nameTaken(ctx, data.name, data.name);
    throw e;
  }
}

/** CONFLICT when another customer (active or archived) already has this name, case aside. */
export async function assertNameFree(tx: Tx, ctx: DomainContext, name: string, exceptId?: number): Promise<void> {
  const clash = await tx.customer.findFirst({
    where: { name: { equals: name, mode: "insensitive" }, ...(exceptId != null ? { id: { not: exceptId } } : {}) },
    select: { name: true, status: true },
  });
  if (clash) throw nameTaken(ctx, name, clash.name, clash.status === "archived");
}

const nameTaken = (ctx: DomainContext, asked: string, existing: string, archived = false) =>
  new DomainError("CONFLICT", {
    message: `customer name "${asked}" is taken by "${existing}"`,
    userMessage:
      ctx.actor.locale === "zh"
        ? `已经有名为「${existing}」的客户${archived ? "(已归档)" : ""},不能重名。`
        : `There is already a customer called "${existing}"${archived ? " (archived)" : ""}; names must be unique.`,
    details: { field: "name", existing },
  });

export const dedupe = (xs: string[]) => {
  const seen = new Set<string>();
  return xs.filter((x) => !seen.has(x.toLowerCase()) && seen.add(x.toLowerCase()));
};
