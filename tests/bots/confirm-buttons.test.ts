// Confirm / Cancel buttons under a reply that held a change, with the real Bolt and grammY clients against the fake
// Slack Web API and Telegram Bot API: the question carries both buttons, Confirm runs exactly the held change once,
// Cancel drops it, and the store shows it.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { botRuntime } from "../../bots/conversation.ts";
import { createSlackApp, type SlackBot } from "../../bots/slack/app.ts";
import { createTelegramBot, type TelegramBot } from "../../bots/telegram/bot.ts";
import { postSlackAction, postSlackEvent, startFakeSlack, until, type FakeSlack } from "./fakes/slack-api.ts";
import { BOT_INFO, callbackUpdate, postUpdate, startFakeTelegram, textUpdate, type FakeTelegram } from "./fakes/telegram-api.ts";

const SLACK_SECRET = "slack-signing-secret";
const TG_SECRET = "telegram-webhook-secret-123";
const AMY_TG = 5101;
let co: Company;
let fakeSlack: FakeSlack;
let fakeTg: FakeTelegram;
let slack: SlackBot;
let tg: TelegramBot;
let server: Server;
let eventsUrl: string;
let hook: string;

beforeAll(async () => {
  co = await seedCompany(await freshStore());
  const db = co.store.prisma;
  await db.chatIdentity.createMany({
    data: [{ platform: "slack", externalId: "U_AMY", userId: co.users.amy.id }, { platform: "telegram", externalId: String(AMY_TG), userId: co.users.amy.id }],
  });
  const rt = botRuntime({ db, clock: () => new Date("2026-03-02T09:30:00+08:00") });
  fakeSlack = await startFakeSlack();
  slack = createSlackApp({ ...rt, workingAfterMs: 10_000 }, { botToken: "xoxb-test", signingSecret: SLACK_SECRET, apiUrl: fakeSlack.url, port: 0 });
  eventsUrl = `http://127.0.0.1:${((await slack.start())!.address() as AddressInfo).port}/slack/events`;
  fakeTg = await startFakeTelegram();
  tg = createTelegramBot(rt, { token: "123456:TEST", apiRoot: fakeTg.apiRoot, botInfo: BOT_INFO, webhook: { url: "https://x.test/tg", secret: TG_SECRET, path: "/tg" } });
  server = createServer((req, res) => void tg.webhookHandler!(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  hook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tg`;
});

afterAll(async () => {
  await slack?.stop();
  await new Promise((r) => server?.close(r));
  await Promise.allSettled([fakeSlack?.close(), fakeTg?.close()]);
});

const statusOf = async (id: number) => (await co.store.prisma.customer.findUniqueOrThrow({ where: { id } })).status;

describe("Slack Confirm / Cancel", () => {
  it("'archive Acme Logistics' asks with both buttons; Confirm archives it once", async () => {
    const ts = "1800000100.000200";
    const ev = { type: "message", channel_type: "im", channel: "D_AMY", user: "U_AMY", text: "archive Acme Logistics", ts, event_ts: ts, client_msg_id: "cm-confirm-1" };
    expect((await postSlackEvent(eventsUrl, SLACK_SECRET, ev)).status).toBe(200);
    const replies = () => fakeSlack.calls.filter((c) => c.method === "chat.postMessage" && c.params.thread_ts === ts);
    const [reply] = await until(() => (replies().length ? replies() : false));
    expect(String(reply!.params.text)).toMatch(/confirm/i);
    expect(await statusOf(co.customers.acmeLogistics)).toBe("active");
    const blocks = reply!.params.blocks as any[];
    const row = blocks.find((b) => b.type === "actions" && String(b.block_id).startsWith("held_"));
    expect(row.elements.map((e: any) => e.action_id)).toEqual(["held_confirm", "held_cancel"]);
    const confirm = row.elements[0];
    const press = () =>
      postSlackAction(eventsUrl, SLACK_SECRET, {
        type: "block_actions", token: "x", api_app_id: "A1", trigger_id: "t1", team: { id: "T1" }, user: { id: "U_AMY" },
        channel: { id: "D_AMY" }, container: { type: "message", message_ts: "2.1", channel_id: "D_AMY" },
        message: { ts: "2.1", thread_ts: ts, text: reply!.params.text, blocks },
        actions: [{ type: "button", action_id: "held_confirm", block_id: row.block_id, value: confirm.value, action_ts: "1" }],
      });
    await press();
    await until(() => fakeSlack.calls.find((c) => c.method === "chat.update" && c.params.ts === "2.1"));
    expect(await statusOf(co.customers.acmeLogistics)).toBe("archived");
    expect(String(replies().at(-1)!.params.text)).toMatch(/Archived Acme Logistics/);
    // A second press changes nothing and says so.
    await press();
    await until(() => (replies().length >= 3 ? true : false));
    expect(String(replies().at(-1)!.params.text)).toMatch(/already answered/i);
    expect(await co.store.prisma.auditLog.count({ where: { entity: "customer", entityId: co.customers.acmeLogistics } })).toBe(1);
  });
});

describe("Telegram Confirm / Cancel", () => {
  it("the question carries Confirm/Cancel; Cancel drops the change", async () => {
    const sent = () => fakeTg.calls.filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) === AMY_TG);
    const n = sent().length;
    await postUpdate(hook, TG_SECRET, textUpdate({ userId: AMY_TG, messageId: 9001, text: "archive 华东机械" }));
    const reply = sent()[n]!;
    const buttons = reply.params.reply_markup.inline_keyboard.flat() as { text: string; callback_data: string }[];
    const cancel = buttons.find((b) => b.callback_data.startsWith("x:"));
    expect(buttons.some((b) => b.callback_data.startsWith("c:"))).toBe(true);
    expect(cancel).toBeTruthy();
    await postUpdate(hook, TG_SECRET, callbackUpdate({ userId: AMY_TG, data: cancel!.callback_data }));
    expect(fakeTg.calls.filter((c) => c.method === "answerCallbackQuery").at(-1)?.params.text).toMatch(/Cancelled|取消/);
    expect(await statusOf(co.customers.huadong)).toBe("active");
    // The typed "yes" after a cancelled question has nothing to run.
    await postUpdate(hook, TG_SECRET, textUpdate({ userId: AMY_TG, messageId: 9002, text: "yes" }));
    expect(await statusOf(co.customers.huadong)).toBe("active");
  });
});
