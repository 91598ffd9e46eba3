// No silent hangs: a chat API that accepts and never answers, or that can't be reached, gives a clear result in
// bounded time (short timeouts set here, as CHAT_API_TIMEOUT_MS would), with every retry logged. The real grammY
// and Slack WebClient make the requests.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebClient } from "@slack/web-api";
import { Api } from "grammy";
import { botRuntime } from "../../bots/conversation.ts";
import { connect, connectionLine, describeError } from "../../bots/connect.ts";
import { createSlackApp } from "../../bots/slack/app.ts";
import { slackClientOptions } from "../../bots/slack/client-options.ts";
import { createTelegramBot, pollSeconds, telegramClientOptions } from "../../bots/telegram/bot.ts";
import { telegramSender } from "../../bots/telegram/notifier.ts";
import { withRetry } from "../../bots/telegram/send.ts";
import type { Digest } from "../../domain/build-digest.ts";
import type { Db } from "../../domain/context.ts";
import { closedPort, startSilentServer, type SilentServer } from "./fakes/silent-server.ts";
import { startFakeSlack, type FakeSlack } from "./fakes/slack-api.ts";

let silent: SilentServer;
let slackFake: FakeSlack;
const noSleep = async () => {};
beforeAll(async () => {
  silent = await startSilentServer();
  slackFake = await startFakeSlack();
});
afterAll(async () => {
  await silent?.close();
  await slackFake?.close();
});

const runtime = (logs: { event: string; data?: Record<string, unknown> }[]) =>
  botRuntime({ db: {} as Db, log: (event, data) => logs.push({ event, data }) });

describe("Telegram API that never answers or can't be reached", () => {
  it("getMe times out, is retried with backoff (each try logged), and ends with one clear line", async () => {
    const logs: { event: string; data?: Record<string, unknown> }[] = [];
    const tg = createTelegramBot(runtime(logs), { token: "123:SILENT", apiRoot: silent.url, timeoutMs: 200 });
    const waits: number[] = [];
    const c = await connect("telegram", tg.probe, { attempts: 3, backoffMs: 100, log: (e, d) => logs.push({ event: e, data: d }), sleep: async (ms) => void waits.push(ms) });
    expect(c).toMatchObject({ platform: "telegram", ok: false, attempts: 3 });
    expect(!c.ok && c.error).toMatch(/getMe.*timed out/);
    expect(silent.requests.filter((u) => u.endsWith("/getMe"))).toHaveLength(3);
    expect(logs.filter((l) => l.event === "telegram.connect_retry").map((l) => l.data?.attempt)).toEqual([1, 2]);
    expect(waits).toEqual([100, 200]);
    expect(connectionLine(c, "TELEGRAM_API_ROOT")).toMatch(/^telegram: not connected — .*timed out.*\(3 tries\); check TELEGRAM_API_ROOT$/);
  });

  it("an unreachable API root is reported with the network error, not a hang", async () => {
    const tg = createTelegramBot(runtime([]), { token: "123:GONE", apiRoot: `http://127.0.0.1:${await closedPort()}`, timeoutMs: 5_000 });
    const c = await connect("telegram", tg.probe, { attempts: 2, sleep: noSleep });
    expect(!c.ok && c.error).toMatch(/getMe.*(ECONNREFUSED|fetch failed|connect)/i);
  });

  it("a send that never gets an answer is retried a bounded number of times, each retry logged, then fails", async () => {
    const logs: { event: string; data?: Record<string, unknown> }[] = [];
    const api = new Api("123:SILENT", telegramClientOptions({ apiRoot: silent.url, timeoutMs: 150 }));
    const before = silent.requests.length;
    const digest = { user: "amy", locale: "en", date: "2026-03-02", atRisk: [], followUps: [], complaints: [], birthdays: [], tierSuggestions: [], text: "" } as unknown as Digest;
    const err = await telegramSender(api, (e, d) => logs.push({ event: e, data: d }))("5001", digest).then(() => undefined, (e: unknown) => e);
    expect(describeError(err)).toMatch(/sendMessage.*timed out/);
    expect(silent.requests.slice(before).filter((u) => u.endsWith("/sendMessage"))).toHaveLength(4);
    expect(logs.filter((l) => l.event === "telegram.send_retry").map((l) => l.data?.attempt)).toEqual([1, 2, 3]);
    // The same bound applies to replies (withRetry is what both use).
    let calls = 0;
    await expect(withRetry(async () => { calls++; throw new Error("x"); }, 4, 1)).rejects.toThrow("x");
    expect(calls).toBe(1); // not a transient error: not retried
  });

  it("long polling waits less than the request timeout, so polls don't time out by design", () => {
    expect(pollSeconds(30_000)).toBe(25);
    expect(pollSeconds(120_000)).toBe(30);
    expect(pollSeconds(300)).toBe(0);
  });
});

describe("Slack Web API that never answers", () => {
  it("auth.test times out and is reported; a working API reports who we are", async () => {
    const logs: { event: string; data?: Record<string, unknown> }[] = [];
    const down = createSlackApp(runtime(logs), { botToken: "xoxb-silent", signingSecret: "secret-123", apiUrl: `${silent.url}/api/`, port: 0, timeoutMs: 200 });
    const c = await connect("slack", down.probe, { attempts: 2, sleep: noSleep, log: (e, d) => logs.push({ event: e, data: d }) });
    expect(c).toMatchObject({ platform: "slack", ok: false, attempts: 2 });
    expect(!c.ok && c.error).toMatch(/timeout|timed out/i);
    expect(silent.requests.filter((u) => u.includes("auth.test"))).toHaveLength(2); // the probe itself doesn't retry
    expect(logs.filter((l) => l.event === "slack.connect_retry")).toHaveLength(1);

    const up = createSlackApp(runtime([]), { botToken: "xoxb-ok", signingSecret: "secret-123", apiUrl: slackFake.url, port: 0, timeoutMs: 200 });
    expect(await connect("slack", up.probe, { attempts: 1 })).toMatchObject({ ok: true, as: "@guanxi in Test" });
  });

  it("the WebClient used for replies and digests gives up after its bounded retries, logging each", async () => {
    const logs: { event: string; data?: Record<string, unknown> }[] = [];
    const client = new WebClient("xoxb-silent", { ...slackClientOptions({ apiUrl: `${silent.url}/api/`, timeoutMs: 100 }, (e, d) => logs.push({ event: e, data: d }), 2), logLevel: undefined });
    const before = silent.requests.length;
    await expect(client.chat.postMessage({ channel: "D1", text: "hi" })).rejects.toThrow();
    expect(silent.requests.slice(before).filter((u) => u.includes("chat.postMessage"))).toHaveLength(3);
    expect(logs.filter((l) => l.event === "slack.api_retry")).toHaveLength(2);
  });
});
