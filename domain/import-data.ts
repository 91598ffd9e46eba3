// Loads a CONTRACT §2 document (or a spreadsheet turned into one by import-csv.ts) into the store.
// Every row is validated on its own, against the zod schemas and against what the columns accept, before anything
// is written: bad rows are reported with file, row and field, good rows still load.
// Atomic: the whole file is one transaction with one audit entry — it loads whole or not at all, so a killed import
// leaves the store as it was and running it again completes it. A database error that still happens names the
// file, section, row and field, and nothing is written.
// Idempotent and merging: rows are matched to stored ones by natural key (import.repository.ts), so the same file
// twice changes nothing; a stored row with the same key takes the values the file gives and keeps the ones it leaves
// out. Set-based: one statement per chunk.
import type { Db, Tx } from "./context.ts";
import { DomainError, isDomainError } from "./errors.ts";
import { customerSearchKeys } from "./name-keys.ts";
import { COMPLAINT_SLA_DAYS, importDocument, rowSchemas, SECTIONS, type Rows, type Section } from "./import-rows.ts";
import { columnIssue } from "./import-limits.ts";
import { columnsInMessage, databaseMessage, fieldOfColumn } from "./import-db-error.ts";
import {
  contactsOf,
  customersByName,
  inTransaction,
  locateFailure,
  recordImportAudit,
  releaseSavepoint,
  rollbackToSavepoint,
  savepoint,
  setManagers,
  syncChunk,
  TABLES,
  upsertIdentities,
  userIds,
  type Counts,
  type TableSpec,
} from "./import.repository.ts";

export interface BadRow {
  file: string;
  /** 1-based row within its section (JSON) or the spreadsheet line (CSV). */
  row: number;
  section: Section;
  field: string;
  reason: string;
}

export interface ImportProgress {
  section: Section;
  done: number;
  total: number;
}

export interface ImportOptions {
  /** Name used in bad-row reports. */
  file?: string;
  /** Line numbers of each section's rows in the source (CSV); the 1-based index when absent. */
  lines?: Partial<Record<Section, number[]>>;
  /** Validate and count as if importing, then roll everything back. */
  dryRun?: boolean;
  now?: Date;
  actorId?: number | null;
  chunkSize?: number;
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportResult {
  dryRun: boolean;
  counts: Partial<Record<Section, Counts>>;
  /** Chat identities linked or moved. */
  identities: number;
  bad: BadRow[];
}

type Good<S extends Section> = { i: number; row: Rows[S] };

const iso = (d: Date | undefined) => d?.toISOString();
const DAY = 86_400_000;
const ROLLBACK = Symbol("dry-run rollback");

export async function importData(db: Db, doc: unknown, opts: ImportOptions = {}): Promise<ImportResult> {
  const shape = importDocument.safeParse(doc);
  if (!shape.success || typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    const issue = shape.success ? undefined : shape.error.issues[0];
    throw new DomainError("INVALID_INPUT", {
      userMessage: `Not a guanxi data file: ${issue ? `${issue.path.join(".") || "document"} ${issue.message}` : "expected one JSON object"}`,
    });
  }
  const file = opts.file ?? "input";
  const now = opts.now ?? new Date();
  const chunk = opts.chunkSize ?? 5000;
  const bad: BadRow[] = [];
  const result: ImportResult = { dryRun: !!opts.dryRun, counts: {}, identities: 0, bad };
  const lineOf = (s: Section, i: number) => opts.lines?.[s]?.[i] ?? i + 1;
  const report = (s: Section, i: number, field: string, reason: string) => bad.push({ file, row: lineOf(s, i), section: s, field, reason });

  // Validate every row up front, so a dry run and a real run report the same problems.
  const parsed = {} as { [S in Section]: Good<S>[] };
  for (const s of SECTIONS) {
    const rows = ((doc as Record<string, unknown>)[s] as unknown[] | undefined) ?? [];
    const good: Good<Section>[] = [];
    rows.forEach((raw, i) => {
      const r = rowSchemas[s].safeParse(raw);
      if (!r.success) {
        const issue = r.error.issues[0]!;
        report(s, i, issue.path.join(".") || "row", issue.message);
        return;
      }
      // What the schema let through, checked against the columns it goes into (NUL, broken Unicode, date range).
      const col = columnIssue(r.data);
      if (col) report(s, i, col.field, col.reason);
      else good.push({ i, row: r.data as Rows[Section] });
    });
    (parsed as Record<Section, Good<Section>[]>)[s] = good;
  }

  /** Drops rows whose natural key repeats an earlier row of the same section (where the key must be unique). */
  const unique = <S extends Section>(s: S, rows: Good<S>[], key: (r: Rows[S]) => string, field: string): Good<S>[] => {
    const first = new Map<string, number>();
    return rows.filter(({ i, row }) => {
      const k = key(row);
      const prev = first.get(k);
      if (prev !== undefined) {
        report(s, i, field, `duplicate of row ${lineOf(s, prev)}`);
        return false;
      }
      first.set(k, i);
      return true;
    });
  };

  const progress = (section: Section, done: number, total: number) => opts.onProgress?.({ section, done, total });

  /** The error for a chunk the database refused: which row and field, found by bisecting the chunk under savepoints. */
  async function chunkFailure(tx: Tx, s: Section, spec: TableSpec, part: Record<string, unknown>[], origins: number[], e: unknown): Promise<DomainError> {
    let found: Awaited<ReturnType<typeof locateFailure>>;
    try {
      found = await locateFailure(tx, spec, part, now);
    } catch {
      found = undefined; // the diagnosis itself failed: report what the first error said
    }
    const msg = databaseMessage(found?.error ?? e);
    const where =
      found === undefined
        ? `${s} rows ${lineOf(s, origins[0]!)}–${lineOf(s, origins[origins.length - 1]!)}`
        : `${s} row ${lineOf(s, origins[found.index]!)}`;
    const cols = found?.columns.length ? found.columns : columnsInMessage(msg, spec.cols.map((c) => c.name));
    const fields = [...new Set(cols.map(fieldOfColumn))];
    const field = fields.length ? ` (${fields.join(", ")})` : "";
    return new DomainError("INVALID_INPUT", {
      message: `import of ${file} failed at ${where}${field}: ${msg}`,
      userMessage: `${file}: ${where}${field} was refused by the database: ${msg}. Nothing was imported.`,
      details: { file, section: s, row: found ? lineOf(s, origins[found.index]!) : undefined, fields },
    });
  }

  async function sync<S extends Section>(tx: Tx, s: S, spec: TableSpec, rows: Good<S>[], toCols: (g: Good<S>) => Record<string, unknown> | undefined) {
    const data: Record<string, unknown>[] = [];
    const origins: number[] = [];
    for (const g of rows) {
      const cols = toCols(g);
      if (cols) {
        data.push(cols);
        origins.push(g.i);
      }
    }
    // Occurrence numbers over the whole section, so duplicates split across chunks still match one to one.
    const keys = spec.cols.filter((c) => c.key).map((c) => c.name);
    const seen = new Map<string, number>();
    for (const d of data) {
      const k = JSON.stringify(keys.map((n) => d[n]));
      d.occ = (seen.get(k) ?? 0) + 1;
      seen.set(k, d.occ as number);
    }
    const total: Counts = { created: 0, updated: 0, unchanged: 0 };
    progress(s, 0, data.length);
    for (let at = 0; at < data.length; at += chunk) {
      const part = data.slice(at, at + chunk);
      // A savepoint per chunk (two tiny statements) so that a refused chunk can still be examined before giving up.
      await savepoint(tx, "import_chunk");
      let c: Counts;
      try {
        c = await syncChunk(tx, spec, part, now);
      } catch (e) {
        await rollbackToSavepoint(tx, "import_chunk");
        throw await chunkFailure(tx, s, spec, part, origins.slice(at, at + chunk), e);
      }
      await releaseSavepoint(tx, "import_chunk");
      total.created += c.created;
      total.updated += c.updated;
      total.unchanged += c.unchanged;
      progress(s, Math.min(at + chunk, data.length), data.length);
    }
    if ((doc as Record<string, unknown>)[s] !== undefined) result.counts[s] = total;
  }

  async function body(tx: Tx) {
    // Users first (everything else refers to them), then customers, then what hangs off customers.
    const users = unique("users", parsed.users, (u) => u.handle, "handle");
    let ids = await userIds(tx);
    const known = new Set([...ids.byHandle.keys(), ...users.map((u) => u.row.handle)]);
    const teamed = users.filter(({ i, row }) => {
      if (!row.manager || known.has(row.manager.replace(/^@/, ""))) return true;
      report("users", i, "manager", `unknown user "${row.manager}"`);
      return false;
    });
    await sync(tx, "users", TABLES.user, teamed, ({ row }) => ({
      handle: row.handle,
      name: row.name,
      role: row.role,
      timezone: row.timezone,
      locale: row.locale,
      managerId: row.manager ? (ids.byHandle.get(row.manager.replace(/^@/, "")) ?? null) : null,
    }));
    // Managers new in this file exist only now.
    await setManagers(
      tx,
      teamed.filter((u) => u.row.manager).map((u) => ({ handle: u.row.handle, manager: u.row.manager!.replace(/^@/, "") })),
    );
    result.identities = await upsertIdentities(
      tx,
      teamed.flatMap((u) => u.row.identities.map((id) => ({ handle: u.row.handle, ...id }))),
      now,
    );
    ids = await userIds(tx);

    const userRef = (s: Section, i: number, field: string, ref: string): number | undefined => {
      const h = ref.replace(/^@/, "");
      const byName = ids.byName.get(ref);
      const id = ids.byHandle.get(h) ?? (byName?.length === 1 ? byName[0] : undefined);
      if (id === undefined) report(s, i, field, byName && byName.length > 1 ? `"${ref}" names several users; use the handle` : `unknown user "${ref}"`);
      return id;
    };

    const customers = unique("customers", parsed.customers, (c) => c.name, "name");
    const stored = await customersByName(tx, customers.map((c) => c.row.name));
    await sync(tx, "customers", TABLES.customer, customers, ({ i, row }) => {
      // A row without an owner updates a stored customer (keeping its owner); a new customer needs one.
      let ownerId: number | null | undefined = null;
      if (row.owner) ownerId = userRef("customers", i, "owner", row.owner);
      else if (!stored.has(row.name)) {
        report("customers", i, "owner", "is required for a new customer");
        ownerId = undefined;
      }
      if (ownerId === undefined) return undefined;
      // searchKeys must follow the aliases the customer ends up with, which may be the stored ones.
      const aliases = row.aliases ?? stored.get(row.name)?.aliases ?? [];
      return {
        name: row.name,
        aliases,
        searchKeys: customerSearchKeys(row.name, aliases),
        ownerId,
        tier: row.tier,
        stage: row.stage,
        industry: row.industry,
        region: row.region,
        tags: row.tags,
        status: row.status,
        createdAt: iso(row.createdAt),
      };
    });

    const rest = SECTIONS.filter((s) => s !== "users" && s !== "customers");
    const referenced = rest.flatMap((s) => (parsed[s] as Good<"contacts">[]).map((g) => g.row.customer));
    const cust = await customersByName(tx, referenced);
    const customerRef = (s: Section, i: number, name: string): number | undefined => {
      const id = cust.get(name)?.id;
      if (id === undefined) report(s, i, "customer", `unknown customer "${name}"`);
      return id;
    };

    const contacts = unique("contacts", parsed.contacts, (c) => `${c.customer}\u0000${c.name}`, "name");
    await sync(tx, "contacts", TABLES.contact, contacts, ({ i, row }) => {
      const customerId = customerRef("contacts", i, row.customer);
      if (customerId === undefined) return undefined;
      return { customerId, name: row.name, title: row.title, email: row.email, phone: row.phone, birthday: row.birthday };
    });

    const withContact = parsed.interactions.filter((g) => g.row.contact).map((g) => cust.get(g.row.customer)?.id);
    const contactIds = await contactsOf(tx, withContact.filter((v): v is number => v !== undefined));
    await sync(tx, "interactions", TABLES.interaction, parsed.interactions, ({ i, row }) => {
      const customerId = customerRef("interactions", i, row.customer);
      const userId = customerId === undefined ? undefined : userRef("interactions", i, "user", row.user);
      if (customerId === undefined || userId === undefined) return undefined;
      let contactId: number | undefined;
      if (row.contact) {
        contactId = contactIds.get(`${customerId}\u0000${row.contact}`);
        if (contactId === undefined) {
          report("interactions", i, "contact", `"${row.contact}" is not a contact of ${row.customer}`);
          return undefined;
        }
      }
      return {
        customerId,
        userId,
        occurredAt: iso(row.occurredAt),
        kind: row.kind,
        summary: row.summary,
        sentiment: row.sentiment,
        contactId,
        rawMessage: row.message,
      };
    });

    await sync(tx, "followUps", TABLES.followUp, parsed.followUps, ({ i, row }) => {
      const customerId = customerRef("followUps", i, row.customer);
      const ownerId = customerId === undefined ? undefined : userRef("followUps", i, "owner", row.owner);
      if (customerId === undefined || ownerId === undefined) return undefined;
      return { customerId, ownerId, dueAt: iso(row.dueAt), title: row.title, status: row.status, completedAt: iso(row.completedAt) };
    });

    await sync(tx, "orders", TABLES.order, parsed.orders, ({ i, row }) => {
      const customerId = customerRef("orders", i, row.customer);
      if (customerId === undefined) return undefined;
      return { customerId, amount: row.amount, currency: row.currency, orderedAt: iso(row.orderedAt) };
    });

    const deals = unique("deals", parsed.deals, (d) => `${d.customer}\u0000${d.title}`, "title");
    await sync(tx, "deals", TABLES.deal, deals, ({ i, row }) => {
      const customerId = customerRef("deals", i, row.customer);
      if (customerId === undefined) return undefined;
      return {
        customerId,
        title: row.title,
        stage: row.stage,
        amount: row.amount,
        currency: row.currency,
        expectedCloseAt: iso(row.expectedCloseAt),
        status: row.status,
      };
    });

    await sync(tx, "complaints", TABLES.complaint, parsed.complaints, ({ i, row }) => {
      const customerId = customerRef("complaints", i, row.customer);
      const ownerId = customerId === undefined ? undefined : userRef("complaints", i, "owner", row.owner);
      if (customerId === undefined || ownerId === undefined) return undefined;
      return {
        customerId,
        ownerId,
        openedAt: iso(row.openedAt),
        severity: row.severity,
        description: row.description,
        status: row.status,
        resolvedAt: iso(row.resolvedAt),
        dueBy: iso(row.dueBy),
        slaDueBy: new Date(row.openedAt.getTime() + COMPLAINT_SLA_DAYS[row.severity ?? "medium"] * DAY).toISOString(),
      };
    });

    await sync(tx, "surveys", TABLES.survey, parsed.surveys, ({ i, row }) => {
      const customerId = customerRef("surveys", i, row.customer);
      if (customerId === undefined) return undefined;
      return { customerId, scale: row.scale, score: row.score, respondedAt: iso(row.respondedAt), comment: row.comment };
    });

    bad.sort((a, b) => SECTIONS.indexOf(a.section) - SECTIONS.indexOf(b.section) || a.row - b.row);
    const changed = Object.values(result.counts).some((c) => c.created || c.updated) || result.identities > 0;
    if (changed && !opts.dryRun)
      await recordImportAudit(tx, { file, counts: result.counts, identities: result.identities, badRows: bad.length }, opts.actorId ?? null, now);
  }

  // One transaction for the whole file; a dry run does exactly the same and rolls it back, so its counts are a real run's.
  const rowCount = SECTIONS.reduce((n, s) => n + (((doc as Record<string, unknown>)[s] as unknown[] | undefined)?.length ?? 0), 0);
  try {
    await inTransaction(db, rowCount, async (tx) => {
      await body(tx);
      if (opts.dryRun) throw ROLLBACK;
    });
  } catch (e) {
    if (e === ROLLBACK) return result;
    if (isDomainError(e)) throw e;
    const msg = databaseMessage(e);
    throw new DomainError("INVALID_INPUT", {
      message: `import of ${file} failed: ${msg}`,
      userMessage: `${file}: the import failed and nothing was saved: ${msg}`,
      details: { file },
    });
  }
  return result;
}

/** "customers: 3 created, 1 updated, 8 unchanged" lines, for the CLI and the bots. */
export function summarizeImport(r: ImportResult): string[] {
  const lines = SECTIONS.filter((s) => r.counts[s]).map((s) => {
    const c = r.counts[s]!;
    return `${s}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`;
  });
  if (r.identities) lines.push(`chat identities: ${r.identities} linked`);
  return lines;
}
