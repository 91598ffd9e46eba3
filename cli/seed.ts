// guanxi seed --demo: loads the demo company (prisma/demo/company.json) into the chosen store, dated relative to
// today so the demo never goes stale. `guanxi chat --demo` calls ensureDemoStore on first use of ./data/demo.
import { readFileSync } from "node:fs";
import { clock, openCliStore, parse, UsageError } from "./args.ts";
import type { Store } from "../prisma/client.ts";
import { importData, summarizeImport, type ImportResult } from "../domain/import-data.ts";
import type { ImportDocument } from "../domain/import-rows.ts";

export const DEMO_FILE = new URL("../prisma/demo/company.json", import.meta.url);
const DAY = 86_400_000;

/** "@-3d 06:00" → 06:00 UTC three days before now's day; "@bday+4d" → a birthday four days from now (1984, a leap year). */
export function resolveDemoDates<T>(value: T, now: Date): T {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    if (typeof v !== "string" || !v.startsWith("@")) return v;
    const bday = /^@bday([+-]\d+)d$/.exec(v);
    if (bday) return `1984-${new Date(today + Number(bday[1]) * DAY).toISOString().slice(5, 10)}`;
    const m = /^@([+-]\d+)d(?: (\d{2}):(\d{2}))?$/.exec(v);
    if (!m) return v;
    return new Date(today + Number(m[1]) * DAY + Number(m[2] ?? 0) * 3600_000 + Number(m[3] ?? 0) * 60_000).toISOString();
  };
  return walk(value) as T;
}

export function demoDocument(now: Date): ImportDocument {
  const raw = JSON.parse(readFileSync(DEMO_FILE, "utf8")) as ImportDocument & { _about?: string };
  delete raw._about;
  return resolveDemoDates(raw, now);
}

/**
 * Seeds the demo company unless it is already there (all its users exist). Seeding again on another day would
 * otherwise add a second, shifted copy of its history, so "already there" means "leave it alone".
 */
export async function ensureDemoStore(store: Store, now: Date = new Date()): Promise<{ seeded: boolean; result?: ImportResult }> {
  const doc = demoDocument(now);
  const handles = ((doc.users ?? []) as { handle: string }[]).map((u) => u.handle);
  const present = await store.prisma.user.count({ where: { handle: { in: handles } } });
  if (present === handles.length) return { seeded: false };
  const result = await importData(store.prisma, doc, { file: "demo/company.json", now });
  return { seeded: true, result };
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { demo: { type: "boolean" } }, true);
  if (values.help) {
    process.stdout.write("usage: guanxi seed --demo [--db DIR] [--now ISO]\n  loads a small demo company (4 users, 15 customers with history) so you can try the bot at once\n");
    return 0;
  }
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (!values.demo) throw new UsageError("seed needs --demo (the only data set there is): guanxi seed --demo");
  const now = clock(values.now);
  const store = await openCliStore({ db: values.db });
  try {
    const r = await ensureDemoStore(store, now);
    if (!r.seeded) {
      process.stdout.write(`The demo company is already loaded in ${store.location}.\n`);
      return 0;
    }
    process.stdout.write(`Loaded the demo company into ${store.location}:\n`);
    for (const line of summarizeImport(r.result!)) process.stdout.write(`  ${line}\n`);
    process.stdout.write('Try it: guanxi chat --as chen.jing   (or --as wang.lei, the manager; david.zhou and emily.ross write in English)\n');
    return 0;
  } finally {
    await store.close();
  }
}
