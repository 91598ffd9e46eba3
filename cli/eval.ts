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
  const { values } = parse(argv, { fixture: { type: "string" }, cases: { type: "string" }, out: { type: "string" }, only: { type: "string" } });
  if (!values.fixture || !values.cases) throw new UsageError("usage: npm run eval -- --fixture F --cases C [--out R]");
  const fixture = JSON.parse(readFileSync(values.fixture, "utf8"));
  const cases: Case[] = readFileSync(values.cases, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
  const stores = await scratchStores(async (s) => {
    const r = await importData(s.prisma, fixture);
    if (r.bad.length) throw new Error(`fixture has bad rows: ${JSON.stringify(r.bad.slice(0, 3))}`);
  });
  const lines: string[] = [];
  const started = Date.now();
  try {
    for (const c of cases) {
      if (values.only && !c.id.includes(values.only)) continue;
      const store = await stores.open();
      try {
        const deps = turnDepsFromEnv(store.prisma, (e, d) => process.env.GUANXI_DEBUG && console.error(e, d));
        const actor = await actorByHandle(store.prisma, c.as);
        const replies: string[] = [];
        const mutations: unknown[] = [];
        const turns = c.turns ?? [c.text ?? ""];
        for (const [i, text] of turns.entries()) {
          const r = await handleTurn(deps, { platform: "eval", externalMessageId: `${c.id}#${i}`, actor, text, now: new Date(c.now) });
          replies.push(r.reply);
          mutations.push(...r.mutations);
        }
        lines.push(JSON.stringify({ id: c.id, replies, mutations }));
      } finally {
        await store.close();
      }
    }
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
