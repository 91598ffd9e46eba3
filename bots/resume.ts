// Messages a dead process left half-done. Each inbox row being processed carries a lease its holder renews; when
// serve starts, and then every lease period, this sweep takes over rows whose lease expired (kill -9, power loss,
// a redelivery that arrived while the dead holder's lease still ran and was therefore answered as a duplicate),
// runs each once through the normal turn (which finishes, rather than re-runs, a turn that had already written)
// and sends the reply to the user where they wrote. Two processes sweeping together take each row once.
import type { Api } from "grammy";
import type { WebClient } from "@slack/web-api";
import { handleTurn, type TurnResult } from "../agent/turn.ts";
import { actorByHandle } from "../agent/session.ts";
import { chatAddressesOf, type Actor } from "../agent/actions.ts";
import { listAbandoned } from "../domain/inbox.repository.ts";
import type { botRuntime } from "./conversation.ts";
import { turnMessages as telegramMessages } from "./telegram/format.ts";
import { turnMessages as slackMessages } from "./slack/blocks.ts";
import { withRetry } from "./telegram/send.ts";

export interface ResumedMessage {
  platform: "slack" | "telegram";
  /** The inbox's external id: Telegram `chat:message`, Slack client_msg_id or `channel:ts`. */
  externalMessageId: string;
  /** The user's id on that platform. */
  userExternalId: string;
}

export type TurnSender = (to: ResumedMessage, actor: Actor, result: TurnResult) => Promise<void>;

export function telegramTurnSender(api: Api): TurnSender {
  return async (to, actor, result) => {
    const [chat, message] = to.externalMessageId.split(":");
    const chatId = chat && /^-?\d+$/.test(chat) ? chat : to.userExternalId;
    for (const [i, m] of telegramMessages(result, actor.locale).entries())
      await withRetry(() =>
        api.sendMessage(chatId, m.html, {
          parse_mode: "HTML",
          ...(m.keyboard ? { reply_markup: m.keyboard } : {}),
          ...(i === 0 && message && /^\d+$/.test(message) ? { reply_parameters: { message_id: Number(message), allow_sending_without_reply: true } } : {}),
        }),
      );
  };
}

export function slackTurnSender(client: WebClient): TurnSender {
  return async (to, actor, result) => {
    // The thread isn't always known (client_msg_id): the answer goes to the user's DM with the app.
    const open = await client.conversations.open({ users: to.userExternalId });
    const channel = open.channel?.id;
    if (!channel) throw new Error(`slack: no DM channel for ${to.userExternalId}`);
    for (const m of slackMessages(result, actor.locale)) await client.chat.postMessage({ channel, text: m.text, blocks: m.blocks });
  };
}

export interface ResumeSweep {
  /** One pass now: how many abandoned messages were taken over and answered. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

export function startResumeSweep(
  rt: ReturnType<typeof botRuntime>,
  senders: Partial<Record<"slack" | "telegram", TurnSender>>,
  opts: { everyMs?: number; leaseMs?: number } = {},
): ResumeSweep {
  const platforms = Object.keys(senders) as ("slack" | "telegram")[];
  let running: Promise<number> | null = null;
  let stopped = false;
  const pass = async (): Promise<number> => {
    if (!platforms.length) return 0;
    let answered = 0;
    const rows = await listAbandoned(rt.db, { platforms });
    for (const row of rows) {
      if (stopped || !rt.inFlight.accepting) break;
      const platform = row.platform as "slack" | "telegram";
      try {
        const actor = await actorByHandle(rt.db, row.handle);
        const [address] = await chatAddressesOf(rt.db, [actor.id], platform);
        if (!address) continue;
        // In the user's queue, so it runs in order with anything they send meanwhile; `now` is when they wrote it.
        const result = await rt.inFlight.run(`${platform}:${address.externalId}`, () =>
          handleTurn(
            { ...rt.agent, db: rt.db, log: rt.log, ...(opts.leaseMs ? { leaseMs: opts.leaseMs } : {}) },
            { platform, externalMessageId: row.externalMessageId, actor, text: row.text, now: row.receivedAt },
          ),
        );
        if (result.duplicate) continue; // another process (or a redelivery) took it first
        rt.log("turn.resumed", { platform, inboxId: result.inboxId, user: actor.handle, mutations: result.mutations.length, failed: result.failed });
        await senders[platform]!({ platform, externalMessageId: row.externalMessageId, userExternalId: address.externalId }, actor, result);
        answered++;
      } catch (e) {
        rt.log("turn.resume_failed", { platform, inboxId: row.id, error: (e as Error).message });
      }
    }
    return answered;
  };
  const runOnce = () => (running ??= pass().finally(() => (running = null)));
  const timer = setInterval(() => void runOnce().catch((e) => rt.log("turn.resume_failed", { error: (e as Error).message })), opts.everyMs ?? 60_000);
  timer.unref?.();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => 0);
    },
  };
}
