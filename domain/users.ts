// Who may talk to the bot, and which chat identities are theirs: the `guanxi users` command, invite codes a new
// colleague redeems from Slack/Telegram, and the lookup every inbound message starts with (platform + external id).
import { randomInt } from "node:crypto";
import { z } from "zod";
import { inChange, type ChangeContext } from "./audit.repository.ts";
import { toActor, type Actor, type Db, type Locale, type Tx } from "./context.ts";
import { DomainError } from "./errors.ts";
import { parseInput } from "./validate.ts";

/**
 * Who is changing users. From chat there is an actor (audited as them, and checked: admins, or managers adding reps
 * to their own team); the CLI passes none — whoever runs `guanxi users` on the server is trusted, audit actorId null.
 */
export interface ByWhom {
  actor?: Actor | null;
  now?: Date;
  /** Language of error messages when there is no actor (e.g. the language the invite code arrived in). */
  locale?: Locale;
}

export const PLATFORMS = ["slack", "telegram"] as const;
export type Platform = (typeof PLATFORMS)[number];

const zhOf = (by?: ByWhom) => (by?.actor?.locale ?? by?.locale) === "zh";
const ctxOf = (db: Db, by?: ByWhom, message?: string): ChangeContext => ({
  db,
  actor: by?.actor ?? null,
  now: by?.now ?? new Date(),
  ...(message ? { source: { message } } : {}),
});

const userSelect = { id: true, handle: true, name: true, role: true, managerId: true, timezone: true, locale: true } as const;

export async function findUserByIdentity(db: Db | Tx, platform: string, externalId: string): Promise<Actor | null> {
  const row = await db.chatIdentity.findUnique({
    where: { platform_externalId: { platform, externalId } },
    select: { user: { select: userSelect } },
  });
  return row ? toActor(row.user) : null;
}

/** A user by handle ("sarah.chen", "@sarah.chen") or display name ("Sarah Chen"), case-insensitive; one query. */
export async function findUserByHandle(db: Db | Tx, handleOrName: string, locale: Locale = "en"): Promise<Actor> {
  const q = handleOrName.trim().replace(/^@/, "");
  const rows = q
    ? await db.user.findMany({
        where: { OR: [{ handle: { equals: q, mode: "insensitive" } }, { name: { equals: q, mode: "insensitive" } }] },
        select: userSelect,
        orderBy: { id: "asc" },
      })
    : [];
  // A handle match beats a display-name match: handles are unique, names need not be.
  const byHandle = rows.filter((u) => u.handle.toLowerCase() === q.toLowerCase());
  const hit = byHandle.length ? byHandle : rows;
  if (hit.length === 1) return toActor(hit[0]!);
  const zh = locale === "zh";
  if (!hit.length)
    throw new DomainError("NOT_FOUND", {
      message: `no user matches "${q}"`,
      userMessage: zh ? `没有找到用户「${q}」。请用用户名(如 sarah.chen)或全名。` : `I don't know a user called "${q}". Use their handle (like sarah.chen) or full name.`,
      details: { field: "user", query: q },
    });
  const names = hit.map((u) => `${u.name} (${u.handle})`);
  throw new DomainError("AMBIGUOUS", {
    message: `"${q}" matches users ${names.join(", ")}`,
    userMessage: zh ? `「${q}」对应多个用户:${names.join("、")}。请用用户名。` : `"${q}" could be ${names.join(" or ")}. Use their handle.`,
    details: { field: "user", query: q, candidates: hit.map((u) => u.handle) },
  });
}

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const addUserInput = z.object({
  handle: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, "must be 1–40 letters, digits, dots, dashes or underscores, like sarah.chen"),
  name: z.string().trim().min(1, "a display name").max(100),
  role: z.enum(["rep", "manager", "admin"]).default("rep"),
  manager: z.string().trim().min(1).optional(),
  timezone: z.string().trim().default("UTC").refine(isTimeZone, (tz) => ({ message: `"${tz}" is not an IANA time zone like Asia/Shanghai` })),
  locale: z.enum(["en", "zh"]).default("en"),
});

export async function addUser(db: Db, input: z.input<typeof addUserInput>, by?: ByWhom): Promise<Actor> {
  const zh = zhOf(by);
  const data = parseInput(addUserInput, input, zh ? "zh" : "en");
  const manager = data.manager ? await findUserByHandle(db, data.manager, zh ? "zh" : "en") : null;
  assertMayAdd(by?.actor ?? null, data.role, manager?.id ?? null, zh);
  const taken = await db.user.findFirst({ where: { handle: { equals: data.handle, mode: "insensitive" } }, select: { handle: true } });
  if (taken) throw duplicateHandle(data.handle, zh);
  try {
    return await inChange(ctxOf(db, by), async (tx, rec) => {
      const row = await tx.user.create({
        data: { handle: data.handle, name: data.name, role: data.role, managerId: manager?.id ?? null, timezone: data.timezone, locale: data.locale },
      });
      rec.created("user", row);
      return toActor(row);
    });
  } catch (e) {
    // Two adds racing past the check above: the unique index decides, and the loser hears the same CONFLICT.
    if ((e as { code?: string }).code === "P2002") throw duplicateHandle(data.handle, zh);
    throw e;
  }
}

function assertMayAdd(actor: Actor | null, role: string, managerId: number | null, zh: boolean): void {
  if (!actor || actor.role === "admin") return;
  if (actor.role === "manager" && role === "rep" && managerId === actor.id) return;
  throw new DomainError("FORBIDDEN", {
    message: `${actor.handle} (${actor.role}) may not add a ${role}`,
    userMessage: zh ? "只有管理员可以添加用户;经理只能添加自己团队的销售。" : "Only an admin can add users; a manager can add reps to their own team.",
  });
}

const duplicateHandle = (handle: string, zh: boolean) =>
  new DomainError("CONFLICT", {
    message: `handle ${handle} is taken`,
    userMessage: zh ? `用户名「${handle}」已被使用,请换一个。` : `The handle "${handle}" is already taken. Pick another.`,
    details: { field: "handle" },
  });

export const linkIdentityInput = z.object({
  handle: z.string().trim().min(1, "whose identity"),
  platform: z.enum(PLATFORMS),
  externalId: z.string().trim().min(1, "the user's id on that platform").max(200),
});

export interface LinkResult {
  user: Actor;
  platform: Platform;
  externalId: string;
  /** False when it was already linked to this user (nothing changed). */
  linked: boolean;
}

export async function linkIdentity(db: Db, input: z.input<typeof linkIdentityInput>, by?: ByWhom): Promise<LinkResult> {
  const zh = zhOf(by);
  const data = parseInput(linkIdentityInput, input, zh ? "zh" : "en");
  const user = await findUserByHandle(db, data.handle, zh ? "zh" : "en");
  if (by?.actor && by.actor.role !== "admin" && by.actor.id !== user.id)
    throw new DomainError("FORBIDDEN", {
      message: `${by.actor.handle} may not link identities of ${user.handle}`,
      userMessage: zh ? "只有管理员可以为别人绑定聊天账号。" : "Only an admin can link someone else's chat account.",
    });
  return inChange(ctxOf(db, by, `link ${data.platform}:${data.externalId} to ${user.handle}`), (tx, rec) =>
    attach(tx, rec, user, data.platform, data.externalId, zh),
  );
}

/** Links inside a change; shared by linkIdentity and redeemInvite. Idempotent for the same user, CONFLICT otherwise. */
async function attach(
  tx: Tx,
  rec: Parameters<Parameters<typeof inChange>[1]>[1],
  user: Actor,
  platform: Platform,
  externalId: string,
  zh: boolean,
): Promise<LinkResult> {
  const existing = await tx.chatIdentity.findUnique({
    where: { platform_externalId: { platform, externalId } },
    select: { userId: true, user: { select: { handle: true } } },
  });
  if (existing && existing.userId !== user.id)
    throw new DomainError("CONFLICT", {
      message: `${platform}:${externalId} is already linked to ${existing.user.handle}`,
      userMessage: zh
        ? `这个 ${platform} 账号已绑定到 ${existing.user.handle},不能再绑定给 ${user.handle}。`
        : `That ${platform} account is already linked to ${existing.user.handle}, so it can't be linked to ${user.handle}.`,
      details: { field: "externalId", linkedTo: existing.user.handle },
    });
  if (existing) return { user, platform, externalId, linked: false };
  const before = await tx.user.findUniqueOrThrow({ where: { id: user.id }, include: { identities: { select: { platform: true, externalId: true } } } });
  await tx.chatIdentity.create({ data: { platform, externalId, userId: user.id } });
  // The audit row is the user with the identities they have: entity "user" (identities are part of who they are).
  rec.updated("user", before, { ...before, identities: [...before.identities, { platform, externalId }] });
  return { user, platform, externalId, linked: true };
}

export interface UserListing {
  id: number;
  handle: string;
  name: string;
  role: Actor["role"];
  manager: string | null;
  timezone: string;
  locale: Locale;
  identities: { platform: string; externalId: string }[];
}

export async function listUsers(db: Db | Tx): Promise<UserListing[]> {
  const rows = await db.user.findMany({
    orderBy: { handle: "asc" },
    include: { manager: { select: { handle: true } }, identities: { select: { platform: true, externalId: true }, orderBy: [{ platform: "asc" }, { externalId: "asc" }] } },
  });
  return rows.map((u) => ({
    ...toActor(u),
    manager: u.manager?.handle ?? null,
    identities: u.identities,
  })).map(({ managerId: _m, ...rest }) => rest);
}

/** No 0/O, 1/I/L: people read these codes aloud and type them on phones. */
export const INVITE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const CODE_LENGTH = 8;

export function newInviteCode(): string {
  let s = "";
  for (let i = 0; i < CODE_LENGTH; i++) s += INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)];
  return s;
}

export const createInviteInput = z.object({
  handle: z.string().trim().min(1, "who the invite is for"),
  ttlHours: z.coerce.number().positive("must be more than 0").max(24 * 90, "is at most 90 days").default(72),
});

export async function createInvite(
  db: Db,
  input: z.input<typeof createInviteInput>,
  by?: ByWhom,
): Promise<{ code: string; expiresAt: Date; user: Actor }> {
  const zh = zhOf(by);
  const data = parseInput(createInviteInput, input, zh ? "zh" : "en");
  const user = await findUserByHandle(db, data.handle, zh ? "zh" : "en");
  if (by?.actor && by.actor.role !== "admin" && !(by.actor.role === "manager" && user.managerId === by.actor.id))
    throw new DomainError("FORBIDDEN", {
      message: `${by.actor.handle} may not invite ${user.handle}`,
      userMessage: zh ? "只有管理员或其经理可以为该用户生成邀请码。" : "Only an admin or their manager can create an invite for that user.",
    });
  const now = by?.now ?? new Date();
  const expiresAt = new Date(now.getTime() + data.ttlHours * 3600_000);
  // 31^8 ≈ 8.5e11 codes: a collision is near impossible, but the unique index is the judge, so retry on one.
  for (let attempt = 0; ; attempt++) {
    const code = newInviteCode();
    try {
      await db.invite.create({ data: { code, userId: user.id, expiresAt, createdAt: now } });
      return { code, expiresAt, user };
    } catch (e) {
      if ((e as { code?: string }).code !== "P2002" || attempt >= 4) throw e;
    }
  }
}

export const redeemInviteInput = z.object({
  code: z.string().transform((s) => s.toUpperCase().replace(/[\s-]/g, "")),
  platform: z.enum(PLATFORMS),
  externalId: z.string().trim().min(1).max(200),
  now: z.date(),
  locale: z.enum(["en", "zh"]).optional(),
});

/**
 * A new colleague sends their code from Slack/Telegram: link that identity to the invited user, once. Nobody is
 * identified yet, so the audit entry has no actor (and no one's "undo" can revert it).
 */
export async function redeemInvite(db: Db, input: z.input<typeof redeemInviteInput>): Promise<LinkResult> {
  const data = parseInput(redeemInviteInput, input, input.locale ?? "en");
  const zh = data.locale === "zh";
  const bad = (code: "NOT_FOUND" | "CONFLICT" | "INVALID_INPUT", reason: string, en: string, zhMsg: string) =>
    new DomainError(code, { message: `invite ${data.code}: ${reason}`, userMessage: zh ? zhMsg : en, details: { field: "code", reason } });
  return inChange(
    { db, actor: null, now: data.now, source: { message: `redeem invite as ${data.platform}:${data.externalId}` } },
    async (tx, rec) => {
      const invite = await tx.invite.findUnique({ where: { code: data.code }, include: { user: { select: userSelect } } });
      if (!invite) throw bad("NOT_FOUND", "unknown", "That invite code isn't valid. Check it, or ask your admin for a new one.", "邀请码无效。请检查,或向管理员索取新的邀请码。");
      if (invite.usedAt) throw bad("CONFLICT", "used", "That invite code has already been used. Ask your admin for a new one.", "该邀请码已被使用。请向管理员索取新的邀请码。");
      if (invite.expiresAt.getTime() <= data.now.getTime())
        throw bad("INVALID_INPUT", "expired", "That invite code has expired. Ask your admin for a new one.", "该邀请码已过期。请向管理员索取新的邀请码。");
      // Claim the code first: of two redemptions racing, only the one that flips usedAt goes on to link.
      const claimed = await tx.invite.updateMany({ where: { id: invite.id, usedAt: null }, data: { usedAt: data.now } });
      if (claimed.count !== 1) throw bad("CONFLICT", "used", "That invite code has already been used. Ask your admin for a new one.", "该邀请码已被使用。请向管理员索取新的邀请码。");
      return attach(tx, rec, toActor(invite.user), data.platform, data.externalId, zh);
    },
  );
}
