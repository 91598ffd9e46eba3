// The DigestRun claim as a lease. A run (unique recipient + local date) is claimed with INSERT … ON CONFLICT DO
// NOTHING; its holder renews "claimedAt" before every send. A holder that crashed stops renewing, so once its claim
// is older than the lease, one other process may take it over with a single conditional UPDATE (Postgres re-checks
// the WHERE clause of a row another transaction just updated, so of two racing takers only one gets a row back).
// Every time here is the wall clock, not the instant a digest is built for (`guanxi digest --now` may be in the past),
// and each is written with the same conversion so "claimedAt" = the holder's token compares exactly.
import type { Db } from "../domain/context.ts";

export const DEFAULT_LEASE_MINUTES = 15;

/** Statuses of a run that someone is (or was, before crashing) still working on. */
export const IN_PROGRESS = ["claimed", "retrying"] as const;

export interface RunKey {
  recipientId: number;
  localDate: string;
}

/** Claims (recipient, local date). True only for the one caller whose INSERT went in. */
export async function claimDigestRun(db: Db, recipientId: number, date: string, at: Date): Promise<boolean> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    INSERT INTO "DigestRun" ("recipientId", "localDate", status, attempts, "claimedAt")
    VALUES (${recipientId}, ${date}, 'claimed', 0, ${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')
    ON CONFLICT ("recipientId", "localDate") DO NOTHING
    RETURNING id`;
  return rows.length === 1;
}

/**
 * Takes over a run left 'claimed' or 'retrying' whose claim is older than the lease. Returns what the run had
 * recorded (the attempts already made count on), or null when there is nothing to take: no such run, a fresh
 * claim, a finished run ('sent', 'failed'), or another taker won.
 */
export async function takeOverDigestRun(
  db: Db, key: RunKey, at: Date, leaseMs: number,
): Promise<{ status: string; attempts: number; error: string | null } | null> {
  const rows = await db.$queryRaw<{ status: string; attempts: number; error: string | null }[]>`
    UPDATE "DigestRun" SET "claimedAt" = ${at.toISOString()}::timestamptz AT TIME ZONE 'UTC'
    WHERE "recipientId" = ${key.recipientId} AND "localDate" = ${key.localDate}
      AND status IN ('claimed', 'retrying')
      AND "claimedAt" < ${new Date(at.getTime() - leaseMs).toISOString()}::timestamptz AT TIME ZONE 'UTC'
    RETURNING status, attempts, error`;
  return rows[0] ?? null;
}

/**
 * Records progress on a run this process holds and renews the lease, but only if the claim is still the one it
 * took (`token`, its last "claimedAt"): false means another process has taken the run over, so stop.
 */
export async function holdDigestRun(
  db: Db, key: RunKey, token: Date, at: Date, set: { status: (typeof IN_PROGRESS)[number] | "failed"; attempts: number; error: string | null },
): Promise<boolean> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    UPDATE "DigestRun"
    SET status = ${set.status}, attempts = ${set.attempts}, error = ${set.error},
        "claimedAt" = ${at.toISOString()}::timestamptz AT TIME ZONE 'UTC'
    WHERE "recipientId" = ${key.recipientId} AND "localDate" = ${key.localDate}
      AND status IN ('claimed', 'retrying')
      AND "claimedAt" = ${token.toISOString()}::timestamptz AT TIME ZONE 'UTC'
    RETURNING id`;
  return rows.length === 1;
}
