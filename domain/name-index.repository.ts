// An in-process index of every active customer's name keys, every contact's name and every user's name and handle
// (a colleague named in a message is not a customer), so finding the customers a
// message mentions is a few map lookups instead of a scan. It is rebuilt when the store's names change, which one
// cheap query detects (so several processes sharing a PostgreSQL server stay correct): triggers bump "NameVersion" in
// the same transaction as any change to what the index holds (prisma/migrations/*_name_version). Inside a turn
// (`withTurnNames`) that query runs once, and again only after the turn itself changed a name.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Db, Tx } from "./context.ts";

export interface IndexedCustomer {
  id: number;
  name: string;
  aliases: string[];
  ownerId: number;
  ownerHandle: string;
  ownerName: string;
}

export interface IndexedUser {
  id: number;
  handle: string;
  name: string;
}

export interface NameIndex {
  version: string;
  customers: Map<number, IndexedCustomer>;
  /** lower-case key → customer ids */
  keys: Map<string, number[]>;
  /** lower-case contact name → contacts */
  contacts: Map<string, { id: number; name: string; customerId: number }[]>;
  /** customer id → its contacts' names, oldest first */
  contactNames: Map<number, string[]>;
  /** Every user (colleagues can be named in a message: "reassign to Tom", "小李说"), by id. */
  users: Map<number, IndexedUser>;
}

const cache = new WeakMap<object, NameIndex>();

/** Per client, the index this turn checked and still trusts (the turn has changed no name since). */
const turn = new AsyncLocalStorage<{ checked: WeakMap<object, NameIndex> }>();

/**
 * Runs one turn with one name check: a turn reads the store's names as of its first lookup, plus its own changes. A
 * name another process adds meanwhile is found from the next turn on.
 */
export function withTurnNames<T>(fn: () => Promise<T>): Promise<T> {
  return turn.run({ checked: new WeakMap() }, fn);
}

/** This turn wrote a customer, contact or user (audit.repository.ts): its next lookup checks the version again. */
export function namesChanged(): void {
  const t = turn.getStore();
  if (t) t.checked = new WeakMap();
}

/**
 * The sum of the per-slot counters: every committed change raises it, and rows are never deleted, so an unchanged
 * sum means unchanged names. Read before the index is built, so a change committed in between makes the next
 * lookup rebuild (never a stale index). A few rows at most, whatever the number of customers.
 */
async function version(db: Db | Tx): Promise<string> {
  const [v] = await db.$queryRaw<{ v: string }[]>`SELECT coalesce(sum("version"), 0)::text AS v FROM "NameVersion"`;
  return v!.v;
}

export async function nameIndex(db: Db | Tx): Promise<NameIndex> {
  const t = turn.getStore();
  const trusted = t?.checked.get(db);
  if (trusted) return trusted;
  const v = await version(db);
  const hit = cache.get(db);
  if (hit && hit.version === v) {
    t?.checked.set(db, hit);
    return hit;
  }
  const [customers, contacts, users] = await Promise.all([
    db.$queryRaw<(IndexedCustomer & { searchKeys: string[] })[]>`
      SELECT c.id, c.name, c.aliases, c."searchKeys", c."ownerId", u.handle AS "ownerHandle", u.name AS "ownerName"
        FROM "Customer" c JOIN "User" u ON u.id = c."ownerId" WHERE c.status = 'active'`,
    db.$queryRaw<{ id: number; name: string; customerId: number }[]>`
      SELECT ct.id, ct.name, ct."customerId" FROM "Contact" ct JOIN "Customer" c ON c.id = ct."customerId"
       WHERE c.status = 'active' ORDER BY ct.id`,
    db.$queryRaw<IndexedUser[]>`SELECT id, handle, name FROM "User" ORDER BY id`,
  ]);
  const index: NameIndex = {
    version: v, customers: new Map(), keys: new Map(), contacts: new Map(), contactNames: new Map(),
    users: new Map(users.map((u) => [u.id, u])),
  };
  for (const { searchKeys, ...c } of customers) {
    index.customers.set(c.id, c);
    for (const k of searchKeys) {
      const ids = index.keys.get(k);
      if (ids) ids.push(c.id);
      else index.keys.set(k, [c.id]);
    }
  }
  for (const ct of contacts) {
    const k = ct.name.toLowerCase();
    const same = k.length >= 2 ? index.contacts.get(k) : undefined;
    if (same) same.push(ct);
    else if (k.length >= 2) index.contacts.set(k, [ct]);
    const names = index.contactNames.get(ct.customerId);
    if (names) names.push(ct.name);
    else index.contactNames.set(ct.customerId, [ct.name]);
  }
  // Two turns may rebuild at once: the newer version stays cached (versions only grow).
  const now = cache.get(db);
  if (!now || BigInt(now.version) <= BigInt(v)) cache.set(db, index);
  t?.checked.set(db, index);
  return index;
}
