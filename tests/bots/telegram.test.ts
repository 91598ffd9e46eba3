// The real grammY bot (webhook adapter, secret token) against a fake Telegram Bot API, end to end on a real store.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { botRuntime } from "../../bots/conversation.ts";
import { createTelegramBot, type TelegramBot } from "../../bots/telegram/bot.ts";
import { telegramSender } from "../../bots/telegram/notifier.ts";
import { chatNotifier } from "../../bots/notifier.ts";
import type { Digest } from "../../domain/build-digest.ts";
import { until } from "./fakes/slack-api.ts";
import { BOT_INFO, callbackUpdate, checkMessage, postUpdate, startFakeTelegram, textUpdate, type FakeTelegram } from "./fakes/telegram-api.ts";

const SECRET = "telegram-webhook-secret-123";
const AMY = 5001;
let co: Company;
let fake: FakeTelegram;
let tg: TelegramBot;
let server: Server;
let hook: string;
const logs: string[] = [];

beforeAll(async () => {
  co = await seedCompany(await freshStore());
  const db = co.store.prisma;
  await db.chatIdentity.create({ data: { platform: "telegram", externalId: String(AMY), userId: co.users.amy.id } });
  await db.invite.create({ data: { code: "EVECODE45", userId: co.users.eve.id, expiresAt: new Date(Date.now() + 3600_000) } });
  await db.invite.create({ data: { code: "BOBCODE77", userId: co.users.bob.id, expiresAt: new Date(Date.now() + 3600_000) } });
  fake = await startFakeTelegram();
  const rt = botRuntime({ db, log: (e) => logs.push(e), clock: () => new Date("2026-03-02T09:30:00+08:00") });
  tg = createTelegramBot(rt, { token: "123456:TEST", apiRoot: fake.apiRoot, botInfo: BOT_INFO, webhook: { url: "https://x.test/tg", secret: SECRET, path: "/tg" } });
  server = createServer((req, res) => void tg.webhookHandler!(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  hook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tg`;
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await fake?.close();
});

let mid = 100;
const sent = (chatId: number) => fake.calls.filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) === chatId);
const inboxCount = () => co.store.prisma.inboxMessage.count();

describe("Telegram bot", () => {
  it("a private message records the interaction with an Undo button; the button reverts it", async () => {
    const db = co.store.prisma;
    const before = await db.interaction.count({ where: { customerId: co.customers.acmeLogistics } });
    const n = sent(AMY).length;
    const res = await postUpdate(hook, SECRET, textUpdate({ userId: AMY, messageId: ++mid, text: "Called Jane at Acme, worried about price" }));
    expect(res.status).toBe(200);
    const reply = sent(AMY)[n]!;
    expect(reply.params.parse_mode).toBe("HTML");
    expect(await db.interaction.count({ where: { customerId: co.customers.acmeLogistics } })).toBe(before + 1);
    const undo = reply.params.reply_markup.inline_keyboard.flat().find((b: any) => b.callback_data.startsWith("u:"));
    expect(undo).toBeTruthy();
    expect(fake.calls.some((c) => c.method === "sendChatAction" && c.params.action === "typing")).toBe(true);

    await postUpdate(hook, SECRET, callbackUpdate({ userId: AMY, data: undo.callback_data }));
    expect(await db.interaction.count({ where: { customerId: co.customers.acmeLogistics } })).toBe(before);
    expect(fake.calls.find((c) => c.method === "answerCallbackQuery")?.params.text).toMatch(/Undone/);
    expect(fake.calls.some((c) => c.method === "editMessageReplyMarkup")).toBe(true);
  });

  it("a duplicated update (same update and message id) is processed and answered once", async () => {
    const n = await inboxCount();
    const replies = sent(AMY).length;
    const u = textUpdate({ userId: AMY, messageId: ++mid, text: "Called Mark at Acme Logistics, all good" });
    await Promise.all([postUpdate(hook, SECRET, u), postUpdate(hook, SECRET, u)]);
    await postUpdate(hook, SECRET, u);
    expect(await inboxCount()).toBe(n + 1);
    expect(sent(AMY).length).toBe(replies + 1);
  });

  it("rejects a wrong or missing webhook secret with 401 and processes nothing", async () => {
    const n = await inboxCount();
    const calls = fake.calls.length;
    const wrong = await postUpdate(hook, "not-the-secret-at-all", textUpdate({ userId: AMY, messageId: ++mid, text: "Called Jane at Acme" }));
    const none = await postUpdate(hook, undefined, textUpdate({ userId: AMY, messageId: ++mid, text: "Called Jane at Acme" }));
    expect([wrong.status, none.status]).toEqual([401, 401]);
    expect(await inboxCount()).toBe(n);
    expect(fake.calls.length).toBe(calls);
  });

  it("refuses an unknown user with how to get access, and stores nothing", async () => {
    const n = await inboxCount();
    await postUpdate(hook, SECRET, textUpdate({ userId: 7777, messageId: ++mid, text: "list my customers" }));
    const r = sent(7777).at(-1)!;
    expect(r.params.text).toMatch(/\/start CODE/);
    expect(r.params.text).not.toMatch(/Acme|Summit/);
    expect(await inboxCount()).toBe(n);
  });

  it("links with /start CODE", async () => {
    await postUpdate(hook, SECRET, textUpdate({ userId: 8888, messageId: ++mid, text: "/start EVECODE45" }));
    expect(sent(8888).at(-1)!.params.text).toMatch(/eve/);
    const id = await co.store.prisma.chatIdentity.findUnique({ where: { platform_externalId: { platform: "telegram", externalId: "8888" } } });
    expect(id?.userId).toBe(co.users.eve.id);
  });

  it("links with the bare code pasted as it was given; a word that is not a code gets the usual greeting", async () => {
    await postUpdate(hook, SECRET, textUpdate({ userId: 8899, messageId: ++mid, text: "thankyou" }));
    expect(sent(8899).at(-1)!.params.text).toMatch(/\/start CODE/);
    await postUpdate(hook, SECRET, textUpdate({ userId: 8899, messageId: ++mid, text: " bobcode77 " }));
    expect(sent(8899).at(-1)!.params.text).toMatch(/Welcome/);
    const id = await co.store.prisma.chatIdentity.findUnique({ where: { platform_externalId: { platform: "telegram", externalId: "8899" } } });
    expect(id?.userId).toBe(co.users.bob.id);
  });

  it("in a group answers only when mentioned, replying to the message", async () => {
    const group = -100123;
    await postUpdate(hook, SECRET, textUpdate({ userId: AMY, chatId: group, chatType: "group", messageId: ++mid, text: "lunch anyone?" }));
    expect(sent(group)).toHaveLength(0);
    await postUpdate(hook, SECRET, textUpdate({ userId: AMY, chatId: group, chatType: "group", messageId: ++mid, text: "@guanxi_bot hello" }));
    expect(sent(group)).toHaveLength(1);
    expect(sent(group)[0]!.params.reply_parameters.message_id).toBe(mid);
  });

  it("a reply that can't be sent is logged, answered 200, and the bot carries on with the next message", async () => {
    fake.failing.add("sendMessage");
    const res = await postUpdate(hook, SECRET, textUpdate({ userId: AMY, messageId: ++mid, text: "Called Jane at Acme about the contract" }));
    fake.failing.delete("sendMessage");
    expect(res.status).toBe(200);
    expect(logs).toContain("telegram.error");
    const n = sent(AMY).length;
    await postUpdate(hook, SECRET, textUpdate({ userId: AMY, messageId: ++mid, text: "Called Mark at Acme Logistics, fine" }));
    expect(sent(AMY).length).toBe(n + 1);
  });

  it("delivers the digest to the linked chat through the Notifier, HTML-escaped", async () => {
    const digest = {
      user: "amy", name: "Amy Lee", role: "rep", locale: "en", timezone: "Asia/Shanghai", date: "2026-03-02",
      atRisk: [{ customer: "Acme <Logistics> & Co", customerId: 1, owner: "amy", score: 72, reasons: ["no contact for 51 days"], codes: [] }],
      followUps: [], complaints: [], birthdays: [], tierSuggestions: [], text: "",
    } as Digest;
    const n = sent(AMY).length;
    await chatNotifier(co.store.prisma, { telegram: telegramSender(tg.bot.api) }).send(co.users.amy, digest);
    const m = sent(AMY)[n]!;
    expect(m.params.parse_mode).toBe("HTML");
    expect(m.params.text).toContain("Acme &lt;Logistics&gt; &amp; Co");
    expect(m.params.text).toContain("no contact for 51 days");
  });

  it("a digest over 4,096 characters goes out as several messages the Bot API accepts, nothing dropped", async () => {
    const reasons = Array.from({ length: 400 }, (_, i) => `reason ${i}: <late> & "unpaid"`);
    const digest = {
      user: "amy", name: "Amy Lee", role: "rep", locale: "en", timezone: "Asia/Shanghai", date: "2026-03-02",
      atRisk: [{ customer: "Acme <Logistics> & Co", customerId: 1, owner: "amy", score: 72, reasons, codes: [] }],
      followUps: [], complaints: [], birthdays: [], tierSuggestions: [], text: "",
    } as Digest;
    const n = sent(AMY).length;
    // The fake refuses broken HTML and over-long texts as Telegram does, so send() resolving means all were accepted.
    await chatNotifier(co.store.prisma, { telegram: telegramSender(tg.bot.api) }).send(co.users.amy, digest);
    const parts = sent(AMY).slice(n).map((c) => String(c.params.text));
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(checkMessage(p, "HTML")).toBeUndefined();
    const all = parts.join(" ");
    for (const i of [0, 199, 399]) expect(all).toContain(`reason ${i}: &lt;late&gt; &amp; "unpaid"`);
  });
});
