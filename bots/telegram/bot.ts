// The Telegram bot (grammY): features as Composers, one error handler. Long polling by default; webhook mode serves
// `webhookHandler` (secret token checked: anything else gets 401 and nothing is processed).
import { Bot, webhookCallback, type Context } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TelegramConfig } from "../config.ts";
import { buttonsFeature } from "./features/buttons.ts";
import { chatFeature } from "./features/chat.ts";
import type { TelegramRuntime } from "./runtime.ts";

export interface TelegramBot {
  bot: Bot<Context>;
  mode: "polling" | "webhook";
  /** Webhook mode: the node:http handler for the webhook path. */
  webhookHandler?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createTelegramBot(rt: TelegramRuntime, cfg: TelegramConfig & { botInfo?: UserFromGetMe }): TelegramBot {
  const webhook = cfg.webhook;
  const bot = new Bot<Context>(cfg.token, {
    ...(cfg.apiRoot ? { client: { apiRoot: cfg.apiRoot } } : {}),
    ...(cfg.botInfo ? { botInfo: cfg.botInfo } : {}),
  });
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
    async start() {
      await bot.init();
      if (webhook) {
        await bot.api.setWebhook(webhook.url, { secret_token: webhook.secret, allowed_updates: ["message", "callback_query"] });
      } else {
        await bot.api.deleteWebhook();
        // bot.start() resolves only when polling stops: run it in the background.
        void bot.start({ allowed_updates: ["message", "callback_query"], drop_pending_updates: false }).catch((e) =>
          rt.log("telegram.polling_stopped", { error: (e as Error).message }),
        );
      }
    },
    async stop() {
      if (!webhook && bot.isRunning()) await bot.stop();
    },
  };
}
