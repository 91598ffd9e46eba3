// Fault test: redelivery after a crash. A real `guanxi serve` (Telegram long polling against a local fake Bot API,
// the real @langchain/openai client against a local scripted model) is killed with SIGKILL in the middle of turns —
// once while the model is still thinking (nothing written yet), once after a tool wrote and the model is composing
// the reply — then started again, and Telegram redelivers the update. Every message must be stored once and answered
// once. Prints sent / acknowledged / stored / lost / doubled.
import { spawn, execFile, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { startFakeOpenAI, type ChatRequest, type FakeOpenAI, type Step } from "../helpers/fake-openai.ts";
import { startFakeTelegram, textUpdate, type FakeTelegram } from "../bots/fakes/telegram-api.ts";
import { pgAdmin } from "../helpers/pg-admin.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FIXTURE = path.join(ROOT, "tests/fixtures/fixture.json");
const BIN = path.join(ROOT, "bin/guanxi.mjs");
const tmp = mkdtempSync(path.join(tmpdir(), "guanxi-faults-"));
const SARAH_TG = 9003; // sarah.chen's Telegram id in the fixture
const scratchDbs: string[] = [];


/** The store for this run: an embedded directory, or a scratch database on the server when DATABASE_URL is set. */
async function backend(): Promise<{ args: string[]; env: Record<string, string | undefined> }> {
  const url = process.env.DATABASE_URL;
  if (!url) return { args: ["--db", path.join(tmp, "store")], env: { DATABASE_URL: undefined } };
  const name = `gx_fault_${randomBytes(4).toString("hex")}`;
  await pgAdmin(`CREATE DATABASE "${name}"`);
  scratchDbs.push(name);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return { args: [], env: { DATABASE_URL: u.toString() } };
}

function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", ...extra };
  for (const [k, v] of Object.entries(extra)) if (v === undefined) delete env[k];
  return env;
}

function run(args: string[], env: Record<string, string | undefined>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile("node", [BIN, ...args], { cwd: tmp, env: childEnv(env), maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

interface Serve {
  proc: ChildProcess;
  out: () => string;
  exited: Promise<number | null>;
}

async function startServe(args: string[], env: Record<string, string | undefined>): Promise<Serve> {
  const proc = spawn("node", [BIN, "serve", ...args], { cwd: tmp, env: childEnv(env), stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  proc.stdout!.on("data", (c) => (out += c));
  proc.stderr!.on("data", (c) => (out += c));
  const exited = new Promise<number | null>((r) => proc.once("exit", (code) => r(code)));
  await until(() => out.includes('"serve.ready"') || proc.exitCode !== null, 120_000, "serve to start");
  if (!out.includes('"serve.ready"')) throw new Error(`serve did not start:\n${out}`);
  return { proc, out: () => out, exited };
}

async function until(check: () => boolean, ms: number, what: string) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let api: FakeOpenAI | undefined;
let tg: FakeTelegram | undefined;
let serve: Serve | undefined;

afterAll(async () => {
  if (serve && serve.proc.exitCode === null) serve.proc.kill("SIGKILL");
  await Promise.allSettled([api?.close(), tg?.close()]);
  for (const name of scratchDbs.splice(0)) await pgAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  rmSync(tmp, { recursive: true, force: true });
});

describe("fault: redelivery after kill -9", { timeout: 600_000 }, () => {
  it("every message is stored once and answered once, across kills mid-turn", async () => {
    const store = await backend();
    expect((await run(["import", FIXTURE, ...store.args], store.env)).code).toBe(0);

    // The scripted model: log the message as a call with Bluewave, then answer "Logged msg-N". For the messages in
    // SLOW_* its first attempt hangs (before the tool call, or after the tool wrote) — that is when we kill serve.
    const SLOW_BEFORE_WRITE = new Set(["msg-2"]);
    const SLOW_AFTER_WRITE = new Set(["msg-4"]);
    const attempts = new Map<string, number>();
    const hung: string[] = [];
    const respond = (body: ChatRequest): Step => {
      const user = [...body.messages].reverse().find((m) => m.role === "user");
      const tag = /msg-\d+/.exec(String(user?.content ?? ""))?.[0] ?? "?";
      const afterTool = body.messages.at(-1)?.role === "tool";
      const key = `${tag}:${afterTool ? "reply" : "plan"}`;
      attempts.set(key, (attempts.get(key) ?? 0) + 1);
      const first = attempts.get(key) === 1;
      const step: Step = afterTool
        ? { text: `Logged ${tag}.` }
        : { toolCalls: [{ name: "log_interaction", args: { customer: "Bluewave Foods", kind: "call", summary: `Call ${tag}`, sentiment: "neutral" } }] };
      if (first && (afterTool ? SLOW_AFTER_WRITE : SLOW_BEFORE_WRITE).has(tag)) {
        hung.push(tag);
        return { delayMs: 15_000, then: step };
      }
      return step;
    };
    api = await startFakeOpenAI();
    api.script(Array.from({ length: 500 }, () => respond));
    tg = await startFakeTelegram();
    const env = {
      ...store.env,
      TELEGRAM_BOT_TOKEN: "123456:FAULTS",
      TELEGRAM_API_ROOT: tg.apiRoot,
      OPENAI_API_KEY: "test-key",
      OPENAI_BASE_URL: api.url,
      GUANXI_MODEL: "scripted",
      GUANXI_LLM_TIMEOUT_MS: "60000",
      // A short lease so a dead holder's message is taken over within the test (the default is a minute).
      GUANXI_TURN_LEASE_MS: "1000",
      SLACK_BOT_TOKEN: undefined,
      SLACK_SIGNING_SECRET: undefined,
      SLACK_APP_TOKEN: undefined,
      TELEGRAM_WEBHOOK_URL: undefined,
    };
    const replies = (tag: string) =>
      tg!.calls.filter((c) => c.method === "sendMessage" && String(c.params.chat_id) === String(SARAH_TG) && String(c.params.text).includes(tag)).length;

    serve = await startServe(store.args, env);
    const SENT = 6;
    let kills = 0;
    for (let k = 1; k <= SENT; k++) {
      const tag = `msg-${k}`;
      const update = textUpdate({ userId: SARAH_TG, messageId: 500 + k, text: `Called Peter at Bluewave, ${tag}` });
      tg.pending.push(update);
      if (SLOW_BEFORE_WRITE.has(tag) || SLOW_AFTER_WRITE.has(tag)) {
        await until(() => hung.includes(tag), 60_000, `${tag} to reach the model`);
        serve.proc.kill("SIGKILL");
        await serve.exited;
        kills++;
        serve = await startServe(store.args, env);
        // Telegram hands the update out again: the dead process never finished it.
        tg.pending.push(update);
      }
      await until(() => replies(tag) > 0, 90_000, `an answer to ${tag}`);
    }
    // Let any second answer (a doubled turn, a second sweep) show up before counting.
    await new Promise((r) => setTimeout(r, 3_000));
    serve.proc.kill("SIGTERM");
    await serve.exited;

    const exported = await run(["export", ...store.args], store.env);
    expect(exported.code).toBe(0);
    const data = JSON.parse(exported.stdout) as { interactions: { summary: string }[] };
    const tags = Array.from({ length: SENT }, (_, i) => `msg-${i + 1}`);
    const storedOf = (tag: string) => data.interactions.filter((x) => x.summary === `Call ${tag}`).length;
    const figures = {
      sent: SENT,
      kills,
      acknowledged: tags.filter((t) => replies(t) > 0).length,
      stored: tags.filter((t) => storedOf(t) > 0).length,
      lost: tags.filter((t) => storedOf(t) === 0).length,
      doubled: tags.filter((t) => storedOf(t) > 1 || replies(t) > 1).length,
    };
    process.stdout.write(`fault redelivery: ${JSON.stringify(figures)}\n`);
    expect(figures).toEqual({ sent: SENT, kills: 2, acknowledged: SENT, stored: SENT, lost: 0, doubled: 0 });
    // The message killed after its tool wrote was finished from the audit log, not run again.
    const afterWrite = tg.calls.find((c) => c.method === "sendMessage" && String(c.params.text).includes("msg-4"));
    expect(String(afterWrite?.params.text)).toMatch(/Saved before the interruption/);
  });
});
