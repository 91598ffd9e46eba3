// Migrations and schema must agree: the committed migrations applied to one database, and the SQL Prisma generates
// from schema.prisma today applied to another, give the same catalog (tables, columns, types, indexes, constraints).
// A schema edit without its migration (or a hand-edited migration) fails here.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { migrate } from "../../prisma/migrate.ts";

const PRISMA_OFFLINE = { CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };

const CATALOG = {
  columns: `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
              FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
             ORDER BY 1, 2`,
  indexes: `SELECT tablename, indexname, indexdef FROM pg_indexes
             WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1, 2`,
  constraints: `SELECT conrelid::regclass::text AS tbl, conname, contype, pg_get_constraintdef(oid) AS def
                  FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT IN ('_prisma_migrations', '"_prisma_migrations"')
                 ORDER BY 1, 2`,
  enums: `SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY 1, 3`,
};

async function catalog(pg: PGlite) {
  const out: Record<string, unknown[]> = {};
  for (const [k, sql] of Object.entries(CATALOG)) out[k] = (await pg.query(sql)).rows;
  return out;
}

describe("migrations vs schema.prisma", () => {
  it("produce the same catalog", async () => {
    const fromSchema = execFileSync(
      process.execPath,
      ["node_modules/prisma/build/index.js", "migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
      // CHECKPOINT_DISABLE: else the CLI first asks checkpoint.prisma.io for updates and, offline, waits on it.
      { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], env: { ...process.env, ...PRISMA_OFFLINE } },
    );
    expect(fromSchema).toContain("CREATE TABLE");
    const migrated = new PGlite();
    const generated = new PGlite();
    try {
      await migrate(migrated);
      await generated.exec(fromSchema);
      const [a, b] = [await catalog(migrated), await catalog(generated)];
      expect(a.columns!.length).toBeGreaterThan(50);
      expect(a).toEqual(b);
    } finally {
      await migrated.close();
      await generated.close();
    }
    // The CLI spends ~8 s of CPU loading prisma.config.ts and the WebAssembly engine: on a loaded 2-core machine that
    // is a minute of wall time, so this one test gets room beyond the suite's default (it waits on nothing else).
  }, 240_000);
});
