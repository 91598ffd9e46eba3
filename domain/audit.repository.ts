// Every write happens inside `inChange`: one transaction holding the change and its audit entries, so a use case
// either commits with its audit trail or changes nothing. Undo and `chat --json` mutations read these entries.
import { randomUUID } from "node:crypto";
import type { Prisma } from "@prisma/client";
import type { Actor, DomainContext, Db, Tx } from "./context.ts";
import { CONTRACT_ENTITIES, loadNames, toRecord, type Entity, type Row } from "./records.ts";

export interface Recorder {
  created(entity: Entity, row: Row): void;
  updated(entity: Entity, before: Row, after: Row): void;
  deleted(entity: Entity, row: Row): void;
}

/** JSON-safe copy of a row: Dates become ISO strings, Decimals strings (Prisma accepts both back on undo). */
const snapshot = (row: Row): Prisma.InputJsonValue => JSON.parse(JSON.stringify(row));

/**
 * What `inChange` needs: any DomainContext, or a system one with no acting user (the `guanxi users` CLI, invite
 * redemption before anyone is identified) — its audit entries get actorId null, so no user's "undo" picks them up.
 */
export type ChangeContext = Pick<DomainContext, "db" | "now" | "source"> & { actor: Pick<Actor, "id"> | null };

export async function inChange<T>(
  ctx: ChangeContext,
  fn: (tx: Tx, rec: Recorder) => Promise<T>,
  opts: { isUndo?: boolean } = {},
): Promise<T> {
  const changeId = randomUUID();
  return ctx.db.$transaction(
    async (tx) => {
      const entries: Prisma.AuditLogCreateManyInput[] = [];
      const base = {
        actorId: ctx.actor?.id ?? null,
        changeId,
        inboxId: ctx.source?.inboxId ?? null,
        message: ctx.source?.message ?? null,
        isUndo: opts.isUndo ?? false,
        createdAt: ctx.now,
      };
      const rec: Recorder = {
        created: (entity, row) => entries.push({ ...base, entity, entityId: row.id, action: "create", after: snapshot(row) }),
        updated: (entity, before, after) =>
          entries.push({ ...base, entity, entityId: after.id, action: "update", before: snapshot(before), after: snapshot(after) }),
        deleted: (entity, row) => entries.push({ ...base, entity, entityId: row.id, action: "delete", before: snapshot(row) }),
      };
      const result = await fn(tx, rec);
      // createMany keeps entry order by id, which is the order changes happened.
      if (entries.length) await tx.auditLog.createMany({ data: entries });
      return result;
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
}

export interface Mutation {
  entity: Entity;
  action: "create" | "update" | "delete";
  data: Record<string, unknown>;
}

/** CONTRACT §3 mutations, in order: those one inbox message caused, or every change after an audit id. */
export async function listMutations(db: Db, opts: { afterId?: number; actorId?: number; inboxId?: number }): Promise<Mutation[]> {
  const entries = await db.auditLog.findMany({
    where: {
      entity: { in: CONTRACT_ENTITIES },
      ...(opts.afterId != null ? { id: { gt: opts.afterId } } : {}),
      ...(opts.actorId != null ? { actorId: opts.actorId } : {}),
      ...(opts.inboxId != null ? { inboxId: opts.inboxId } : {}),
    },
    orderBy: { id: "asc" },
  });
  const rows = entries.map((e) => ((e.action === "delete" ? e.before : e.after) ?? {}) as unknown as Row);
  const names = await loadNames(db, rows);
  return entries.map((e, i) => ({
    entity: e.entity as Entity,
    action: e.action as Mutation["action"],
    data: toRecord(e.entity as Entity, rows[i]!, names),
  }));
}

export async function lastAuditId(db: Db): Promise<number> {
  const last = await db.auditLog.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  return last?.id ?? 0;
}
