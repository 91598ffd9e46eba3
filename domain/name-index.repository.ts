// An in-process index of every active customer's name keys and every contact's name, so finding the customers a
// message mentions is a few map lookups instead of a scan. It is rebuilt when the store's names change, which one
// cheap query per lookup detects (so several processes sharing a PostgreSQL server stay correct).
import type { Db, Tx } from "./context.ts";

export interface IndexedCustomer {
  id: number;
  name: string;
  aliases: string[];
  ownerId: number;
  ownerHandle: string;
  ownerName: string;
}

export interface NameIndex {
  version: string;
  customers: Map<number, IndexedCustomer>;
  /** lower-case key → customer ids */
  keys: Map<string, number[]>;
  /** lower-case contact name → contacts */
  contacts: Map<string, { id: number; name: string; customerId: number }[]>;
}

const cache = new WeakMap<object, NameIndex>();

async function version(db: Db | Tx): Promise<string> {
  const [v] = await db.$queryRaw<{ v: string }[]>`
    SELECT concat_ws('/', (SELECT count(*) FROM "Customer"), (SELECT max("updatedAt") FROM "Customer"),
                          (SELECT count(*) FROM "Contact"), (SELECT max(id) FROM "Contact"),
                          (SELECT count(*) FROM "User"), (SELECT max(id) FROM "User")) AS v`;
  return v!.v;
}

export async function nameIndex(db: Db | Tx): Promise<NameIndex> {
  const v = await version(db);
  const hit = cache.get(db);
  if (hit && hit.version === v) return hit;
  const [customers, contacts] = await Promise.all([
    db.$queryRaw<(IndexedCustomer & { searchKeys: string[] })[]>`
      SELECT c.id, c.name, c.aliases, c."searchKeys", c."ownerId", u.handle AS "ownerHandle", u.name AS "ownerName"
        FROM "Customer" c JOIN "User" u ON u.id = c."ownerId" WHERE c.status = 'active'`,
    db.$queryRaw<{ id: number; name: string; customerId: number }[]>`
      SELECT ct.id, ct.name, ct."customerId" FROM "Contact" ct JOIN "Customer" c ON c.id = ct."customerId" WHERE c.status = 'active'`,
  ]);
  const index: NameIndex = { version: v, customers: new Map(), keys: new Map(), contacts: new Map() };
  for (const { searchKeys, ...c } of customers) {
    index.customers.set(c.id, c);
    for (const k of searchKeys) index.keys.set(k, [...(index.keys.get(k) ?? []), c.id]);
  }
  for (const ct of contacts) {
    const k = ct.name.toLowerCase();
    if (k.length >= 2) index.contacts.set(k, [...(index.contacts.get(k) ?? []), ct]);
  }
  cache.set(db, index);
  return index;
}
