// Restarts and crashes: a digest whose time passed while no scheduler ran is sent late (within the catch-up window,
// once across replicas), and a claim left behind by a crashed process is taken over once its lease has run out.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { loadFixture } from "../helpers/risk-fixture.ts";
import type { Store } from "../../prisma/client.ts";
import type { Actor } from "../../domain/context.ts";
import type { Digest } from "../../domain/build-digest.ts";
import type { Notifier } from "../../scheduler/notifier.ts";
import { deliverDigest, inCatchUpWindow, startDigestScheduler, type DigestScheduler } from "../../scheduler/digest.job.ts";

let store: Store;
let users: Record<string, Actor>;
let li: number;
const started: DigestScheduler[] = [];

beforeAll(async () => {
  store = await freshStore();
  users = await loadFixture(store);
  li = users["li.wei"]!.id;
  // li.wei (Asia/Shanghai) and tom.baker (America/New_York) are the recipients; both have the default 08:30.
  await store.prisma.chatIdentity.deleteMany({ where: { userId: { notIn: [li, users["tom.baker"]!.id] } } });
});

afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
  vi.useRealTimers();
  await store.prisma.digestRun.deleteMany({});
});

function recorder(fail = 0): Notifier & { sent: { handle: string; digest: Digest }[]; calls: number } {
  const n = {
    sent: [] as { handle: string; digest: Digest }[],
    calls: 0,
    async send(user: Actor, digest: Digest) {
      n.calls++;
      if (n.calls <= fail) throw new Error(`telegram 502 (call ${n.calls})`);
      n.sent.push({ handle: user.handle, digest });
    },
  };
  return n;
}

/** Fake wall clock at `iso` (it keeps moving with real time, as the other scheduler tests do). */
const at = (iso: string) => {
  vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout", "setInterval", "clearInterval"], shouldAdvanceTime: true });
  vi.setSystemTime(new Date(iso));
};

const start = (n: Notifier, extra: Partial<Parameters<typeof startDigestScheduler>[0]> = {}) => {
  const s = startDigestScheduler({ db: store.prisma, notifier: n, refreshMinutes: 0, ...extra });
  started.push(s);
  return s;
};

/**
 * Waits in real time (setImmediate is not faked). The clock is moved with setSystemTime rather than by advancing
 * fake timers far: on PGlite, advancing them by hours now and then crawls (see digest.job.test.ts).
 */
const settle = async (ms: number, until: () => boolean | Promise<boolean> = () => false) => {
  for (const t0 = performance.now(); performance.now() - t0 < ms && !(await until()); ) await new Promise((r) => setImmediate(r));
};

const runs = () =>
  store.prisma.digestRun.findMany({ orderBy: { id: "asc" } }).then((rs) => rs.map((r) => [r.recipientId, r.localDate, r.status, r.attempts]));

/** A run as a process that crashed after claiming it would have left it. */
const leftBehind = (status: string, attempts: number, minutesAgo: number, localDate = "2026-03-02") =>
  store.prisma.digestRun.create({
    data: { recipientId: li, localDate, status, attempts, error: attempts ? "telegram 502" : null, claimedAt: new Date(Date.now() - minutesAgo * 60_000) },
  });

describe("catch-up after a late start", () => {
  it("a scheduler started at 09:10 local sends the missed 08:30 digest, once", async () => {
    at("2026-03-02T01:10:00Z"); // 09:10 in Shanghai; 20:10 (Mar 1) in New York, long past that day's window
    const n = recorder();
    const s = start(n);
    await s.ready;
    await s.idle();
    expect(n.sent.map((x) => [x.handle, x.digest.date])).toEqual([["li.wei", "2026-03-02"]]);
    expect(await runs()).toEqual([[li, "2026-03-02", "sent", 1]]);
    // A later refresh (or restart) the same morning finds the run and leaves it.
    await s.refresh();
    await start(n).ready;
    await Promise.all(started.map((x) => x.idle()));
    expect(n.sent).toHaveLength(1);
  });

  it("a scheduler started at 20:00 local, past the window, sends nothing that day", async () => {
    at("2026-03-02T12:00:00Z"); // 20:00 in Shanghai; 07:00 in New York, before tom.baker's 08:30
    const n = recorder();
    const s = start(n);
    await s.ready;
    await vi.advanceTimersByTimeAsync(60_000);
    await s.idle();
    expect(n.calls).toBe(0);
    expect(await runs()).toEqual([]);
  });

  it("two schedulers started together at 09:10 send once", async () => {
    at("2026-03-02T01:10:00Z");
    const n = recorder();
    const [a, b] = [start(n), start(n)];
    await Promise.all([a.ready, b.ready]);
    await Promise.all([a.idle(), b.idle()]);
    expect(n.sent.map((x) => x.handle)).toEqual(["li.wei"]);
    expect(await runs()).toEqual([[li, "2026-03-02", "sent", 1]]);
  });

  it("the window: from the digest time until catchUpHours after it, on the same local day, in the user's zone", () => {
    const w = (iso: string, tz = "Asia/Shanghai", hour = "08:30", hours = 4) => inCatchUpWindow(new Date(iso), tz, hour, hours);
    expect(w("2026-03-02T00:29:59Z")).toBe(false); // 08:29:59 local
    expect(w("2026-03-02T00:30:00Z")).toBe(true);
    expect(w("2026-03-02T04:29:00Z")).toBe(true); // 12:29
    expect(w("2026-03-02T04:30:00Z")).toBe(false); // 12:30
    expect(w("2026-03-02T04:30:00Z", "Asia/Shanghai", "08:30", 6)).toBe(true);
    expect(w("2026-03-02T13:45:00Z", "America/New_York")).toBe(true); // 08:45 EST
    expect(w("2026-03-09T12:45:00Z", "America/New_York")).toBe(true); // 08:45 EDT, the day after the clocks changed
    expect(w("2026-03-09T12:15:00Z", "America/New_York")).toBe(false); // 08:15 EDT
    expect(w("2026-03-02T00:30:00Z", "Asia/Shanghai", "22:00", 4)).toBe(false); // 08:30, not yesterday's 22:00 + 4h
    expect(w("2026-03-02T00:40:00Z", "Asia/Shanghai", "bad", 4)).toBe(true); // falls back to 08:30, like the job
  });
});

describe("stale claims", () => {
  it("a claim left by a crashed process is taken over after the lease and sent once", async () => {
    at("2026-03-02T01:10:00Z");
    await leftBehind("retrying", 2, 20); // lease 15 min: 20 min without renewal means its holder is gone
    const n = recorder();
    const [a, b] = [start(n), start(n)];
    await Promise.all([a.ready, b.ready]);
    await Promise.all([a.idle(), b.idle()]);
    expect(n.sent.map((x) => x.handle)).toEqual(["li.wei"]);
    // The attempts the crashed process made still count.
    expect(await runs()).toEqual([[li, "2026-03-02", "sent", 3]]);
  });

  it("a fresh claim is not taken over; once its lease runs out it is", async () => {
    at("2026-03-02T01:10:00Z");
    const row = await leftBehind("claimed", 0, 5);
    const n = recorder();
    const s = start(n);
    await s.ready;
    await s.idle();
    expect(n.calls).toBe(0);
    // Nor by a direct delivery (`guanxi digest --send`): the UPDATE itself checks the lease.
    expect(await deliverDigest({ db: store.prisma, notifier: n, userId: li, now: new Date() })).toEqual({ status: "already-claimed" });
    expect(n.calls).toBe(0);
    expect(await store.prisma.digestRun.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
    vi.setSystemTime(Date.now() + 11 * 60_000); // now 16 minutes old
    await s.refresh();
    await s.idle();
    expect(n.sent.map((x) => x.handle)).toEqual(["li.wei"]);
    expect(await runs()).toEqual([[li, "2026-03-02", "sent", 1]]);
  });

  it("a send slower than the lease is not doubled by this process's own next refresh", async () => {
    at("2026-03-02T01:10:00Z");
    const hanging: (() => void)[] = [];
    const slow: Notifier = { send: () => new Promise<void>((r) => void hanging.push(r)) };
    const s = start(slow, { leaseMinutes: 1 });
    await s.ready;
    await settle(20_000, () => hanging.length > 0);
    vi.setSystemTime(Date.now() + 2 * 60_000); // the claim is now past its lease, the send still hanging
    await s.refresh();
    await settle(500); // time for a second delivery, were one started, to reach the notifier
    try {
      expect(hanging).toHaveLength(1);
    } finally {
      hanging.forEach((r) => r());
      await s.idle();
    }
    expect(await runs()).toEqual([[li, "2026-03-02", "sent", 1]]);
  });

  it("a finished run ('sent' or 'failed') is never taken over, however old", async () => {
    at("2026-03-02T01:10:00Z");
    await leftBehind("failed", 4, 60);
    const n = recorder();
    await start(n, { leaseMinutes: 1 }).ready;
    await Promise.all(started.map((x) => x.idle()));
    expect(n.calls).toBe(0);
    expect(await runs()).toEqual([[li, "2026-03-02", "failed", 4]]);
  });

  it("many processes racing to take over one stale claim: one sends", async () => {
    const now = new Date("2026-03-03T00:40:00Z");
    await leftBehind("claimed", 0, 30, "2026-03-03");
    const n = recorder();
    const results = await Promise.all(Array.from({ length: 5 }, () => deliverDigest({ db: store.prisma, notifier: n, userId: li, now })));
    expect(results.map((r) => r.status).sort()).toEqual(["already-claimed", "already-claimed", "already-claimed", "already-claimed", "sent"]);
    expect(n.sent).toHaveLength(1);
  });

  it("a holder that stalled past its lease and was taken over does not send", async () => {
    at("2026-03-03T00:40:00Z");
    const n = recorder(1); // the first send fails, so the first holder backs off
    const opts = { db: store.prisma, notifier: n, userId: li, now: new Date() };
    const first = deliverDigest({ ...opts, retry: { baseDelayMs: 3_000, factor: 1 } });
    const row = () => store.prisma.digestRun.findFirst({ where: { recipientId: li } });
    await settle(20_000, async () => (await row())?.status === "retrying");
    // It stalls (its retry is 3 s away): to the others, it has not renewed its claim for longer than the lease.
    vi.setSystemTime(Date.now() + 16 * 60_000);
    expect(await deliverDigest(opts)).toEqual({ status: "sent", attempts: 2 }); // took over: 1 attempt before it
    expect(await first).toEqual({ status: "already-claimed" }); // woke up, found the claim gone, did not send
    expect(n.calls).toBe(2);
    expect(n.sent).toHaveLength(1);
    expect(await runs()).toEqual([[li, "2026-03-03", "sent", 2]]);
  });
});
