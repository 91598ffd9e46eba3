// "undo" / "撤销": reverts exactly what the user's last change did, from the audit log, as a new audited change.
import type { Prisma } from "@prisma/client";
import type { DomainContext, Tx } from "./context.ts";
import { inChange, type Recorder } from "./audit.repository.ts";
import { DomainError } from "./errors.ts";
import { CONTRACT_ENTITIES, type Entity, type Row } from "./records.ts";

type Delegate = {
  create(args: { data: unknown }): Promise<Row>;
  update(args: { where: { id: number }; data: unknown }): Promise<Row>;
  delete(args: { where: { id: number } }): Promise<Row>;
  findUnique(args: { where: { id: number } }): Promise<Row | null>;
};
const delegate = (tx: Tx, entity: Entity) => (tx as unknown as Record<string, Delegate>)[entity]!;

/** Columns that are not data to restore: the key, and timestamps the database keeps itself. */
const restorable = (row: Record<string, unknown>) => {
  const { id: _id, updatedAt: _u, ...rest } = row;
  return rest;
};

export interface UndoResult {
  undone: { entity: Entity; action: string; entityId: number; before: Prisma.JsonValue; after: Prisma.JsonValue }[];
  at: Date;
}

export async function undoLastChange(ctx: DomainContext): Promise<UndoResult> {
  const zh = ctx.actor.locale === "zh";
  const last = await ctx.db.auditLog.findFirst({
    // CRM records only: linking one's own chat identity is not something "undo" should silently unlink.
    where: { actorId: ctx.actor.id, isUndo: false, undoneAt: null, entity: { in: CONTRACT_ENTITIES } },
    orderBy: { id: "desc" },
    select: { changeId: true, inboxId: true },
  });
  if (!last)
    throw new DomainError("NOTHING_TO_UNDO", {
      message: `${ctx.actor.handle} has no change to undo`,
      userMessage: zh ? "没有可以撤销的操作。" : "There's nothing of yours to undo.",
    });
  // To the user, one message is one change: "called Jane…, follow up Friday" is undone as a whole.
  const siblings = last.inboxId
    ? await ctx.db.auditLog.findMany({
        where: { inboxId: last.inboxId, actorId: ctx.actor.id, isUndo: false, undoneAt: null },
        distinct: ["changeId"],
        select: { changeId: true },
      })
    : [];
  return revertChanges(ctx, [...new Set([last.changeId, ...siblings.map((c) => c.changeId)])]);
}

/**
 * Reverts whole changes (all their audit entries, newest first) as one new audited change, in one transaction.
 * Shared by "undo" (the last change) and the Undo button (every change one chat message caused).
 */
export async function revertChanges(ctx: DomainContext, changeIds: string[]): Promise<UndoResult> {
  const zh = ctx.actor.locale === "zh";
  const entries = await ctx.db.auditLog.findMany({ where: { changeId: { in: changeIds } }, orderBy: { id: "desc" } });
  if (!entries.length)
    throw new DomainError("NOTHING_TO_UNDO", {
      message: `changes ${changeIds.join(",")} have no audit entries`,
      userMessage: zh ? "没有可以撤销的操作。" : "There's nothing of yours to undo.",
    });
  // Someone changed the same record since: reverting would overwrite their work, so refuse and say why.
  const later = await ctx.db.auditLog.findFirst({
    where: {
      id: { gt: entries[0]!.id },
      undoneAt: null,
      changeId: { notIn: changeIds },
      OR: entries.map((e) => ({ entity: e.entity, entityId: e.entityId })),
    },
    select: { id: true },
  });
  if (later)
    throw new DomainError("CONFLICT", {
      message: `changes ${changeIds.join(",")} were followed by a change to the same records (audit ${later.id})`,
      userMessage: zh
        ? "无法撤销:这些记录之后又被修改过。"
        : "I can't undo that: the same records have been changed since.",
    });

  return inChange(
    ctx,
    async (tx, rec: Recorder) => {
      for (const e of entries) {
        const entity = e.entity as Entity;
        const d = delegate(tx, entity);
        if (e.action === "create") {
          const row = await d.findUnique({ where: { id: e.entityId } });
          if (row) rec.deleted(entity, await d.delete({ where: { id: e.entityId } }));
        } else if (e.action === "update") {
          const before = await d.findUnique({ where: { id: e.entityId } });
          if (!before) throw gone(zh);
          const after = await d.update({ where: { id: e.entityId }, data: restorable(e.before as Record<string, unknown>) });
          rec.updated(entity, before, after);
        } else if (e.action === "delete") {
          rec.created(entity, await d.create({ data: { id: e.entityId, ...restorable(e.before as Record<string, unknown>) } }));
        }
      }
      await tx.auditLog.updateMany({ where: { changeId: { in: changeIds } }, data: { undoneAt: ctx.now } });
      return {
        undone: entries.map((e) => ({ entity: e.entity as Entity, action: e.action, entityId: e.entityId, before: e.before, after: e.after })),
        at: ctx.now,
      };
    },
    { isUndo: true },
  );
}

const gone = (zh: boolean) =>
  new DomainError("CONFLICT", {
    message: "record to restore no longer exists",
    userMessage: zh ? "无法撤销:记录已被删除。" : "I can't undo that: the record no longer exists.",
  });
