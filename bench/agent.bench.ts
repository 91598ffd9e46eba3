// npm run bench:agent [-- --json] [--turns N] [--customers N] [--no-profile]
// The assistant's cost per turn. On a store of the eval fixture company plus N generated customers (default 10,000;
// bench/generate.ts, imported through domain/import-data.ts):
//  1. Rules model: latency of handleTurn for logging turns ("Called <contact> at <customer>, worried about price,
//     follow up Friday", and Chinese) and question turns (last contact, my follow-ups, at risk; en + zh), N each →
//     median and p95 per kind; then a profile pass: where a turn's time goes (DB queries, the rules model, tools,
//     the rest = LangChain/createAgent and handleTurn bookkeeping), and the slowest queries.
//  2. LLM path, against the scripted OpenAI-compatible server (tests/helpers/fake-openai.ts) through the real
//     @langchain/openai client: model calls per turn (requests counted at the server), request size in bytes and
//     tokens (js-tiktoken o200k_base when installed, else ~4 chars/token — the output says which), tool schemas
//     included; and the size of tool definitions + system prompt alone.
// PGlite by default; also on PostgreSQL (a scratch database) when DATABASE_URL is set. `--json` prints one object.
// Targets: rules-model turn p50 < 50 ms; ≤ 2 model calls for a logging turn; tools + system prompt < 3,000 tokens.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ChatOpenAI } from "@langchain/openai";
import { scratchStores } from "../prisma/scratch.ts";
import { importData } from "../domain/import-data.ts";
import { findUserByHandle } from "../domain/users.ts";
import type { Actor, Db } from "../domain/context.ts";
import type { ImportDocument } from "../domain/import-rows.ts";
import { handleTurn } from "../agent/turn.ts";
import { RulesChatModel } from "../agent/rules/rules-model.ts";
import { allTools } from "../agent/tools/index.ts";
import { systemPrompt } from "../agent/prompts.ts";
import { startFakeOpenAI, type Step } from "../tests/helpers/fake-openai.ts";
import { generateCompany, generatedNames } from "./generate.ts";

const { values } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    turns: { type: "string", default: "200" },
    customers: { type: "string", default: "10000" },
    interactions: { type: "string", default: "30000" },
    "no-profile": { type: "boolean", default: false },
  },
});
const TURNS = Number(values.turns);
const CUSTOMERS = Number(values.customers);
const INTERACTIONS = Number(values.interactions);
const PROFILE_TURNS = Math.min(40, TURNS);
const NOW = new Date("2026-03-02T09:30:00+08:00");
const say = (s: string) => (values.json ? process.stderr.write(s + "\n") : console.log(s));
const FIXTURE = JSON.parse(readFileSync(fileURLToPath(new URL("../tests/fixtures/fixture.json", import.meta.url)), "utf8"));
const REPS = ["li.wei", "sarah.chen", "tom.baker"]; // generated customer i is owned by REPS[i % 3]

// ---------- the store ----------

function company(): ImportDocument {
  const gen = generateCompany({ customers: CUSTOMERS, interactions: INTERACTIONS, owners: REPS, start: new Date(Date.UTC(2024, 2, 1)), realisticNames: true });
  const cat = <K extends keyof ImportDocument>(k: K) => [...((FIXTURE[k] as unknown[]) ?? []), ...((gen[k] as unknown[]) ?? [])];
  return {
    ...FIXTURE,
    customers: cat("customers"), contacts: cat("contacts"), interactions: cat("interactions"), orders: cat("orders"), followUps: cat("followUps"),
  } as ImportDocument;
}

// ---------- the turns ----------

interface Turn { kind: "logging" | "question"; sub: string; handle: string; text: string }

/** A generated customer owned by `handle`, English (even index) or Chinese (odd) name, picked by `n`. */
function ownCustomer(handle: string, zh: boolean, n: number): { name: string; contact: string } {
  const r = REPS.indexOf(handle);
  // i ≡ r (mod 3) for the owner and i ≡ zh (mod 2) for the language: i ≡ k (mod 6).
  let k = 0;
  while (k % 3 !== r || k % 2 !== (zh ? 1 : 0)) k++;
  const i = (k + 6 * ((n * 7919) % Math.floor(CUSTOMERS / 6))) % CUSTOMERS;
  const g = generatedNames(i, true);
  return { name: g.customer, contact: g.contact };
}

function turns(n: number, offset = 0): Turn[] {
  const out: Turn[] = [];
  const FIX_EN = [["Jane", "Acme Logistics", "sarah.chen"], ["Peter", "Bluewave Foods", "sarah.chen"], ["Anna", "Northwind Traders", "tom.baker"]];
  const FIX_ZH = [["王芳", "华东机械", "li.wei"], ["陈静", "星辰科技", "li.wei"], ["赵磊", "海通物流", "li.wei"]];
  for (let j = offset; out.length < 2 * n; j++) {
    const zh = j % 2 === 1;
    const fixture = j % 5 === 0;
    // logging
    if (zh) {
      const [contact, customer, handle] = fixture ? FIX_ZH[j % 3]! : (() => { const c = ownCustomer("li.wei", true, j); return [c.contact, c.name, "li.wei"]; })();
      out.push({ kind: "logging", sub: fixture ? "log.zh.fixture" : "log.zh", handle, text: `给${customer}的${contact}打了电话，对价格有顾虑，周五再跟进` });
    } else {
      const handle = j % 4 === 0 ? "tom.baker" : "sarah.chen";
      const [contact, customer, h] = fixture ? FIX_EN[j % 3]! : (() => { const c = ownCustomer(handle, false, j); return [c.contact, c.name, handle]; })();
      out.push({ kind: "logging", sub: fixture ? "log.en.fixture" : "log.en", handle: h, text: `Called ${contact} at ${customer}, worried about price, follow up Friday` });
    }
    // question
    const q = j % 3;
    const who = zh ? "li.wei" : "sarah.chen";
    const c = ownCustomer(REPS[j % 3]!, zh, j + 1);
    const text = zh
      ? [`我们上次联系${c.name}是什么时候?`, "我这周有什么待办?", "哪些客户有流失风险?"][q]!
      : [`When did we last talk to ${c.name}?`, "What are my follow-ups?", "Which accounts are at risk?"][q]!;
    out.push({ kind: "question", sub: ["q.lastContact", "q.followUps", "q.atRisk"][q]! + (zh ? ".zh" : ".en"), handle: who, text });
  }
  return out;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};
const r1 = (x: number) => Math.round(x * 10) / 10;
const stats = (xs: number[]) => ({ n: xs.length, p50: r1(pct(xs, 50)), p95: r1(pct(xs, 95)), mean: r1(xs.reduce((a, b) => a + b, 0) / (xs.length || 1)) });

// ---------- profiling hooks (bench-only wrappers; agent code is unchanged) ----------

type Phase = "turn" | "model" | "tool";
const prof = { on: false, phase: "turn" as Phase, db: { turn: 0, model: 0, tool: 0 }, queries: 0, model: 0, tool: 0, byQuery: new Map<string, { n: number; ms: number }>() };
const resetProf = () => Object.assign(prof, { db: { turn: 0, model: 0, tool: 0 }, queries: 0, model: 0, tool: 0 });

function profiledDb(db: Db): Db {
  return db.$extends({
    query: {
      async $allOperations({ model, operation, args, query }) {
        if (!prof.on) return query(args);
        const t = performance.now();
        try {
          return await query(args);
        } finally {
          const ms = performance.now() - t;
          prof.db[prof.phase] += ms;
          prof.queries++;
          const raw = (args as { strings?: string[] } | undefined)?.strings?.join("?") ?? (typeof args === "string" ? args : "");
          // Raw queries by their opening and their WHERE, so two SELECTs with the same column list stay apart.
          const flat = raw.replace(/\s+/g, " ").trim();
          const where = flat.indexOf(" WHERE ");
          const key = model ? `${model}.${operation}` : `${operation} ${flat.slice(0, 40)}…${where > 0 ? flat.slice(where, where + 50) : ""}`;
          const e = prof.byQuery.get(key) ?? { n: 0, ms: 0 };
          e.n++;
          e.ms += ms;
          prof.byQuery.set(key, e);
        }
      },
    },
  }) as unknown as Db;
}

function installTimers() {
  const wrap = <T extends object>(obj: T, key: string, phase: Exclude<Phase, "turn">) => {
    const orig = (obj as Record<string, (...a: unknown[]) => Promise<unknown>>)[key]!;
    (obj as Record<string, unknown>)[key] = async function (this: unknown, ...a: unknown[]) {
      if (!prof.on) return orig.apply(this, a);
      const prev = prof.phase;
      prof.phase = phase;
      const t = performance.now();
      try {
        return await orig.apply(this, a);
      } finally {
        prof[phase] += performance.now() - t;
        prof.phase = prev;
      }
    };
  };
  wrap(RulesChatModel.prototype, "_generate", "model");
  for (const t of allTools) wrap(t, "invoke", "tool");
}

// ---------- rules-model latency ----------

async function rulesBench(backend: "pglite" | "postgres", databaseUrl: string | undefined) {
  const scratch = await scratchStores(undefined, databaseUrl);
  const store = await scratch.open();
  try {
    let t = performance.now();
    const imported = await importData(store.prisma, company());
    if (imported.bad.length) throw new Error(`bad rows: ${JSON.stringify(imported.bad.slice(0, 3))}`);
    await store.prisma.$executeRawUnsafe("ANALYZE");
    const counts = { customers: await store.prisma.customer.count(), interactions: await store.prisma.interaction.count() };
    say(`${backend}: imported ${counts.customers} customers, ${counts.interactions} interactions in ${Math.round(performance.now() - t)} ms`);
    const actors = new Map<string, Actor>();
    for (const h of ["li.wei", "sarah.chen", "tom.baker"]) actors.set(h, await findUserByHandle(store.prisma, h));
    let seq = 0;
    const run = (db: Db, turn: Turn) =>
      handleTurn({ db }, { platform: "bench", externalMessageId: `b-${++seq}`, actor: actors.get(turn.handle)!, text: turn.text, now: NOW });

    for (const turn of turns(6, 10_000)) await run(store.prisma, turn); // warm-up: JIT, prepared plans, caches
    const times: Record<string, number[]> = {};
    let logged = 0, loggings = 0, failed = 0;
    const notLogged: Record<string, { n: number; example: string }> = {};
    const samples: Record<string, string> = {};
    t = performance.now();
    for (const turn of turns(TURNS)) {
      const t0 = performance.now();
      const out = await run(store.prisma, turn);
      const ms = performance.now() - t0;
      (times[turn.kind] ??= []).push(ms);
      (times[turn.sub] ??= []).push(ms);
      if (out.failed) failed++;
      if (turn.kind === "logging") {
        loggings++;
        if (out.mutations.some((m) => m.entity === "interaction" && m.action === "create")) logged++;
        else (notLogged[turn.sub] ??= { n: 0, example: `${turn.text} → ${out.reply.split("\n")[0]!.slice(0, 120)}` }).n++;
      }
      samples[turn.sub] ??= `${turn.text} → ${out.reply.split("\n")[0]!.slice(0, 100)}`;
    }
    say(`${backend}: ${2 * TURNS} turns in ${Math.round(performance.now() - t)} ms`);
    const result = {
      backend,
      ...counts,
      logging: { ...stats(times.logging!), loggedInteraction: `${logged}/${loggings}`, notLogged },
      question: stats(times.question!),
      failedTurns: failed,
      bySub: Object.fromEntries(Object.entries(times).filter(([k]) => k.includes(".")).map(([k, v]) => [k, stats(v)])),
      samples,
      profile: undefined as unknown,
    };
    say(`${backend}: logging p50 ${result.logging.p50} ms, p95 ${result.logging.p95} ms (${result.logging.loggedInteraction} logged an interaction)`);
    say(`${backend}: question p50 ${result.question.p50} ms, p95 ${result.question.p95} ms`);
    for (const [k, v] of Object.entries(result.bySub)) say(`  ${k.padEnd(18)} n=${String(v.n).padStart(3)} p50 ${String(v.p50).padStart(6)} ms  p95 ${String(v.p95).padStart(6)} ms`);
    if (failed) say(`${backend}: ${failed} turns FAILED`);
    for (const [k, v] of Object.entries(notLogged)) say(`  ${k}: ${v.n} logging turns logged no interaction, e.g. ${v.example}`);

    if (!values["no-profile"]) result.profile = await profile(backend, store.prisma, run);
    return result;
  } finally {
    await store.close();
    await scratch.dispose();
  }
}

async function profile(backend: string, db: Db, run: (db: Db, t: Turn) => Promise<unknown>) {
  const pdb = profiledDb(db);
  const per: Record<string, { n: number; total: number; db: number; queries: number; model: number; modelDb: number; tools: number; toolsDb: number; turnDb: number }> = {};
  // The wrapped client is a new client: its first turn builds its own name index (domain/name-index.repository.ts),
  // which is no turn's steady-state cost. Warm it first, unmeasured.
  for (const turn of turns(2, 90_000)) await run(pdb, turn);
  prof.byQuery.clear();
  for (const turn of turns(PROFILE_TURNS, 50_000)) {
    resetProf();
    prof.on = true;
    const t0 = performance.now();
    await run(pdb, turn);
    const total = performance.now() - t0;
    prof.on = false;
    const p = (per[turn.sub] ??= { n: 0, total: 0, db: 0, queries: 0, model: 0, modelDb: 0, tools: 0, toolsDb: 0, turnDb: 0 });
    p.n++;
    p.total += total;
    p.db += prof.db.turn + prof.db.model + prof.db.tool;
    p.queries += prof.queries;
    p.model += prof.model;
    p.modelDb += prof.db.model;
    p.tools += prof.tool;
    p.toolsDb += prof.db.tool;
    p.turnDb += prof.db.turn;
  }
  const rows = Object.fromEntries(Object.entries(per).map(([k, p]) => {
    const avg = (x: number) => r1(x / p.n);
    return [k, {
      turnMs: avg(p.total), queries: avg(p.queries), dbMs: avg(p.db),
      rulesModelMs: avg(p.model), rulesModelDbMs: avg(p.modelDb), toolsMs: avg(p.tools), toolsDbMs: avg(p.toolsDb),
      handleTurnDbMs: avg(p.turnDb), // inbox insert, audit → mutations, mark done
      otherMs: avg(p.total - p.model - p.tools - p.turnDb), // LangChain createAgent graph, middleware, JS outside the model and tools
    }];
  }));
  const top = [...prof.byQuery.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 10)
    .map(([q, e]) => ({ query: q, calls: e.n, totalMs: r1(e.ms), avgMs: r1(e.ms / e.n) }));
  say(`${backend}: profile (${PROFILE_TURNS * 2} turns, averages per turn, ms; "db" sums query latencies, and queries a tool runs`);
  say(`  concurrently (Promise.all) overlap (queue, on PGlite), so db can exceed the turn; "other" = LangChain agent + JS):`);
  say(`  ${"kind".padEnd(18)} ${"turn".padStart(6)} ${"queries".padStart(7)} ${"db".padStart(6)} ${"model".padStart(6)} ${"(db)".padStart(6)} ${"tools".padStart(6)} ${"(db)".padStart(6)} ${"inbox".padStart(6)} ${"other".padStart(6)}`);
  for (const [k, v] of Object.entries(rows))
    say(`  ${k.padEnd(18)} ${[v.turnMs, v.queries, v.dbMs, v.rulesModelMs, v.rulesModelDbMs, v.toolsMs, v.toolsDbMs, v.handleTurnDbMs, v.otherMs].map((x) => String(x).padStart(6)).join(" ")}`);
  say(`  slowest queries (total over the profile pass):`);
  for (const q of top) say(`    ${String(q.totalMs).padStart(7)} ms ${String(q.calls).padStart(4)}× avg ${String(q.avgMs).padStart(5)}  ${q.query}`);
  return { perKind: rows, slowestQueries: top };
}

// ---------- LLM path ----------

async function tokenizer(): Promise<{ name: string; count: (s: string) => number }> {
  try {
    const { Tiktoken } = await import("js-tiktoken/lite");
    const { default: o200k } = await import("js-tiktoken/ranks/o200k_base");
    const enc = new Tiktoken(o200k);
    return { name: "js-tiktoken o200k_base", count: (s) => enc.encode(s).length };
  } catch {
    return { name: "estimate: ~4 chars/token (js-tiktoken not installed)", count: (s) => Math.ceil(s.length / 4) };
  }
}

async function llmBench() {
  const tok = await tokenizer();
  const api = await startFakeOpenAI();
  const scratch = await scratchStores();
  const store = await scratch.open();
  try {
    await importData(store.prisma, FIXTURE);
    const sarah = await findUserByHandle(store.prisma, "sarah.chen");
    const liwei = await findUserByHandle(store.prisma, "li.wei");
    const llm = new ChatOpenAI({ apiKey: "bench", model: "scripted", temperature: 0, maxRetries: 0, timeout: 10_000, configuration: { baseURL: api.url } });
    const fallbacks: string[] = [];
    let seq = 0;
    const scenario = async (name: string, actor: Actor, text: string, script: Step[]) => {
      api.requests.length = 0;
      api.script(script);
      const t0 = performance.now();
      const out = await handleTurn({ db: store.prisma, llm, log: (e) => e === "llm.fallback" && fallbacks.push(name) }, {
        platform: "bench", externalMessageId: `llm-${++seq}`, actor, text, now: NOW,
      });
      const ms = performance.now() - t0;
      const reqs = api.requests.map((r) => ({ bytes: r.bytes, tokens: tok.count(JSON.stringify(r.body)), messages: r.body.messages.length }));
      return {
        text, modelCalls: api.requests.length, turnMs: r1(ms), failed: out.failed,
        mutations: out.mutations.map((m) => `${m.entity}.${m.action}`),
        requests: reqs, totalRequestBytes: reqs.reduce((n, r) => n + r.bytes, 0), totalRequestTokens: reqs.reduce((n, r) => n + r.tokens, 0),
      };
    };
    const logging = await scenario("logging", sarah, "Called Jane at Acme, worried about price, follow up Friday", [
      { toolCalls: [
        { name: "log_interaction", args: { customer: "Acme", kind: "call", summary: "Jane worried about price", sentiment: "negative", contact: "Jane" } },
        { name: "schedule_follow_up", args: { customer: "Acme", dueOn: "2026-03-06", title: "Call Jane about pricing" } },
      ] },
      { text: "Logged the call with Jane at Acme Logistics and set a follow-up for Fri 2026-03-06." },
    ]);
    const question = await scenario("question", sarah, "When did we last talk to Bluewave?", [
      { toolCalls: [{ name: "last_contact", args: { customer: "Bluewave" } }] },
      (body) => ({ text: String(body.messages.find((m) => m.role === "tool")?.content ?? "") }),
    ]);
    const questionZh = await scenario("question.zh", liwei, "我们上次联系华东机械是什么时候?", [
      { toolCalls: [{ name: "last_contact", args: { customer: "华东机械" } }] },
      (body) => ({ text: String(body.messages.find((m) => m.role === "tool")?.content ?? "") }),
    ]);
    // Tool definitions and system prompt alone, exactly as sent in the first request.
    api.requests.length = 0;
    api.script([{ text: "ok" }]);
    await handleTurn({ db: store.prisma, llm }, { platform: "bench", externalMessageId: `llm-${++seq}`, actor: sarah, text: "hi", now: NOW });
    const first = api.requests[0]!.body;
    const toolsJson = JSON.stringify(first.tools ?? []);
    const sys = (a: Actor) => systemPrompt(a, NOW);
    const fixed = {
      tools: (first.tools ?? []).length,
      toolDefinitionsBytes: Buffer.byteLength(toolsJson),
      toolDefinitionsTokens: tok.count(toolsJson),
      systemPromptTokens: { en: tok.count(sys(sarah)), zh: tok.count(sys(liwei)) },
      toolsPlusSystemTokens: { en: tok.count(toolsJson) + tok.count(sys(sarah)), zh: tok.count(toolsJson) + tok.count(sys(liwei)) },
      largestTools: (first.tools ?? []).map((t) => ({ name: t.function.name, tokens: tok.count(JSON.stringify(t)) })).sort((a, b) => b.tokens - a.tokens).slice(0, 5),
    };
    return { tokenizer: tok.name, logging, question, questionZh, fixed, fallbacks };
  } finally {
    await store.close();
    await scratch.dispose();
    await api.close();
  }
}

// ---------- main ----------

if (!values["no-profile"]) installTimers();
const t0 = performance.now();
const rules = [await rulesBench("pglite", undefined)];
if (process.env.DATABASE_URL) rules.push(await rulesBench("postgres", process.env.DATABASE_URL));
const llm = await llmBench();
say(`LLM path (scripted server, tokens by ${llm.tokenizer}):`);
for (const [k, s] of [["logging", llm.logging], ["question", llm.question], ["question (zh)", llm.questionZh]] as const)
  say(`  ${k.padEnd(14)} ${s.modelCalls} model calls; requests ${s.requests.map((r) => `${r.bytes} B / ${r.tokens} tok`).join(", ")}; mutations ${JSON.stringify(s.mutations)}${s.failed ? " FAILED" : ""}`);
say(`  ${llm.fixed.tools} tool definitions: ${llm.fixed.toolDefinitionsBytes} B / ${llm.fixed.toolDefinitionsTokens} tok; system prompt en ${llm.fixed.systemPromptTokens.en} tok, zh ${llm.fixed.systemPromptTokens.zh} tok`);
say(`  tools + system prompt: en ${llm.fixed.toolsPlusSystemTokens.en} tok, zh ${llm.fixed.toolsPlusSystemTokens.zh} tok; largest tools ${llm.fixed.largestTools.map((t) => `${t.name} ${t.tokens}`).join(", ")}`);
if (llm.fallbacks.length) say(`  fell back to the rules model in: ${llm.fallbacks.join(", ")}`);

const targets = {
  rulesTurnP50Under50ms: Object.fromEntries(rules.map((r) => [r.backend, { logging: r.logging.p50 < 50, question: r.question.p50 < 50 }])),
  loggingTurnAtMost2ModelCalls: llm.logging.modelCalls <= 2,
  toolsPlusSystemUnder3000Tokens: Math.max(llm.fixed.toolsPlusSystemTokens.en, llm.fixed.toolsPlusSystemTokens.zh) < 3000,
};
say(`targets: ${JSON.stringify(targets)}`);
say(`total ${Math.round((performance.now() - t0) / 1000)} s`);
if (values.json) console.log(JSON.stringify({ customers: CUSTOMERS, interactions: INTERACTIONS, turnsPerKind: TURNS, rules, llm, targets }));
