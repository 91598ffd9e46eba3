// Rows as people and other programs see them: CONTRACT §2's shape, references by human names, not ids.
// Used by export, by `guanxi chat --json` mutations (from the audit log) and by the eval.

export type Entity = "user" | "customer" | "contact" | "interaction" | "followUp" | "order" | "deal" | "complaint" | "survey";
export const CONTRACT_ENTITIES: Entity[] = ["customer", "contact", "interaction", "followUp", "order", "deal", "complaint", "survey"];

export type Row = Record<string, unknown> & { id: number };

export interface Names {
  customers: Map<number, string>;
  users: Map<number, string>;
  contacts: Map<number, string>;
}

const iso = (v: unknown): string | undefined => {
  if (v == null) return undefined;
  const d = v instanceof Date ? v : new Date(String(v));
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
};
const num = (v: unknown): number => (typeof v === "number" ? v : Number(String(v)));
/** Drops undefined and null optional fields so export → import → export is stable. */
const compact = <T extends Record<string, unknown>>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;

export function toRecord(entity: Entity, row: Row, n: Names): Record<string, unknown> {
  const customer = n.customers.get(row.customerId as number);
  switch (entity) {
    case "customer":
      return compact({
        name: row.name,
        aliases: row.aliases ?? [],
        owner: n.users.get(row.ownerId as number),
        tier: row.tier,
        stage: row.stage,
        industry: row.industry,
        region: row.region,
        tags: row.tags ?? [],
        status: row.status,
        createdAt: iso(row.createdAt),
      });
    case "contact":
      return compact({ customer, name: row.name, title: row.title, email: row.email, phone: row.phone, birthday: row.birthday });
    case "interaction":
      return compact({
        customer,
        user: n.users.get(row.userId as number),
        kind: row.kind,
        occurredAt: iso(row.occurredAt),
        summary: row.summary,
        sentiment: row.sentiment,
        contact: row.contactId != null ? n.contacts.get(row.contactId as number) : undefined,
        message: row.rawMessage,
      });
    case "followUp":
      return compact({
        customer,
        owner: n.users.get(row.ownerId as number),
        dueAt: iso(row.dueAt),
        title: row.title,
        status: row.status,
        completedAt: iso(row.completedAt),
      });
    case "order":
      return compact({ customer, amount: num(row.amount), currency: row.currency, orderedAt: iso(row.orderedAt) });
    case "deal":
      return compact({
        customer,
        title: row.title,
        stage: row.stage,
        amount: num(row.amount),
        currency: row.currency,
        expectedCloseAt: iso(row.expectedCloseAt),
        status: row.status,
      });
    case "complaint":
      return compact({
        customer,
        owner: n.users.get(row.ownerId as number),
        openedAt: iso(row.openedAt),
        severity: row.severity,
        description: row.description,
        status: row.status,
        resolvedAt: iso(row.resolvedAt),
        dueBy: iso(row.dueBy),
      });
    case "survey":
      return compact({ customer, scale: row.scale, score: num(row.score), respondedAt: iso(row.respondedAt), comment: row.comment });
    case "user":
      return compact({ handle: row.handle, name: row.name, role: row.role, timezone: row.timezone, locale: row.locale });
  }
}
