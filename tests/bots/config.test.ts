import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../bots/config.ts";

describe("loadConfig", () => {
  it("nothing configured: no bots, default port", () => {
    expect(loadConfig({})).toMatchObject({ port: 3000, slack: undefined, telegram: undefined });
  });

  it("parses Slack HTTP, Socket Mode, API URL and Telegram webhook settings", () => {
    const c = loadConfig({
      SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "0123456789", SLACK_API_URL: "http://127.0.0.1:9/api", PORT: "8080",
      TELEGRAM_BOT_TOKEN: "123:AAbb-cc", TELEGRAM_WEBHOOK_URL: "https://bot.example.com/tg/hook", TELEGRAM_WEBHOOK_SECRET: "s".repeat(20),
      TELEGRAM_API_ROOT: "http://127.0.0.1:8/",
    });
    expect(c.port).toBe(8080);
    expect(c.slack).toMatchObject({ botToken: "xoxb-1", apiUrl: "http://127.0.0.1:9/api/" });
    expect(c.telegram).toMatchObject({ apiRoot: "http://127.0.0.1:8", webhook: { path: "/tg/hook", secret: "s".repeat(20) } });
    expect(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }).slack?.appToken).toBe("xapp-1");
  });

  it("API timeout and connect attempts: defaults, values passed to both platforms, bad values named", () => {
    const d = loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1", TELEGRAM_BOT_TOKEN: "123:AAbb" });
    expect(d).toMatchObject({ connectAttempts: 3, slack: { timeoutMs: 30_000 }, telegram: { timeoutMs: 30_000 } });
    const c = loadConfig({ TELEGRAM_BOT_TOKEN: "123:AAbb", CHAT_API_TIMEOUT_MS: "500", CHAT_CONNECT_ATTEMPTS: "1" });
    expect(c).toMatchObject({ connectAttempts: 1, telegram: { timeoutMs: 500 } });
    expect(() => loadConfig({ CHAT_API_TIMEOUT_MS: "5" })).toThrow(/CHAT_API_TIMEOUT_MS must be 100–600000/);
    expect(() => loadConfig({ CHAT_CONNECT_ATTEMPTS: "0" })).toThrow(/CHAT_CONNECT_ATTEMPTS must be 1–10/);
  });

  it("names every problem: bad token, missing signing secret, webhook without secret", () => {
    const e = (() => {
      try {
        loadConfig({ SLACK_BOT_TOKEN: "oops", TELEGRAM_BOT_TOKEN: "123:abc", TELEGRAM_WEBHOOK_URL: "https://x.example/hook", PORT: "99999" });
      } catch (err) {
        return err as ConfigError;
      }
    })();
    expect(e).toBeInstanceOf(ConfigError);
    const all = e!.problems.join("\n");
    expect(all).toMatch(/xoxb-/);
    expect(all).toMatch(/SLACK_SIGNING_SECRET is required/);
    expect(all).toMatch(/TELEGRAM_WEBHOOK_SECRET is required/);
    expect(all).toMatch(/PORT/);
  });
});
