// Who is acting, when, and why. Identity always comes from the chat platform or the command line, never the model.
import type { Prisma, PrismaClient } from "@prisma/client";

export type Db = PrismaClient;
export type Tx = Prisma.TransactionClient;
export type Role = "rep" | "manager" | "admin";
export type Locale = "en" | "zh";

export interface Actor {
  id: number;
  handle: string;
  name: string;
  role: Role;
  managerId: number | null;
  timezone: string;
  locale: Locale;
}

export interface DomainContext {
  db: Db;
  actor: Actor;
  /** The clock for this call: "today", default dates, ages. */
  now: Date;
  /** The chat message behind this call, kept with every audit entry and interaction. */
  source?: { inboxId?: number; message?: string };
}

export const toActor = (u: {
  id: number;
  handle: string;
  name: string;
  role: string;
  managerId: number | null;
  timezone: string;
  locale: string;
}): Actor => ({
  id: u.id,
  handle: u.handle,
  name: u.name,
  role: u.role as Role,
  managerId: u.managerId,
  timezone: u.timezone,
  locale: u.locale === "zh" ? "zh" : "en",
});
