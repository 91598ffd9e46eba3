// A name index built in memory, the way domain/name-index.repository.ts builds it from the store, for pure tests.
import type { NameIndex } from "../../../domain/name-index.repository.ts";
import { customerSearchKeys } from "../../../domain/name-keys.ts";

export interface FixtureCustomer { id: number; name: string; aliases?: string[]; ownerId: number; contacts?: [number, string][] }

export const USERS = [
  { id: 1, handle: "amy", name: "Amy Lee" },
  { id: 2, handle: "bob", name: "Bob Smith" },
  { id: 3, handle: "tom.baker", name: "Tom Baker" },
  { id: 4, handle: "liwei", name: "李伟" },
  { id: 5, handle: "boss", name: "Boss Wang" },
];

export const CUSTOMERS: FixtureCustomer[] = [
  { id: 10, name: "Acme Logistics", ownerId: 1, contacts: [[100, "Jane Doe"], [101, "Jack Chen"]] },
  { id: 11, name: "Acme Robotics", ownerId: 2, contacts: [[102, "Kevin Park"]] },
  { id: 12, name: "Pacific Freight", ownerId: 1, contacts: [[103, "Sofia Rossi"]] },
  { id: 13, name: "Pacific Dental", ownerId: 2, contacts: [[104, "Jack Miller"], [105, "Chloe Martin"]] },
  { id: 14, name: "华东机械有限公司", aliases: ["华东机械", "Huadong Machinery"], ownerId: 1, contacts: [[106, "王芳"], [107, "刘强"]] },
  { id: 15, name: "星辰科技", ownerId: 2, contacts: [[108, "郑国华"], [109, "孙丽"], [110, "王建国"]] },
  { id: 16, name: "Summit Hotels", aliases: ["Summit"], ownerId: 2, contacts: [[111, "Robert King"], [112, "Emily Wang"]] },
  { id: 17, name: "Brightside Clinics", ownerId: 1, contacts: [[113, "Liam O'Brien"], [114, "李明"]] },
];

export function fixtureIndex(customers = CUSTOMERS, users = USERS): NameIndex {
  const index: NameIndex = { version: "1", customers: new Map(), keys: new Map(), contacts: new Map(), contactNames: new Map(), users: new Map() };
  for (const u of users) index.users.set(u.id, u);
  for (const c of customers) {
    const owner = users.find((u) => u.id === c.ownerId)!;
    index.customers.set(c.id, { id: c.id, name: c.name, aliases: c.aliases ?? [], ownerId: c.ownerId, ownerHandle: owner.handle, ownerName: owner.name });
    for (const k of customerSearchKeys(c.name, c.aliases ?? [])) index.keys.set(k, [...(index.keys.get(k) ?? []), c.id]);
    for (const [id, name] of c.contacts ?? []) {
      const k = name.toLowerCase();
      index.contacts.set(k, [...(index.contacts.get(k) ?? []), { id, name, customerId: c.id }]);
      index.contactNames.set(c.id, [...(index.contactNames.get(c.id) ?? []), name]);
    }
  }
  return index;
}
