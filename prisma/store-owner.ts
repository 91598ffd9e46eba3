// One owner per embedded store directory. PGlite is a single-process database: two processes opening one directory
// both write and silently lose each other's commits. So the first guanxi process to open a directory owns it — it
// holds `guanxi.lock` (proper-lockfile) and records who it is in `guanxi-owner.json` — opens PGlite, and serves the
// store to every other guanxi process on a Unix socket (prisma/store-server.ts). The others connect through
// @prisma/adapter-pg (prisma/store-client.ts), the same path as DATABASE_URL.
//
// A crashed owner (kill -9) leaves its lock behind; the next process sees that the recorded process is gone (its pid
// no longer runs with the recorded start time) and takes the lock over. A live owner is never displaced, however
// long it is silent (a stopped process may resume and write): the command says which process holds the store.
// Every change to the lock and the owner record happens under a short-lived second lock (`guanxi.claim.lock`), so
// two processes breaking one crashed owner's lock cannot both end up owning the store.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import lockfile from "proper-lockfile";
import type { PGlite } from "@electric-sql/pglite";
import { migrate } from "./migrate.ts";
import { privateDir, tightenTree, withPrivateUmask } from "./private-files.ts";
import { startStoreServer, type StoreServer } from "./store-server.ts";

export interface OwnerRecord {
  pid: number;
  /** Process start time from /proc (clock ticks since boot), so a recycled pid is not taken for the owner. */
  started: string | null;
  command: string;
  socket: string;
  state: "starting" | "ready";
  since: string;
}

/** The store is held by a live process that does not serve it: the message says who and what to do. */
export class StoreBusyError extends Error {
  constructor(
    readonly dir: string,
    readonly owner: OwnerRecord | null,
    why: string,
  ) {
    const who = owner ? `process ${owner.pid} (${owner.command})` : "another process";
    super(
      `the store ${dir} is held by ${who}, which ${why}; stop it${owner ? ` (kill ${owner.pid})` : ""} or wait for it to finish, then run this again`,
    );
  }
}

export interface StorePaths {
  dir: string;
  lock: string;
  claim: string;
  record: string;
  /** Directory holding the socket file; pg connects to `${socketDir}/.s.PGSQL.${SOCKET_PORT}`. */
  socketDir: string;
  socket: string;
}

export const SOCKET_PORT = 5432;
const SOCKET_NAME = `.s.PGSQL.${SOCKET_PORT}`;

export function storePaths(dir: string): StorePaths {
  const abs = path.resolve(dir);
  // A Unix socket path is limited to ~107 bytes: a deep data directory gets its socket in a private temp directory.
  const inside = path.join(abs, SOCKET_NAME);
  const socketDir =
    Buffer.byteLength(inside) <= 100 ? abs : path.join(tmpdir(), `guanxi-${createHash("sha256").update(abs).digest("hex").slice(0, 16)}`);
  return {
    dir: abs,
    lock: path.join(abs, "guanxi.lock"),
    claim: path.join(abs, "guanxi.claim.lock"),
    record: path.join(abs, "guanxi-owner.json"),
    socketDir,
    socket: path.join(socketDir, SOCKET_NAME),
  };
}

const envMs = (name: string, dflt: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : dflt;
};

function processStart(pid: number): string | null {
  try {
    // Field 22 of /proc/PID/stat, counted after the parenthesised command name (which may contain spaces).
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(rec: OwnerRecord): boolean {
  try {
    process.kill(rec.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  if (rec.started && existsSync("/proc/self/stat")) return processStart(rec.pid) === rec.started;
  return true;
}

function readRecord(p: StorePaths): OwnerRecord | null {
  try {
    return JSON.parse(readFileSync(p.record, "utf8")) as OwnerRecord;
  } catch {
    return null;
  }
}

function writeRecord(p: StorePaths, rec: OwnerRecord) {
  const tmp = `${p.record}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(rec) + "\n", { mode: 0o600 });
  renameSync(tmp, p.record);
}

/**
 * Whether the owner answers on its socket: an SSLRequest answered with "N". Accepting the connection is not enough —
 * the kernel accepts on behalf of a stopped process.
 */
export function socketAnswers(socket: string, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const c = createConnection(socket);
    const done = (ok: boolean) => {
      clearTimeout(t);
      c.destroy();
      resolve(ok);
    };
    const t = setTimeout(() => done(false), timeoutMs);
    c.once("connect", () => {
      const req = Buffer.alloc(8);
      req.writeInt32BE(8, 0);
      req.writeInt32BE(80877103, 4); // SSLRequest
      c.write(req);
    });
    c.once("data", (d) => done(d[0] === 0x4e));
    c.once("error", () => done(false));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function commandLine(): string {
  const args = process.argv.slice(2).map((a) => (/\s/.test(a) ? JSON.stringify(a) : a));
  return ["guanxi", ...args].join(" ").slice(0, 200);
}

/** Runs `fn` holding the claim lock (held for milliseconds; one left by a crash is stale after 5 s). */
async function underClaim<T>(p: StorePaths, fn: () => Promise<T>): Promise<T> {
  // proper-lockfile keeps its locks by the `file` argument: each lock needs its own.
  const release = await lockfile.lock(p.claim, {
    lockfilePath: p.claim,
    realpath: false,
    stale: 5000,
    retries: { retries: 200, minTimeout: 20, maxTimeout: 100, factor: 1.3 },
  });
  try {
    return await fn();
  } finally {
    await release().catch(() => {});
  }
}

export interface OwnedStore {
  pg: PGlite;
  paths: StorePaths;
  server: StoreServer;
  /** Closes PGlite and gives the store up (clients take it over). */
  close(): Promise<void>;
}

export type Claim = { role: "owner"; owned: OwnedStore } | { role: "client"; paths: StorePaths };

/**
 * Owns the store if nobody does (opening PGlite and serving it), or reports the socket of the live owner.
 * Waits while an owner is starting (PGlite takes a few seconds to open); throws StoreBusyError when a live owner
 * does not answer, or when nothing changes within GUANXI_STORE_WAIT_MS (default 60 s).
 */
export async function claimStore(dir: string, opts: { migrate?: boolean } = {}): Promise<Claim> {
  privateDir(dir);
  const p = storePaths(dir);
  const deadline = Date.now() + envMs("GUANXI_STORE_WAIT_MS", 60_000);
  let silentSince: number | null = null;
  for (;;) {
    const got = await underClaim(p, async () => {
      const rec = readRecord(p);
      if (existsSync(p.lock)) {
        if (rec && isAlive(rec)) return rec;
        // The recorded owner is gone, or there is no record: the owner crashed between taking the lock and writing
        // it down (both happen under the claim lock, which we hold now). Either way its lock is stale.
        rmSync(p.lock, { recursive: true, force: true });
      }
      const release = await lockfile.lock(p.lock, {
        lockfilePath: p.lock,
        realpath: false,
        stale: 2 ** 40, // never stale by age: only a dead owner's lock is taken over (above)
        update: 5000,
        onCompromised: (e) => {
          // Someone removed our lock: another process may open the store. Stop before two writers exist.
          process.stderr.write(`guanxi: lost the lock on ${p.dir} (${e.message}); stopping so no two processes write one store\n`);
          process.exit(1);
        },
      });
      const mine: OwnerRecord = {
        pid: process.pid,
        started: processStart(process.pid),
        command: commandLine(),
        socket: p.socket,
        state: "starting",
        since: new Date().toISOString(),
      };
      writeRecord(p, mine);
      return { release, mine };
    });
    if (got && "release" in got) return { role: "owner", owned: await openOwned(p, got.mine, got.release, opts.migrate ?? true) };
    const rec = got;
    if (rec?.state === "ready" && (await socketAnswers(rec.socket))) return { role: "client", paths: { ...p, socket: rec.socket, socketDir: path.dirname(rec.socket) } };
    if (rec?.state === "ready") {
      // Ready but silent: give a busy owner a moment (its event loop may be in a long query), then say who it is.
      silentSince ??= Date.now();
      if (Date.now() - silentSince > envMs("GUANXI_STORE_SILENT_MS", 10_000)) throw new StoreBusyError(p.dir, rec, "does not answer on its socket");
    } else silentSince = null;
    if (Date.now() > deadline) throw new StoreBusyError(p.dir, rec, rec ? "is still opening it" : "left it locked");
    await sleep(rec ? 150 : 300);
  }
}

async function openOwned(p: StorePaths, mine: OwnerRecord, unlock: () => Promise<void>, runMigrations: boolean): Promise<OwnedStore> {
  const giveUp = () => underClaim(p, async () => {
    rmSync(p.record, { force: true });
    await unlock().catch(() => {});
  });
  let pg: PGlite | undefined;
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    pg = await withPrivateUmask(async () => {
      const db = new PGlite(p.dir);
      await db.waitReady;
      return db;
    });
    tightenTree(p.dir);
    if (runMigrations) await migrate(pg);
    if (p.socketDir !== p.dir) privateDir(p.socketDir);
    const server = await withPrivateUmask(() => startStoreServer(pg!, p.socket));
    writeRecord(p, { ...mine, state: "ready" });
    const db = pg;
    let closed: Promise<void> | undefined;
    return {
      pg: db,
      paths: p,
      server,
      close() {
        closed ??= (async () => {
          await server.close();
          await db.close();
          tightenTree(p.dir);
          await giveUp();
        })();
        return closed;
      },
    };
  } catch (e) {
    await pg?.close().catch(() => {});
    await giveUp();
    throw e;
  }
}
