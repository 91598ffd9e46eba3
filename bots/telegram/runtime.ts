import type { botRuntime } from "../conversation.ts";

export type TelegramRuntime = ReturnType<typeof botRuntime> & {
  /** Webhook mode: finish the turn before answering Telegram's request (so a crash means a redelivery). */
  awaitTurns?: boolean;
};
