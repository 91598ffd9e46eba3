// Once per test run: a migrated empty PGlite data directory, dumped to a file that every test file's scratch stores
// start from — so each file loads a dump (~0.5 s) instead of initialising and migrating PGlite (~3.5 s).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { migrate } from "../prisma/migrate.ts";

export default async function setup() {
  if (process.env.DATABASE_URL) return;
  const dir = mkdtempSync(path.join(tmpdir(), "guanxi-test-"));
  const pg = new PGlite();
  await migrate(pg);
  const dump = await pg.dumpDataDir("none");
  await pg.close();
  const file = path.join(dir, "migrated.tar");
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  process.env.GUANXI_PGLITE_TEMPLATE = file;
  return () => rmSync(dir, { recursive: true, force: true });
}
