// Where to reach people: their linked chat identities, for delivering digests and reminders (one query for many users).
import type { Db } from "./context.ts";

export interface ChatAddress {
  userId: number;
  platform: string;
  externalId: string;
}

export async function listChatIdentities(db: Db, userIds: number[], platform?: string): Promise<ChatAddress[]> {
  if (!userIds.length) return [];
  return db.chatIdentity.findMany({
    where: { userId: { in: userIds }, ...(platform ? { platform } : {}) },
    select: { userId: true, platform: true, externalId: true },
    orderBy: { id: "asc" },
  });
}
