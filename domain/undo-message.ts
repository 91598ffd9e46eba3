// The Undo button under a reply: reverts every change that one chat message caused (an interaction *and* its
// follow-up), made by the person pressing it, as one audited change. Pressing it twice is "nothing to undo".
import { z } from "zod";
import type { DomainContext } from "./context.ts";
import { DomainError } from "./errors.ts";
import { revertChanges, type UndoResult } from "./undo-last-change.ts";
import { parseInput } from "./validate.ts";

export const undoChangesOfInput = z.object({
  inboxId: z.coerce.number().int().positive(),
});

export async function undoChangesOf(ctx: DomainContext, input: z.input<typeof undoChangesOfInput>): Promise<UndoResult> {
  const { inboxId } = parseInput(undoChangesOfInput, input, ctx.actor.locale);
  // Only the actor's own changes: someone else pressing the button in a shared channel can't revert them.
  const changes = await ctx.db.auditLog.findMany({
    where: { inboxId, actorId: ctx.actor.id, isUndo: false, undoneAt: null },
    distinct: ["changeId"],
    select: { changeId: true },
  });
  if (!changes.length)
    throw new DomainError("NOTHING_TO_UNDO", {
      message: `${ctx.actor.handle} has no change from inbox message ${inboxId} to undo`,
      userMessage: ctx.actor.locale === "zh" ? "这条消息没有可以撤销的修改(可能已经撤销过)。" : "There's nothing from that message to undo — it may already be undone.",
    });
  return revertChanges(ctx, changes.map((c) => c.changeId));
}
