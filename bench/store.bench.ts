// npm run bench:store — imports a generated company of 10,000 customers and 100,000 interactions (plus contacts,
// orders, follow-ups) into a fresh PGlite store, and into a scratch PostgreSQL database when DATABASE_URL is set;
// then imports it again (everything unchanged) and exports it. Prints wall time and peak RSS.
import { scratchStores } from "../prisma/scratch.ts";
import { importData } from "../domain/import-data.ts";
import { exportData, exportText } from "../domain/export-data.ts";
import type { ImportDocument } from "../domain/import-rows.ts";

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 10_000);
const INTERACTIONS = Number(process.env.BENCH_INTERACTIONS ?? 100_000);

function company(): ImportDocument {
  const users = Array.from({ length: 21 }, (_, i) =>
    i === 0
      ? { handle: "boss", name: "Boss", role: "manager", timezone: "Asia/Shanghai", locale: "zh", identities: [] }
      : { handle: `rep${i}`, name: `Rep ${i}`, role: "rep", manager: "boss", timezone: i % 2 ? "Asia/Shanghai" : "America/New_York", locale: i % 2 ? "zh" : "en", identities: [] },
  );
  const start = Date.UTC(2024, 0, 1);
  const day = 86_400_000;
  const customers = Array.from({ length: CUSTOMERS }, (_, i) => ({
    name: i % 2 ? `客户${i}有限公司` : `Customer ${i} Ltd`,
    aliases: i % 3 ? [] : [`C${i}`],
    owner: `rep${(i % 20) + 1}`,
    tier: "ABCD"[i % 4],
    stage: "repeat",
    industry: "manufacturing",
    region: "上海",
    tags: [],
    createdAt: new Date(start + (i % 300) * day).toISOString(),
  }));
  const contacts = customers.map((c, i) => ({ customer: c.name, name: `Contact ${i}`, title: "Buyer", email: `c${i}@example.com` }));
  const kinds = ["call", "visit", "meeting", "email", "message"];
  const interactions = Array.from({ length: INTERACTIONS }, (_, i) => {
    const c = i % CUSTOMERS;
    return {
      customer: customers[c]!.name,
      user: customers[c]!.owner,
      kind: kinds[i % 5],
      occurredAt: new Date(start + (i % 700) * day + (i % 24) * 3600_000).toISOString(),
      summary: `Talked about order ${i}`,
      sentiment: ["positive", "neutral", "negative"][i % 3],
      ...(i % 4 === 0 ? { contact: `Contact ${c}` } : {}),
    };
  });
  const orders = Array.from({ length: CUSTOMERS * 2 }, (_, i) => ({
    customer: customers[i % CUSTOMERS]!.name,
    amount: 1000 + (i % 97) * 250,
    currency: "CNY",
    orderedAt: new Date(start + (i % 650) * day).toISOString(),
  }));
  const followUps = Array.from({ length: CUSTOMERS }, (_, i) => ({
    customer: customers[i]!.name,
    owner: customers[i]!.owner,
    dueAt: new Date(start + (700 + (i % 30)) * day).toISOString(),
    title: `Follow up ${i}`,
    status: "open",
  }));
  return { version: 1, users, customers, contacts, interactions, orders, followUps } as ImportDocument;
}

let peak = 0;
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
const mb = (n: number) => `${Math.round(n / 1048576)} MB`;

async function time<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const r = await fn();
  console.log(`  ${label.padEnd(34)} ${((performance.now() - t) / 1000).toFixed(1)} s   (peak RSS so far ${mb(Math.max(peak, process.memoryUsage().rss))})`);
  return r;
}

async function bench(kind: string, databaseUrl: string | undefined) {
  console.log(`${kind}: ${CUSTOMERS} customers, ${INTERACTIONS} interactions, ${CUSTOMERS} contacts, ${CUSTOMERS * 2} orders, ${CUSTOMERS} follow-ups`);
  const doc = company();
  const scratch = await scratchStores(undefined, databaseUrl);
  const store = await scratch.open();
  try {
    const first = await time("import into an empty store", () => importData(store.prisma, doc));
    if (first.bad.length) throw new Error(`bad rows: ${JSON.stringify(first.bad.slice(0, 3))}`);
    const again = await time("import again (all unchanged)", () => importData(store.prisma, doc));
    const changed = Object.values(again.counts).reduce((n, c) => n + c.created + c.updated, 0);
    if (changed) throw new Error(`second import changed ${changed} rows`);
    const text = await time("export", async () => exportText(await exportData(store.prisma)));
    console.log(`  export size                        ${mb(text.length)}`);
  } finally {
    await store.close();
    await scratch.dispose();
  }
}

await bench("PGlite", undefined);
if (process.env.DATABASE_URL) await bench("PostgreSQL", process.env.DATABASE_URL);
clearInterval(sample);
console.log(`peak RSS ${mb(Math.max(peak, process.memoryUsage().rss))}`);
