// Every inbound message is stored before it is processed, so nothing a user typed is ever lost, and a platform's
// retry of the same message (same platform + external id) is recognised and answered once.
import { Prisma } from "@prisma/client";
import type { Db } from "./context.ts";
import { queryMutations, type Mutation } from "./audit.repository.ts";

export interface InboxEntry {
  id: number;
  duplicate: boolean;
  status: "received" | "processing" | "done" | "failed";
  reply: string | null;
}

export async function receiveMessage(
  db: Db,
  m: { platform: string; externalMessageId: string; userId: number | null; text: string; at: Date },
): Promise<InboxEntry> {
  const inserted = await db.$queryRaw<{ id: number }[]>`
    INSERT INTO "InboxMessage" (platform, "externalMessageId", "userId", text, status, "receivedAt")
    VALUES (${m.platform}, ${m.externalMessageId}, ${m.userId}, ${m.text}, 'processing', ${m.at})
    ON CONFLICT (platform, "externalMessageId") DO NOTHING
    RETURNING id`;
  if (inserted.length) return { id: inserted[0]!.id, duplicate: false, status: "processing", reply: null };
  // A message that failed before is taken up again when the platform (or the user) sends it again; one that is
  // done or still being processed is a duplicate. The conditional update lets exactly one retry win the claim.
  const retried = await db.$queryRaw<{ id: number }[]>`
    UPDATE "InboxMessage" SET status = 'processing', error = NULL
     WHERE platform = ${m.platform} AND "externalMessageId" = ${m.externalMessageId} AND status = 'failed'
    RETURNING id`;
  if (retried.length) return { id: retried[0]!.id, duplicate: false, status: "processing", reply: null };
  const prev = await db.inboxMessage.findUniqueOrThrow({
    where: { platform_externalMessageId: { platform: m.platform, externalMessageId: m.externalMessageId } },
  });
  return { id: prev.id, duplicate: true, status: prev.status, reply: prev.reply };
}

/** Marks the message done with its reply, and returns what it changed (listMutations) in the same round trip. */
export async function markDoneWithMutations(db: Db, id: number, reply: string, at: Date): Promise<Mutation[]> {
  return queryMutations(db, { inboxId: id }, Prisma.sql`
    WITH done AS (UPDATE "InboxMessage" SET status = 'done', reply = ${reply}, "processedAt" = ${at}, error = NULL WHERE id = ${id})`);
}

export async function markFailed(db: Db, id: number, error: string, at: Date): Promise<void> {
  await db.inboxMessage.update({ where: { id }, data: { status: "failed", error: error.slice(0, 4000), processedAt: at } });
}

export async function listFailed(db: Db, limit = 100) {
  return db.inboxMessage.findMany({ where: { status: "failed" }, orderBy: { id: "asc" }, take: limit });
}
