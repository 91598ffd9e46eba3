// Every write happens inside `inChange`: one transaction holding the change and its audit entries, so a use case
// either commits with its audit trail or changes nothing. Undo and `chat --json` mutations read these entries.
import { randomUUID } from "node:crypto";
import { Prisma } from "@prisma/client";
import type { Actor, DomainContext, Db, Tx } from "./context.ts";
import { CONTRACT_ENTITIES, toRecord, type Entity, type Names, type Row } from "./records.ts";
import { namesChanged } from "./name-index.repository.ts";

export interface Recorder {
  created(entity: Entity, row: Row): void;
  updated(entity: Entity, before: Row, after: Row): void;
  deleted(entity: Entity, row: Row): void;
}

/** Entities whose names the name index holds: writing one makes the turn look its names up afresh. */
const NAMED = new Set<Entity>(["customer", "contact", "user"]);

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
      const push = (e: Prisma.AuditLogCreateManyInput) => {
        entries.push(e);
        if (NAMED.has(e.entity as Entity)) namesChanged();
      };
      const rec: Recorder = {
        created: (entity, row) => push({ ...base, entity, entityId: row.id, action: "create", after: snapshot(row) }),
        updated: (entity, before, after) =>
          push({ ...base, entity, entityId: after.id, action: "update", before: snapshot(before), after: snapshot(after) }),
        deleted: (entity, row) => push({ ...base, entity, entityId: row.id, action: "delete", before: snapshot(row) }),
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
  return queryMutations(db, opts);
}

interface MutationRow {
  entity: Entity;
  action: Mutation["action"];
  row: Row | null;
  customerName: string | null;
  ownerHandle: string | null;
  userHandle: string | null;
  contactName: string | null;
}

/**
 * listMutations in one statement: the entries with the names their rows refer to (records.ts `toRecord`), joined in
 * SQL. `prefix` is a WITH clause to run in the same round trip (inbox.repository.ts marks the message done there).
 */
export async function queryMutations(
  db: Db,
  opts: { afterId?: number; actorId?: number; inboxId?: number },
  prefix: Prisma.Sql = Prisma.empty,
): Promise<Mutation[]> {
  const where = [
    Prisma.sql`a.entity = ANY(${CONTRACT_ENTITIES}::text[])`,
    ...(opts.afterId != null ? [Prisma.sql`a.id > ${opts.afterId}`] : []),
    ...(opts.actorId != null ? [Prisma.sql`a."actorId" = ${opts.actorId}`] : []),
    ...(opts.inboxId != null ? [Prisma.sql`a."inboxId" = ${opts.inboxId}`] : []),
  ];
  const rows = await db.$queryRaw<MutationRow[]>`
    ${prefix}
    SELECT a.entity, a.action, r.row, c.name AS "customerName", o.handle AS "ownerHandle", u.handle AS "userHandle",
           ct.name AS "contactName"
      FROM "AuditLog" a
     CROSS JOIN LATERAL (SELECT CASE WHEN a.action = 'delete' THEN a.before ELSE a.after END AS row) r
      LEFT JOIN "Customer" c ON c.id = (r.row->>'customerId')::int
      LEFT JOIN "User" o ON o.id = (r.row->>'ownerId')::int
      LEFT JOIN "User" u ON u.id = (r.row->>'userId')::int
      LEFT JOIN "Contact" ct ON ct.id = (r.row->>'contactId')::int
     WHERE ${Prisma.join(where, " AND ")}
     ORDER BY a.id`;
  const names: Names = { customers: new Map(), users: new Map(), contacts: new Map() };
  for (const { row, customerName, ownerHandle, userHandle, contactName } of rows) {
    if (customerName != null) names.customers.set(row!.customerId as number, customerName);
    if (ownerHandle != null) names.users.set(row!.ownerId as number, ownerHandle);
    if (userHandle != null) names.users.set(row!.userId as number, userHandle);
    if (contactName != null) names.contacts.set(row!.contactId as number, contactName);
  }
  return rows.map((r) => ({ entity: r.entity, action: r.action, data: toRecord(r.entity, r.row ?? ({} as Row), names) }));
}

export async function lastAuditId(db: Db): Promise<number> {
  const last = await db.auditLog.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  return last?.id ?? 0;
}
