// The eval fixture company (tests/fixtures/fixture.json, a copy of shared/eval/fixture.json) in a fresh store,
// imported through the real import path.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { importData } from "../../domain/import-data.ts";
import { findUserByHandle } from "../../domain/users.ts";
import type { Actor } from "../../domain/context.ts";
import type { Store } from "../../prisma/client.ts";
import { freshStore } from "./store.ts";

export const FIXTURE = JSON.parse(readFileSync(fileURLToPath(new URL("../fixtures/fixture.json", import.meta.url)), "utf8"));

export async function fixtureStore(): Promise<{ store: Store; as(handle: string): Promise<Actor> }> {
  const store = await freshStore();
  const r = await importData(store.prisma, FIXTURE);
  if (r.bad.length) throw new Error(`fixture import: ${JSON.stringify(r.bad[0])}`);
  return { store, as: (h) => findUserByHandle(store.prisma, h) };
}
