// Text messages: every message in a private chat, and in groups only those that @mention the bot or reply to it.
// A typing indicator runs while the turn does; the answer is a reply with Undo / Done / Snooze buttons.
import { Composer, type Context } from "grammy";
import { converse } from "../../conversation.ts";
import { paginate, turnMessages, type TelegramMessage } from "../format.ts";
import type { TelegramRuntime } from "../runtime.ts";
import { withRetry } from "../send.ts";

const TYPING_EVERY_MS = 4500; // Telegram shows "typing…" for about 5 seconds per call

export function chatFeature(rt: TelegramRuntime): Composer<Context> {
  const c = new Composer<Context>();
  c.on("message:text", async (ctx) => {
    const msg = ctx.message;
    const isPrivate = ctx.chat.type === "private";
    let text = msg.text;
    if (!isPrivate) {
      const mention = `@${ctx.me.username}`;
      const mentioned = text.toLowerCase().includes(mention.toLowerCase());
      if (!mentioned && msg.reply_to_message?.from?.id !== ctx.me.id) return;
      text = text.replace(new RegExp(mention.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "ig"), "").trim();
    }
    const work = rt.inFlight.run(`telegram:${ctx.from.id}`, () => answer(rt, ctx, text, isPrivate));
    // Webhook: answer before responding, so Telegram redelivers if we die mid-turn (the inbox dedupes it).
    // Long polling: don't hold up other chats' updates behind this one.
    if (rt.awaitTurns) await work;
    else void work.catch(() => {});
  });
  return c;
}

async function answer(rt: TelegramRuntime, ctx: Context, text: string, isPrivate: boolean): Promise<void> {
  const msg = ctx.message!;
  const typing = () => ctx.replyWithChatAction("typing").catch(() => {});
  void typing();
  const timer = setInterval(typing, TYPING_EVERY_MS);
  let messages: TelegramMessage[];
  try {
    const out = await converse(rt, { platform: "telegram", userId: String(ctx.from!.id), messageId: `${ctx.chat!.id}:${msg.message_id}`, text });
    if (out.kind === "duplicate") return;
    messages = out.kind === "turn" ? turnMessages(out.result, out.actor.locale) : paginate(out.text);
  } catch (e) {
    rt.log("telegram.turn_error", { chat: ctx.chat?.id, error: (e as Error).message });
    messages = paginate("Sorry — something went wrong on my side. Please try again in a moment. 抱歉,出了点问题,请稍后再试。");
  } finally {
    clearInterval(timer);
  }
  for (const [i, m] of messages.entries()) {
    await withRetry(() =>
      ctx.reply(m.html, {
        parse_mode: "HTML",
        ...(m.keyboard ? { reply_markup: m.keyboard } : {}),
        ...(!isPrivate && i === 0 ? { reply_parameters: { message_id: msg.message_id, allow_sending_without_reply: true } } : {}),
      }),
      4,
      250,
      (r) => rt.log("telegram.send_retry", { chat: ctx.chat?.id, ...r }),
    );
  }
}
