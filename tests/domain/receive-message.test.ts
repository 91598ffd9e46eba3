// Storing an inbound message survives the connection dropping under it: sent again with the same token, a row the
// cut-off first attempt inserted is taken back (not reported as someone else's duplicate), and only connection loss
// is retried.
import { beforeAll, describe, expect, it } from "vitest";
import { fixtureStore } from "../helpers/fixture-store.ts";
import { receiveMessage } from "../../domain/inbox.repository.ts";
import { isConnectionLoss } from "../../prisma/connection-loss.ts";
import type { Actor, Db } from "../../domain/context.ts";

let db: Db;
let sarah: Actor;
const at = new Date("2026-03-02T09:30:00+08:00");

beforeAll(async () => {
  const f = await fixtureStore();
  db = f.store.prisma;
  sarah = await f.as("sarah.chen");
});

/** A client whose first raw query runs on the store and then reports the connection lost (the answer never came). */
function cutOffOnce(real: Db): Db {
  let cut = false;
  return new Proxy(real, {
    get(target, prop, receiver) {
      if (prop === "$queryRaw")
        return async (...args: unknown[]) => {
          const r = await (target.$queryRaw as (...a: unknown[]) => Promise<unknown>)(...args);
          if (!cut) {
            cut = true;
            throw new Error("Connection terminated unexpectedly");
          }
          return r;
        };
      return Reflect.get(target, prop, receiver);
    },
  });
}

describe("receiveMessage", () => {
  it("an insert whose answer was lost is taken back by the same attempt: one row, claimed, not a duplicate", async () => {
    const m = { platform: "telegram", externalMessageId: "cut-1", userId: sarah.id, text: "Called Acme", at };
    const got = await receiveMessage(cutOffOnce(db), m);
    expect(got.duplicate).toBe(false);
    expect(got.token).toBeTruthy();
    const rows = await db.inboxMessage.findMany({ where: { externalMessageId: "cut-1" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.leaseToken).toBe(got.token);
    // A genuine redelivery (another token) while it is being processed is a duplicate.
    expect((await receiveMessage(db, m)).duplicate).toBe(true);
  });

  it("tells connection loss from other failures", () => {
    expect(isConnectionLoss(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isConnectionLoss({ message: "wrapped", cause: { code: "ECONNRESET" } })).toBe(true);
    expect(isConnectionLoss(new Error('duplicate key value violates unique constraint "InboxMessage_pkey"'))).toBe(false);
  });
});
