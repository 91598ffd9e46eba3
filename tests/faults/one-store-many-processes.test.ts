// Several guanxi commands on one embedded store: one owns it, the others go through its socket, and nothing an
// acknowledged write stored is lost or doubled — including when the owner stops or is killed mid-run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { acknowledges, chat, figures, guanxi, preparedStores, start, storedTags, type Chat } from "./helpers.ts";
import { startFakeTelegram, textUpdate, type FakeTelegram } from "../bots/fakes/telegram-api.ts";
import { openStore } from "../../prisma/client.ts";

let stores: Awaited<ReturnType<typeof preparedStores>>;
let fake: FakeTelegram;
beforeAll(async () => {
  [stores, fake] = await Promise.all([preparedStores(), startFakeTelegram()]);
});
afterAll(async () => {
  stores?.dispose();
  await fake?.close();
});

const owner = (db: string) => JSON.parse(readFileSync(path.join(db, "guanxi-owner.json"), "utf8")) as { pid: number; command: string };

/** Sends `n` tagged messages through `c` (about an account of `as`), recording what was acknowledged. */
async function write(c: Chat, run: string, n: number, sent: string[], acked: Set<string>) {
  for (let i = 1; i <= n; i++) {
    const tag = `tag-${run}-${i}`;
    sent.push(tag);
    const r = await c.send(`Called ${c.customer}, talked about ${tag}`);
    if (acknowledges(r, tag)) acked.add(tag);
  }
}

const serveEnv = () => ({ TELEGRAM_BOT_TOKEN: "123456:TEST-token", TELEGRAM_API_ROOT: fake.apiRoot });

describe("one embedded store, many guanxi processes", () => {
  it("two `guanxi chat` on one --db writing at once: every acknowledged write stored exactly once", async () => {
    const db = stores.fresh();
    const a = chat(db, "sarah.chen");
    const b = chat(db, "li.wei");
    const sent: string[] = [];
    const acked = new Set<string>();
    await Promise.all([write(a, "two-a", 15, sent, acked), write(b, "two-b", 15, sent, acked)]);
    expect(await a.end()).toBe(0);
    expect(await b.end()).toBe(0);
    const f = figures("two chats on one store", sent, acked, await storedTags(db, "tag-two-"));
    expect(f.acknowledged).toBe(30);
    expect(f.lost).toBe(0);
    expect(f.doubled).toBe(0);
  });

  it("serve owns the store; users link/invite, import, digest, export and chat run beside it; all of it is there after serve stops", async () => {
    const db = stores.fresh();
    const serve = start(["serve", "--db", db], serveEnv());
    await serve.waitFor(/serve\.ready/);
    expect(owner(db).pid).toBe(serve.pid);

    const file = path.join(path.dirname(db), `import-${path.basename(db)}.json`);
    writeFileSync(file, JSON.stringify({ version: 1, customers: [{ name: "Side Door Ltd", owner: "tom.baker", tier: "C", stage: "prospect", tags: [] }] }));
    const out = path.join(path.dirname(db), `export-${path.basename(db)}.json`);
    const c = chat(db, "sarah.chen");
    const sent: string[] = [];
    const acked = new Set<string>();
    // All at once, beside serve: each command is a client of serve's socket.
    const [link, invite, imp, digest, exp] = await Promise.all([
      guanxi(["users", "link", "tom.baker", "--platform", "telegram", "--id", "777001", "--db", db]),
      guanxi(["users", "invite", "sarah.chen", "--db", db]),
      guanxi(["import", file, "--db", db]),
      guanxi(["digest", "--as", "zhang.min", "--db", db]),
      guanxi(["export", "--out", out, "--db", db]),
      write(c, "beside-serve", 8, sent, acked),
    ]);
    expect(link.stdout).toContain("Linked telegram 777001 to tom.baker");
    const code = invite.stdout.match(/Invite code for sarah\.chen: (\S+)/)?.[1];
    expect(code, invite.stderr).toBeTruthy();
    expect(imp.stdout).toContain("customers: 1 created");
    expect(digest.code, digest.stderr).toBe(0);
    expect(exp.code, exp.stderr).toBe(0);
    expect(JSON.parse(readFileSync(out, "utf8")).users.length).toBeGreaterThan(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(await c.end()).toBe(0);

    // The bot sees what the other processes wrote: the user `users link` linked is served, the invite redeems.
    fake.pending.push(textUpdate({ userId: 777001, messageId: 1, text: "Called Northwind Traders, talked about tag-beside-serve-tg" }));
    fake.pending.push(textUpdate({ userId: 777002, messageId: 2, text: code! }));
    await serve.waitFor(/identity\.linked.*sarah\.chen/);
    for (let i = 0; i < 600 && !fake.calls.some((x) => x.method === "sendMessage" && x.params.chat_id == 777001); i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(fake.calls.find((x) => x.method === "sendMessage" && x.params.chat_id == 777001)?.params.text).toMatch(/Logged/);

    expect(await serve.stop()).toBe(0);
    const f = figures("chat beside serve", sent, acked, await storedTags(db, "tag-beside-serve-"));
    expect(f.acknowledged).toBe(8);
    expect(f.lost).toBe(0);
    expect(f.doubled).toBe(0);
    const store = await openStore({ dir: db, databaseUrl: undefined });
    try {
      const ids = await store.prisma.chatIdentity.findMany({ include: { user: true } });
      const linked = ids.map((i) => `${i.user.handle}=${i.platform}:${i.externalId}`);
      expect(linked).toContain("tom.baker=telegram:777001");
      expect(linked).toContain("sarah.chen=telegram:777002");
      expect(await store.prisma.customer.count({ where: { name: "Side Door Ltd" } })).toBe(1);
      expect(await store.prisma.interaction.count({ where: { summary: { contains: "tag-beside-serve-tg" } } })).toBe(1);
    } finally {
      await store.close();
    }
  });

  it("the owner stops while another command writes: the other takes the store over and loses nothing", async () => {
    const db = stores.fresh();
    const first = chat(db, "sarah.chen");
    const sent: string[] = [];
    const acked = new Set<string>();
    await write(first, "handover-1", 3, sent, acked);
    const second = chat(db, "li.wei");
    await write(second, "handover-2", 3, sent, acked);
    expect(owner(db).pid).toBe(first.proc.pid);
    expect(await first.end()).toBe(0); // the owner leaves; `second` keeps going
    await write(second, "handover-3", 5, sent, acked);
    expect(owner(db).pid).toBe(second.proc.pid);
    expect(await second.end()).toBe(0);
    const f = figures("owner leaves mid-run", sent, acked, await storedTags(db, "tag-handover-"));
    expect(f.acknowledged).toBe(11);
    expect(f.lost).toBe(0);
    expect(f.doubled).toBe(0);
  });

  it("a live owner that does not answer: the command says at once which process holds the store", async () => {
    const db = stores.fresh();
    const c = chat(db, "sarah.chen");
    await c.send("hello");
    c.proc.child.kill("SIGSTOP"); // alive, holding the lock, silent
    try {
      const r = await guanxi(["users", "list", "--db", db], { GUANXI_STORE_SILENT_MS: "500" });
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toContain(`process ${c.proc.pid} (guanxi chat --json --as sarah.chen`);
      expect(r.stderr).toContain(`kill ${c.proc.pid}`);
    } finally {
      c.proc.child.kill("SIGCONT");
    }
    expect(await c.end()).toBe(0);
  });
});
