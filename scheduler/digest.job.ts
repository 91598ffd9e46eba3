// The daily digest job: one node-schedule job per recipient at their own digestHour in their own time zone. Before
// sending, a run is claimed in the database (unique recipient + local date, INSERT … ON CONFLICT DO NOTHING), so
// restarts and several replicas never send the same digest twice; a failed send is retried with backoff, logged,
// and its status, attempts and last error recorded in DigestRun.
import schedule from "node-schedule";
import type { Db } from "../domain/context.ts";
import { toActor } from "../domain/context.ts";
import { buildDigest, type Digest } from "../domain/build-digest.ts";
import { localDate } from "../domain/time.ts";
import type { Notifier, NotifierRecipient, SchedulerLog } from "./notifier.ts";

export interface RetryPolicy {
  /** Sends tried in all (first try included). */
  attempts: number;
  /** Delay before the 2nd try; each later delay is `factor` times the one before. */
  baseDelayMs: number;
  factor: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 30_000, factor: 4 };

export interface DigestSchedulerOptions {
  db: Db;
  notifier: Notifier;
  /** The time digests are built for; defaults to the real clock. */
  clock?: () => Date;
  log?: SchedulerLog;
  retry?: Partial<RetryPolicy>;
  /** How often to pick up new users and changed digest hours / time zones (minutes; 0 = never). */
  refreshMinutes?: number;
}

export type RunResult = { status: "sent"; attempts: number } | { status: "failed"; attempts: number; error: string } | { status: "already-claimed" };

const quietLog: SchedulerLog = { info() {}, warn() {}, error() {} };
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** "08:30" → cron "30 8 * * *"; a bad value falls back to 08:30 rather than silencing the user. */
export function digestCron(hour: string | null | undefined): string {
  const m = /^(\d{1,2}):(\d{2})$/.exec((hour ?? "").trim());
  const [h, min] = m && Number(m[1]) < 24 && Number(m[2]) < 60 ? [Number(m[1]), Number(m[2])] : [8, 30];
  return `${min} ${h} * * *`;
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
 * Today's digest for one user, exactly once: claim, build, send with bounded retries, record the outcome.
 * Used by the scheduled job and by `guanxi digest --send`.
 */
export async function deliverDigest(opts: {
  db: Db;
  notifier: Notifier;
  userId: number;
  now: Date;
  log?: SchedulerLog;
  retry?: Partial<RetryPolicy>;
  digest?: Digest;
}): Promise<RunResult> {
  const { db, notifier, now } = opts;
  const log = opts.log ?? quietLog;
  const retry = { ...DEFAULT_RETRY, ...opts.retry };
  const row = await db.user.findUniqueOrThrow({ where: { id: opts.userId }, include: { identities: true } });
  const date = localDate(now, row.timezone);
  if (!(await claimDigestRun(db, row.id, date, now))) {
    log.info("digest already claimed", { user: row.handle, date });
    return { status: "already-claimed" };
  }
  const where = { recipientId_localDate: { recipientId: row.id, localDate: date } };
  const recipient: NotifierRecipient = {
    ...toActor(row),
    identities: row.identities.map((i) => ({ platform: i.platform, externalId: i.externalId })),
  };
  let error = "";
  let attempts = 0;
  try {
    const digest = opts.digest ?? (await buildDigest({ db, user: toActor(row), now }));
    for (attempts = 1; attempts <= retry.attempts; attempts++) {
      try {
        await notifier.send(recipient, digest);
        await db.digestRun.update({ where, data: { status: "sent", attempts, error: null, sentAt: new Date() } });
        log.info("digest sent", { user: row.handle, date, attempts });
        return { status: "sent", attempts };
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
        const last = attempts >= retry.attempts;
        await db.digestRun.update({ where, data: { status: last ? "failed" : "retrying", attempts, error } });
        log.warn(last ? "digest send failed, giving up" : "digest send failed, will retry", { user: row.handle, date, attempts, error });
        if (!last) await sleep(retry.baseDelayMs * retry.factor ** (attempts - 1));
      }
    }
    attempts = retry.attempts;
  } catch (e) {
    // Building the digest failed (a database problem): record it, so the run is visible and not silently lost.
    error = e instanceof Error ? e.message : String(e);
    await db.digestRun.update({ where, data: { status: "failed", attempts, error } }).catch(() => {});
    log.error("digest build failed", { user: row.handle, date, error });
  }
  return { status: "failed", attempts, error };
}

export interface DigestScheduler {
  /** Resolves once every recipient's job is scheduled. */
  ready: Promise<void>;
  /** The recipients scheduled now, with their cron rule and zone (for logs and tests). */
  jobs(): { userId: number; handle: string; cron: string; tz: string; next: Date | null }[];
  /** Re-reads users and reschedules whoever changed. */
  refresh(): Promise<void>;
  /** Resolves when the digests being sent right now are done (sent, failed or given up). */
  idle(): Promise<void>;
  /** Cancels every job; in-flight sends finish (await the result to wait for them, e.g. on shutdown). */
  stop(): Promise<void>;
}

/** Starts one job per user who has a chat identity (there is nowhere to send anyone else's digest). */
export function startDigestScheduler(opts: DigestSchedulerOptions): DigestScheduler {
  const { db, notifier } = opts;
  const log = opts.log ?? quietLog;
  const clock = opts.clock ?? (() => new Date());
  const jobs = new Map<number, { job: schedule.Job; key: string; handle: string; cron: string; tz: string }>();
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;

  const fire = (userId: number, handle: string) => {
    if (stopped) return;
    const p = deliverDigest({ db, notifier, userId, now: clock(), log, ...(opts.retry ? { retry: opts.retry } : {}) })
      .catch((e) => log.error("digest job crashed", { user: handle, error: e instanceof Error ? e.message : String(e) }))
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  const refresh = async () => {
    const users = await db.user.findMany({
      where: { identities: { some: {} } },
      select: { id: true, handle: true, timezone: true, digestHour: true },
    });
    if (stopped) return;
    const seen = new Set<number>();
    for (const u of users) {
      seen.add(u.id);
      const cron = digestCron(u.digestHour);
      const tz = validZone(u.timezone) ? u.timezone : "UTC";
      const key = `${cron}|${tz}`;
      const had = jobs.get(u.id);
      if (had?.key === key) continue;
      had?.job.cancel();
      const job = schedule.scheduleJob(`digest:${u.id}:${key}`, { rule: cron, tz }, () => fire(u.id, u.handle));
      if (!job) {
        log.error("could not schedule digest", { user: u.handle, cron, tz });
        continue;
      }
      jobs.set(u.id, { job, key, handle: u.handle, cron, tz });
      log.info("digest scheduled", { user: u.handle, cron, tz });
    }
    for (const [id, j] of jobs) if (!seen.has(id)) (j.job.cancel(), jobs.delete(id));
  };

  const ready = refresh().catch((e) => log.error("digest scheduler could not load users", { error: (e as Error).message }));
  const every = (opts.refreshMinutes ?? 10) * 60_000;
  const timer = every > 0 ? setInterval(() => void refresh().catch((e) => log.error("digest refresh failed", { error: (e as Error).message })), every) : undefined;
  timer?.unref?.();

  return {
    ready,
    refresh,
    jobs: () => [...jobs].map(([userId, j]) => ({ userId, handle: j.handle, cron: j.cron, tz: j.tz, next: toDate(j.job.nextInvocation()) })),
    idle: async () => {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      for (const j of jobs.values()) j.job.cancel();
      jobs.clear();
      while (inFlight.size) await Promise.all([...inFlight]);
    },
  };
}

// node-schedule's nextInvocation() is typed Date but is a CronDate at run time.
function toDate(d: unknown): Date | null {
  if (!d) return null;
  const c = d as { toDate?: () => Date };
  return typeof c.toDate === "function" ? c.toDate() : (d as Date);
}

function validZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
