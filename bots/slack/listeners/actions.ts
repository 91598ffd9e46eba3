// Buttons: Undo (reverts what that message recorded), Done and Snooze 1 day on follow-ups, Confirm / Cancel on held
// changes (an answer stored as its own inbox message, see agent/actions.ts answerHeld). Acknowledged first
// (Slack wants it within 3 s), then the result is posted in the thread and the pressed button row is replaced.
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { KnownBlock } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import { cancelHeld, completeFollowUp, confirmHeld, identifyUser, snoozeFollowUp, undoTurn, type ActionResult } from "../../../agent/actions.ts";
import { TEXTS } from "../../conversation.ts";
import { ACTION, afterAction } from "../blocks.ts";
import type { SlackRuntime } from "../reply.ts";

const HANDLERS = {
  [ACTION.undo]: undoTurn,
  [ACTION.done]: completeFollowUp,
  [ACTION.snooze]: (db, actor, id, now) => snoozeFollowUp(db, actor, id, now, 1),
  [ACTION.confirm]: (db, actor, id, now) => confirmHeld(db, actor, id, now, "slack"),
  [ACTION.cancel]: (db, actor, id, now) => cancelHeld(db, actor, id, now, "slack"),
} satisfies Record<string, (...a: Parameters<typeof undoTurn>) => Promise<ActionResult>>;

export function registerActions(app: App, rt: SlackRuntime): void {
  for (const [actionId, handler] of Object.entries(HANDLERS)) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client }) => {
      await ack();
      const user = body.user.id;
      await rt.inFlight.run(`slack:${user}`, () => press(rt, client, body, action, handler)).catch((e) =>
        rt.log("slack.action_error", { user, action: actionId, error: (e as Error).message }),
      );
    });
  }
}

async function press(rt: SlackRuntime, client: WebClient, body: BlockAction, action: ButtonAction, handler: (typeof HANDLERS)[keyof typeof HANDLERS]) {
  const channel = body.channel?.id ?? body.container?.channel_id;
  const ts = body.message?.ts;
  const threadTs = (body.message?.thread_ts as string | undefined) ?? ts;
  const actor = await identifyUser(rt.db, "slack", body.user.id);
  const result: ActionResult = actor
    ? await handler(rt.db, actor, Number(action.value), rt.clock())
    : { ok: false, text: TEXTS.refused("slack", body.user.id, false) };
  rt.log("slack.action", { user: body.user.id, action: action.action_id, value: action.value, ok: result.ok });
  if (!channel) return;
  await client.chat.postMessage({ channel, thread_ts: threadTs, text: result.text });
  if (result.ok && ts)
    await client.chat.update({
      channel,
      ts,
      text: (body.message?.text as string | undefined) ?? result.text,
      blocks: afterAction(body.message?.blocks as KnownBlock[] | undefined, action.block_id, result.text),
    });
}
