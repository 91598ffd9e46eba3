// Reps change their own customers, managers their team's (and their own), admins all. Reads are company-wide.
import { DomainError } from "./errors.ts";
import type { Actor, Db, Tx } from "./context.ts";

export async function canChangeOwnedBy(db: Db | Tx, actor: Actor, ownerId: number): Promise<boolean> {
  if (actor.role === "admin" || ownerId === actor.id) return true;
  if (actor.role !== "manager") return false;
  // Anyone below the manager in the reporting chain (the same reach as their lists: domain/scope.ts).
  const rows = await db.$queryRaw<{ ok: number }[]>`
    WITH RECURSIVE chain AS (
      SELECT id, "managerId", 0 AS depth FROM "User" WHERE id = ${ownerId}
      UNION ALL
      SELECT u.id, u."managerId", c.depth + 1 FROM "User" u JOIN chain c ON u.id = c."managerId" WHERE c.depth < 10
    )
    SELECT 1 AS ok FROM chain WHERE "managerId" = ${actor.id} LIMIT 1`;
  return rows.length > 0;
}

export async function assertCanChange(
  db: Db | Tx,
  actor: Actor,
  customer: { name: string; ownerId: number },
): Promise<void> {
  if (await canChangeOwnedBy(db, actor, customer.ownerId)) return;
  throw new DomainError("FORBIDDEN", {
    message: `${actor.handle} (${actor.role}) may not change ${customer.name}`,
    userMessage:
      actor.locale === "zh"
        ? `你没有权限修改「${customer.name}」:它不是你的客户,只有它的负责人或其经理可以修改。`
        : `You can't change ${customer.name}: it is not your account — only its owner or their manager can.`,
  });
}

export function assertManager(actor: Actor, what: { en: string; zh: string }): void {
  if (actor.role === "manager" || actor.role === "admin") return;
  throw new DomainError("FORBIDDEN", {
    message: `${actor.handle} (${actor.role}) tried a manager-only action`,
    userMessage:
      actor.locale === "zh"
        ? `只有经理可以${what.zh}。请联系你的经理。`
        : `Only a manager can ${what.en}. Please ask your manager.`,
  });
}
