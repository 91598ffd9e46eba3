// Fuzz: thousands of random messages through handleTurn with the rules model on the eval fixture company.
// Whatever a user types — empty, 100 kB, emoji, mixed scripts, lone surrogates, control characters, SQL or prompt
// injection, cue words with no customer — the turn must not crash (or hide a crash as `failed`), must answer, and a
// message that names no customer must change nothing. A second set names real customers inside noise, as reps: a
// rep's text can never change another owner's customer. Seeded: FUZZ_SEED=<n> replays a run, FUZZ_TURNS=<n> sizes it;
// each failure prints (seed, index) and the message, and fuzzMessage(prng(mix(seed, index))) regenerates it.
import { beforeAll, describe, expect, it } from "vitest";
import { handleTurn } from "../../agent/turn.ts";
import { customerSearchKeys, mentions } from "../../domain/name-keys.ts";
import type { Actor, Db } from "../../domain/context.ts";
import type { Store } from "../../prisma/client.ts";
import { FIXTURE, fixtureStore } from "../helpers/fixture-store.ts";
import { fuzzMessage, pickKind, prng, withCustomer, type FuzzKind, type Rng } from "../helpers/fuzz-text.ts";

const SEED = Number(process.env.FUZZ_SEED ?? 20260302);
const TURNS = Number(process.env.FUZZ_TURNS ?? 1700);
const NAMED_TURNS = Number(process.env.FUZZ_NAMED_TURNS ?? Math.max(100, Math.round(TURNS * 0.18)));
const CHECK_EVERY = Math.max(1, Number(process.env.FUZZ_CHECK_EVERY ?? 10));
const NOW = new Date("2026-03-02T09:30:00+08:00");
// 1,700 + 306 named + the minimal inputs ≈ 2,000 turns.
const HANDLES = ["zhang.min", "li.wei", "sarah.chen", "tom.baker"]; // a manager (zh) and reps (zh, en, en)
const REPS = ["li.wei", "sarah.chen", "tom.baker"];

/** One independent stream per message, so (seed, index) alone regenerates it. */
const mix = (seed: number, i: number) => (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(i + 1, 0xc2b2ae35)) >>> 0;

// Everything that counts as naming a customer: its search keys (name, aliases, short forms) and its contacts' names
// (a contact stands for their company). Generated text that hits one is regenerated, so set A truly names none.
const NAME_KEYS = [
  ...FIXTURE.customers.flatMap((c: { name: string; aliases?: string[] }) => customerSearchKeys(c.name, c.aliases ?? [])),
  ...FIXTURE.contacts.flatMap((c: { name: string }) => [c.name.toLowerCase(), ...c.name.toLowerCase().split(/\s+/).filter((w) => w.length > 2)]),
] as string[];
const namesCustomer = (text: string) => {
  const t = text.toLowerCase();
  return NAME_KEYS.some((k) => mentions(t, k));
};

const show = (text: string) => (text.length > 240 ? `${JSON.stringify(text.slice(0, 240))}… (${text.length} chars)` : JSON.stringify(text));

const sqlCache = new Map<string, string>();

/** Row count and a digest of every row of every table except the inbox (which must grow by one per turn). */
async function snapshot(db: Db): Promise<Record<string, string>> {
  const sql = sqlCache.get("all") ?? (await snapshotSql(db));
  sqlCache.set("all", sql);
  const rows = await db.$queryRawUnsafe<{ t: string; v: string }[]>(sql);
  return Object.fromEntries(rows.map((r) => [r.t, r.v]));
}

async function snapshotSql(db: Db): Promise<string> {
  const tables = await db.$queryRaw<{ t: string }[]>`
    SELECT table_name::text AS t FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT IN ('InboxMessage', '_prisma_migrations')
     ORDER BY 1`;
  return [
    ...tables.map(({ t }) => `SELECT '${t}' AS t, count(*)::text || ':' || coalesce(md5(string_agg(x::text, ',' ORDER BY x::text)), '') AS v FROM "${t}" x`),
    `SELECT 'inbox' AS t, count(*)::text AS v FROM "InboxMessage"`,
  ].join(" UNION ALL ");
}

let perCustomerSql: string | undefined;
/** Per customer: its owner and a digest of its row and every row that hangs off it (contacts, interactions, …). */
async function perCustomer(db: Db): Promise<Map<number, string>> {
  if (!perCustomerSql) {
    const tables = await db.$queryRaw<{ t: string }[]>`
      SELECT table_name::text AS t FROM information_schema.columns
       WHERE table_schema = current_schema() AND column_name = 'customerId' ORDER BY 1`;
    const children = tables.map(({ t }) => `coalesce((SELECT md5(string_agg(x::text, ',' ORDER BY x.id)) FROM "${t}" x WHERE x."customerId" = c.id), '')`);
    perCustomerSql = `SELECT c.id, c."ownerId" || ':' || md5(c::text || ${children.join(" || ")}) AS v FROM "Customer" c
      UNION ALL SELECT -1, md5(coalesce(string_agg(u::text, ',' ORDER BY u.id), '')) FROM "User" u`;
  }
  const rows = await db.$queryRawUnsafe<{ id: number; v: string }[]>(perCustomerSql);
  return new Map(rows.map((r) => [Number(r.id), r.v]));
}

/** What changed that `actorId` may not change: customers owned by others (or given to others), and users. */
function othersChanged(before: Map<number, string>, after: Map<number, string>, actorId: number): string[] {
  const owner = (v: string | undefined) => Number(v?.split(":")[0]);
  const out: string[] = [];
  for (const [id, v] of before) if ((id < 0 || owner(v) !== actorId) && after.get(id) !== v) out.push(id < 0 ? "users" : `customer ${id}`);
  for (const [id, v] of after) if (!before.has(id) && owner(v) !== actorId) out.push(`new customer ${id} owned by user ${owner(v)}`);
  return out;
}

interface Failure { at: string; user: string; kind: string; text: string; problem: string }

/** One entry per distinct problem (its first example and how often it happened), so one bug doesn't hide the others. */
function summarize(failures: Failure[]) {
  const by = new Map<string, Failure & { times: number }>();
  for (const f of failures) {
    const key = f.problem.replace(/\d+/g, "#").slice(0, 90);
    const seen = by.get(key);
    if (seen) seen.times++;
    else by.set(key, { ...f, times: 1 });
  }
  return [...by.values()];
}

function changed(a: Record<string, string>, b: Record<string, string>): string[] {
  return Object.keys({ ...a, ...b }).filter((k) => a[k] !== b[k]);
}

async function users(f: Awaited<ReturnType<typeof fixtureStore>>, handles: string[]): Promise<Actor[]> {
  const base = await Promise.all(handles.map((h) => f.as(h)));
  // Each user in both locales: the reply language and the rules model's reading both follow it.
  return base.flatMap((a) => [a, { ...a, locale: a.locale === "zh" ? "en" : "zh" } as Actor]);
}

describe("agent fuzz (rules model)", () => {
  let store: Store;
  let actors: Actor[];
  let seq = 0;
  beforeAll(async () => {
    const f = await fixtureStore();
    store = f.store;
    actors = await users(f, HANDLES);
    console.log(`agent fuzz: FUZZ_SEED=${SEED} FUZZ_TURNS=${TURNS} FUZZ_NAMED_TURNS=${NAMED_TURNS} FUZZ_CHECK_EVERY=${CHECK_EVERY}`);
  });

  it(`${TURNS} messages that name no customer: no crash, a reply, no change`, { timeout: 600_000 }, async () => {
    const db = store.prisma;
    const failures: Failure[] = [];
    let before = await snapshot(db);
    let window: { i: number; text: string; threw: boolean }[] = [];
    const kinds: Partial<Record<FuzzKind, number>> = {};
    for (let i = 0; i < TURNS; i++) {
      const r: Rng = prng(mix(SEED, i));
      const kind = pickKind(r);
      let text = fuzzMessage(r, kind);
      for (let tries = 0; namesCustomer(text) && tries < 20; tries++) text = fuzzMessage(r, kind);
      if (namesCustomer(text)) continue;
      kinds[kind] = (kinds[kind] ?? 0) + 1;
      const actor = actors[i % actors.length]!;
      const fail = (problem: string) => failures.push({ at: `seed ${SEED} #${i}`, user: `${actor.handle}/${actor.locale}`, kind, text: show(text), problem });
      let threw = false;
      try {
        const out = await handleTurn({ db }, { platform: "console", externalMessageId: `fuzz-${++seq}`, actor, text, now: NOW });
        if (out.failed) fail(`turn failed (hidden crash): ${(await db.inboxMessage.findUnique({ where: { id: out.inboxId } }))?.error?.split("\n")[0]}`);
        if (!out.reply.trim()) fail("empty reply");
        if (out.mutations.length) fail(`changed something: ${JSON.stringify(out.mutations).slice(0, 300)}`);
      } catch (e) {
        threw = true;
        fail(`threw: ${String(e).replace(/\s+/g, " ").slice(0, 200)}`);
      }
      window.push({ i, text, threw });
      // The whole-store digest costs about as much as a turn, so it runs every CHECK_EVERY turns (FUZZ_CHECK_EVERY=1
      // pins a change to one message); the audit-log mutations above are checked on every turn.
      if (window.length < CHECK_EVERY && i < TURNS - 1) continue;
      const after = await snapshot(db);
      const diff = changed(before, after).filter((t) => t !== "inbox");
      const kept = window.filter((w) => !w.threw).length;
      const grew = Number(after.inbox) - Number(before.inbox);
      const where = { at: `seed ${SEED} #${window[0]!.i}..#${i}`, user: "-", kind: "window", text: window.map((w) => show(w.text).slice(0, 80)).join(" | ") };
      if (diff.length) failures.push({ ...where, problem: `store changed: ${diff.join(", ")}` });
      if (grew !== kept) failures.push({ ...where, problem: `inbox grew by ${grew} for ${kept} messages answered` });
      before = after;
      window = [];
    }
    console.log(`agent fuzz: kinds ${JSON.stringify(kinds)}; ${failures.length} failures`);
    // Enough of every kind actually ran (the name guard didn't silently eat a category).
    expect(Object.values(kinds).reduce((n, k) => n + k, 0)).toBeGreaterThan(TURNS * 0.95);
    expect(summarize(failures)).toEqual([]);
  });

  it(`${NAMED_TURNS} messages naming real customers in noise, as reps: never a change to another owner's customer`, { timeout: 600_000 }, async () => {
    const f = await fixtureStore();
    const db = f.store.prisma;
    const reps = await users(f, REPS);
    const names = [
      ...FIXTURE.customers.flatMap((c: { name: string; aliases?: string[] }) => [c.name, ...(c.aliases ?? [])]),
      ...FIXTURE.contacts.map((c: { name: string }) => c.name),
      "Acme",
    ] as string[];
    const failures: Failure[] = [];
    let ownChanges = 0;
    let before = await perCustomer(db);
    for (let i = 0; i < NAMED_TURNS; i++) {
      const r = prng(mix(SEED ^ 0x5bd1e995, i));
      const actor = reps[i % reps.length]!;
      const text = withCustomer(r, r.pick(names));
      const fail = (problem: string) => failures.push({ at: `seed ${SEED} named #${i}`, user: `${actor.handle}/${actor.locale}`, kind: "named", text: show(text), problem });
      try {
        const out = await handleTurn({ db }, { platform: "console", externalMessageId: `named-${i}`, actor, text, now: NOW });
        if (out.failed) fail(`turn failed (hidden crash): ${(await db.inboxMessage.findUnique({ where: { id: out.inboxId } }))?.error?.split("\n")[0]}`);
        if (!out.reply.trim()) fail("empty reply");
        ownChanges += out.mutations.length ? 1 : 0;
      } catch (e) {
        fail(`threw: ${String(e).replace(/\s+/g, " ").slice(0, 200)}`);
      }
      const after = await perCustomer(db);
      const diff = othersChanged(before, after, actor.id);
      if (diff.length) fail(`changed another owner's data: ${diff.join(", ")}`);
      before = after;
    }
    console.log(`agent fuzz (named): ${ownChanges} turns changed the rep's own customers; ${failures.length} failures`);
    // The set is only meaningful if some of it did reach the domain and write (to the rep's own customers).
    expect(ownChanges).toBeGreaterThan(0);
    expect(summarize(failures)).toEqual([]);
  });
});

// The crashes the fuzz found, one input each, so they are easy to see and to fix.
describe("agent fuzz: minimal inputs", () => {
  let db: Db;
  let sarah: Actor;
  beforeAll(async () => {
    const f = await fixtureStore();
    db = f.store.prisma;
    sarah = await f.as("sarah.chen");
  });
  for (const [name, text] of [
    ["a lone high surrogate", "called \ud800 yesterday"],
    ["a lone low surrogate", "\udc00"],
    ["a NUL character", "abc\u0000def"],
    ["a 100,001-char message whose 100,000-char cut splits an emoji", "a" + "😀".repeat(50_000)],
    // findMentionedCustomers reads the first 4,000 code units: an emoji across that cut leaves a lone surrogate.
    ["a 4,201-char message with an emoji across the 4,000th code unit", "a" + "😀".repeat(2_100)],
    ["a long message naming a customer, an emoji across the 4,000th code unit", `Called Jane at Acme Logistics ${"x".repeat(3_969)}😀 follow up Friday`],
    ["empty", ""],
  ] as const) {
    it(`${name}: answered, kept in the inbox, not failed`, async () => {
      // A throw is reported as its first line: the full Prisma error repeats the whole 100 kB message.
      const out = await handleTurn({ db }, { platform: "console", externalMessageId: `min-${name}`, actor: sarah, text, now: NOW })
        .catch((e: Error) => ({ threw: String(e.message).trim().split("\n").at(-1)!.slice(0, 200) }));
      expect(out).not.toHaveProperty("threw");
      if ("threw" in out) return;
      expect(out.failed).toBe(false);
      expect(out.reply.trim()).not.toBe("");
      expect(await db.inboxMessage.findUnique({ where: { id: out.inboxId } })).toMatchObject({ status: "done" });
    });
  }
});
