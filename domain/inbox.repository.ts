// Every inbound message is stored before it is processed, so nothing a user typed is ever lost, and a platform's
// retry of the same message (same platform + external id) is recognised and answered once.
//
// A message being processed carries a lease (token + expiry, on the wall clock like scheduler/digest-claim.ts) that
// its holder renews while the turn runs. A holder that died stops renewing; once the lease has expired, exactly one
// process takes the row over with a conditional UPDATE (Postgres re-checks the WHERE clause of a row another
// transaction just changed, so of two racing takers one gets a row back). Finishing is conditional on the token too,
// so a holder that lost its lease can't overwrite the taker's outcome or send a second reply.
import { randomUUID } from "node:crypto";
import { Prisma } from "@prisma/client";
import type { Db } from "./context.ts";
import { queryMutations, type Mutation } from "./audit.repository.ts";
import { retryOnConnectionLoss } from "../prisma/connection-loss.ts";

export const DEFAULT_LEASE_MS = 60_000;

export interface InboxEntry {
  id: number;
  duplicate: boolean;
  status: "received" | "processing" | "done" | "failed";
  reply: string | null;
  /** This process's claim on the row (set unless duplicate). */
  token?: string;
  /** The row was taken over (a retry of a failed message, or an expired lease): it may already have changed things. */
  retried?: boolean;
}

const ts = (d: Date) => Prisma.sql`${d.toISOString()}::timestamptz AT TIME ZONE 'UTC'`;

/**
 * Stores an inbound message and claims it. Sent again with the same token when the connection drops under it (the
 * embedded store's owner killed or handing over): the insert is idempotent, and a row an earlier attempt inserted
 * is recognised by its token, so a cut-off first attempt neither loses the message nor makes it a duplicate.
 */
export function receiveMessage(db: Db, m: Omit<Parameters<typeof receiveOnce>[1], "token"> & { token?: string }): Promise<InboxEntry> {
  const token = m.token ?? randomUUID();
  return retryOnConnectionLoss(() => receiveOnce(db, { ...m, token }));
}

async function receiveOnce(
  db: Db,
  m: {
    platform: string;
    externalMessageId: string;
    userId: number | null;
    text: string;
    at: Date;
    leaseMs?: number;
    wallNow?: Date;
    /** This attempt's claim; the same token again takes back a row an earlier, cut-off attempt inserted. */
    token: string;
  },
): Promise<InboxEntry> {
  const token = m.token;
  const wall = m.wallNow ?? new Date();
  const until = new Date(wall.getTime() + (m.leaseMs ?? DEFAULT_LEASE_MS));
  const inserted = await db.$queryRaw<{ id: number }[]>`
    INSERT INTO "InboxMessage" (platform, "externalMessageId", "userId", text, status, "receivedAt", "leaseToken", "leaseUntil")
    VALUES (${m.platform}, ${m.externalMessageId}, ${m.userId}, ${m.text}, 'processing', ${m.at}, ${token}, ${ts(until)})
    ON CONFLICT (platform, "externalMessageId") DO NOTHING
    RETURNING id`;
  if (inserted.length) return { id: inserted[0]!.id, duplicate: false, status: "processing", reply: null, token };
  // An earlier attempt with this token inserted the row but its answer was lost (the connection dropped): ours.
  const own = await db.$queryRaw<{ id: number }[]>`
    UPDATE "InboxMessage" SET "leaseUntil" = ${ts(until)}
     WHERE platform = ${m.platform} AND "externalMessageId" = ${m.externalMessageId} AND status = 'processing' AND "leaseToken" = ${token}
    RETURNING id`;
  if (own.length) return { id: own[0]!.id, duplicate: false, status: "processing", reply: null, token };
  // Taken up again: a message that failed before (the platform or the user sends it again), or one whose holder's
  // lease expired (it died mid-turn; a row from before leases existed has none). Done, or live elsewhere: duplicate.
  const retried = await takeOver(db, Prisma.sql`platform = ${m.platform} AND "externalMessageId" = ${m.externalMessageId}`, token, wall, until);
  if (retried) return { id: retried, duplicate: false, status: "processing", reply: null, token, retried: true };
  const prev = await db.inboxMessage.findUniqueOrThrow({
    where: { platform_externalMessageId: { platform: m.platform, externalMessageId: m.externalMessageId } },
  });
  return { id: prev.id, duplicate: true, status: prev.status, reply: prev.reply };
}

async function takeOver(db: Db, which: Prisma.Sql, token: string, wall: Date, until: Date): Promise<number | null> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    UPDATE "InboxMessage" SET status = 'processing', error = NULL, "leaseToken" = ${token}, "leaseUntil" = ${ts(until)}
     WHERE ${which}
       AND (status = 'failed' OR (status = 'processing' AND ("leaseUntil" IS NULL OR "leaseUntil" < ${ts(wall)})))
    RETURNING id`;
  return rows[0]?.id ?? null;
}

/** Extends the lease this process holds; false when another process has taken the row over (stop, don't reply). */
export async function renewLease(db: Db, id: number, token: string, leaseMs = DEFAULT_LEASE_MS, wallNow = new Date()): Promise<boolean> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    UPDATE "InboxMessage" SET "leaseUntil" = ${ts(new Date(wallNow.getTime() + leaseMs))}
     WHERE id = ${id} AND status = 'processing' AND "leaseToken" = ${token}
    RETURNING id`;
  return rows.length === 1;
}

/** Messages left 'processing' by a holder whose lease expired (serve's sweep takes them over one by one). */
export async function listAbandoned(db: Db, opts: { platforms: string[]; wallNow?: Date; limit?: number }) {
  const wall = opts.wallNow ?? new Date();
  return db.$queryRaw<{ id: number; platform: string; externalMessageId: string; handle: string; text: string; receivedAt: Date }[]>`
    SELECT m.id, m.platform, m."externalMessageId", u.handle, m.text, m."receivedAt" FROM "InboxMessage" m
      JOIN "User" u ON u.id = m."userId"
     WHERE m.status = 'processing' AND (m."leaseUntil" IS NULL OR m."leaseUntil" < ${ts(wall)})
       AND m.platform = ANY(${opts.platforms}::text[])
     ORDER BY m.id LIMIT ${opts.limit ?? 100}`;
}

export interface PendingCall {
  tool: string;
  args: Record<string, unknown>;
  /** What it will do, in the user's words ("archive Orchid Dental Clinics"). */
  summary: string;
}

/**
 * Marks the message done with its reply (and the changes it left waiting for a yes/no), if this process still holds
 * it. False: the lease was lost to a taker, which will answer instead.
 */
export async function markDone(
  db: Db, id: number, token: string, reply: string, at: Date, extra: { error?: string; pending?: { calls: PendingCall[]; until: Date } } = {},
): Promise<boolean> {
  const pending = extra.pending ? JSON.stringify(extra.pending.calls) : null;
  const rows = await db.$queryRaw<{ id: number }[]>`
    UPDATE "InboxMessage"
       SET status = 'done', reply = ${reply}, "processedAt" = ${at}, error = ${extra.error?.slice(0, 4000) ?? null},
           "leaseToken" = NULL, "leaseUntil" = NULL,
           pending = ${pending}::jsonb, "pendingUntil" = ${extra.pending?.until ?? null}, "pendingOutcome" = NULL
     WHERE id = ${id} AND "leaseToken" = ${token}
    RETURNING id`;
  return rows.length === 1;
}

/** What one inbox message changed (CONTRACT §3 mutations), from the audit log. */
export function mutationsOf(db: Db, inboxId: number): Promise<Mutation[]> {
  return queryMutations(db, { inboxId });
}

/** Marks the message failed (it stays for a retry), if this process still holds it (or no token is given). */
export async function markFailed(db: Db, id: number, error: string, at: Date, token?: string): Promise<boolean> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    UPDATE "InboxMessage" SET status = 'failed', error = ${error.slice(0, 4000)}, "processedAt" = ${at},
           "leaseToken" = NULL, "leaseUntil" = NULL
     WHERE id = ${id} ${token ? Prisma.sql`AND "leaseToken" = ${token}` : Prisma.empty}
    RETURNING id`;
  return rows.length === 1;
}

export async function listFailed(db: Db, limit = 100) {
  return db.inboxMessage.findMany({ where: { status: "failed" }, orderBy: { id: "asc" }, take: limit });
}

/** The pending changes the user's message just before `beforeInboxId` left, if still unanswered and not expired. */
export async function pendingBefore(db: Db, opts: { userId: number; beforeInboxId: number; now: Date }): Promise<{ inboxId: number } | null> {
  const row = await db.inboxMessage.findFirst({
    where: { userId: opts.userId, id: { lt: opts.beforeInboxId } },
    orderBy: { id: "desc" },
    select: { id: true, pendingUntil: true, pendingOutcome: true, status: true },
  });
  if (!row || row.status !== "done" || row.pendingOutcome || !row.pendingUntil || row.pendingUntil <= opts.now) return null;
  return { inboxId: row.id };
}

/**
 * Answers a message's pending changes, once: the conditional UPDATE lets exactly one answer (typed or a button,
 * pressed twice or on two devices) win. Only the user who asked can answer. Returns the calls to run when confirmed,
 * [] when cancelled; null when there is nothing to answer (already answered, expired, or someone else's).
 */
export async function answerPending(
  db: Db, opts: { inboxId: number; userId: number; confirm: boolean; now: Date },
): Promise<PendingCall[] | null> {
  const rows = await db.$queryRaw<{ pending: PendingCall[] }[]>`
    UPDATE "InboxMessage" SET "pendingOutcome" = ${opts.confirm ? "confirmed" : "cancelled"}
     WHERE id = ${opts.inboxId} AND "userId" = ${opts.userId} AND pending IS NOT NULL
       AND "pendingOutcome" IS NULL AND "pendingUntil" > ${opts.now}
    RETURNING pending`;
  if (!rows.length) return null;
  return opts.confirm ? rows[0]!.pending : [];
}
