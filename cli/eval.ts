// npm run eval -- --fixture F --cases C [--out R]: each case on a fresh copy of the fixture, with the clock at the
// case's `now`; one result line per case (CONTRACT §3). The fixture is imported once into a template store.
import { readFileSync, writeFileSync } from "node:fs";
import { parse, UsageError } from "./args.ts";
import { scratchStores } from "../prisma/scratch.ts";
import { importData } from "../domain/import-data.ts";
import { handleTurn } from "../agent/turn.ts";
import { actorByHandle, turnDepsFromEnv } from "../agent/session.ts";

interface Case {
  id: string;
  as: string;
  now: string;
  text?: string;
  turns?: string[];
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, { fixture: { type: "string" }, cases: { type: "string" }, out: { type: "string" }, only: { type: "string" }, jobs: { type: "string" } });
  if (!values.fixture || !values.cases) throw new UsageError("usage: npm run eval -- --fixture F --cases C [--out R]");
  const fixture = JSON.parse(readFileSync(values.fixture, "utf8"));
  const cases: Case[] = readFileSync(values.cases, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
  const stores = await scratchStores(async (s) => {
    const r = await importData(s.prisma, fixture);
    if (r.bad.length) throw new Error(`fixture has bad rows: ${JSON.stringify(r.bad.slice(0, 3))}`);
  });
  const lines: string[] = [];
  const started = Date.now();
  // Cases are independent (each on its own copy of the fixture): --jobs N runs N at once, results kept in order.
  const todo = cases.filter((c) => !values.only || c.id.includes(values.only));
  const results: string[] = new Array(todo.length);
  const jobs = Math.max(1, Number(values.jobs ?? 1) || 1);
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const i = next++;
      const c = todo[i]!;
      const store = await stores.open();
      try {
        const deps = turnDepsFromEnv(store.prisma, (e, d) => process.env.GUANXI_DEBUG && console.error(e, d));
        const actor = await actorByHandle(store.prisma, c.as);
        const replies: string[] = [];
        const mutations: unknown[] = [];
        const turns = c.turns ?? [c.text ?? ""];
        for (const [t, text] of turns.entries()) {
          const r = await handleTurn(deps, { platform: "eval", externalMessageId: `${c.id}#${t}`, actor, text, now: new Date(c.now) });
          replies.push(r.reply);
          mutations.push(...r.mutations);
        }
        results[i] = JSON.stringify({ id: c.id, replies, mutations });
      } finally {
        await store.close();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: jobs }, worker));
    lines.push(...results);
  } finally {
    await stores.dispose();
  }
  const out = lines.join("\n") + "\n";
  if (values.out) writeFileSync(values.out, out);
  else process.stdout.write(out);
  process.stderr.write(`eval: ${lines.length} cases in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { main } = await import("./run-main.ts");
  await main(run);
}
