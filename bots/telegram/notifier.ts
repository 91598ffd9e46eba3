// Delivers a digest as a Telegram message: the private chat id is the user's id (their ChatIdentity externalId).
import type { Api } from "grammy";
import type { Digest } from "../../domain/build-digest.ts";
import { digestMessages } from "./format.ts";
import { withRetry } from "./send.ts";
import type { Log } from "../conversation.ts";

export function telegramSender(api: Api, log: Log = () => {}) {
  return async (externalId: string, digest: Digest): Promise<void> => {
    for (const m of digestMessages(digest))
      await withRetry(
        () => api.sendMessage(externalId, m.html, { parse_mode: "HTML", ...(m.keyboard ? { reply_markup: m.keyboard } : {}) }),
        4,
        250,
        (r) => log("telegram.send_retry", { chat: externalId, ...r }),
      );
  };
}
