// The daily digest job: one node-schedule job per recipient at their own digestHour in their own time zone. Before
// sending, a run is claimed in the database (unique recipient + local date, INSERT … ON CONFLICT DO NOTHING), so
// restarts and several replicas never send the same digest twice; a failed send is retried with backoff, logged,
// and its status, attempts and last error recorded in DigestRun.
// Two things a cron job alone would miss, both checked on start and on every refresh: a digest whose time passed
// while no process was running (a deploy at 09:00) is sent late, but only within `catchUpHours` of the digest time
// on the same local day — a morning digest at 23:00 is noise, not help; and a claim whose holder crashed before
// sending is taken over once its lease has run out (see digest-claim.ts).
import schedule from "node-schedule";
import type { Db } from "../domain/context.ts";
import { toActor } from "../domain/context.ts";
import { buildDigest, type Digest } from "../domain/build-digest.ts";
import { localDate, zonedInstant } from "../domain/time.ts";
import { claimDigestRun, DEFAULT_LEASE_MINUTES, holdDigestRun, IN_PROGRESS, takeOverDigestRun } from "./digest-claim.ts";
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
  /** How long after their digest time a missed digest is still sent (hours, same local day only; 0 = never). */
  catchUpHours?: number;
  /** A claim not renewed for this long is a crashed process's and may be taken over (minutes). */
  leaseMinutes?: number;
}

export const DEFAULT_CATCH_UP_HOURS = 4;

export type RunResult = { status: "sent"; attempts: number } | { status: "failed"; attempts: number; error: string } | { status: "already-claimed" };

const quietLog: SchedulerLog = { info() {}, warn() {}, error() {} };
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** "8:30" → [8, 30]; a bad value falls back to 08:30 rather than silencing the user. */
function digestTime(hour: string | null | undefined): [number, number] {
  const m = /^(\d{1,2}):(\d{2})$/.exec((hour ?? "").trim());
  return m && Number(m[1]) < 24 && Number(m[2]) < 60 ? [Number(m[1]), Number(m[2])] : [8, 30];
}

/** "08:30" → cron "30 8 * * *"; a bad value falls back to 08:30. */
export function digestCron(hour: string | null | undefined): string {
  const [h, min] = digestTime(hour);
  return `${min} ${h} * * *`;
}

/**
 * Is `now` within the catch-up window of today's digest for this user — at or after their digest time on their
 * local date, and less than `hours` after it? (Only today counts: after local midnight yesterday's is not sent.)
 */
export function inCatchUpWindow(now: Date, tz: string, hour: string | null | undefined, hours: number): boolean {
  const [h, min] = digestTime(hour);
  const due = zonedInstant(localDate(now, tz), `${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}`, tz);
  return now.getTime() >= due.getTime() && now.getTime() < due.getTime() + hours * 3_600_000;
}

/**
 * Today's digest for one user, exactly once: claim (or take over a crashed holder's stale claim), build, send with
 * bounded retries, record the outcome. Used by the scheduled job and by `guanxi digest --send`.
 */
export async function deliverDigest(opts: {
  db: Db;
  notifier: Notifier;
  userId: number;
  now: Date;
  log?: SchedulerLog;
  retry?: Partial<RetryPolicy>;
  /** A claim not renewed for this long is taken to be a crashed process's, and may be taken over. */
  leaseMinutes?: number;
  digest?: Digest;
}): Promise<RunResult> {
  const { db, notifier, now } = opts;
  const log = opts.log ?? quietLog;
  const retry = { ...DEFAULT_RETRY, ...opts.retry };
  const row = await db.user.findUniqueOrThrow({ where: { id: opts.userId }, include: { identities: true } });
  const date = localDate(now, row.timezone);
  const key = { recipientId: row.id, localDate: date };
  let token = new Date();
  // What the run had recorded when this process got it: nothing for a new claim, a crashed holder's for a takeover.
  let had: { status: "claimed" | "retrying"; attempts: number; error: string | null } = { status: "claimed", attempts: 0, error: null };
  if (!(await claimDigestRun(db, row.id, date, token))) {
    token = new Date();
    const taken = await takeOverDigestRun(db, key, token, (opts.leaseMinutes ?? DEFAULT_LEASE_MINUTES) * 60_000);
    if (!taken) {
      log.info("digest already claimed", { user: row.handle, date });
      return { status: "already-claimed" };
    }
    had = { status: taken.status === "retrying" ? "retrying" : "claimed", attempts: taken.attempts, error: taken.error };
    log.warn("digest claim was stale, taken over", { user: row.handle, date, ...had });
  }
  // Records progress and renews the lease; false once another process has taken the run over.
  const hold = async (set: Parameters<typeof holdDigestRun>[4]) => {
    const at = new Date();
    if (!(await holdDigestRun(db, key, token, at, set))) return false;
    token = at;
    return true;
  };
  const lost = (): RunResult => {
    log.warn("digest claim taken over by another process, not sending", { user: row.handle, date });
    return { status: "already-claimed" };
  };
  const recipient: NotifierRecipient = {
    ...toActor(row),
    identities: row.identities.map((i) => ({ platform: i.platform, externalId: i.externalId })),
  };
  let error = had.error ?? "";
  let attempts = had.attempts;
  try {
    const digest = opts.digest ?? (await buildDigest({ db, user: toActor(row), now }));
    for (let k = 1; k <= retry.attempts; k++) {
      // Renew before every send: a process that stalled past the lease must not send what its taker sends.
      if (!(await hold({ ...had, attempts, error: error || null }))) return lost();
      attempts++;
      try {
        await notifier.send(recipient, digest);
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
        const last = k >= retry.attempts;
        had = { status: "retrying", attempts, error };
        if (!(await hold({ status: last ? "failed" : "retrying", attempts, error }))) return lost();
        log.warn(last ? "digest send failed, giving up" : "digest send failed, will retry", { user: row.handle, date, attempts, error });
        if (!last) await sleep(retry.baseDelayMs * retry.factor ** (k - 1));
        continue;
      }
      // Outside the send's try: a failure to record must not count as a failed send and send again. Unconditional:
      // the digest has gone out, whoever holds the claim now.
      await db.digestRun
        .update({ where: { recipientId_localDate: key }, data: { status: "sent", attempts, error: null, sentAt: new Date() } })
        .catch((e) => log.error("digest sent, but recording it failed", { user: row.handle, date, error: (e as Error).message }));
      log.info("digest sent", { user: row.handle, date, attempts });
      return { status: "sent", attempts };
    }
  } catch (e) {
    // Building the digest or recording progress failed (a database problem): record it, so the run is visible.
    error = e instanceof Error ? e.message : String(e);
    await hold({ status: "failed", attempts, error }).catch(() => {});
    log.error("digest build failed", { user: row.handle, date, error });
  }
  return { status: "failed", attempts, error };
}

export interface DigestScheduler {
  /** Resolves once every recipient's job is scheduled and missed digests are on their way. */
  ready: Promise<void>;
  /** The recipients scheduled now, with their cron rule and zone (for logs and tests). */
  jobs(): { userId: number; handle: string; cron: string; tz: string; next: Date | null }[];
  /** Re-reads users, reschedules whoever changed, and sends missed digests and takes over stale claims. */
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
  const sending = new Set<number>(); // users with a delivery running in this process, so a catch-up doesn't double it
  const catchUpHours = opts.catchUpHours ?? DEFAULT_CATCH_UP_HOURS;
  const leaseMinutes = opts.leaseMinutes ?? DEFAULT_LEASE_MINUTES;
  const retry = { ...DEFAULT_RETRY, ...opts.retry };
  // A live holder renews its claim before each send; if a backoff delay outlasts the lease, a peer would take over.
  if (retry.baseDelayMs * retry.factor ** Math.max(0, retry.attempts - 2) >= leaseMinutes * 60_000)
    log.warn("digest lease is shorter than the longest retry delay", { leaseMinutes, retry });
  let stopped = false;

  const fire = (userId: number, handle: string) => {
    if (stopped || sending.has(userId)) return;
    sending.add(userId);
    const p = deliverDigest({ db, notifier, userId, now: clock(), log, retry, leaseMinutes })
      .catch((e) => log.error("digest job crashed", { user: handle, error: e instanceof Error ? e.message : String(e) }))
      .finally(() => (inFlight.delete(p), sending.delete(userId)));
    inFlight.add(p);
  };

  // Whoever is inside their catch-up window with no run today, or with a run whose holder let its lease lapse.
  // One query for all of them; the claim in deliverDigest still decides, so racing replicas send once.
  const catchUp = async (users: { id: number; handle: string; tz: string; digestHour: string }[]) => {
    if (catchUpHours <= 0) return;
    const now = clock();
    const due = users.filter((u) => inCatchUpWindow(now, u.tz, u.digestHour, catchUpHours)).map((u) => ({ ...u, date: localDate(now, u.tz) }));
    if (!due.length) return;
    const runs = await db.digestRun.findMany({
      where: { recipientId: { in: due.map((u) => u.id) }, localDate: { in: [...new Set(due.map((u) => u.date))] } },
      select: { recipientId: true, localDate: true, status: true, claimedAt: true },
    });
    const stale = Date.now() - leaseMinutes * 60_000;
    for (const u of due) {
      const run = runs.find((r) => r.recipientId === u.id && r.localDate === u.date);
      const takeable = run && (IN_PROGRESS as readonly string[]).includes(run.status) && run.claimedAt.getTime() < stale;
      if (stopped) return;
      if (run && !takeable) continue;
      log.info(run ? "digest claim stale, taking over" : "digest missed, sending late", { user: u.handle, date: u.date });
      fire(u.id, u.handle);
    }
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
    await catchUp(users.map((u) => ({ id: u.id, handle: u.handle, tz: validZone(u.timezone) ? u.timezone : "UTC", digestHour: u.digestHour })));
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
