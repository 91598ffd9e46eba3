// Turn latency on an embedded store: the owner (PGlite in-process) against a second process's path (the owner's
// Unix socket through @prisma/adapter-pg). Both run here, in one process, on the fixture company: the client figure
// includes the owner's side of the socket, as it would in the owning process.
//   npm run bench:socket [-- --turns 40]
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { openStore, type Store } from "../prisma/client.ts";
import { importData } from "../domain/import-data.ts";
import { handleTurn } from "../agent/turn.ts";
import { actorByHandle, turnDepsFromEnv } from "../agent/session.ts";

const { values } = parseArgs({ options: { turns: { type: "string", default: "40" } } });
const turns = Number(values.turns);
const dir = mkdtempSync(path.join(tmpdir(), "guanxi-bench-socket-"));
delete process.env.OPENAI_API_KEY; // the rules model: the store's cost, not an LLM's

async function run(store: Store, label: string) {
  const actor = await actorByHandle(store.prisma, "sarah.chen");
  const deps = turnDepsFromEnv(store.prisma);
  const ms: number[] = [];
  for (let i = 0; i < turns + 5; i++) {
    const t = performance.now();
    await handleTurn(deps, { platform: "console", externalMessageId: randomUUID(), actor, text: `Called Acme Logistics, talked about pricing ${label} ${i}`, now: new Date() });
    if (i >= 5) ms.push(performance.now() - t); // the first turns warm caches and JIT
  }
  ms.sort((a, b) => a - b);
  const q = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]!.toFixed(1);
  return { label, turns, p50: q(0.5), p95: q(0.95) };
}

try {
  const owner = await openStore({ dir, databaseUrl: undefined });
  const fixture = JSON.parse(readFileSync(path.join(import.meta.dirname, "../tests/fixtures/fixture.json"), "utf8"));
  await importData(owner.prisma, fixture);
  const client = await openStore({ dir, databaseUrl: undefined });
  const rows = [await run(owner, "owner (PGlite direct)"), await run(client, "client (owner's socket)")];
  for (const r of rows) console.log(`${r.label.padEnd(26)} turns ${r.turns}  p50 ${r.p50} ms  p95 ${r.p95} ms`);
  await client.close();
  await owner.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
