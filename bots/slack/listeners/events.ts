// Direct messages and @mentions go to the assistant. Bolt acknowledges Events API requests at once, so the turn
// runs after Slack has its 200; we don't await it here (Bolt would hold nothing open for it anyway) but track it.
// Slack's text arrives HTML-escaped with <…> entities: fromSlack gives back what the person typed ("R&D Labs").
import type { App } from "@slack/bolt";
import type { GenericMessageEvent, AppMentionEvent } from "@slack/types";
import { answerSlackMessage, type SlackRuntime } from "../reply.ts";
import { fromSlack } from "../text.ts";

export function registerEvents(app: App, rt: SlackRuntime): void {
  app.event("message", async ({ event, client }) => {
    const e = event as GenericMessageEvent;
    // Only people's new messages in a DM: no edits, joins, bot posts (ours included).
    if (e.subtype !== undefined || e.bot_id || e.channel_type !== "im" || !e.user || !e.text) return;
    void answerSlackMessage(rt, client, {
      channel: e.channel,
      threadTs: e.thread_ts ?? e.ts,
      user: e.user,
      messageId: e.client_msg_id ?? `${e.channel}:${e.ts}`,
      text: fromSlack(e.text),
    });
  });

  app.event("app_mention", async ({ event, client, context }) => {
    const e = event as AppMentionEvent;
    if (!e.user || e.bot_id) return;
    // The bot's own mention goes before decoding (other people's mentions are read back as @name).
    const text = fromSlack((e.text ?? "").replace(new RegExp(`<@${context.botUserId ?? "[A-Z0-9]+"}(\\|[^>]*)?>`, "g"), "")).trim();
    void answerSlackMessage(rt, client, {
      channel: e.channel,
      threadTs: e.thread_ts ?? e.ts,
      user: e.user,
      messageId: e.client_msg_id ?? `${e.channel}:${e.ts}`,
      text,
    });
  });
}
