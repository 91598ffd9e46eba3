// The real Bolt app (HTTP receiver, signature verification) against a fake Slack Web API, end to end on a real store.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { botRuntime } from "../../bots/conversation.ts";
import { createSlackApp, type SlackBot } from "../../bots/slack/app.ts";
import { slackSender } from "../../bots/slack/notifier.ts";
import { chatNotifier } from "../../bots/notifier.ts";
import { tokenBucket } from "../../bots/rate-limit.ts";
import type { Digest } from "../../domain/build-digest.ts";
import { customerSearchKeys } from "../../domain/name-keys.ts";
import { postSlackAction, postSlackEvent, startFakeSlack, until, type FakeSlack } from "./fakes/slack-api.ts";

const SECRET = "test-signing-secret";
let co: Company;
let fake: FakeSlack;
let slack: SlackBot;
let eventsUrl: string;
let srt: Parameters<typeof createSlackApp>[0];
const logs: { event: string; data?: Record<string, unknown> }[] = [];

beforeAll(async () => {
  co = await seedCompany(await freshStore());
  const db = co.store.prisma;
  await db.chatIdentity.create({ data: { platform: "slack", externalId: "U_AMY", userId: co.users.amy.id } });
  await db.invite.create({ data: { code: "BOBCODE23", userId: co.users.bob.id, expiresAt: new Date(Date.now() + 3600_000) } });
  fake = await startFakeSlack();
  const rt = botRuntime({ db, limiter: tokenBucket({ capacity: 10, perMinute: 10 }), log: (event, data) => logs.push({ event, data }), clock: () => new Date("2026-03-02T09:30:00+08:00") });
  srt = { ...rt, workingAfterMs: 10_000 };
  slack = createSlackApp(srt, { botToken: "xoxb-test", signingSecret: SECRET, apiUrl: fake.url, port: 0 });
  const server = await slack.start();
  eventsUrl = `http://127.0.0.1:${(server!.address() as AddressInfo).port}/slack/events`;
});

afterAll(async () => {
  await slack?.stop();
  await fake?.close();
});

let tsSeq = 1_800_000_000;
const dm = (user: string, text: string, id?: string) => {
  const ts = `${++tsSeq}.000200`;
  return { type: "message", channel_type: "im", channel: `D_${user}`, user, text, ts, event_ts: ts, client_msg_id: id ?? `cm-${ts}` };
};
const repliesTo = (ts: string) => fake.calls.filter((c) => c.method === "chat.postMessage" && c.params.thread_ts === ts);
const inboxCount = () => co.store.prisma.inboxMessage.count();

describe("Slack bot", () => {
  it("a DM records the interaction and the threaded reply carries an Undo button; pressing Undo reverts it", async () => {
    const db = co.store.prisma;
    const before = await db.interaction.count({ where: { customerId: co.customers.acmeLogistics } });
    const ev = dm("U_AMY", "Called Jane at Acme, worried about price");
    const res = await postSlackEvent(eventsUrl, SECRET, ev);
    expect(res.status).toBe(200);
    const [reply] = await until(() => (repliesTo(ev.ts).length ? repliesTo(ev.ts) : false));
    expect(await db.interaction.count({ where: { customerId: co.customers.acmeLogistics } })).toBe(before + 1);
    const blocks = reply!.params.blocks as any[];
    const actions = blocks.find((b) => b.type === "actions");
    const undo = actions.elements.find((e: any) => e.action_id === "undo");
    expect(undo).toBeTruthy();

    await postSlackAction(eventsUrl, SECRET, {
      type: "block_actions",
      token: "x",
      api_app_id: "A1",
      trigger_id: "t1",
      team: { id: "T1" },
      user: { id: "U_AMY" },
      channel: { id: ev.channel },
      container: { type: "message", message_ts: "1.1", channel_id: ev.channel },
      message: { ts: "1.1", thread_ts: ev.ts, text: reply!.params.text, blocks },
      actions: [{ type: "button", action_id: "undo", block_id: actions.block_id, value: undo.value, action_ts: "1" }],
    });
    await until(() => fake.calls.find((c) => c.method === "chat.update" && c.params.ts === "1.1"));
    expect(await db.interaction.count({ where: { customerId: co.customers.acmeLogistics } })).toBe(before);
    const note = repliesTo(ev.ts).at(-1)!;
    expect(String(note.params.text)).toMatch(/Undone/);
  });

  it("reads Slack's escaped text as typed: \"R&amp;D Labs\" finds R&D Labs and the summary is stored unescaped", async () => {
    const db = co.store.prisma;
    const rd = await db.customer.create({ data: { name: "R&D Labs", searchKeys: customerSearchKeys("R&D Labs", []), ownerId: co.users.amy.id, tier: "B", stage: "repeat" } });
    await db.contact.create({ data: { customerId: rd.id, name: "Rita Chen" } });
    // What Slack sends for: Called Rita at R&D Labs, <Jane> says price > budget, mail jane@rd.example
    const ev = dm("U_AMY", "Called Rita at R&amp;D Labs, &lt;Jane&gt; says price &gt; budget, mail <mailto:jane@rd.example|jane@rd.example>");
    await postSlackEvent(eventsUrl, SECRET, ev);
    const [reply] = await until(() => (repliesTo(ev.ts).length ? repliesTo(ev.ts) : false));
    const saved = await db.interaction.findFirstOrThrow({ where: { customerId: rd.id } });
    expect(saved.summary).not.toMatch(/&amp;|&lt;|&gt;|mailto:/);
    expect(saved.summary).toMatch(/<Jane> says price > budget/);
    const inbox = await db.inboxMessage.findFirstOrThrow({ where: { platform: "slack", externalMessageId: ev.client_msg_id } });
    expect(inbox.text).toBe("Called Rita at R&D Labs, <Jane> says price > budget, mail jane@rd.example");
    // Shown back escaped, in the blocks and in the notification text alike.
    expect(String(reply!.params.text)).toContain("R&amp;D Labs");
    expect(JSON.stringify(reply!.params.blocks)).toContain("R&amp;D Labs");
  });

  it("a customer named \"<!channel> Alert Co\" never pings: escaped in the blocks and in the top-level text", async () => {
    const db = co.store.prisma;
    const alert = await db.customer.create({ data: { name: "<!channel> Alert Co", searchKeys: customerSearchKeys("<!channel> Alert Co", []), ownerId: co.users.amy.id, tier: "C", stage: "new" } });
    await db.contact.create({ data: { customerId: alert.id, name: "Al Gore" } });
    const ev = dm("U_AMY", "Called Al Gore, happy with the samples");
    await postSlackEvent(eventsUrl, SECRET, ev);
    const [reply] = await until(() => (repliesTo(ev.ts).length ? repliesTo(ev.ts) : false));
    expect(await db.interaction.count({ where: { customer: { name: "<!channel> Alert Co" } } })).toBe(1);
    const shown = JSON.stringify(reply!.params);
    expect(shown).toContain("&lt;!channel&gt; Alert Co");
    expect(shown).not.toContain("<!channel>");

    // The digest too: a Slack notification shows its top-level text, so that is escaped like the blocks.
    const digest = {
      user: "amy", name: "Amy Lee", role: "rep", locale: "en", timezone: "Asia/Shanghai", date: "2026-03-02",
      atRisk: [{ customer: "<!channel> Alert Co", customerId: 1, owner: "amy", score: 72, reasons: ["<@U_BOSS> said *urgent*"], codes: [] }],
      followUps: [{ id: 9, customer: "<!here> Co", owner: "amy", title: "call <!everyone>", dueAt: "2026-03-02T01:00:00Z", overdue: false, daysOverdue: 0 }],
      complaints: [], birthdays: [], tierSuggestions: [], text: "",
    } as Digest;
    const before = fake.calls.length;
    await chatNotifier(co.store.prisma, { slack: slackSender(slack.app.client) }).send(co.users.amy, digest);
    const posted = JSON.stringify(fake.calls.slice(before).filter((c) => c.method === "chat.postMessage").map((c) => c.params));
    expect(posted).toContain("&lt;!channel&gt; Alert Co");
    expect(posted).not.toMatch(/<!channel>|<!here>|<!everyone>|<@U_BOSS>/);
  });

  it("a retried event (X-Slack-Retry-Num) is processed and answered once", async () => {
    const ev = dm("U_AMY", "Called Mark at Acme Logistics, happy with the delivery");
    const n = await inboxCount();
    await postSlackEvent(eventsUrl, SECRET, ev, { eventId: "EvSAME" });
    await postSlackEvent(eventsUrl, SECRET, ev, { eventId: "EvSAME", retryNum: 1 });
    await until(() => repliesTo(ev.ts).length > 0);
    await until(() => logs.some((l) => l.event === "turn.duplicate"));
    await new Promise((r) => setTimeout(r, 200));
    expect(await inboxCount()).toBe(n + 1);
    expect(repliesTo(ev.ts)).toHaveLength(1);
  });

  it("rejects a request with a bad signature and processes nothing", async () => {
    const n = await inboxCount();
    const calls = fake.calls.length;
    const res = await postSlackEvent(eventsUrl, SECRET, dm("U_AMY", "Called Jane at Acme"), { badSignature: true });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(await inboxCount()).toBe(n);
    expect(fake.calls.length).toBe(calls);
  });

  it("refuses an unknown user politely, saying how to get access, and stores nothing", async () => {
    const n = await inboxCount();
    const ev = dm("U_STRANGER", "show me all customers");
    await postSlackEvent(eventsUrl, SECRET, ev);
    const [r] = await until(() => (repliesTo(ev.ts).length ? repliesTo(ev.ts) : false));
    expect(String(r!.params.text)).toMatch(/invite code/);
    expect(JSON.stringify(r!.params)).not.toMatch(/Acme|Summit/);
    expect(await inboxCount()).toBe(n);
  });

  it("links a new user who sends `link CODE`, once", async () => {
    const ev = dm("U_BOB", "link BOBCODE23");
    await postSlackEvent(eventsUrl, SECRET, ev);
    const [r] = await until(() => (repliesTo(ev.ts).length ? repliesTo(ev.ts) : false));
    expect(String(r!.params.text)).toMatch(/linked to bob/);
    const id = await co.store.prisma.chatIdentity.findUnique({ where: { platform_externalId: { platform: "slack", externalId: "U_BOB" } } });
    expect(id?.userId).toBe(co.users.bob.id);
  });

  it("answers politely when a user goes over the rate limit", async () => {
    const evs = Array.from({ length: 12 }, (_, i) => dm("U_BOB", `hello number ${i}`));
    for (const ev of evs) await postSlackEvent(eventsUrl, SECRET, ev);
    await until(() => evs.every((ev) => repliesTo(ev.ts).length === 1));
    const texts = evs.map((ev) => String(repliesTo(ev.ts)[0]!.params.text));
    const limited = evs.filter((_, i) => /faster than I can keep up/.test(texts[i]!));
    expect(limited.length).toBeGreaterThanOrEqual(1);
    // Nothing typed is lost: a message over the limit is still in the inbox, marked failed with the reason.
    for (const ev of limited) {
      const row = await co.store.prisma.inboxMessage.findFirstOrThrow({ where: { platform: "slack", text: ev.text } });
      expect(row).toMatchObject({ status: "failed", error: expect.stringMatching(/rate limit/) });
    }
  });

  it("a slow turn first posts \"Working on it…\" in the thread, then replaces it with the answer", async () => {
    srt.workingAfterMs = 0;
    try {
      const ev = dm("U_AMY", "Called Jane at Acme, she asked for a discount");
      await postSlackEvent(eventsUrl, SECRET, ev);
      const [working] = await until(() => (repliesTo(ev.ts).length ? repliesTo(ev.ts) : false));
      expect(String(working!.params.text)).toMatch(/Working on it/);
      const update = await until(() => fake.calls.find((c) => c.method === "chat.update" && c.params.channel === ev.channel && (c.params.blocks as any[])?.some((b) => b.type === "actions")));
      expect(JSON.stringify(update.params.blocks)).toContain('"action_id":"undo"');
      expect(repliesTo(ev.ts)).toHaveLength(1); // the answer replaced the placeholder
    } finally {
      srt.workingAfterMs = 10_000;
    }
  });

  it("a reply Slack refuses is logged and the app carries on", async () => {
    fake.failing.add("chat.postMessage");
    const ev = dm("U_AMY", "Called Jane at Acme about the renewal");
    await postSlackEvent(eventsUrl, SECRET, ev);
    await until(() => logs.some((l) => l.event === "slack.reply_failed"));
    fake.failing.delete("chat.postMessage");
    const next = dm("U_AMY", "Called Mark at Acme Logistics, fine");
    await postSlackEvent(eventsUrl, SECRET, next);
    await until(() => repliesTo(next.ts).length === 1);
  });

  it("delivers the digest as a DM through the Notifier", async () => {
    const digest = {
      user: "amy", name: "Amy Lee", role: "rep", locale: "en", timezone: "Asia/Shanghai", date: "2026-03-02",
      atRisk: [{ customer: "Acme Logistics", customerId: 1, owner: "amy", score: 72, reasons: ["no contact for 51 days — tier B expects 30"], codes: [] }],
      followUps: [], complaints: [], birthdays: [], tierSuggestions: [], text: "",
    } as Digest;
    const notifier = chatNotifier(co.store.prisma, { slack: slackSender(slack.app.client) });
    const before = fake.calls.length;
    await notifier.send(co.users.amy, digest);
    const calls = fake.calls.slice(before);
    expect(calls.find((c) => c.method === "conversations.open" && c.params.users === "U_AMY")).toBeTruthy();
    const post = calls.filter((c) => c.method === "chat.postMessage" && c.params.channel === "DU_AMY");
    expect(post).toHaveLength(1);
    expect(JSON.stringify(post[0]!.params.blocks)).toContain("no contact for 51 days");
  });
});
