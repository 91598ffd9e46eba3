// A digest Notifier from the environment alone, without starting any bot: for `guanxi digest --send` and other
// one-shot commands. Uses the same senders as `guanxi serve`.
import { WebClient } from "@slack/web-api";
import { Api } from "grammy";
import type { Db } from "../domain/context.ts";
import type { Notifier } from "../scheduler/notifier.ts";
import { loadConfig, type ServeConfig } from "./config.ts";
import type { Log } from "./conversation.ts";
import { chatNotifier, type PlatformSender } from "./notifier.ts";
import { slackSender } from "./slack/notifier.ts";
import { telegramSender } from "./telegram/notifier.ts";
import { slackClientOptions } from "./slack/client-options.ts";
import { telegramClientOptions } from "./telegram/bot.ts";

/** Null when no platform is configured (the caller says how to configure one: see HOW_TO_CONFIGURE). */
export function notifierFromConfig(db: Db, cfg: ServeConfig = loadConfig(), log?: Log): Notifier | null {
  const senders: Partial<Record<"slack" | "telegram", PlatformSender>> = {};
  if (cfg.slack) senders.slack = slackSender(new WebClient(cfg.slack.botToken, slackClientOptions(cfg.slack, log)));
  if (cfg.telegram) senders.telegram = telegramSender(new Api(cfg.telegram.token, telegramClientOptions(cfg.telegram)), log);
  return Object.keys(senders).length ? chatNotifier(db, senders, log) : null;
}
