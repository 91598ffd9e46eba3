import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { loadFixture } from "../helpers/risk-fixture.ts";
import type { Store } from "../../prisma/client.ts";
import type { Actor } from "../../domain/context.ts";
import type { Digest } from "../../domain/build-digest.ts";
import type { Notifier } from "../../scheduler/notifier.ts";
import { deliverDigest, digestCron, startDigestScheduler, type DigestScheduler } from "../../scheduler/digest.job.ts";

let store: Store;
let users: Record<string, Actor>;
const started: DigestScheduler[] = [];

beforeAll(async () => {
  store = await freshStore();
  users = await loadFixture(store);
  // Only two recipients matter here; the others have no chat identity, so they are not scheduled.
  await store.prisma.chatIdentity.deleteMany({ where: { userId: { notIn: [users["li.wei"]!.id, users["tom.baker"]!.id] } } });
});

afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
  vi.useRealTimers();
  await store.prisma.digestRun.deleteMany({});
});

/** A notifier that records who got what, and when (by the — possibly fake — clock). */
function recorder(fail = 0): Notifier & { sent: { handle: string; at: string; digest: Digest }[]; calls: number } {
  const n = {
    sent: [] as { handle: string; at: string; digest: Digest }[],
    calls: 0,
    async send(user: Actor, digest: Digest) {
      n.calls++;
      if (n.calls <= fail) throw new Error(`telegram 502 (call ${n.calls})`);
      n.sent.push({ handle: user.handle, at: new Date().toISOString(), digest });
    },
  };
  return n;
}

const until = async (cond: () => boolean, ms = 20_000) => {
  const t0 = performance.now();
  while (!cond()) {
    if (performance.now() - t0 > ms) throw new Error("timed out waiting");
    await vi.advanceTimersByTimeAsync(50);
  }
};

describe("digest scheduler", () => {
  it("fires at 08:30 local in Asia/Shanghai and in America/New_York, once each", async () => {
    vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout", "setInterval", "clearInterval"], shouldAdvanceTime: true });
    vi.setSystemTime(new Date("2026-03-02T00:25:00Z")); // 08:25 in Shanghai, 19:25 (Mar 1) in New York
    const n = recorder();
    const fired: string[] = [];
    // The clock is read the moment a job fires, so it tells exactly when each job ran (once the start-up
    // catch-up check, which reads it too, is done).
    let armed = false;
    const clock = () => (armed && fired.push(new Date().toISOString()), new Date());
    const s = startDigestScheduler({ db: store.prisma, notifier: n, clock, refreshMinutes: 0 });
    started.push(s);
    await s.ready;
    armed = true;
    expect(s.jobs().map((j) => [j.handle, j.cron, j.tz]).sort()).toEqual([
      ["li.wei", "30 8 * * *", "Asia/Shanghai"],
      ["tom.baker", "30 8 * * *", "America/New_York"],
    ]);
    await vi.advanceTimersByTimeAsync(4 * 60_000);
    expect(n.sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(60_000);
    await until(() => n.sent.length === 1);
    expect(n.sent[0]).toMatchObject({ handle: "li.wei", digest: { user: "li.wei", date: "2026-03-02" } });
    expect(fired[0]!.slice(0, 16)).toBe("2026-03-02T00:30"); // 08:30 +08:00

    // New York: 08:30 EST on March 2 is 13:30Z. Reached by a restart just before it, not by advancing the fake
    // timers 13 hours: on PGlite that jump now and then took minutes (an extra fake timer, we believe PGlite's,
    // kept re-arming: ~24 s of real time per fake hour) and timed the test out.
    await s.stop();
    vi.setSystemTime(new Date("2026-03-02T13:29:58Z"));
    armed = false;
    const s2 = startDigestScheduler({ db: store.prisma, notifier: n, clock, refreshMinutes: 0 });
    started.push(s2);
    await s2.ready;
    armed = true;
    expect(n.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(3_000);
    await until(() => n.sent.length === 2);
    expect(n.sent[1]).toMatchObject({ handle: "tom.baker", digest: { user: "tom.baker", date: "2026-03-02" } });
    expect(fired.map((t) => t.slice(0, 16))).toEqual(["2026-03-02T00:30", "2026-03-02T13:30"]);
    await s2.idle();
    const runs = await store.prisma.digestRun.findMany({ orderBy: { id: "asc" } });
    expect(runs.map((r) => [r.recipientId, r.localDate, r.status, r.attempts])).toEqual([
      [users["li.wei"]!.id, "2026-03-02", "sent", 1],
      [users["tom.baker"]!.id, "2026-03-02", "sent", 1],
    ]);
  });

  it("two schedulers racing (a restart, a second replica) send once", async () => {
    vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout", "setInterval", "clearInterval"], shouldAdvanceTime: true });
    vi.setSystemTime(new Date("2026-03-03T00:29:00Z"));
    const n = recorder();
    const a = startDigestScheduler({ db: store.prisma, notifier: n, refreshMinutes: 0 });
    const b = startDigestScheduler({ db: store.prisma, notifier: n, refreshMinutes: 0 });
    started.push(a, b);
    await Promise.all([a.ready, b.ready]);
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    await until(() => n.sent.length >= 1);
    await vi.advanceTimersByTimeAsync(5_000);
    await Promise.all([a.idle(), b.idle()]);
    expect(n.sent.map((x) => x.handle)).toEqual(["li.wei"]);
    expect(await store.prisma.digestRun.count({ where: { recipientId: users["li.wei"]!.id, localDate: "2026-03-03" } })).toBe(1);
  });

  it("many concurrent deliveries of the same digest send exactly once", async () => {
    const n = recorder();
    const now = new Date("2026-03-04T00:30:00Z");
    const results = await Promise.all(
      Array.from({ length: 5 }, () => deliverDigest({ db: store.prisma, notifier: n, userId: users["li.wei"]!.id, now })),
    );
    expect(results.filter((r) => r.status === "sent")).toHaveLength(1);
    expect(results.filter((r) => r.status === "already-claimed")).toHaveLength(4);
    expect(n.sent).toHaveLength(1);
  });

  it("retries a failed send with backoff and records the attempts", async () => {
    const n = recorder(2);
    const warnings: string[] = [];
    const log = { info() {}, warn: (m: string) => void warnings.push(m), error() {} };
    const r = await deliverDigest({
      db: store.prisma, notifier: n, userId: users["tom.baker"]!.id, now: new Date("2026-03-05T13:30:00Z"), log, retry: { baseDelayMs: 5, factor: 2 },
    });
    expect(r).toEqual({ status: "sent", attempts: 3 });
    expect(n.calls).toBe(3);
    expect(warnings).toHaveLength(2);
    const run = await store.prisma.digestRun.findFirstOrThrow({ where: { recipientId: users["tom.baker"]!.id } });
    expect(run).toMatchObject({ status: "sent", attempts: 3, error: null });
    expect(run.sentAt).toBeInstanceOf(Date);
  });

  it("gives up after the bounded attempts, with the error recorded, and does not resend that day", async () => {
    const n = recorder(99);
    const now = new Date("2026-03-06T13:30:00Z");
    const opts = { db: store.prisma, notifier: n, userId: users["tom.baker"]!.id, now, retry: { attempts: 3, baseDelayMs: 1, factor: 1 } };
    const r = await deliverDigest(opts);
    expect(r).toMatchObject({ status: "failed", attempts: 3, error: "telegram 502 (call 3)" });
    expect(await store.prisma.digestRun.findFirstOrThrow({ where: { recipientId: users["tom.baker"]!.id } })).toMatchObject({
      status: "failed", attempts: 3, error: "telegram 502 (call 3)",
    });
    expect(await deliverDigest(opts)).toEqual({ status: "already-claimed" });
    expect(n.calls).toBe(3);
  });

  it("reads digestHour, falling back to 08:30 on a bad value", () => {
    expect(digestCron("07:05")).toBe("5 7 * * *");
    expect(digestCron("25:00")).toBe("30 8 * * *");
    expect(digestCron(undefined)).toBe("30 8 * * *");
  });
});
