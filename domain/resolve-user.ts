// People name colleagues by handle ("sarah.chen", "@sarah.chen"), full name ("Sarah Chen") — users.ts's
// findUserByHandle — or, as people do in chat, by first name alone ("give Summit to Sarah").
import type { Actor, Db, Tx } from "./context.ts";
import { DomainError, isDomainError } from "./errors.ts";
import { findUserByHandle } from "./users.ts";

export async function resolveUser(db: Db | Tx, actor: Actor, query: string): Promise<Actor> {
  try {
    return await findUserByHandle(db, query, actor.locale);
  } catch (e) {
    if (!isDomainError(e) || e.code !== "NOT_FOUND") throw e;
    const q = query.trim().replace(/^@/, "");
    if (q.length < 2) throw e;
    const rows = await db.user.findMany({
      where: { OR: [{ name: { startsWith: `${q} `, mode: "insensitive" } }, { handle: { startsWith: `${q}.`, mode: "insensitive" } }] },
      select: { handle: true, name: true },
      take: 10,
    });
    if (rows.length === 1) return findUserByHandle(db, rows[0]!.handle, actor.locale);
    if (!rows.length) throw e;
    const names = rows.map((u) => `${u.name} (${u.handle})`);
    throw new DomainError("AMBIGUOUS", {
      message: `"${q}" matches users ${names.join(", ")}`,
      userMessage: actor.locale === "zh" ? `「${q}」对应多个用户:${names.join("、")}。请说明是哪一位。` : `"${q}" could be ${names.join(" or ")}. Which one?`,
      details: { field: "user", query: q, candidates: rows.map((u) => u.handle) },
    });
  }
}
