// A guanxi process that does not own an embedded store reaches it through the owner's socket (prisma/store-owner.ts)
// with a `pg` pool — one connection, since the owner runs one unit of work at a time anyway — behind
// @prisma/adapter-pg, the same path as DATABASE_URL.
//
// When the owner goes away the pool takes the store over: the next connection finds no live owner, so this process
// claims the store (opens PGlite and serves the socket itself) or finds whoever claimed it first, and carries on.
// A request is repeated only when it certainly did not run: the connection could not be made, or the owner refused
// it while shutting down (57P01, sent instead of running it). A request cut off in flight (the owner was killed)
// may or may not have committed, so it fails as it is; the next one reconnects.
import pg from "pg";
import { claimStore, type OwnedStore, type StorePaths, SOCKET_PORT } from "./store-owner.ts";
import { dbTimeouts } from "./db-timeouts.ts";
import { isConnectionLoss } from "./connection-loss.ts";

const NOT_RUN_CODES = new Set(["ECONNREFUSED", "ENOENT", "ECONNRESET", "EPIPE", "57P01", "57P03"]);

/** The request certainly did not run (connect failures, a shutting-down owner's refusal). */
function didNotRun(e: unknown, connecting: boolean): boolean {
  const err = e as { code?: string; message?: string };
  if (err?.code && NOT_RUN_CODES.has(err.code) && (connecting || err.code.startsWith("57P"))) return true;
  // pg refuses a query on a connection it already knows is dead, before sending anything.
  if (/not queryable/i.test(err?.message ?? "")) return true;
  return connecting && /Connection terminated|connection timeout|terminating connection/i.test(err?.message ?? "");
}

type Listener = (...args: unknown[]) => void;

/** What @prisma/adapter-pg uses of a checked-out client: query, error listeners, release. */
class Lease {
  private ran = 0;
  private listeners: [string, Listener][] = [];
  constructor(
    private pool: StorePool,
    private client: pg.PoolClient,
  ) {}

  on(event: string, fn: Listener) {
    this.listeners.push([event, fn]);
    this.client.on(event as "error", fn as never);
    return this;
  }
  removeListener(event: string, fn: Listener) {
    this.listeners = this.listeners.filter(([e, f]) => e !== event || f !== fn);
    this.client.removeListener(event as "error", fn as never);
    return this;
  }

  async query(...args: unknown[]): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      try {
        const r = await (this.client.query as (...a: unknown[]) => Promise<unknown>)(...args);
        this.ran++;
        return r;
      } catch (e) {
        // Refused before anything of this checkout ran: move to the new owner and send it again.
        if (this.ran === 0 && attempt < 5 && didNotRun(e, false)) {
          this.swapOut(e as Error);
          this.client = await this.pool.connectRaw();
          for (const [ev, fn] of this.listeners) this.client.on(ev as "error", fn as never);
          continue;
        }
        if (isConnectionError(e)) this.broken = e as Error;
        throw e;
      }
    }
  }

  private broken: Error | undefined;

  private swapOut(e: Error) {
    for (const [ev, fn] of this.listeners) this.client.removeListener(ev as "error", fn as never);
    this.client.release(e);
  }

  release(err?: Error | boolean) {
    for (const [ev, fn] of this.listeners) this.client.removeListener(ev as "error", fn as never);
    this.client.release((err as Error) || this.broken);
  }
}

/** The connection is no good any more: lost (prisma/connection-loss.ts), or a statement timed out on it. */
const isConnectionError = (e: unknown) => isConnectionLoss(e) || /Query read timeout/i.test((e as Error)?.message ?? "");

export class StorePool extends pg.Pool {
  /** Set when this process took the store over from an owner that left. */
  owned: OwnedStore | undefined;
  private reclaiming: Promise<void> | undefined;

  constructor(
    private paths: StorePaths,
    private runMigrations: boolean,
  ) {
    const t = dbTimeouts();
    super({
      host: paths.socketDir,
      port: SOCKET_PORT,
      user: "postgres",
      database: "postgres",
      max: 1,
      connectionTimeoutMillis: t.connectMs,
      query_timeout: t.queryMs,
    });
    // An idle connection dropped by a leaving owner: the pool forgets it; the next request reconnects.
    this.on("error", () => {});
  }

  /** A raw pooled client, reconnecting (and taking the store over) when the owner is gone. */
  async connectRaw(): Promise<pg.PoolClient> {
    const deadline = Date.now() + dbTimeouts().connectMs + 60_000;
    for (;;) {
      try {
        const client = await super.connect();
        // The owner killed while this connection is checked out but between queries: pg emits 'error' on the client,
        // which would end the process (no listener). The next query on it fails as "not queryable" and is handled.
        if (!client.listenerCount("error")) client.on("error", () => {});
        return client;
      } catch (e) {
        if (!didNotRun(e, true) || Date.now() > deadline) throw e;
        await this.reclaim();
      }
    }
  }

  /** Claims the store (or finds its new owner); one claim at a time per process. */
  private reclaim(): Promise<void> {
    this.reclaiming ??= (async () => {
      try {
        if (this.owned) return; // we are the owner: the socket is ours, the failure was passing
        const c = await claimStore(this.paths.dir, { migrate: this.runMigrations });
        if (c.role === "owner") this.owned = c.owned;
      } finally {
        this.reclaiming = undefined;
      }
    })();
    return this.reclaiming;
  }

  // @ts-expect-error — the adapter only uses the promise form; a Lease stands in for the PoolClient.
  override async connect(): Promise<Lease> {
    return new Lease(this, await this.connectRaw());
  }

  // @ts-expect-error — promise form only (what @prisma/adapter-pg calls).
  override async query(...args: unknown[]): Promise<unknown> {
    const lease = await this.connect();
    let err: Error | undefined;
    try {
      return await lease.query(...args);
    } catch (e) {
      if (isConnectionError(e)) err = e as Error;
      throw e;
    } finally {
      lease.release(err);
    }
  }

  async close(): Promise<void> {
    await this.end().catch(() => {});
    await this.owned?.close();
  }
}
