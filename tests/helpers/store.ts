// Every integration test runs on PGlite by default and on the PostgreSQL server when DATABASE_URL is set (CI does both).
import { afterAll } from "vitest";
import { scratchStores, type ScratchStores } from "../../prisma/scratch.ts";
import type { Store } from "../../prisma/client.ts";

let shared: Promise<ScratchStores> | undefined;
const opened: Store[] = [];

/** A fresh, migrated, empty store, closed (and on a server dropped) after the file's tests. */
export async function freshStore(): Promise<Store> {
  shared ??= scratchStores();
  const s = await (await shared).open();
  opened.push(s);
  return s;
}

afterAll(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close().catch(() => {})));
  if (shared) await (await shared).dispose();
  shared = undefined;
});
