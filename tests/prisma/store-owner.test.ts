// One owner per embedded store directory, in one process for speed (the fault suite runs it across real processes):
// a second opener goes through the owner's socket, units of work never interleave, the store is private, and when
// the owner closes the other takes the store over with nothing lost.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "../../prisma/client.ts";

const root = mkdtempSync(path.join(tmpdir(), "guanxi-owner-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const open = (dir: string) => openStore({ dir, databaseUrl: undefined });
const addUser = (s: Store, handle: string) => s.prisma.user.create({ data: { handle, name: handle, role: "rep" } });

function loose(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isSocket()) continue;
      if (statSync(p).mode & 0o077) out.push(p);
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

describe("one owner per embedded store", { timeout: 180_000 }, () => {
  it("serves a second opener through its socket, keeps units of work apart, hands the store over on close; the directory is private", async () => {
    const dir = path.join(root, "store");
    const umask = process.umask(0o022);
    let owner: Store | undefined;
    let client: Store | undefined;
    try {
      owner = await open(dir);
      expect(JSON.parse(readFileSync(path.join(dir, "guanxi-owner.json"), "utf8")).pid).toBe(process.pid);
      client = await open(dir);

      // The owner's transaction is open (and later fails) while the client writes: the client's write waits for it
      // instead of landing inside it, so the rollback takes only the owner's row.
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const tx = owner.prisma
        .$transaction(async (t) => {
          await t.user.create({ data: { handle: "rolled.back", name: "x", role: "rep" } });
          await held;
          throw new Error("abandon");
        })
        .catch((e: Error) => e.message);
      const clientWrite = addUser(client, "from.client");
      await new Promise((r) => setTimeout(r, 300));
      release();
      expect(await tx).toBe("abandon");
      await clientWrite;
      expect((await owner.prisma.user.findMany({ orderBy: { handle: "asc" } })).map((u) => u.handle)).toEqual(["from.client"]);

      // The owner leaves: the client's next statement takes the store over.
      await owner.close();
      owner = undefined;
      await addUser(client, "after.handover");
      expect(JSON.parse(readFileSync(path.join(dir, "guanxi-owner.json"), "utf8")).pid).toBe(process.pid);
      await client.close();
      client = undefined;

      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(loose(dir)).toEqual([]);
      const again = await open(dir);
      try {
        expect((await again.prisma.user.findMany({ orderBy: { handle: "asc" } })).map((u) => u.handle)).toEqual(["after.handover", "from.client"]);
      } finally {
        await again.close();
      }
      expect(readdirSync(dir).filter((f) => f.startsWith("guanxi") || f.startsWith(".s.PGSQL"))).toEqual([]);
    } finally {
      process.umask(umask);
      await client?.close().catch(() => {});
      await owner?.close().catch(() => {});
    }
  });
});
