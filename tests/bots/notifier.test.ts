// The digest Notifier built from the environment: delivers to every linked identity on each platform, rejects only
// when nothing could be delivered (so the scheduler retries), and skips users with no chat identity.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { toActor, type Actor } from "../../domain/context.ts";
import type { Digest } from "../../domain/build-digest.ts";
import { loadConfig } from "../../bots/config.ts";
import { notifierFromConfig } from "../../bots/notifier-from-config.ts";
import type { Notifier } from "../../scheduler/notifier.ts";
import { startFakeSlack, type FakeSlack } from "./fakes/slack-api.ts";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram-api.ts";

let slack: FakeSlack;
let tg: FakeTelegram;
let notifier: Notifier;
let both: Actor;
let nobody: Actor;
const digest = (user: string) =>
  ({ user, name: user, role: "rep", locale: "en", timezone: "UTC", date: "2026-03-02", atRisk: [], followUps: [], complaints: [], birthdays: [], tierSuggestions: [], text: "" }) as Digest;

beforeAll(async () => {
  const store = await freshStore();
  const db = store.prisma;
  both = toActor(await db.user.create({ data: { handle: "both", name: "Both" } }));
  nobody = toActor(await db.user.create({ data: { handle: "nobody", name: "Nobody" } }));
  await db.chatIdentity.createMany({ data: [{ platform: "slack", externalId: "U_BOTH", userId: both.id }, { platform: "telegram", externalId: "4242", userId: both.id }] });
  [slack, tg] = await Promise.all([startFakeSlack(), startFakeTelegram()]);
  notifier = notifierFromConfig(db, loadConfig({ SLACK_BOT_TOKEN: "xoxb-n", SLACK_SIGNING_SECRET: "secret-secret", SLACK_API_URL: slack.url, TELEGRAM_BOT_TOKEN: "1:x", TELEGRAM_API_ROOT: tg.apiRoot }))!;
});
afterAll(async () => {
  await slack?.close();
  await tg?.close();
});

describe("digest notifier", () => {
  it("is null with no platform configured", async () => {
    expect(notifierFromConfig((await freshStore()).prisma, loadConfig({}))).toBeNull();
  });

  it("delivers to the Slack DM and the Telegram chat of each linked identity", async () => {
    await notifier.send(both, digest("both"));
    expect(slack.calls.filter((c) => c.method === "chat.postMessage").map((c) => c.params.channel)).toEqual(["DU_BOTH"]);
    expect(tg.calls.filter((c) => c.method === "sendMessage").map((c) => String(c.params.chat_id))).toEqual(["4242"]);
  });

  it("skips a user with no chat identity, and succeeds when one platform of two failed", async () => {
    const before = slack.calls.length + tg.calls.length;
    await notifier.send(nobody, digest("nobody"));
    expect(slack.calls.length + tg.calls.length).toBe(before);
    slack.failing.add("chat.postMessage");
    await expect(notifier.send(both, digest("both"))).resolves.toBeUndefined();
  });

  it("rejects when no delivery worked, so the scheduler retries", async () => {
    slack.failing.add("chat.postMessage");
    await tg.close();
    await expect(notifier.send(both, digest("both"))).rejects.toThrow(/not delivered/);
  });
});
