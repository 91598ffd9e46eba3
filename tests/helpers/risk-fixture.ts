// Loads tests/fixtures/fixture.json (CONTRACT §2, a copy of shared/eval/fixture.json) straight through Prisma, so the
// risk and digest tests don't depend on the import use case. Complaints without dueBy get the same SLA as
// open-complaint (high 2, medium 5, low 10 days).
import { readFileSync } from "node:fs";
import type { Store } from "../../prisma/client.ts";
import { customerSearchKeys } from "../../domain/name-keys.ts";
import { toActor, type Actor } from "../../domain/context.ts";

const SLA_DAYS = { high: 2, medium: 5, low: 10 } as const;

type Doc = Record<string, Record<string, any>[]>;

export function readFixture(): Doc {
  return JSON.parse(readFileSync(new URL("../fixtures/fixture.json", import.meta.url), "utf8"));
}

export async function loadFixture(store: Store, doc: Doc = readFixture()): Promise<Record<string, Actor>> {
  const db = store.prisma;
  const users = new Map<string, number>();
  for (const u of doc.users ?? []) {
    const row = await db.user.create({
      data: {
        handle: u.handle, name: u.name, role: u.role, timezone: u.timezone, locale: u.locale,
        identities: { create: (u.identities ?? []).map((i: any) => ({ platform: i.platform, externalId: i.externalId })) },
      },
    });
    users.set(u.handle, row.id);
  }
  for (const u of doc.users ?? []) if (u.manager) await db.user.update({ where: { id: users.get(u.handle)! }, data: { managerId: users.get(u.manager)! } });
  const customers = new Map<string, number>();
  for (const c of doc.customers ?? []) {
    const row = await db.customer.create({
      data: {
        name: c.name, aliases: c.aliases ?? [], ownerId: users.get(c.owner)!, tier: c.tier, stage: c.stage, industry: c.industry,
        region: c.region, tags: c.tags ?? [], status: c.status ?? "active", searchKeys: customerSearchKeys(c.name, c.aliases ?? []),
        ...(c.createdAt ? { createdAt: new Date(c.createdAt) } : {}),
      },
    });
    customers.set(c.name, row.id);
  }
  const cid = (name: string) => customers.get(name)!;
  const contacts = new Map<string, number>();
  for (const k of doc.contacts ?? []) {
    const row = await db.contact.create({
      data: { customerId: cid(k.customer), name: k.name, title: k.title, email: k.email, phone: k.phone, birthday: k.birthday },
    });
    contacts.set(`${k.customer}\u0000${k.name}`, row.id);
  }
  await db.interaction.createMany({
    data: (doc.interactions ?? []).map((i) => ({
      customerId: cid(i.customer), userId: users.get(i.user)!, kind: i.kind, occurredAt: new Date(i.occurredAt), summary: i.summary,
      sentiment: i.sentiment ?? "neutral", contactId: i.contact ? (contacts.get(`${i.customer}\u0000${i.contact}`) ?? null) : null,
    })),
  });
  await db.followUp.createMany({
    data: (doc.followUps ?? []).map((f) => ({ customerId: cid(f.customer), ownerId: users.get(f.owner)!, dueAt: new Date(f.dueAt), title: f.title, status: f.status })),
  });
  await db.order.createMany({
    data: (doc.orders ?? []).map((o) => ({ customerId: cid(o.customer), amount: o.amount, currency: o.currency, orderedAt: new Date(o.orderedAt) })),
  });
  await db.deal.createMany({
    data: (doc.deals ?? []).map((d) => ({
      customerId: cid(d.customer), title: d.title, stage: d.stage, amount: d.amount, currency: d.currency, expectedCloseAt: new Date(d.expectedCloseAt), status: d.status,
    })),
  });
  await db.complaint.createMany({
    data: (doc.complaints ?? []).map((k) => {
      const openedAt = new Date(k.openedAt);
      const sev = (k.severity ?? "medium") as keyof typeof SLA_DAYS;
      return {
        customerId: cid(k.customer), ownerId: users.get(k.owner)!, openedAt, severity: sev, description: k.description, status: k.status,
        resolvedAt: k.resolvedAt ? new Date(k.resolvedAt) : null,
        dueBy: k.dueBy ? new Date(k.dueBy) : new Date(openedAt.getTime() + SLA_DAYS[sev] * 86_400_000),
      };
    }),
  });
  await db.survey.createMany({
    data: (doc.surveys ?? []).map((s) => ({ customerId: cid(s.customer), scale: s.scale, score: s.score, respondedAt: new Date(s.respondedAt), comment: s.comment })),
  });
  const rows = await db.user.findMany();
  return Object.fromEntries(rows.map((u) => [u.handle, toActor(u)]));
}
