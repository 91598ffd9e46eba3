// Throw-away stores for tests and the evaluation: a prepared template (migrated, optionally seeded) that is cloned
// cheaply for each use — a PGlite data-dir dump on the embedded path, `CREATE DATABASE … TEMPLATE` on a server.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { PrismaClient } from "@prisma/client";
import { migrate } from "./migrate.ts";
import type { Store } from "./client.ts";

export interface ScratchStores {
  kind: "pglite" | "postgres";
  open(): Promise<Store>;
  dispose(): Promise<void>;
}

const rand = () => randomBytes(5).toString("hex");

export async function scratchStores(prepare?: (store: Store) => Promise<void>, databaseUrl = process.env.DATABASE_URL): Promise<ScratchStores> {
  return databaseUrl ? pgScratch(databaseUrl, prepare) : pgliteScratch(prepare);
}

async function pgliteScratch(prepare?: (store: Store) => Promise<void>): Promise<ScratchStores> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const wrap = (pg: InstanceType<typeof PGlite>): Store => {
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pg) });
    return {
      prisma,
      kind: "pglite",
      location: "memory://",
      async close() {
        await prisma.$disconnect();
        await pg.close();
      },
    };
  };
  // A migrated template dumped once per test run (tests/global-setup.ts) saves initialising PGlite for every file.
  const template = process.env.GUANXI_PGLITE_TEMPLATE;
  const base = template && existsSync(template) ? new PGlite({ loadDataDir: new Blob([readFileSync(template)]) }) : new PGlite();
  await migrate(base);
  const baseStore = wrap(base);
  if (prepare) await prepare(baseStore);
  const dump = await base.dumpDataDir("none");
  await baseStore.close();
  return {
    kind: "pglite",
    async open() {
      const pg = new PGlite({ loadDataDir: dump });
      await pg.waitReady;
      return wrap(pg);
    },
    async dispose() {},
  };
}

function withDb(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

async function pgScratch(url: string, prepare?: (store: Store) => Promise<void>): Promise<ScratchStores> {
  const { default: pg } = await import("pg");
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const admin = async <T>(fn: (c: InstanceType<typeof pg.Client>) => Promise<T>) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  const template = `gx_tpl_${rand()}`;
  await admin((c) => c.query(`CREATE DATABASE "${template}"`));
  const tplUrl = withDb(url, template);
  const t = new pg.Client({ connectionString: tplUrl });
  await t.connect();
  await migrate({ query: (s, p) => t.query(s, p as unknown[]) as never, exec: (s) => t.query(s) });
  await t.end();
  if (prepare) {
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: tplUrl, max: 4 }) });
    await prepare({ prisma, kind: "postgres", location: tplUrl, close: () => prisma.$disconnect() });
    await prisma.$disconnect();
  }
  const open: string[] = [];
  return {
    kind: "postgres",
    async open() {
      const name = `gx_${rand()}`;
      await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
      open.push(name);
      const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: withDb(url, name), max: 4 }) });
      return {
        prisma,
        kind: "postgres",
        location: withDb(url, name),
        async close() {
          await prisma.$disconnect();
          await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
        },
      };
    },
    async dispose() {
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`));
    },
  };
}
