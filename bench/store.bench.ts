// npm run bench:store — imports a generated company of 10,000 customers and 100,000 interactions (plus contacts,
// orders, follow-ups) into a fresh PGlite store, and into a scratch PostgreSQL database when DATABASE_URL is set;
// then imports it again (everything unchanged) and exports it. Prints wall time and peak RSS.
import { scratchStores } from "../prisma/scratch.ts";
import { importData } from "../domain/import-data.ts";
import { exportData, exportText } from "../domain/export-data.ts";
import { benchUsers, generateCompany } from "./generate.ts";

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 10_000);
const INTERACTIONS = Number(process.env.BENCH_INTERACTIONS ?? 100_000);

const company = () =>
  generateCompany({ customers: CUSTOMERS, interactions: INTERACTIONS, users: benchUsers(20), owners: Array.from({ length: 20 }, (_, i) => `rep${i + 1}`) });

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
