// The Telegram bot (grammY): features as Composers, one error handler. Long polling by default; webhook mode serves
// `webhookHandler` (secret token checked: anything else gets 401 and nothing is processed). Every Bot API request
// times out (grammY's default would wait 500 s); failed polls are logged, not only retried in silence.
import { Bot, webhookCallback, type ApiClientOptions, type Context } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TelegramConfig } from "../config.ts";
import { buttonsFeature } from "./features/buttons.ts";
import { chatFeature } from "./features/chat.ts";
import type { TelegramRuntime } from "./runtime.ts";

export const TELEGRAM_TIMEOUT_MS = 30_000;

/** Bot API client options for every Telegram client we make (the bot's, the digest sender's). */
export function telegramClientOptions(cfg: Pick<TelegramConfig, "apiRoot" | "timeoutMs">): ApiClientOptions {
  return { ...(cfg.apiRoot ? { apiRoot: cfg.apiRoot } : {}), timeoutSeconds: (cfg.timeoutMs ?? TELEGRAM_TIMEOUT_MS) / 1000 };
}

/** Long polling holds getUpdates open this long, which must stay under the request timeout (or every poll would
 *  time out): 5 s under it, at most Telegram's usual 30 s; 0 (short polling) for very short timeouts. */
export const pollSeconds = (timeoutMs = TELEGRAM_TIMEOUT_MS) => Math.max(0, Math.min(30, Math.floor(timeoutMs / 1000) - 5));

export interface TelegramBot {
  bot: Bot<Context>;
  mode: "polling" | "webhook";
  /** Webhook mode: the node:http handler for the webhook path. */
  webhookHandler?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** getMe: who the bot is ("@name"), one try; the answer is kept so start() doesn't ask again. */
  probe(): Promise<string>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createTelegramBot(rt: TelegramRuntime, cfg: TelegramConfig & { botInfo?: UserFromGetMe }): TelegramBot {
  const webhook = cfg.webhook;
  const bot = new Bot<Context>(cfg.token, {
    client: telegramClientOptions(cfg),
    ...(cfg.botInfo ? { botInfo: cfg.botInfo } : {}),
  });
  logPollingFailures(bot, rt.log);
  const runtime: TelegramRuntime = { ...rt, awaitTurns: !!webhook };
  bot.use(buttonsFeature(runtime));
  bot.use(chatFeature(runtime));
  bot.catch((err) => {
    rt.log("telegram.error", { update: err.ctx.update.update_id, error: (err.error as Error)?.message ?? String(err.error) });
  });
  const callback = webhook
    ? webhookCallback(bot, "http", { secretToken: webhook.secret, onTimeout: "return", timeoutMilliseconds: 50_000 })
    : undefined;
  // In webhook mode grammY rethrows middleware errors instead of calling bot.catch: log them here, so one failing
  // update never becomes an unhandled rejection. Answer 200: the message is already in the inbox (and a redelivery
  // would only be recognised as a duplicate), so Telegram retrying would achieve nothing.
  const handler = callback
    ? async (req: IncomingMessage, res: ServerResponse) => {
        try {
          await callback(req, res);
        } catch (e) {
          const err = e as Error & { ctx?: { update?: { update_id?: number } }; error?: Error };
          rt.log("telegram.error", { update: err.ctx?.update?.update_id, error: err.error?.message ?? err.message });
          if (!res.headersSent) res.writeHead(200, { "content-type": "application/json" }).end("{}");
        }
      }
    : undefined;
  return {
    bot,
    mode: webhook ? "webhook" : "polling",
    webhookHandler: handler,
    async probe() {
      const me = await bot.api.getMe();
      bot.botInfo = me;
      return `@${me.username}`;
    },
    async start() {
      await bot.init();
      if (webhook) {
        await bot.api.setWebhook(webhook.url, { secret_token: webhook.secret, allowed_updates: ["message", "callback_query"] });
      } else {
        await bot.api.deleteWebhook();
        // bot.start() resolves only when polling stops: run it in the background.
        void bot.start({ allowed_updates: ["message", "callback_query"], drop_pending_updates: false, timeout: pollSeconds(cfg.timeoutMs) }).catch((e) =>
          rt.log("telegram.polling_stopped", { error: (e as Error).message }),
        );
      }
    },
    async stop() {
      if (!webhook && bot.isRunning()) await bot.stop();
    },
  };
}

/** grammY retries a failed getUpdates every 3 s forever, logging only to its debug channel: log the 1st, 2nd, 4th,
 *  8th… failure in a row (so an outage is visible without a line every 3 s), and the recovery. */
function logPollingFailures(bot: Bot<Context>, log: TelegramRuntime["log"]) {
  let failures = 0;
  const failed = (error: string) => {
    failures++;
    if ((failures & (failures - 1)) === 0) log("telegram.polling_failed", { failures, error, retryInSeconds: 3 });
  };
  bot.api.config.use(async (prev, method, payload, signal) => {
    if (method !== "getUpdates") return prev(method, payload, signal);
    try {
      const res = await prev(method, payload, signal);
      if (!res.ok) failed(`${res.error_code} ${res.description}`);
      else if (failures) {
        log("telegram.polling_recovered", { afterFailures: failures });
        failures = 0;
      }
      return res;
    } catch (e) {
      if (!signal?.aborted) failed((e as Error).message);
      throw e;
    }
  });
}
