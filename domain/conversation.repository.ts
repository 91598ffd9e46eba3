// The user's previous exchange with the assistant, so a short answer to its question ("which Acme did you mean?" →
// "Acme Logistics"; "should I create it?" → "yes") is read together with the message it answers. Only a recent,
// completed exchange counts: an answer hours later is a new conversation.
import { Prisma } from "@prisma/client";
import type { Db } from "./context.ts";

export interface Exchange {
  /** The previous message's inbox row: what it changed is in the audit log under it. */
  inboxId: number;
  text: string;
  reply: string;
  /** The question the reply asked, as the model stored it (see rememberQuestion). */
  question?: unknown;
}

export const CONVERSATION_WINDOW_MS = 30 * 60_000;

export async function previousExchange(db: Db, opts: { userId: number; beforeInboxId: number; now: Date }): Promise<Exchange | null> {
  const row = await db.inboxMessage.findFirst({
    where: { userId: opts.userId, id: { lt: opts.beforeInboxId } },
    orderBy: { id: "desc" },
    select: { id: true, text: true, reply: true, status: true, receivedAt: true, question: true },
  });
  if (!row || row.status !== "done" || !row.reply) return null;
  const age = opts.now.getTime() - row.receivedAt.getTime();
  return age >= 0 && age <= CONVERSATION_WINDOW_MS ? { inboxId: row.id, text: row.text, reply: row.reply, ...(row.question != null ? { question: row.question } : {}) } : null;
}

/** Keeps the question a reply asks with its message, so the answer is read against it (structured, not reply text). */
export async function rememberQuestion(db: Db, inboxId: number, pending: object | null): Promise<void> {
  await db.inboxMessage.update({ where: { id: inboxId }, data: { question: pending ?? Prisma.DbNull } });
}
