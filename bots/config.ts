// `guanxi serve` configuration: one zod schema parses process.env at start-up and fails with every problem named
// (trigger.dev's env.server.ts style), so a typo in a token is found before the first message, not after.
import { z } from "zod";

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const opt = <T extends z.ZodTypeAny>(t: T) => z.preprocess(blank, t.optional());
const url = (what: string) => z.string().trim().url(`${what} must be a URL like https://example.com/…`);

export const envSchema = z
  .object({
    SLACK_BOT_TOKEN: opt(z.string().trim().startsWith("xoxb-", "SLACK_BOT_TOKEN must be a bot token starting with xoxb-")),
    SLACK_SIGNING_SECRET: opt(z.string().trim().min(8, "SLACK_SIGNING_SECRET looks too short (Basic Information → Signing Secret)")),
    SLACK_APP_TOKEN: opt(z.string().trim().startsWith("xapp-", "SLACK_APP_TOKEN must be an app-level token starting with xapp-")),
    SLACK_API_URL: opt(url("SLACK_API_URL")),
    PORT: z.preprocess(blank, z.coerce.number().int().min(0).max(65535, "PORT must be 0–65535").default(3000)),
    TELEGRAM_BOT_TOKEN: opt(z.string().trim().regex(/^\d+:[\w-]+$/, "TELEGRAM_BOT_TOKEN must look like 123456:ABC-… (from @BotFather)")),
    TELEGRAM_WEBHOOK_URL: opt(url("TELEGRAM_WEBHOOK_URL")),
    TELEGRAM_WEBHOOK_SECRET: opt(
      z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, "TELEGRAM_WEBHOOK_SECRET must be 16–256 characters of A–Z, a–z, 0–9, _ or -"),
    ),
    TELEGRAM_API_ROOT: opt(url("TELEGRAM_API_ROOT")),
    DATABASE_URL: opt(z.string().trim().regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgresql://")),
    // Every Slack Web API / Telegram Bot API request gives up after this long (a server that accepts and never
    // answers must not hang serve); connecting at start is tried this many times, with backoff, before giving up.
    CHAT_API_TIMEOUT_MS: z.preprocess(
      blank,
      z.coerce.number().int("CHAT_API_TIMEOUT_MS must be a whole number of milliseconds").min(100, "CHAT_API_TIMEOUT_MS must be 100–600000").max(600_000, "CHAT_API_TIMEOUT_MS must be 100–600000").default(30_000),
    ),
    CHAT_CONNECT_ATTEMPTS: z.preprocess(blank, z.coerce.number().int().min(1, "CHAT_CONNECT_ATTEMPTS must be 1–10").max(10, "CHAT_CONNECT_ATTEMPTS must be 1–10").default(3)),
  })
  .superRefine((e, ctx) => {
    const need = (cond: boolean, path: string, message: string) => cond || ctx.addIssue({ code: "custom", path: [path], message });
    if (e.SLACK_BOT_TOKEN) {
      need(!!(e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN), "SLACK_SIGNING_SECRET",
        "SLACK_SIGNING_SECRET is required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)");
    } else {
      need(!e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN, "SLACK_BOT_TOKEN", "SLACK_BOT_TOKEN is required when other SLACK_* variables are set");
    }
    if (e.TELEGRAM_WEBHOOK_URL) {
      need(!!e.TELEGRAM_BOT_TOKEN, "TELEGRAM_BOT_TOKEN", "TELEGRAM_BOT_TOKEN is required with TELEGRAM_WEBHOOK_URL");
      need(!!e.TELEGRAM_WEBHOOK_SECRET, "TELEGRAM_WEBHOOK_SECRET",
        "TELEGRAM_WEBHOOK_SECRET is required with TELEGRAM_WEBHOOK_URL, so forged updates are rejected");
    }
  });

export interface SlackConfig {
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
  /** Per-request timeout of the Web API client (default 30 s). */
  timeoutMs?: number;
}

export interface TelegramConfig {
  token: string;
  apiRoot?: string;
  webhook?: { url: string; secret: string; path: string };
  /** Per-request timeout of the Bot API client (default 30 s); long polling waits less than this per call. */
  timeoutMs?: number;
}

export interface ServeConfig {
  port: number;
  /** How many times serve tries each platform at start (auth.test / getMe) before reporting it not connected. */
  connectAttempts: number;
  slack?: SlackConfig;
  telegram?: TelegramConfig;
  databaseUrl?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`configuration problems:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServeConfig {
  const r = envSchema.safeParse(env);
  if (!r.success) throw new ConfigError(r.error.issues.map((i) => i.message.includes(String(i.path[0])) ? i.message : `${i.path.join(".")}: ${i.message}`));
  const e = r.data;
  return {
    port: e.PORT,
    connectAttempts: e.CHAT_CONNECT_ATTEMPTS,
    databaseUrl: e.DATABASE_URL,
    slack: e.SLACK_BOT_TOKEN
      ? {
          botToken: e.SLACK_BOT_TOKEN,
          signingSecret: e.SLACK_SIGNING_SECRET,
          appToken: e.SLACK_APP_TOKEN,
          apiUrl: withSlash(e.SLACK_API_URL),
          timeoutMs: e.CHAT_API_TIMEOUT_MS,
        }
      : undefined,
    telegram: e.TELEGRAM_BOT_TOKEN
      ? {
          token: e.TELEGRAM_BOT_TOKEN,
          apiRoot: e.TELEGRAM_API_ROOT?.replace(/\/+$/, ""),
          timeoutMs: e.CHAT_API_TIMEOUT_MS,
          webhook: e.TELEGRAM_WEBHOOK_URL
            ? { url: e.TELEGRAM_WEBHOOK_URL, secret: e.TELEGRAM_WEBHOOK_SECRET!, path: new URL(e.TELEGRAM_WEBHOOK_URL).pathname }
            : undefined,
        }
      : undefined,
  };
}

/** The Slack WebClient joins method names onto the base URL, so it must end in "/". */
const withSlash = (u?: string) => (u ? (u.endsWith("/") ? u : `${u}/`) : undefined);

export const HOW_TO_CONFIGURE = `No chat platform is configured, so there is nothing to serve.

To connect Slack (see README "Connecting Slack"):
  SLACK_BOT_TOKEN=xoxb-…        the app's Bot User OAuth Token
  SLACK_SIGNING_SECRET=…        Basic Information → Signing Secret (HTTP events on PORT, default 3000)
  SLACK_APP_TOKEN=xapp-…        optional: Socket Mode instead of a public URL

To connect Telegram (see README "Connecting Telegram"):
  TELEGRAM_BOT_TOKEN=123456:ABC…   from @BotFather (long polling: no public URL needed)
  TELEGRAM_WEBHOOK_URL=https://…   optional: webhook mode, served on PORT at the URL's path
  TELEGRAM_WEBHOOK_SECRET=…        required with the webhook URL (16+ characters)

Meanwhile, try the assistant in your terminal:  npx guanxi chat --demo`;
