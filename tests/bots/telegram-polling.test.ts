// Long polling (the default without TELEGRAM_WEBHOOK_URL): the real grammY runner against the fake Bot API.
import { afterAll, beforeAll, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { botRuntime } from "../../bots/conversation.ts";
import { createTelegramBot, type TelegramBot } from "../../bots/telegram/bot.ts";
import { until } from "./fakes/slack-api.ts";
import { BOT_INFO, startFakeTelegram, textUpdate, type FakeTelegram } from "./fakes/telegram-api.ts";

let co: Company;
let fake: FakeTelegram;
let tg: TelegramBot;

beforeAll(async () => {
  co = await seedCompany(await freshStore());
  await co.store.prisma.chatIdentity.create({ data: { platform: "telegram", externalId: "6001", userId: co.users.amy.id } });
  fake = await startFakeTelegram();
  tg = createTelegramBot(botRuntime({ db: co.store.prisma }), { token: "123456:POLL", apiRoot: fake.apiRoot, botInfo: BOT_INFO });
  await tg.start();
});
afterAll(async () => {
  await tg?.stop();
  await fake?.close();
});

it("polls for updates, answers each once (a repeated update too), and stops cleanly", async () => {
  expect(tg.mode).toBe("polling");
  expect(fake.calls.some((c) => c.method === "deleteWebhook")).toBe(true);
  const before = await co.store.prisma.interaction.count();
  const u = textUpdate({ userId: 6001, messageId: 1, text: "Called Jane at Acme, worried about price" });
  fake.pending.push(u, { ...u, update_id: u.update_id + 1 }); // the same message delivered twice
  await until(() => fake.calls.some((c) => c.method === "sendMessage"));
  await new Promise((r) => setTimeout(r, 300));
  expect(fake.calls.filter((c) => c.method === "sendMessage")).toHaveLength(1);
  expect(await co.store.prisma.interaction.count()).toBe(before + 1);
  expect(await co.store.prisma.inboxMessage.count()).toBe(1);
});
