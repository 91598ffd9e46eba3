// The one place that opens the store: embedded PGlite in a directory (default), or a PostgreSQL server when
// DATABASE_URL is set. Migrations apply on first use. Only domain/*.repository.ts and this layer touch Prisma.
import path from "node:path";
import { PrismaClient } from "@prisma/client";
import { migrate } from "./migrate.ts";
import { claimStore } from "./store-owner.ts";
import { StorePool } from "./store-client.ts";
import { dbTimeouts, describeDbFailure } from "./db-timeouts.ts";

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
  if (dir.startsWith("memory://")) {
    const pg = new PGlite(dir);
    await pg.waitReady;
    if (runMigrations) await migrate(pg);
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pg) });
    return { prisma, kind: "pglite", location: dir, close: async () => (await prisma.$disconnect(), await pg.close()) };
  }
  // A directory has one owner process (prisma/store-owner.ts). The owner queries PGlite directly (fast); any other
  // guanxi process reaches the store through the owner's socket, and takes it over if the owner leaves.
  const claim = await claimStore(dir, { migrate: runMigrations });
  if (claim.role === "owner") {
    const owned = claim.owned;
    return storeOf(new PrismaClient({ adapter: new PrismaPGlite(owned.pg) }), "pglite", dir, () => owned.close());
  }
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const pool = new StorePool(claim.paths, runMigrations);
  return storeOf(new PrismaClient({ adapter: new PrismaPg(pool as unknown as import("pg").Pool) }), "pglite", dir, () => pool.close());
}

/** A store: its client, and a close that disconnects Prisma first and then what is under it. */
function storeOf(prisma: PrismaClient, kind: Store["kind"], location: string, closeUnder: () => Promise<void> = async () => {}): Store {
  return {
    prisma,
    kind,
    location,
    async close() {
      await prisma.$disconnect();
      await closeUnder();
    },
  };
}

async function openPostgres(url: string, runMigrations: boolean): Promise<Store> {
  const { default: pg } = await import("pg");
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const t = dbTimeouts();
  const where = redact(url);
  if (runMigrations) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: t.connectMs, query_timeout: t.queryMs });
    try {
      await client.connect();
    } catch (e) {
      await client.end().catch(() => {});
      throw new Error(describeDbFailure(where, e, t));
    }
    try {
      await migrate({ query: (s, p) => client.query(s, p as unknown[]) as never, exec: (s) => client.query(s) }, { advisoryLock: true });
    } catch (e) {
      throw /timeout/i.test((e as Error).message) ? new Error(describeDbFailure(where, e, t)) : e;
    } finally {
      await client.end().catch(() => {});
    }
  }
  const prisma = new PrismaClient({
    adapter: new PrismaPg({
      connectionString: url,
      max: Number(process.env.GUANXI_DB_POOL ?? 10),
      connectionTimeoutMillis: t.connectMs,
      query_timeout: t.queryMs,
    }),
  });
  return storeOf(prisma, "postgres", where);
}

const redact = (url: string) => url.replace(/\/\/[^@/]*@/, "//***@");
