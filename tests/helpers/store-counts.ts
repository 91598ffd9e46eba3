// What write-use-case tests check around a refused call: nothing was added anywhere, not even an audit entry.
import type { PrismaClient } from "@prisma/client";

export async function counts(db: PrismaClient) {
  const [customer, contact, followUp, order, deal, complaint, survey, audit] = await Promise.all([
    db.customer.count(), db.contact.count(), db.followUp.count(), db.order.count(),
    db.deal.count(), db.complaint.count(), db.survey.count(), db.auditLog.count(),
  ]);
  return { customer, contact, followUp, order, deal, complaint, survey, audit };
}

/** The audit entries of the most recent change, oldest first. */
export async function lastChange(db: PrismaClient) {
  const last = await db.auditLog.findFirstOrThrow({ orderBy: { id: "desc" } });
  return db.auditLog.findMany({ where: { changeId: last.changeId }, orderBy: { id: "asc" } });
}
