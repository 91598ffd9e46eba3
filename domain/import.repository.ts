// Set-based upserts for import: one statement per chunk of rows, whatever the chunk's size. Each chunk goes to the
// database as one jsonb parameter, is unpacked with jsonb_to_recordset, matched to existing rows by its natural key,
// and split into an UPDATE of the rows that differ and an INSERT of the new ones, counting each.
//
// Only some natural keys have a unique constraint (customer name, contact, deal), so matching is done in SQL rather
// than ON CONFLICT. Rows with the same key in one file (two identical calls logged the same minute) are told apart
// by their occurrence number: the 2nd such row of the file matches the 2nd such row of the store, so importing a
// file twice, or an export into an empty store, reproduces the same rows.
import type { Db, Tx } from "./context.ts";

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface Col {
  name: string;
  /** SQL type the json value is read as. */
  type: string;
  key?: boolean;
  /** A null in the file keeps the stored value (optional fields a spreadsheet may not have). */
  keep?: boolean;
  /** SQL for the value inserted when the file has none (may use i.* and $2 = now). */
  insertDefault?: string;
  /** Read from the file but not a column of the table (used by insertDefault). */
  virtual?: boolean;
}

export interface TableSpec {
  table: string;
  cols: Col[];
  /** Extra columns set on insert / on a real update (SQL; $2 is now). */
  onInsert?: Record<string, string>;
  onUpdate?: Record<string, string>;
}

const q = (s: string) => `"${s}"`;

export function syncSql(spec: TableSpec): string {
  const cols = spec.cols.filter((c) => !c.virtual);
  const keys = cols.filter((c) => c.key);
  const rest = cols.filter((c) => !c.key);
  const fresh = (c: Col, alias: string) => (c.keep ? `COALESCE(i.${q(c.name)}, ${alias}.${q(c.name)})` : `i.${q(c.name)}`);
  const changed = rest.length ? rest.map((c) => `x.${q(c.name)} IS DISTINCT FROM ${fresh(c, "x")}`).join(" OR ") : "false";
  const recordset = ["ord int", "occ int", ...spec.cols.map((c) => `${q(c.name)} ${c.type}`)].join(", ");
  const insertCols = [...cols.map((c) => q(c.name)), ...Object.keys(spec.onInsert ?? {}).map(q)];
  const insertVals = [
    ...cols.map((c) => (c.insertDefault ? `COALESCE(i.${q(c.name)}, ${c.insertDefault})` : `i.${q(c.name)}`)),
    ...Object.values(spec.onInsert ?? {}),
  ];
  const sets = [...rest.map((c) => `${q(c.name)} = ${fresh(c, "x")}`), ...Object.entries(spec.onUpdate ?? {}).map(([k, v]) => `${q(k)} = ${v}`)];
  const keyList = (alias: string) => keys.map((c) => `${alias}.${q(c.name)}`).join(", ");
  return `
WITH i AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(${recordset})),
m AS (
  SELECT i.ord, x.id, (${changed}) AS changed
  FROM i JOIN (
    SELECT y.*, row_number() OVER (PARTITION BY ${keyList("y")} ORDER BY y.id)::int AS occ
    FROM ${q(spec.table)} y WHERE (${keyList("y")}) IN (SELECT ${keyList("i")} FROM i)
  ) x ON ${keys.map((c) => `x.${q(c.name)} = i.${q(c.name)}`).join(" AND ")} AND x.occ = i.occ
),
u AS (${
    sets.length
      ? `
  UPDATE ${q(spec.table)} AS x SET ${sets.join(", ")}
  FROM m JOIN i ON i.ord = m.ord
  WHERE x.id = m.id AND m.changed
  RETURNING x.id`
      : "SELECT 1 AS id WHERE false" // every column is the key: nothing to update
  }),
n AS (
  INSERT INTO ${q(spec.table)} (${insertCols.join(", ")})
  SELECT ${insertVals.join(", ")} FROM i
  WHERE NOT EXISTS (SELECT 1 FROM m WHERE m.ord = i.ord)
  ORDER BY i.ord
  RETURNING id
)
SELECT (SELECT count(*) FROM n)::int AS created, (SELECT count(*) FROM u)::int AS updated,
       (SELECT count(*) FROM m WHERE NOT m.changed)::int AS unchanged`;
}

/** Upserts one chunk; rows are plain objects keyed by column name (dates as UTC ISO strings). */
export async function syncChunk(db: Db | Tx, spec: TableSpec, rows: Record<string, unknown>[], now: Date): Promise<Counts> {
  if (!rows.length) return { created: 0, updated: 0, unchanged: 0 };
  const seen = new Map<string, number>();
  const keys = spec.cols.filter((c) => c.key).map((c) => c.name);
  const data = rows.map((r, ord) => {
    const k = JSON.stringify(keys.map((n) => r[n]));
    const occ = (seen.get(k) ?? 0) + 1;
    seen.set(k, occ);
    return { ...r, ord, occ: (r.occ as number | undefined) ?? occ };
  });
  const [res] = await db.$queryRawUnsafe<Counts[]>(syncSql(spec), JSON.stringify(data), now.toISOString());
  return res!;
}

export const TABLES = {
  user: {
    table: "User",
    cols: [
      { name: "handle", type: "text", key: true },
      { name: "name", type: "text" },
      // Left out of a row, these keep the stored value: re-importing a manager by handle and name must not demote them.
      { name: "role", type: `"Role"`, keep: true, insertDefault: `'rep'` },
      { name: "timezone", type: "text", keep: true, insertDefault: `'UTC'` },
      { name: "locale", type: "text", keep: true, insertDefault: `'en'` },
      { name: "managerId", type: "int", keep: true },
    ],
    onInsert: { createdAt: "$2::timestamp(3)" },
  },
  customer: {
    table: "Customer",
    cols: [
      { name: "name", type: "text", key: true },
      { name: "aliases", type: "text[]" },
      { name: "searchKeys", type: "text[]" },
      { name: "ownerId", type: "int", keep: true },
      { name: "tier", type: `"Tier"`, keep: true, insertDefault: `'C'` },
      { name: "stage", type: `"Stage"`, keep: true, insertDefault: `'prospect'` },
      { name: "industry", type: "text", keep: true },
      { name: "region", type: "text", keep: true },
      { name: "tags", type: "text[]", keep: true, insertDefault: `'{}'` },
      { name: "status", type: `"CustomerStatus"`, keep: true, insertDefault: `'active'` },
      { name: "createdAt", type: "timestamp(3)", keep: true, insertDefault: "$2::timestamp(3)" },
    ],
    onInsert: { updatedAt: "$2::timestamp(3)" },
    onUpdate: { updatedAt: "$2::timestamp(3)" },
  },
  contact: {
    table: "Contact",
    cols: [
      { name: "customerId", type: "int", key: true },
      { name: "name", type: "text", key: true },
      { name: "title", type: "text", keep: true },
      { name: "email", type: "text", keep: true },
      { name: "phone", type: "text", keep: true },
      { name: "birthday", type: "text", keep: true },
    ],
    onInsert: { createdAt: "$2::timestamp(3)" },
  },
  interaction: {
    table: "Interaction",
    cols: [
      { name: "customerId", type: "int", key: true },
      { name: "userId", type: "int", key: true },
      { name: "occurredAt", type: "timestamp(3)", key: true },
      { name: "kind", type: `"InteractionKind"`, key: true },
      { name: "summary", type: "text", key: true },
      { name: "sentiment", type: `"Sentiment"`, keep: true, insertDefault: `'neutral'` },
      { name: "contactId", type: "int", keep: true },
      { name: "rawMessage", type: "text", keep: true },
    ],
    onInsert: { createdAt: "$2::timestamp(3)" },
  },
  followUp: {
    table: "FollowUp",
    cols: [
      { name: "customerId", type: "int", key: true },
      { name: "ownerId", type: "int", key: true },
      { name: "dueAt", type: "timestamp(3)", key: true },
      { name: "title", type: "text", key: true },
      // A done follow-up re-imported without a status stays done.
      { name: "status", type: `"FollowUpStatus"`, keep: true, insertDefault: `'open'` },
      { name: "completedAt", type: "timestamp(3)", keep: true },
    ],
    onInsert: { createdAt: "$2::timestamp(3)" },
  },
  order: {
    table: "Order",
    cols: [
      { name: "customerId", type: "int", key: true },
      { name: "amount", type: "numeric(14,2)", key: true },
      { name: "currency", type: "text", key: true },
      { name: "orderedAt", type: "timestamp(3)", key: true },
    ],
    onInsert: { createdAt: "$2::timestamp(3)" },
  },
  deal: {
    table: "Deal",
    cols: [
      { name: "customerId", type: "int", key: true },
      { name: "title", type: "text", key: true },
      { name: "stage", type: "text", keep: true, insertDefault: `'qualification'` },
      { name: "amount", type: "numeric(14,2)" },
      { name: "currency", type: "text", keep: true, insertDefault: `'CNY'` },
      { name: "expectedCloseAt", type: "timestamp(3)" },
      { name: "status", type: `"DealStatus"`, keep: true, insertDefault: `'open'` },
    ],
    onInsert: { createdAt: "$2::timestamp(3)" },
  },
  complaint: {
    table: "Complaint",
    cols: [
      { name: "customerId", type: "int", key: true },
      { name: "openedAt", type: "timestamp(3)", key: true },
      { name: "description", type: "text", key: true },
      { name: "ownerId", type: "int" },
      { name: "severity", type: `"Severity"`, keep: true, insertDefault: `'medium'` },
      { name: "status", type: `"ComplaintStatus"`, keep: true, insertDefault: `'open'` },
      { name: "resolvedAt", type: "timestamp(3)", keep: true },
      { name: "dueBy", type: "timestamp(3)", keep: true, insertDefault: `i."slaDueBy"` },
      { name: "slaDueBy", type: "timestamp(3)", virtual: true },
    ],
    onInsert: { createdAt: "$2::timestamp(3)" },
  },
  survey: {
    table: "Survey",
    cols: [
      { name: "customerId", type: "int", key: true },
      { name: "scale", type: `"SurveyScale"`, key: true },
      { name: "respondedAt", type: "timestamp(3)", key: true },
      { name: "score", type: "int" },
      { name: "comment", type: "text", keep: true },
    ],
    onInsert: { createdAt: "$2::timestamp(3)" },
  },
} satisfies Record<string, TableSpec>;

/** Links chat identities to users by handle; an identity already linked elsewhere moves to the file's user. */
export async function upsertIdentities(db: Db | Tx, rows: { handle: string; platform: string; externalId: string }[], now: Date): Promise<number> {
  if (!rows.length) return 0;
  const [res] = await db.$queryRawUnsafe<{ n: number }[]>(
    `WITH w AS (
       INSERT INTO "ChatIdentity" (platform, "externalId", "userId", "createdAt")
       SELECT t.platform, t."externalId", u.id, $2::timestamp(3)
       FROM jsonb_to_recordset($1::jsonb) AS t(handle text, platform text, "externalId" text) JOIN "User" u ON u.handle = t.handle
       ON CONFLICT (platform, "externalId") DO UPDATE SET "userId" = EXCLUDED."userId"
       WHERE "ChatIdentity"."userId" <> EXCLUDED."userId"
       RETURNING 1)
     SELECT count(*)::int AS n FROM w`,
    JSON.stringify(rows),
    now.toISOString(),
  );
  return res!.n;
}

/** Ids by natural name, in one query each. */
export async function userIds(db: Db | Tx): Promise<{ byHandle: Map<string, number>; byName: Map<string, number[]> }> {
  const users = await db.user.findMany({ select: { id: true, handle: true, name: true } });
  const byName = new Map<string, number[]>();
  for (const u of users) byName.set(u.name, [...(byName.get(u.name) ?? []), u.id]);
  return { byHandle: new Map(users.map((u) => [u.handle, u.id])), byName };
}

export async function customersByName(db: Db | Tx, names: string[]): Promise<Map<string, { id: number; aliases: string[] }>> {
  if (!names.length) return new Map();
  const rows = await db.$queryRawUnsafe<{ id: number; name: string; aliases: string[] }[]>(
    `SELECT id, name, aliases FROM "Customer" WHERE name = ANY(SELECT jsonb_array_elements_text($1::jsonb))`,
    JSON.stringify([...new Set(names)]),
  );
  return new Map(rows.map((r) => [r.name, { id: r.id, aliases: r.aliases }]));
}

export async function contactsOf(db: Db | Tx, customerIds: number[]): Promise<Map<string, number>> {
  if (!customerIds.length) return new Map();
  const rows = await db.$queryRawUnsafe<{ id: number; customerId: number; name: string }[]>(
    `SELECT id, "customerId", name FROM "Contact" WHERE "customerId" = ANY(SELECT jsonb_array_elements_text($1::jsonb)::int)`,
    JSON.stringify([...new Set(customerIds)]),
  );
  return new Map(rows.map((r) => [`${r.customerId}\u0000${r.name}`, r.id]));
}

export async function recordImportAudit(db: Db | Tx, summary: Record<string, unknown>, actorId: number | null, now: Date): Promise<void> {
  await db.auditLog.create({
    data: { actorId, changeId: `import-${now.getTime()}-${Math.random().toString(36).slice(2, 8)}`, entity: "import", entityId: 0, action: "create", after: summary as never, createdAt: now },
  });
}

/** Sets each user's manager by handle, in one statement; returns how many changed. */
export async function setManagers(db: Db | Tx, rows: { handle: string; manager: string }[]): Promise<number> {
  if (!rows.length) return 0;
  const [res] = await db.$queryRawUnsafe<{ n: number }[]>(
    `WITH w AS (
       UPDATE "User" u SET "managerId" = m.id
       FROM jsonb_to_recordset($1::jsonb) AS t(handle text, manager text) JOIN "User" m ON m.handle = t.manager
       WHERE u.handle = t.handle AND u."managerId" IS DISTINCT FROM m.id
       RETURNING 1)
     SELECT count(*)::int AS n FROM w`,
    JSON.stringify(rows),
  );
  return res!.n;
}

/**
 * Runs a whole import in one transaction, so a file loads whole or not at all (a killed process leaves the store as
 * it was). Prisma's interactive transactions time out after 5 s by default; a 100,000-interaction file takes ~10 s
 * on an idle machine and several times that on a loaded one, so the limit grows with the file.
 */
export function inTransaction<T>(db: Db, rows: number, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(fn, { timeout: 10 * 60_000 + rows * 5, maxWait: 60_000 });
}

// Savepoints let a failed chunk be examined (which row, which field) before the transaction is given up.
export const savepoint = (tx: Db | Tx, name: string) => tx.$executeRawUnsafe(`SAVEPOINT ${name}`);
export const releaseSavepoint = (tx: Db | Tx, name: string) => tx.$executeRawUnsafe(`RELEASE SAVEPOINT ${name}`);
export const rollbackToSavepoint = (tx: Db | Tx, name: string) => tx.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT ${name}`);

/** Whether fn succeeds, undoing whatever it wrote either way (so probes leave no trace). */
async function succeeds(tx: Db | Tx, fn: () => Promise<unknown>): Promise<{ ok: true } | { ok: false; error: unknown }> {
  await savepoint(tx, "import_probe");
  try {
    await fn();
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  } finally {
    await rollbackToSavepoint(tx, "import_probe");
    await releaseSavepoint(tx, "import_probe");
  }
}

/**
 * After a chunk failed (and was rolled back to its savepoint): the index of the first row whose prefix fails, found
 * by bisection — about log2(chunk) trial upserts, each rolled back — and the columns of that row the database
 * refuses on their own. Only ever runs on the way to reporting an error.
 */
export async function locateFailure(
  tx: Db | Tx,
  spec: TableSpec,
  rows: Record<string, unknown>[],
  now: Date,
): Promise<{ index: number; error: unknown; columns: string[] } | undefined> {
  let lo = 1;
  let hi = rows.length;
  let error: unknown;
  const whole = await succeeds(tx, () => syncChunk(tx, spec, rows, now));
  if (whole.ok) return undefined;
  error = whole.error;
  // Smallest prefix length that fails.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const r = await succeeds(tx, () => syncChunk(tx, spec, rows.slice(0, mid), now));
    if (r.ok) lo = mid + 1;
    else {
      hi = mid;
      error = r.error;
    }
  }
  const row = rows[lo - 1]!;
  const columns: string[] = [];
  for (const c of spec.cols) {
    if (row[c.name] === undefined || row[c.name] === null) continue;
    const r = await succeeds(tx, () =>
      tx.$queryRawUnsafe(`SELECT t.v::text FROM jsonb_to_recordset($1::jsonb) AS t(v ${c.type})`, JSON.stringify([{ v: row[c.name] }])),
    );
    if (!r.ok) columns.push(c.name);
  }
  return { index: lo - 1, error, columns };
}
