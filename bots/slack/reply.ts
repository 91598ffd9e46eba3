// Answers one Slack message in its thread: runs the turn (in order per user), posts "working…" if it is slow and
// then replaces it with the answer, and splits long answers. A failing turn is logged and apologised for; it never
// reaches Bolt, so one bad message can't stop the app.
import type { WebClient } from "@slack/web-api";
import { converse, TEXTS, guessLocale, type botRuntime } from "../conversation.ts";
import { paginate, turnMessages, type SlackMessage } from "./blocks.ts";

export type SlackRuntime = ReturnType<typeof botRuntime> & { workingAfterMs?: number };

export interface SlackInbound {
  channel: string;
  threadTs: string;
  user: string;
  /** client_msg_id, or channel:ts when the client sent none: the same for Slack's retries of this event. */
  messageId: string;
  text: string;
}

export function answerSlackMessage(rt: SlackRuntime, client: WebClient, m: SlackInbound): Promise<void> {
  return rt.inFlight.run(`slack:${m.user}`, async () => {
    let placeholder: Promise<string | undefined> | undefined;
    const showWorking = () => {
      placeholder = client.chat
        .postMessage({ channel: m.channel, thread_ts: m.threadTs, text: TEXTS.working(guessLocale(m.text) === "zh") })
        .then((r) => r.ts, () => undefined);
    };
    // 0 = always say "working…" at once; otherwise only when the turn is still running after that long.
    const after = rt.workingAfterMs ?? 1500;
    const timer = after > 0 ? setTimeout(showWorking, after) : (showWorking(), undefined);
    let messages: SlackMessage[] = [];
    try {
      const out = await converse(rt, { platform: "slack", userId: m.user, messageId: m.messageId, text: m.text });
      if (out.kind === "duplicate") return; // the first delivery answers; a retry posts nothing
      messages = out.kind === "turn" ? turnMessages(out.result, out.actor.locale) : paginate(out.text);
    } catch (e) {
      rt.log("slack.turn_error", { user: m.user, messageId: m.messageId, error: (e as Error).message });
      messages = paginate(guessLocale(m.text) === "zh" ? "抱歉,出了点问题,请稍后再试。" : "Sorry — something went wrong on my side. Please try again in a moment.");
    } finally {
      clearTimeout(timer);
    }
    const ph = placeholder ? await placeholder : undefined;
    // The WebClient already retries network errors and 429s; what still fails is logged, never thrown (the turn
    // runs detached from Bolt, so a throw here would be an unhandled rejection).
    try {
      for (const [i, msg] of messages.entries()) {
        if (i === 0 && ph) await client.chat.update({ channel: m.channel, ts: ph, text: msg.text, blocks: msg.blocks });
        else await client.chat.postMessage({ channel: m.channel, thread_ts: m.threadTs, text: msg.text, blocks: msg.blocks });
      }
    } catch (e) {
      rt.log("slack.reply_failed", { user: m.user, messageId: m.messageId, error: (e as Error).message });
    }
  });
}
