// kill -9 of guanxi processes mid-turn, with restarts: the store's owner dies without closing anything (lock, socket,
// PGlite's WAL), the next process takes the store over, and every acknowledged write is stored exactly once.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acknowledges, chat, figures, preparedStores, sleep, start, storedTags, type Chat, type Proc } from "./helpers.ts";
import { startFakeTelegram, type FakeTelegram } from "../bots/fakes/telegram-api.ts";

let stores: Awaited<ReturnType<typeof preparedStores>>;
let fake: FakeTelegram;
beforeAll(async () => {
  [stores, fake] = await Promise.all([preparedStores(), startFakeTelegram()]);
});
afterAll(async () => {
  stores?.dispose();
  await fake?.close();
});

const ownerPid = (db: string): number | null => {
  try {
    return (JSON.parse(readFileSync(path.join(db, "guanxi-owner.json"), "utf8")) as { pid: number }).pid;
  } catch {
    return null;
  }
};

/** A chat that is restarted whenever it dies, sending tagged messages until told to stop. */
function writer(db: string, as: string, run: string, sent: string[], acked: Set<string>) {
  let c: Chat = chat(db, as);
  let stop = false;
  let n = 0;
  const done = (async () => {
    while (!stop) {
      const tag = `tag-${run}-${++n}`;
      sent.push(tag);
      const r = await c.send(`Called ${c.customer}, talked about ${tag}`);
      if (acknowledges(r, tag)) acked.add(tag);
      else if (r === null || c.proc.child.exitCode !== null || c.proc.child.signalCode !== null) c = chat(db, as); // died: start again
    }
    await c.end();
  })();
  return {
    get proc(): Proc {
      return c.proc;
    },
    async finish() {
      stop = true;
      await done;
    },
  };
}

describe("kill -9 with restarts", () => {
  it("kill -9 loop on `guanxi chat` (the store's owner) mid-turn: no acknowledged write lost or doubled", async () => {
    const db = stores.fresh();
    const sent: string[] = [];
    const acked = new Set<string>();
    let n = 0;
    for (let round = 0; round < 4; round++) {
      const c = chat(db, "sarah.chen");
      for (let i = 0; i < 3; i++) {
        const tag = `tag-kchat-${++n}`;
        sent.push(tag);
        if (acknowledges(await c.send(`Called ${c.customer}, talked about ${tag}`), tag)) acked.add(tag);
      }
      // One more message, killed while its turn runs.
      const tag = `tag-kchat-${++n}`;
      sent.push(tag);
      const pending = c.send(`Called ${c.customer}, talked about ${tag}`);
      await sleep(5 + round * 15);
      await c.proc.kill9();
      if (acknowledges(await pending, tag)) acked.add(tag);
    }
    const f = figures("kill -9 loop on chat", sent, acked, await storedTags(db, "tag-kchat-"));
    expect(f.acknowledged).toBeGreaterThanOrEqual(12);
    expect(f.lost).toBe(0);
    expect(f.doubled).toBe(0);
  });

  it("kill -9 loop on the owner (serve, then whoever took over) while two chats write through it: no acknowledged write lost or doubled", async () => {
    const db = stores.fresh();
    const env = { TELEGRAM_BOT_TOKEN: "123456:TEST-token", TELEGRAM_API_ROOT: fake.apiRoot };
    let serve = start(["serve", "--db", db], env);
    await serve.waitFor(/serve\.ready/);
    const sent: string[] = [];
    const acked = new Set<string>();
    const a = writer(db, "sarah.chen", "kown-a", sent, acked);
    const b = writer(db, "li.wei", "kown-b", sent, acked);
    const kills: string[] = [];
    // Both keep writing through the current owner; a writer that stops answering fails the test with what it printed.
    const fourMore = async () => {
      const before = acked.size;
      for (let i = 0; acked.size < before + 4; i++) {
        if (i > 600)
          throw new Error(
            `no progress for 60 s (acknowledged ${acked.size}, owner ${ownerPid(db)}; serve ${serve.pid}: ${serve.stderr.slice(-3).join(" | ")}; ` +
              `chat a ${a.proc.pid} (exit ${a.proc.child.exitCode}): ${a.proc.stderr.slice(-3).join(" | ")}; chat b ${b.proc.pid} (exit ${b.proc.child.exitCode}): ${b.proc.stderr.slice(-3).join(" | ")})`,
          );
        await sleep(100);
      }
    };
    for (let round = 0; round < 3; round++) {
      await fourMore();
      const pid = ownerPid(db);
      const victim = pid === serve.pid ? "serve" : pid === a.proc.pid ? "chat a" : pid === b.proc.pid ? "chat b" : `pid ${pid}`;
      kills.push(victim);
      if (victim === "serve") {
        await serve.kill9();
        serve = start(["serve", "--db", db], env); // restarted: it joins whoever owns the store now
      } else if (pid) process.kill(pid, "SIGKILL"); // the writer restarts its chat
    }
    await fourMore();
    await Promise.all([a.finish(), b.finish()]);
    await serve.waitFor(/serve\.ready/);
    expect(await serve.stop()).toBe(0);
    process.stdout.write(`[faults] owners killed in turn: ${kills.join(", ")}\n`);
    expect(kills[0]).toBe("serve");
    const f = figures("kill -9 loop on the owner (serve + 2 chats)", sent, acked, await storedTags(db, "tag-kown-"));
    expect(f.acknowledged).toBeGreaterThanOrEqual(16);
    expect(f.lost).toBe(0);
    expect(f.doubled).toBe(0);
  });
});
