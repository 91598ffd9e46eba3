// People name colleagues by handle ("sarah.chen", "@sarah.chen"), full name ("Sarah Chen") or first name ("Sarah").
import type { Actor, Db, Tx } from "./context.ts";
import { DomainError } from "./errors.ts";

export interface UserRef {
  id: number;
  handle: string;
  name: string;
  role: string;
  managerId: number | null;
}

export async function resolveUser(db: Db | Tx, actor: Actor, query: string): Promise<UserRef> {
  const zh = actor.locale === "zh";
  const q = query.trim().replace(/^@/, "");
  // One query for every way of naming someone, then the best kind of match wins.
  const rows = await db.user.findMany({
    where: {
      OR: [
        { handle: { equals: q, mode: "insensitive" } },
        { name: { equals: q, mode: "insensitive" } },
        { name: { startsWith: `${q} `, mode: "insensitive" } },
        { handle: { startsWith: `${q}.`, mode: "insensitive" } },
      ],
    },
    select: { id: true, handle: true, name: true, role: true, managerId: true },
    orderBy: { id: "asc" },
  });
  const l = q.toLowerCase();
  const tiers = [
    rows.filter((u) => u.handle.toLowerCase() === l),
    rows.filter((u) => u.name.toLowerCase() === l),
    rows,
  ];
  const best = tiers.find((t) => t.length > 0) ?? [];
  if (best.length === 1) return best[0]!;
  if (!best.length)
    throw new DomainError("NOT_FOUND", {
      message: `no user matches "${q}"`,
      userMessage: zh ? `没有找到用户「${q}」。请用用户名(如 sarah.chen)或全名。` : `I don't know a user called "${q}". Use their handle (like sarah.chen) or full name.`,
      details: { field: "user", query: q },
    });
  const names = best.map((u) => `${u.name} (${u.handle})`);
  throw new DomainError("AMBIGUOUS", {
    message: `"${q}" matches users ${names.join(", ")}`,
    userMessage: zh ? `「${q}」对应多个用户:${names.join("、")}。请说明是哪一位。` : `"${q}" could be ${names.join(" or ")}. Which one?`,
    details: { query: q, candidates: best },
  });
}
