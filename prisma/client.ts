// The one place that opens the store: embedded PGlite in a directory (default), or a PostgreSQL server when
// DATABASE_URL is set. Migrations apply on first use. Only domain/*.repository.ts and this layer touch Prisma.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaClient } from "@prisma/client";
import { migrate } from "./migrate.ts";

export type Db = PrismaClient;

export interface Store {
  prisma: PrismaClient;
  kind: "pglite" | "postgres";
  /** Where the data lives: a directory or a redacted URL. */
  location: string;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** Embedded database directory; ignored when databaseUrl is given. "memory://" keeps it in memory. */
  dir?: string;
  databaseUrl?: string;
  migrate?: boolean;
}

export const DEFAULT_DB_DIR = path.join("data", "guanxi");

export async function openStore(opts: OpenStoreOptions = {}): Promise<Store> {
  // An explicit `databaseUrl: undefined` (the CLI's --db and --demo) means "embedded", even when DATABASE_URL is set.
  const url = "databaseUrl" in opts ? opts.databaseUrl : process.env.DATABASE_URL;
  return url ? openPostgres(url, opts.migrate ?? true) : openPglite(opts.dir ?? DEFAULT_DB_DIR, opts.migrate ?? true);
}

async function openPglite(dir: string, runMigrations: boolean): Promise<Store> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  if (!dir.startsWith("memory://")) mkdirSync(dir, { recursive: true });
  const pg = new PGlite(dir);
  await pg.waitReady;
  if (runMigrations) await migrate(pg);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pg) });
  return {
    prisma,
    kind: "pglite",
    location: dir,
    async close() {
      await prisma.$disconnect();
      await pg.close();
    },
  };
}

async function openPostgres(url: string, runMigrations: boolean): Promise<Store> {
  const { default: pg } = await import("pg");
  const { PrismaPg } = await import("@prisma/adapter-pg");
  if (runMigrations) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await migrate({ query: (s, p) => client.query(s, p as unknown[]) as never, exec: (s) => client.query(s) }, { advisoryLock: true });
    } finally {
      await client.end();
    }
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: Number(process.env.GUANXI_DB_POOL ?? 10) }) });
  return {
    prisma,
    kind: "postgres",
    location: url.replace(/\/\/[^@/]*@/, "//***@"),
    async close() {
      await prisma.$disconnect();
    },
  };
}
