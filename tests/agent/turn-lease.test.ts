// Crash-safe turns: a message left "processing" by a process that died is taken over once its lease has expired —
// by the platform's redelivery or by serve's sweep — and processed exactly once, with one reply. A turn that had
// already written before it died is finished from the audit log, not run again. A live lease is left alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureStore } from "../helpers/fixture-store.ts";
import { startFakeOpenAI, type FakeOpenAI } from "../helpers/fake-openai.ts";
import { ChatOpenAI } from "@langchain/openai";
import { handleTurn, type TurnResult } from "../../agent/turn.ts";
import { botRuntime, converse } from "../../bots/conversation.ts";
import { startResumeSweep, type ResumedMessage } from "../../bots/resume.ts";
import type { Actor } from "../../domain/context.ts";
import type { Store } from "../../prisma/client.ts";

let store: Store;
let sarah: Actor;
let li: Actor;
let api: FakeOpenAI;
const now = new Date("2026-03-02T09:30:00+08:00");
const past = () => new Date(Date.now() - 5 * 60_000);

beforeAll(async () => {
  const f = await fixtureStore();
  store = f.store;
  sarah = await f.as("sarah.chen");
  li = await f.as("li.wei");
  api = await startFakeOpenAI();
  await store.prisma.chatIdentity.createMany({
    data: [{ userId: sarah.id, platform: "telegram", externalId: "7001" }, { userId: li.id, platform: "telegram", externalId: "7002" }],
  });
});
afterAll(async () => api.close());

/** What a process killed mid-turn leaves behind: the message stored, "processing", its holder's lease run out. */
async function abandoned(externalMessageId: string, actor: Actor, text: string, leaseUntil: Date | null = past()) {
  return store.prisma.inboxMessage.create({
    data: { platform: "telegram", externalMessageId, userId: actor.id, text, status: "processing", receivedAt: now, leaseToken: "dead-process", leaseUntil },
  });
}

const interactionsOf = (inboxId: number) => store.prisma.interaction.count({ where: { inboxId } });

describe("inbox lease", () => {
  it("a redelivery takes over a message whose holder died, processes it once, and answers once", async () => {
    const row = await abandoned("7001:1", sarah, "Emailed Peter at Bluewave the new delivery schedule.");
    const r = await handleTurn({ db: store.prisma }, { platform: "telegram", externalMessageId: "7001:1", actor: sarah, text: row.text, now });
    expect(r).toMatchObject({ duplicate: false, failed: false, inboxId: row.id });
    expect(r.mutations).toMatchObject([{ entity: "interaction", action: "create", data: { customer: "Bluewave Foods", kind: "email" } }]);
    const after = await store.prisma.inboxMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(after).toMatchObject({ status: "done", reply: r.reply, leaseToken: null });
    // Telegram redelivers again: answered already, so nothing is sent and nothing is recorded twice.
    const again = await handleTurn({ db: store.prisma }, { platform: "telegram", externalMessageId: "7001:1", actor: sarah, text: row.text, now });
    expect(again).toMatchObject({ duplicate: true, mutations: [] });
    expect(await interactionsOf(row.id)).toBe(1);
  });

  it("a message whose holder is alive (lease not expired) is a duplicate: not processed a second time", async () => {
    const row = await abandoned("7001:2", sarah, "Called Grace at Orchid, all fine.", new Date(Date.now() + 60_000));
    const r = await handleTurn({ db: store.prisma }, { platform: "telegram", externalMessageId: "7001:2", actor: sarah, text: row.text, now });
    expect(r).toMatchObject({ duplicate: true, mutations: [] });
    expect(await interactionsOf(row.id)).toBe(0);
    expect((await store.prisma.inboxMessage.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("processing");
  });

  it("a message left from before leases existed (no lease at all) is taken over too", async () => {
    const row = await abandoned("7001:3", sarah, "Called Grace at Orchid, all fine.", null);
    const r = await handleTurn({ db: store.prisma }, { platform: "telegram", externalMessageId: "7001:3", actor: sarah, text: row.text, now });
    expect(r.duplicate).toBe(false);
    expect(await interactionsOf(row.id)).toBe(1);
  });

  it("a turn that wrote before its process died is finished from the audit log, not run again (no double write)", async () => {
    // A real turn writes; then we put the row back as its dead holder left it (status processing, lease expired).
    const first = await handleTurn({ db: store.prisma }, { platform: "telegram", externalMessageId: "7002:1", actor: li, text: "星辰科技今天下了一个8万的订单", now });
    expect(first.mutations).toHaveLength(1);
    await store.prisma.inboxMessage.update({ where: { id: first.inboxId }, data: { status: "processing", reply: null, leaseToken: "dead", leaseUntil: past() } });
    const orders = await store.prisma.order.count();
    const r = await handleTurn({ db: store.prisma }, { platform: "telegram", externalMessageId: "7002:1", actor: li, text: "星辰科技今天下了一个8万的订单", now });
    expect(r).toMatchObject({ duplicate: false, undoable: true });
    expect(r.reply).toMatch(/中断前已保存/);
    expect(r.mutations).toMatchObject([{ entity: "order", action: "create", data: { customer: "星辰科技", amount: 80000 } }]);
    expect(await store.prisma.order.count()).toBe(orders);
    expect((await store.prisma.inboxMessage.findUniqueOrThrow({ where: { id: first.inboxId } })).status).toBe("done");
  });

  it("two processes taking over the same abandoned message at once: exactly one processes it", async () => {
    const row = await abandoned("7001:4", sarah, "Emailed Peter at Bluewave about samples.");
    const redeliver = () => handleTurn({ db: store.prisma }, { platform: "telegram", externalMessageId: "7001:4", actor: sarah, text: row.text, now });
    const results = await Promise.all([redeliver(), redeliver(), redeliver()]);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(await interactionsOf(row.id)).toBe(1);
  });

  it("a holder that lost its lease (taken over while its slow model ran) neither writes nor answers", async () => {
    // The model is slow; meanwhile another process takes the row over (its token replaces ours).
    api.script([
      { delayMs: 400, then: { toolCalls: [{ name: "log_interaction", args: { customer: "Bluewave Foods", kind: "call", summary: "Slow call", sentiment: "neutral" } }] } },
      { text: "Logged." },
    ]);
    const llm = new ChatOpenAI({ apiKey: "k", model: "scripted", temperature: 0, timeout: 5_000, maxRetries: 0, configuration: { baseURL: api.url } });
    const running = handleTurn({ db: store.prisma, llm, leaseMs: 150 }, { platform: "telegram", externalMessageId: "7001:5", actor: sarah, text: "Called Peter at Bluewave", now });
    await waitFor(async () => (await store.prisma.inboxMessage.count({ where: { externalMessageId: "7001:5" } })) === 1);
    await store.prisma.inboxMessage.updateMany({ where: { externalMessageId: "7001:5" }, data: { leaseToken: "the-taker" } });
    const r = await running;
    expect(r).toMatchObject({ duplicate: true, reply: "", mutations: [] });
    const row = await store.prisma.inboxMessage.findFirstOrThrow({ where: { externalMessageId: "7001:5" } });
    expect(row).toMatchObject({ status: "processing", leaseToken: "the-taker" });
    expect(await interactionsOf(row.id)).toBe(0);
  });
});

describe("serve's sweep", () => {
  it("takes over abandoned messages, answers each once where the user wrote, and leaves live ones alone", async () => {
    // Only this test's rows (the lost-lease test above leaves one whose taker "died" too).
    await store.prisma.inboxMessage.updateMany({ where: { status: "processing" }, data: { status: "done" } });
    const dead = await abandoned("7002:50", li, "拜访了华东机械,王芳很满意");
    const live = await abandoned("7002:51", li, "拜访了华东机械,王芳很满意", new Date(Date.now() + 60_000));
    const sent: { to: ResumedMessage; result: TurnResult }[] = [];
    const rt = botRuntime({ db: store.prisma });
    const sweep = startResumeSweep(rt, { telegram: async (to, _actor, result) => void sent.push({ to, result }) }, { everyMs: 3_600_000 });
    try {
      expect(await sweep.runOnce()).toBe(1);
      expect(await sweep.runOnce()).toBe(0);
    } finally {
      await sweep.stop();
    }
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toMatchObject({ platform: "telegram", externalMessageId: "7002:50" });
    const liIds = (await store.prisma.chatIdentity.findMany({ where: { userId: li.id, platform: "telegram" } })).map((i) => i.externalId);
    expect(liIds).toContain(sent[0]!.to.userExternalId);
    expect(sent[0]!.result.mutations).toMatchObject([{ entity: "interaction", data: { customer: "华东机械有限公司", kind: "visit" } }]);
    expect(await interactionsOf(dead.id)).toBe(1);
    expect(await interactionsOf(live.id)).toBe(0);
  });
});

describe("rate limit and redelivery", () => {
  it("a rate-limited redelivery of a message already processed gets no false 'not processed' reply", async () => {
    const refuse = { take: () => false };
    const rt = botRuntime({ db: store.prisma, limiter: refuse, clock: () => now });
    const ok = botRuntime({ db: store.prisma, clock: () => now });
    const first = await converse(ok, { platform: "telegram", userId: "7001", messageId: "7001:60", text: "Called Grace at Orchid, all fine." });
    expect(first.kind).toBe("turn");
    const redelivered = await converse(rt, { platform: "telegram", userId: "7001", messageId: "7001:60", text: "Called Grace at Orchid, all fine." });
    expect(redelivered).toEqual({ kind: "duplicate" });
    const row = await store.prisma.inboxMessage.findFirstOrThrow({ where: { externalMessageId: "7001:60" } });
    expect(row.status).toBe("done");
    // A new message over the limit is still told it was saved but not processed (and kept for the retry).
    const fresh = await converse(rt, { platform: "telegram", userId: "7001", messageId: "7001:61", text: "Called Grace at Orchid again." });
    expect(fresh.kind).toBe("limited");
    expect((await store.prisma.inboxMessage.findFirstOrThrow({ where: { externalMessageId: "7001:61" } })).status).toBe("failed");
  });
});

async function waitFor(check: () => Promise<boolean>) {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("condition not reached");
}
