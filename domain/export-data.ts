// The whole store as one CONTRACT §2 document. Sorted by content (never by id), so export → import into an empty
// store → export gives the same bytes.
import type { Db } from "./context.ts";
import { toRecord, type Entity, type Names, type Row } from "./records.ts";

export type ExportDocument = { version: 1 } & Record<string, Record<string, unknown>[] | 1>;

const SECTIONS: [string, Entity, (db: Db) => Promise<unknown[]>][] = [
  ["customers", "customer", (db) => db.customer.findMany()],
  ["contacts", "contact", (db) => db.contact.findMany()],
  ["interactions", "interaction", (db) => db.interaction.findMany()],
  ["followUps", "followUp", (db) => db.followUp.findMany()],
  ["orders", "order", (db) => db.order.findMany()],
  ["deals", "deal", (db) => db.deal.findMany()],
  ["complaints", "complaint", (db) => db.complaint.findMany()],
  ["surveys", "survey", (db) => db.survey.findMany()],
];

// Fields that order each section the way a person reads it; the full JSON breaks any remaining tie.
const ORDER: Record<string, string[]> = {
  users: ["handle"],
  customers: ["name"],
  contacts: ["customer", "name"],
  interactions: ["occurredAt", "customer", "user"],
  followUps: ["dueAt", "customer", "title"],
  orders: ["orderedAt", "customer"],
  deals: ["customer", "title"],
  complaints: ["openedAt", "customer"],
  surveys: ["respondedAt", "customer"],
};

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function sortRecords(section: string, recs: Record<string, unknown>[]): Record<string, unknown>[] {
  const keys = ORDER[section] ?? [];
  return recs
    .map((r) => ({ r, k: keys.map((f) => String(r[f] ?? "")), j: JSON.stringify(r) }))
    .sort((a, b) => {
      for (let i = 0; i < a.k.length; i++) {
        const c = cmp(a.k[i]!, b.k[i]!);
        if (c) return c;
      }
      return cmp(a.j, b.j);
    })
    .map((x) => x.r);
}

export async function exportData(db: Db): Promise<ExportDocument> {
  const [users, identities, customers, contacts] = await Promise.all([
    db.user.findMany(),
    db.chatIdentity.findMany(),
    db.customer.findMany({ select: { id: true, name: true } }),
    db.contact.findMany({ select: { id: true, name: true } }),
  ]);
  const names: Names = {
    users: new Map(users.map((u) => [u.id, u.handle])),
    customers: new Map(customers.map((c) => [c.id, c.name])),
    contacts: new Map(contacts.map((c) => [c.id, c.name])),
  };
  const doc: ExportDocument = { version: 1 };
  doc.users = sortRecords(
    "users",
    users.map((u) => {
      const base = toRecord("user", u as unknown as Row, names);
      const ids = identities
        .filter((i) => i.userId === u.id)
        .map((i) => ({ platform: i.platform, externalId: i.externalId }))
        .sort((a, b) => cmp(a.platform, b.platform) || cmp(a.externalId, b.externalId));
      // manager sits after role, as in the CONTRACT.
      const { handle, name, role, ...rest } = base;
      return { handle, name, role, ...(u.managerId != null ? { manager: names.users.get(u.managerId) } : {}), ...rest, identities: ids };
    }),
  );
  for (const [section, entity, load] of SECTIONS) {
    const rows = (await load(db)) as Row[];
    doc[section] = sortRecords(section, rows.map((r) => toRecord(entity, r, names)));
  }
  return doc;
}

/** The document as the text `guanxi export` writes. */
export const exportText = (doc: ExportDocument): string => JSON.stringify(doc, null, 2) + "\n";
