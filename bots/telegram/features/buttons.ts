// Inline keyboard buttons: u:<inbox id> Undo, d:<follow-up id> Done, s:<follow-up id> Snooze 1 day, c:/x:<inbox id>
// Confirm / Cancel held changes. The callback is
// answered with the outcome (a toast), the buttons are removed once it worked, and the outcome is posted too.
import { Composer, type Context } from "grammy";
import { cancelHeld, completeFollowUp, confirmHeld, identifyUser, snoozeFollowUp, undoTurn, type ActionResult } from "../../../agent/actions.ts";
import { TEXTS } from "../../conversation.ts";
import { parseCallbackData } from "../format.ts";
import type { TelegramRuntime } from "../runtime.ts";
import { withRetry } from "../send.ts";

export function buttonsFeature(rt: TelegramRuntime): Composer<Context> {
  const c = new Composer<Context>();
  c.on("callback_query:data", async (ctx) => {
    const parsed = parseCallbackData(ctx.callbackQuery.data);
    if (!parsed) return void (await ctx.answerCallbackQuery());
    const from = String(ctx.from.id);
    const result = await rt.inFlight.run(`telegram:${from}`, async (): Promise<ActionResult> => {
      const actor = await identifyUser(rt.db, "telegram", from);
      if (!actor) return { ok: false, text: TEXTS.refused("telegram", from, false) };
      const now = rt.clock();
      if (parsed.action === "undo") return undoTurn(rt.db, actor, parsed.id, now);
      if (parsed.action === "done") return completeFollowUp(rt.db, actor, parsed.id, now);
      if (parsed.action === "confirm") return confirmHeld(rt.db, actor, parsed.id, now, "telegram");
      if (parsed.action === "cancel") return cancelHeld(rt.db, actor, parsed.id, now, "telegram");
      return snoozeFollowUp(rt.db, actor, parsed.id, now, 1);
    });
    rt.log("telegram.action", { user: from, action: parsed.action, id: parsed.id, ok: result.ok });
    await ctx.answerCallbackQuery({ text: result.text.slice(0, 200) });
    if (result.ok && ctx.callbackQuery.message) await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => {});
    await withRetry(() => ctx.reply(result.text));
  });
  return c;
}
