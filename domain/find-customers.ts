// Name resolution the way people name customers: exact name, alias, short form, contact name ("Jane at Acme"),
// prefix, then fuzzy — Chinese and English. Returns ranked candidates; callers ask when more than one remains.
import { Prisma } from "@prisma/client";
import { z } from "zod";
import type { Actor, Db, Tx } from "./context.ts";
import { DomainError } from "./errors.ts";
import { customerSearchKeys, mentions } from "./name-keys.ts";
import { parseInput } from "./validate.ts";
import { nameIndex } from "./name-index.repository.ts";

export type MatchKind = "exact" | "alias" | "contact" | "short" | "prefix" | "mention" | "fuzzy";

export interface CustomerCandidate {
  id: number;
  name: string;
  ownerId: number;
  ownerHandle: string;
  ownerName: string;
  matchedBy: MatchKind;
  score: number;
  /** The contact whose name matched, when the match came through a contact. */
  contact?: { id: number; name: string };
}

const RANK: Record<MatchKind, number> = { exact: 100, alias: 95, contact: 85, short: 80, mention: 75, prefix: 70, fuzzy: 40 };

interface Hit {
  id: number;
  name: string;
  aliases: string[];
  searchKeys: string[];
  ownerId: number;
  ownerHandle: string;
  ownerName: string;
  contactId: number | null;
  contactName: string | null;
}

const input = z.object({
  query: z.string().trim().min(1, "a name to look for").max(200),
  contact: z.string().trim().max(100).optional(),
  includeArchived: z.boolean().optional(),
});

export async function findCustomers(opts: {
  db: Db | Tx;
  actor: Actor;
  query: string;
  contact?: string;
  includeArchived?: boolean;
}): Promise<CustomerCandidate[]> {
  const { query, contact, includeArchived } = parseInput(input, opts, opts.actor.locale);
  const q = query.toLowerCase();
  const like = q.replace(/[\\%_]/g, (m) => `\\${m}`);
  const status = includeArchived ? Prisma.sql`TRUE` : Prisma.sql`c.status = 'active'`;
  // Most lookups name a customer by one of its stored keys (name, alias, short form): the name index (or, for
  // archived customers and inside a transaction, the GIN index) answers those at once; the prefix and contact scans
  // below run only when that finds nothing.
  const exact = includeArchived || !isClient(opts.db) ? await opts.db.$queryRaw<Hit[]>`
    SELECT c.id, c.name, c.aliases, c."searchKeys", c."ownerId", u.handle AS "ownerHandle", u.name AS "ownerName",
           NULL::int AS "contactId", NULL::text AS "contactName"
      FROM "Customer" c JOIN "User" u ON u.id = c."ownerId"
     WHERE ${status} AND c."searchKeys" @> ARRAY[${q}]::text[]
     LIMIT 200` : await byKey(opts.db, q);
  const hits = exact.length ? exact : await opts.db.$queryRaw<Hit[]>`
    SELECT c.id, c.name, c.aliases, c."searchKeys", c."ownerId", u.handle AS "ownerHandle", u.name AS "ownerName",
           NULL::int AS "contactId", NULL::text AS "contactName"
      FROM "Customer" c JOIN "User" u ON u.id = c."ownerId"
     WHERE ${status} AND (lower(c.name) LIKE ${like + "%"} OR lower(c.name) LIKE ${"% " + like + "%"}
            OR EXISTS (SELECT 1 FROM unnest(c."searchKeys") k WHERE k LIKE ${like + "%"}))
    UNION ALL
    SELECT c.id, c.name, c.aliases, c."searchKeys", c."ownerId", u.handle, u.name, ct.id, ct.name
      FROM "Contact" ct JOIN "Customer" c ON c.id = ct."customerId" JOIN "User" u ON u.id = c."ownerId"
     WHERE ${status} AND (lower(ct.name) = ${q} OR lower(ct.name) LIKE ${like + " %"})
     LIMIT 200`;
  let found = rank(hits, q);
  if (!found.length) found = await fuzzy(opts.db, q, status);
  if (contact) found = await narrowByContact(opts.db, found, contact);
  return sortCandidates(found, opts.actor);
}

/** A transaction client has no $transaction of its own; the name index is per client and is never built inside one. */
const isClient = (db: Db | Tx): db is Db => "$transaction" in db;

/** Active customers with `q` among their search keys, from the name index: the same rows as the GIN query. */
async function byKey(db: Db, q: string): Promise<Hit[]> {
  const index = await nameIndex(db);
  return (index.keys.get(q) ?? []).slice(0, 200).map((id) => {
    const c = index.customers.get(id)!;
    return { ...c, searchKeys: [q], contactId: null, contactName: null };
  });
}

function rank(hits: Hit[], q: string): CustomerCandidate[] {
  const best = new Map<number, CustomerCandidate>();
  for (const h of hits) {
    let kind: MatchKind;
    if (h.contactId != null) kind = "contact";
    else if (h.name.toLowerCase() === q) kind = "exact";
    else if (h.aliases.some((a) => a.toLowerCase() === q)) kind = "alias";
    else if (h.searchKeys.includes(q)) kind = "short";
    else kind = "prefix";
    const score = RANK[kind] - (kind === "contact" && h.contactName?.toLowerCase() !== q ? 20 : 0);
    const prev = best.get(h.id);
    if (!prev || prev.score < score)
      best.set(h.id, {
        id: h.id,
        name: h.name,
        ownerId: h.ownerId,
        ownerHandle: h.ownerHandle,
        ownerName: h.ownerName,
        matchedBy: kind,
        score,
        ...(h.contactId != null ? { contact: { id: h.contactId, name: h.contactName! } } : {}),
      });
  }
  return [...best.values()];
}

/** Bigram similarity (Dice): works for typos in English and for Han names with no word breaks. */
export function similarity(a: string, b: string): number {
  const grams = (s: string) => {
    const t = s.replace(/\s+/g, " ");
    const out: string[] = [];
    for (let i = 0; i < t.length - 1; i++) out.push(t.slice(i, i + 2));
    return out;
  };
  const A = grams(a), B = grams(b);
  if (!A.length || !B.length) return a === b ? 1 : 0;
  const pool = new Map<string, number>();
  for (const g of B) pool.set(g, (pool.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of A) {
    const n = pool.get(g) ?? 0;
    if (n > 0) { common++; pool.set(g, n - 1); }
  }
  return (2 * common) / (A.length + B.length);
}

async function fuzzy(db: Db | Tx, q: string, status: Prisma.Sql): Promise<CustomerCandidate[]> {
  if (q.length < 3 && !/\p{Script=Han}/u.test(q)) return [];
  // Only on a miss: one scan of names, scored here (pg_trgm is not available on every store we run on).
  const all = await db.$queryRaw<Hit[]>`
    SELECT c.id, c.name, c.aliases, c."searchKeys", c."ownerId", u.handle AS "ownerHandle", u.name AS "ownerName",
           NULL::int AS "contactId", NULL::text AS "contactName"
      FROM "Customer" c JOIN "User" u ON u.id = c."ownerId" WHERE ${status}`;
  const out: CustomerCandidate[] = [];
  for (const h of all) {
    const s = Math.max(...h.searchKeys.map((k) => similarity(q, k)), similarity(q, h.name.toLowerCase()));
    if (s >= 0.6)
      out.push({ id: h.id, name: h.name, ownerId: h.ownerId, ownerHandle: h.ownerHandle, ownerName: h.ownerName, matchedBy: "fuzzy", score: Math.round(RANK.fuzzy * s) });
  }
  return out;
}

async function narrowByContact(db: Db | Tx, found: CustomerCandidate[], contact: string): Promise<CustomerCandidate[]> {
  if (found.length < 2) return found;
  const c = contact.toLowerCase();
  const rows = await db.contact.findMany({ where: { customerId: { in: found.map((f) => f.id) } }, select: { id: true, name: true, customerId: true } });
  const withContact = new Set(
    rows.filter((r) => r.name.toLowerCase() === c || r.name.toLowerCase().split(/\s+/)[0] === c || r.name.toLowerCase().startsWith(c)).map((r) => r.customerId),
  );
  const narrowed = found.filter((f) => withContact.has(f.id));
  return narrowed.length ? narrowed : found;
}

export function sortCandidates(list: CustomerCandidate[], actor: Actor): CustomerCandidate[] {
  return [...list].sort((a, b) => b.score - a.score || Number(b.ownerId === actor.id) - Number(a.ownerId === actor.id) || a.name.localeCompare(b.name));
}

/**
 * One customer or a clear error: NOT_FOUND (offer to create it) or AMBIGUOUS (with the candidates to ask about).
 * Among equally good matches the speaker's own account wins; otherwise we ask — never guess.
 */
export async function resolveCustomer(opts: { db: Db | Tx; actor: Actor; query: string; contact?: string }): Promise<CustomerCandidate> {
  const list = await findCustomers(opts);
  return pickOne(list, opts.query, opts.actor);
}

/**
 * The words a user types to create a customer the assistant didn't find, offered in replies ("Say "new customer:
 * X""). The offer itself is kept as dialogue state (agent/nlu/dialogue.ts), never read back from the reply.
 */
export function createCommand(name: string, zh: boolean): string {
  return zh ? `新客户:${name}` : `new customer: ${name}`;
}

export function pickOne(list: CustomerCandidate[], query: string, actor: Actor): CustomerCandidate {
  const zh = actor.locale === "zh";
  if (!list.length)
    throw new DomainError("NOT_FOUND", {
      message: `no customer matches "${query}"`,
      userMessage: zh
        ? `没有找到客户「${query}」。要新建这个客户吗?回复「${createCommand(query, true)}」即可。`
        : `I couldn't find a customer called "${query}". Should I create it? Say "${createCommand(query, false)}".`,
      details: { query },
    });
  const top = list[0]!.score;
  const best = list.filter((c) => c.score === top);
  if (best.length === 1 && (list.length === 1 || list[1]!.score < top)) return best[0]!;
  const mine = best.filter((c) => c.ownerId === actor.id);
  if (mine.length === 1) return mine[0]!;
  const names = best.map((c) => c.name);
  throw new DomainError("AMBIGUOUS", {
    message: `"${query}" matches ${names.join(", ")}`,
    userMessage: zh
      ? `「${query}」对应多个客户:${names.join("、")}。请说明是哪一个。`
      : `"${query}" could be ${names.slice(0, -1).join(", ")} or ${names.at(-1)}. Which one did you mean?`,
    details: { query, candidates: best },
  });
}

export interface Mention {
  candidate: CustomerCandidate;
  /** Where in the text the name was found and which form was used, so parsers can cut it out. */
  key: string;
}

/**
 * The customers a free-text message mentions, by any of their names or a contact's full name: one scan of the
 * stored search keys, then word-boundary checks here. Used by the rules model to read "called Jane at Acme".
 */
export async function findMentionedCustomers(opts: { db: Db | Tx; actor: Actor; text: string }): Promise<Mention[]> {
  // Cut at 4,000 code units, then mend a surrogate pair the cut may have split (PostgreSQL rejects half of one).
  const text = (opts.text.toLowerCase().slice(0, 4000) as string & { toWellFormed(): string }).toWellFormed();
  const grams = textGrams(text);
  if (!grams.length) return [];
  // Every stored key or contact name equal to some piece of the text: map lookups in the name index.
  const index = await nameIndex(opts.db);
  const rows: (Hit & { key: string })[] = [];
  for (const g of grams) {
    for (const id of index.keys.get(g) ?? []) {
      const c = index.customers.get(id)!;
      rows.push({ ...c, searchKeys: [], contactId: null, contactName: null, key: g });
    }
    for (const ct of index.contacts.get(g) ?? []) {
      const c = index.customers.get(ct.customerId);
      if (c) rows.push({ ...c, searchKeys: [], contactId: ct.id, contactName: ct.name, key: g });
    }
  }
  const out: Mention[] = [];
  for (const r of rows) {
    if (!mentions(text, r.key)) continue;
    const kind: MatchKind = r.contactId != null ? "contact" : r.key === r.name.toLowerCase() ? "exact" : r.aliases.some((a) => a.toLowerCase() === r.key) ? "alias" : "mention";
    out.push({
      key: r.key,
      candidate: {
        id: r.id, name: r.name, ownerId: r.ownerId, ownerHandle: r.ownerHandle, ownerName: r.ownerName, matchedBy: kind,
        // Longer names are more specific: "acme logistics" beats "acme".
        score: RANK[kind] + Math.min(r.key.length, 20),
        ...(r.contactId != null ? { contact: { id: r.contactId, name: r.contactName! } } : {}),
      },
    });
  }
  return out;
}

/** Each given customer's contacts' names, oldest first (from the name index): who "Jane" may be in a message. */
export async function contactNamesOf(db: Db, customerIds: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (!customerIds.length) return out;
  const index = await nameIndex(db);
  for (const id of customerIds) {
    const names = index.contactNames.get(id);
    if (names) out.set(id, [...names]);
  }
  return out;
}

const MAX_GRAMS = 20_000;

/**
 * The pieces of a message that could be a stored name: runs of words (1–6, as written, single-spaced) and, inside
 * Han text (no spaces between words), every substring of 2–16 characters.
 */
export function textGrams(lower: string): string[] {
  const out = new Set<string>();
  // "Acme's order" names Acme: possessives are read without their 's.
  // Han and Latin written together ("给Northwind 1-0 Trading的Jane") are separate words.
  const spaced = lower.replace(/(\p{Script=Han})(?=[a-z0-9])/gu, "$1 ").replace(/([a-z0-9])(?=\p{Script=Han})/gu, "$1 ");
  const words = [...spaced.replace(/(\p{L})['’]s\b/gu, "$1").matchAll(/[\p{L}\p{N}]+(?:[.'&-][\p{L}\p{N}]+)*\.?|&/gu)].map((m) => m[0]);
  for (let i = 0; i < words.length && out.size < MAX_GRAMS; i++) {
    let g = "";
    for (let n = 0; n < 6 && i + n < words.length; n++) {
      g = n ? `${g} ${words[i + n]}` : words[i]!;
      out.add(g);
      if (g.endsWith(".")) out.add(g.slice(0, -1));
    }
  }
  for (const match of lower.match(/[\p{Script=Han}\p{L}\p{N}()()·&]*\p{Script=Han}[\p{Script=Han}\p{L}\p{N}()()·&]*/gu) ?? []) {
    const run = Array.from(match); // by code point: a piece must never cut a surrogate pair in half
    for (let i = 0; i < run.length && out.size < MAX_GRAMS; i++)
      for (let len = 2; len <= 16 && i + len <= run.length; len++) out.add(run.slice(i, i + len).join(""));
  }
  return [...out];
}

export { customerSearchKeys };
