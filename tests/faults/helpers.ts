// Shared by the fault suite (`npm run test:faults`): real `guanxi` processes on a real store, killed and restarted,
// and the figures every fault test prints — sent, acknowledged, stored, lost, doubled.
//
// Writes are tagged (`tag-<run>-<n>` in the text) so what is stored can be counted per message afterwards; a message
// is acknowledged when its reply lists the interaction it created (the mutations come from the audit log).
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { execFile } from "node:child_process";
import { openStore } from "../../prisma/client.ts";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const FIXTURE = path.join(ROOT, "tests/fixtures/fixture.json");
const BIN = path.join(ROOT, "bin/guanxi.mjs");
/** Every fault test runs on the embedded store: DATABASE_URL (CI's PostgreSQL run) is ignored here. */
const BASE_ENV = (() => {
  const e: NodeJS.ProcessEnv = { ...process.env };
  delete e.DATABASE_URL;
  delete e.GUANXI_NOW; // the real clock: invites written by one process are redeemed by serve's clock
  return e;
})();

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one `guanxi` command to completion. */
export function guanxi(args: string[], env: Record<string, string> = {}, cwd = tmpdir()): Promise<Ran> {
  return new Promise((resolve) => {
    execFile("node", [BIN, ...args], { cwd, env: { ...BASE_ENV, ...env }, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A long-running `guanxi` process (serve, chat) with its output as lines. */
export interface Proc {
  child: ChildProcess;
  pid: number;
  lines: string[];
  stderr: string[];
  /** Resolves with the first stdout line matching, or rejects if the process exits first. */
  waitFor(re: RegExp, ms?: number): Promise<string>;
  exited: Promise<number | null>;
  kill9(): Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function start(args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn("node", [BIN, ...args], { env: { ...BASE_ENV, ...env }, stdio: ["pipe", "pipe", "pipe"] });
  const lines: string[] = [];
  const stderr: string[] = [];
  const waiters: { re: RegExp; resolve: (l: string) => void; reject: (e: Error) => void }[] = [];
  createInterface({ input: child.stdout! }).on("line", (l) => {
    lines.push(l);
    for (const w of waiters.splice(0)) (w.re.test(l) ? w.resolve(l) : waiters.push(w));
  });
  createInterface({ input: child.stderr! }).on("line", (l) => stderr.push(l));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  void exited.then(() => {
    for (const w of waiters.splice(0)) w.reject(new Error(`guanxi ${args[0]} exited: ${stderr.join(" | ").slice(0, 800)}`));
  });
  return {
    child,
    pid: child.pid!,
    lines,
    stderr,
    exited,
    waitFor(re, ms = 90_000) {
      const seen = lines.find((l) => re.test(l));
      if (seen) return Promise.resolve(seen);
      if (child.exitCode !== null || child.signalCode !== null)
        return Promise.reject(new Error(`guanxi ${args[0]} already exited (${child.exitCode ?? child.signalCode}): ${stderr.join(" | ").slice(0, 800)}`));
      // Bounded: a line that never comes fails the test with what the process did print, not at the suite timeout.
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`guanxi ${args[0]}: no line matching ${re} in ${ms} ms; last lines: ${lines.slice(-5).join(" | ").slice(0, 800)}`)), ms);
        waiters.push({ re, resolve: (l) => (clearTimeout(t), resolve(l)), reject: (e) => (clearTimeout(t), reject(e)) });
      });
    },
    async kill9() {
      child.kill("SIGKILL");
      await exited;
    },
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** One account each fixture user owns (the manager's team owns them all). */
const ACCOUNT: Record<string, string> = { "sarah.chen": "Acme Logistics", "li.wei": "星辰科技", "tom.baker": "Northwind Traders", "zhang.min": "Bluewave Foods" };

/** `guanxi chat --json`: one message at a time, waiting for its reply line (null when the process died first). */
export interface Chat {
  proc: Proc;
  /** An account the acting user may log visits on. */
  customer: string;
  send(text: string): Promise<{ reply: string; mutations: { entity: string; action: string; data: Record<string, unknown> }[] } | null>;
  end(): Promise<number | null>;
}

export function chat(db: string, as: string, env: Record<string, string> = {}): Chat {
  const proc = start(["chat", "--json", "--as", as, "--db", db], env);
  let replies = 0;
  return {
    proc,
    customer: ACCOUNT[as] ?? "Acme Logistics",
    async send(text) {
      const want = replies + 1;
      if (!proc.child.stdin!.writable) return null;
      proc.child.stdin!.write(text + "\n");
      const got = await new Promise<string | null>((resolve) => {
        const check = () => {
          const jsonLines = proc.lines.filter((l) => l.startsWith("{"));
          if (jsonLines.length >= want) return resolve(jsonLines[want - 1]!), true;
          return false;
        };
        if (check()) return;
        const t = setInterval(() => check() && clearInterval(t), 20);
        void proc.exited.then(() => setTimeout(() => (check() || resolve(null), clearInterval(t)), 50));
      });
      if (got === null) return null;
      replies = want;
      return JSON.parse(got);
    },
    async end() {
      proc.child.stdin!.end();
      return proc.exited;
    },
  };
}

/** A throw-away copy of a store prepared once (the fixture company imported): a fresh `--db` per test. */
export async function preparedStores(): Promise<{ fresh(): string; dispose(): void }> {
  const root = mkdtempSync(path.join(tmpdir(), "guanxi-faults-"));
  const template = path.join(root, "template");
  const r = await guanxi(["import", FIXTURE, "--db", template]);
  if (r.code !== 0) throw new Error(`preparing the fault-suite store failed: ${r.stderr}`);
  let n = 0;
  return {
    fresh() {
      const dir = path.join(root, `db${++n}`);
      cpSync(template, dir, { recursive: true });
      return dir;
    },
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** How many interactions carry each tag (`tag-…` in the summary), read after every guanxi process has stopped. */
export async function storedTags(db: string, prefix = "tag-"): Promise<Map<string, number>> {
  const store = await openStore({ dir: db, databaseUrl: undefined });
  try {
    const rows = await store.prisma.interaction.findMany({ where: { summary: { contains: prefix } }, select: { summary: true } });
    const counts = new Map<string, number>();
    for (const r of rows) for (const tag of r.summary.match(new RegExp(`${prefix}[\\w-]+`, "g")) ?? []) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    return counts;
  } finally {
    await store.close();
  }
}

export interface Figures {
  sent: number;
  acknowledged: number;
  stored: number;
  lost: number;
  doubled: number;
  /** Stored without an acknowledgement (the process died mid-turn): allowed, never lost or doubled. */
  storedUnacknowledged: number;
}

/** Compares what was acknowledged with what is stored, prints the figures, and returns them. */
export function figures(label: string, sent: string[], acknowledged: Set<string>, stored: Map<string, number>): Figures {
  const f: Figures = {
    sent: sent.length,
    acknowledged: acknowledged.size,
    stored: sent.filter((t) => (stored.get(t) ?? 0) > 0).length,
    lost: [...acknowledged].filter((t) => !stored.get(t)).length,
    doubled: sent.filter((t) => (stored.get(t) ?? 0) > 1).length,
    storedUnacknowledged: sent.filter((t) => !acknowledged.has(t) && (stored.get(t) ?? 0) > 0).length,
  };
  process.stdout.write(
    `[faults] ${label}: sent ${f.sent}, acknowledged ${f.acknowledged}, stored ${f.stored}, lost ${f.lost}, doubled ${f.doubled}` +
      `${f.storedUnacknowledged ? ` (stored without acknowledgement ${f.storedUnacknowledged})` : ""}\n`,
  );
  return f;
}

/** The reply acknowledged the tagged write: it lists the interaction it created. */
export const acknowledges = (r: Awaited<ReturnType<Chat["send"]>>, tag: string) =>
  !!r?.mutations.some((m) => m.entity === "interaction" && m.action === "create" && String(m.data.summary ?? "").includes(tag));

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
