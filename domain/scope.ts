// Whose customers an actor sees in lists (stale customers, deals closing, order totals, activity): a rep their own,
// a manager their own and everyone below them (the whole reporting tree, not just direct reports), an admin everyone.
// Single-record reads stay company-wide (authorization.ts); this only decides what a list shows by default.
import { Prisma } from "@prisma/client";
import type { Actor, Db, Tx } from "./context.ts";
import { findUserByHandle } from "./users.ts";

/** The user ids whose customers the actor manages / sees in lists. Reps need no query; others one. */
export async function visibleOwnerIds(db: Db | Tx, actor: Pick<Actor, "id" | "role">): Promise<number[]> {
  if (actor.role === "admin") {
    const all = await db.user.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    return all.map((u) => u.id);
  }
  if (actor.role !== "manager") return [actor.id];
  // Recursive so a manager of managers sees the whole tree; the depth guard stops a bad managerId cycle.
  const rows = await db.$queryRaw<{ id: number }[]>`
    WITH RECURSIVE team(id, depth) AS (
      SELECT ${actor.id}::int, 0
      UNION
      SELECT u.id, t.depth + 1 FROM "User" u JOIN team t ON u."managerId" = t.id WHERE t.depth < 20
    )
    SELECT DISTINCT id FROM team ORDER BY id`;
  return rows.map((r) => Number(r.id));
}

/** A SQL list of ids for `IN (…)`: never empty (an empty scope matches nothing rather than failing). */
export const idList = (ids: number[]): Prisma.Sql => Prisma.join(ids.length ? ids : [-1]);

/**
 * The owner ids a list should cover: the actor's scope, or one named owner. Reads are company-wide, so anyone may
 * ask for a colleague's list explicitly ("Tom's stale customers"); only the default is limited to the actor's scope.
 */
export async function listOwnerIds(db: Db | Tx, actor: Actor, owner?: string): Promise<number[]> {
  if (!owner?.trim()) return visibleOwnerIds(db, actor);
  return [(await findUserByHandle(db, owner, actor.locale)).id];
}
