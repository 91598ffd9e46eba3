// npm run bench:bots [-- --messages N --users U --concurrency C --store pglite|postgres|both --json]
// Pushes N chat messages through the real Telegram webhook path on loopback (grammY webhook adapter → inbox →
// agent with the built-in rules model → domain → store → reply to a local fake Bot API), with bounded concurrency,
// plus 5% re-delivered duplicates. Reports messages/second and latency percentiles, and verifies nothing was lost or
// doubled: the inbox holds exactly N messages, all done, and the fake API received exactly one reply per message.
// Runs on PGlite, and on PostgreSQL too when DATABASE_URL is set.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { scratchStores } from "../prisma/scratch.ts";
import type { Store } from "../prisma/client.ts";
import { customerSearchKeys } from "../domain/name-keys.ts";
import { botRuntime } from "../bots/conversation.ts";
import { createTelegramBot } from "../bots/telegram/bot.ts";
import { BOT_INFO, postUpdate, startFakeTelegram, textUpdate } from "../tests/bots/fakes/telegram-api.ts";

const { values } = parseArgs({
  options: {
    messages: { type: "string", default: "1000" },
    users: { type: "string", default: "50" },
    concurrency: { type: "string", default: "8" },
    json: { type: "boolean", default: false },
    /** pglite | postgres | both (default: both when DATABASE_URL is set, else pglite). */
    store: { type: "string" },
  },
});
const N = Number(values.messages);
const USERS = Number(values.users);
const CONCURRENCY = Number(values.concurrency);
const SECRET = "bench-webhook-secret-0123456789";
const NOW = new Date("2026-03-02T09:30:00+08:00");

const TEMPLATES = [
  (c: string, p: string) => `Called ${p} at ${c}, worried about price`,
  (c: string, p: string) => `Visited ${c} today, ${p} liked the demo`,
  (c: string, p: string) => `给${c}的${p}打了电话,对交期不满意`,
  (c: string, p: string) => `Emailed ${p} at ${c} the new catalogue`,
  (c: string, p: string) => `拜访了${c},${p}很满意`,
];

async function seed(store: Store) {
  const db = store.prisma;
  const mgr = await db.user.create({ data: { handle: "bench.mgr", name: "Bench Manager", role: "manager" } });
  const people: { tg: number; customers: { name: string; contact: string }[] }[] = [];
  for (let u = 0; u < USERS; u++) {
    const user = await db.user.create({ data: { handle: `rep${u}`, name: `Rep ${u}`, role: "rep", managerId: mgr.id, timezone: "Asia/Shanghai" } });
    const tg = 700_000 + u;
    await db.chatIdentity.create({ data: { platform: "telegram", externalId: String(tg), userId: user.id } });
    const customers: { name: string; contact: string }[] = [];
    for (let k = 0; k < 3; k++) {
      const name = k === 1 ? `华东${u}号机械` : `Northwind ${u}-${k} Trading`;
      const contact = k === 1 ? `王${"芳明华"[u % 3]}` : ["Jane Doe", "Mark Liu", "Kevin Park"][k]!;
      const c = await db.customer.create({ data: { name, ownerId: user.id, searchKeys: customerSearchKeys(name, []), tier: "B", stage: "repeat" } });
      await db.contact.create({ data: { customerId: c.id, name: contact } });
      customers.push({ name, contact: contact.split(" ")[0]! });
    }
    people.push({ tg, customers });
  }
  return people;
}

async function runOn(kind: "pglite" | "postgres") {
  const saved = process.env.DATABASE_URL;
  if (kind === "pglite") delete process.env.DATABASE_URL;
  const scratch = await scratchStores(undefined, kind === "postgres" ? saved : undefined);
  if (saved) process.env.DATABASE_URL = saved;
  const store = await scratch.open();
  const fake = await startFakeTelegram();
  try {
    const people = await seed(store);
    const db = store.prisma;
    const rt = botRuntime({ db, clock: () => NOW });
    const tg = createTelegramBot(rt, { token: "123456:BENCH", apiRoot: fake.apiRoot, botInfo: BOT_INFO, webhook: { url: "https://bench.test/tg", secret: SECRET, path: "/tg" } });
    const server = createServer((req, res) => void tg.webhookHandler!(req, res));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tg`;

    // Message i belongs to user i % USERS; every 20th is sent twice (a Telegram re-delivery).
    const updates = Array.from({ length: N }, (_, i) => {
      const p = people[i % USERS]!;
      const c = p.customers[i % p.customers.length]!;
      return textUpdate({ userId: p.tg, messageId: i + 1, text: TEMPLATES[i % TEMPLATES.length]!(c.name, c.contact), updateId: i + 1 });
    });
    const queue = [...updates, ...updates.filter((_, i) => i % 20 === 0)];
    const latencies: number[] = [];
    let next = 0;
    let errors = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < queue.length) {
          const u = queue[next++]!;
          const s = performance.now();
          const res = await postUpdate(url, SECRET, u);
          if (res.status !== 200) errors++;
          await res.arrayBuffer();
          latencies.push(performance.now() - s);
        }
      }),
    );
    await rt.inFlight.drain(60_000);
    const seconds = (performance.now() - t0) / 1000;
    await new Promise((r) => server.close(r));

    const inbox = await db.inboxMessage.groupBy({ by: ["status"], where: { platform: "telegram" }, _count: true });
    const inboxTotal = inbox.reduce((n, g) => n + g._count, 0);
    const sends = fake.calls.filter((c) => c.method === "sendMessage");
    const perChat = new Map<number, number>();
    for (const s of sends) perChat.set(Number(s.params.chat_id), (perChat.get(Number(s.params.chat_id)) ?? 0) + 1);
    const expectedPerChat = (u: number) => Math.floor(N / USERS) + (u < N % USERS ? 1 : 0);
    const answeredOnce = people.every((p, u) => perChat.get(p.tg) === expectedPerChat(u));
    const interactions = await db.interaction.count();
    latencies.sort((a, b) => a - b);
    const pct = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! * 10) / 10;
    return {
      store: kind,
      messages: N,
      duplicatesSent: queue.length - N,
      concurrency: CONCURRENCY,
      seconds: Math.round(seconds * 100) / 100,
      messagesPerSecond: Math.round((N / seconds) * 10) / 10,
      p50Ms: pct(0.5),
      p95Ms: pct(0.95),
      maxMs: Math.round(latencies.at(-1)! * 10) / 10,
      httpErrors: errors,
      inbox: Object.fromEntries(inbox.map((g) => [g.status, g._count])),
      repliesSent: sends.length,
      interactionsCreated: interactions,
      ok: inboxTotal === N && sends.length === N && answeredOnce && errors === 0 && !inbox.some((g) => g.status !== "done"),
    };
  } finally {
    await fake.close();
    await store.close();
    await scratch.dispose();
  }
}

const which = values.store ?? (process.env.DATABASE_URL ? "both" : "pglite");
if (which !== "pglite" && !process.env.DATABASE_URL) throw new Error("--store postgres needs DATABASE_URL");
const results = [];
if (which === "pglite" || which === "both") results.push(await runOn("pglite"));
if (which === "postgres" || which === "both") results.push(await runOn("postgres"));
if (values.json) process.stdout.write(`${JSON.stringify(results)}\n`);
else
  for (const r of results)
    process.stdout.write(
      `${r.store}: ${r.messages} messages (+${r.duplicatesSent} re-delivered) at concurrency ${r.concurrency} in ${r.seconds}s — ` +
        `${r.messagesPerSecond} msg/s, p50 ${r.p50Ms} ms, p95 ${r.p95Ms} ms, max ${r.maxMs} ms; inbox ${JSON.stringify(r.inbox)}, ` +
        `replies ${r.repliesSent}, interactions ${r.interactionsCreated} — ${r.ok ? "OK: none lost or doubled" : "FAILED"}\n`,
    );
process.exit(results.every((r) => r.ok) ? 0 : 1);
