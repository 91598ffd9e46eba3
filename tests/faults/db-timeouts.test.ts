// No silent hangs: a database server that accepts the connection and never answers makes a command fail with one
// line within the configured bound, instead of waiting forever.
import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { guanxi } from "./helpers.ts";

let server: Server;
const held: Socket[] = [];
beforeAll(async () => {
  server = createServer((s) => void held.push(s)); // accepts, reads, never writes
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
});
afterAll(async () => {
  for (const s of held) s.destroy();
  await new Promise((r) => server.close(r));
});

it("DATABASE_URL pointing at a server that never answers: one clear line and exit 1", async () => {
  const { port } = server.address() as AddressInfo;
  const r = await guanxi(["users", "list"], { DATABASE_URL: `postgresql://guanxi:secret@127.0.0.1:${port}/crm`, GUANXI_DB_CONNECT_TIMEOUT_MS: "1500" });
  expect(r.code).toBe(1);
  const lines = r.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toBe(`guanxi users: the database at postgresql://***@127.0.0.1:${port}/crm did not answer within 1.5 s (GUANXI_DB_CONNECT_TIMEOUT_MS)`);
  expect(held.length).toBeGreaterThan(0); // it did reach the silent server
});
