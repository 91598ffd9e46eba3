// The owner of an embedded store serves it to other guanxi processes on a Unix socket, speaking the PostgreSQL wire
// protocol through @electric-sql/pglite-socket's connection handler. PGlite is one session: whatever runs between a
// BEGIN and its COMMIT, or between an extended-protocol Parse and its Sync, must not be interleaved with anything
// else — neither another socket client's statements nor the owner's own Prisma queries. The package's own queue only
// keeps socket clients apart (and not across Parse…Sync), so this queue takes PGlite's transaction mutex — the one
// PGlite's own `query`, `exec` and `transaction` take — for each unit of work a client sends, and holds it until the
// unit ends (ReadyForQuery outside a transaction). The owner's direct PGlite path stays as fast as before.
import { createServer, type Server, type Socket } from "node:net";
import { rmSync } from "node:fs";
import type { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketHandler } from "@electric-sql/pglite-socket";

/** Extended-protocol messages after which the client's unit continues (it ends with Sync). */
const IN_UNIT = new Set(["P", "B", "D", "E", "C", "H"].map((c) => c.charCodeAt(0)));

/** PGlite's transaction mutex (protected in its types, stable in its API: every PGlite query path uses it). */
interface Exclusive {
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
}

class ShuttingDown extends Error {}

/** A PostgreSQL ErrorResponse; 57P01 (admin_shutdown) tells the client nothing of that request ran. */
export function errorResponse(code: string, message: string, severity = "FATAL"): Buffer {
  const fields = [`S${severity}`, `V${severity}`, `C${code}`, `M${message}`].map((f) => Buffer.from(f + "\0", "utf8"));
  const body = Buffer.concat([...fields, Buffer.from([0])]);
  const head = Buffer.alloc(5);
  head.write("E", 0, "ascii");
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

const simpleQuery = (sql: string) => {
  const body = Buffer.from(sql + "\0", "utf8");
  const head = Buffer.alloc(5);
  head.write("Q", 0, "ascii");
  head.writeInt32BE(body.length + 4, 1);
  return new Uint8Array(Buffer.concat([head, body]));
};
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

const SHUTDOWN_MESSAGE = "the guanxi process that owned this store is shutting down; reconnect";

/** Serialises socket clients' units of work with each other and with the owner's own queries. */
class SessionQueue {
  private holder: number | null = null;
  private release: (() => void) | null = null;
  private chains = new Map<number, Promise<unknown>>();
  private gone = new Set<number>();
  closing = false;

  constructor(private db: PGlite) {}

  /** Waits for PGlite's transaction mutex; resolves with the function that gives it back. */
  acquire(): Promise<() => void> {
    return new Promise((resolve) => {
      void (this.db as unknown as Exclusive)._runExclusiveTransaction(() => new Promise<void>((release) => resolve(release)));
    });
  }

  get holderId() {
    return this.holder;
  }

  // The handler may call enqueue again before the previous message finished (one call per socket 'data' event):
  // messages of one connection run strictly in order.
  enqueue(id: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    const prev = this.chains.get(id) ?? Promise.resolve();
    const next = prev.catch(() => {}).then(() => this.run(id, message, onData));
    this.chains.set(id, next);
    return next;
  }

  private async run(id: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    if (this.gone.has(id)) throw new ShuttingDown("connection closed");
    if (this.holder !== id) {
      if (this.closing) return this.refuse(onData);
      const release = await this.acquire();
      if (this.closing || this.gone.has(id)) {
        release();
        if (this.closing) return this.refuse(onData);
        throw new ShuttingDown("connection closed");
      }
      this.holder = id;
      this.release = release;
    }
    let sent = 0;
    try {
      await this.db.runExclusive(() =>
        this.db.execProtocolRawStream(message, {
          onRawData: (d) => {
            sent += d.length;
            onData(d);
          },
        }),
      );
    } finally {
      const unitEnds = !IN_UNIT.has(message[0]!) && !this.db.isInTransaction();
      if (unitEnds || this.gone.has(id)) await this.endUnit(id);
    }
    return sent;
  }

  private refuse(onData: (data: Uint8Array) => void): never {
    onData(new Uint8Array(errorResponse("57P01", SHUTDOWN_MESSAGE)));
    throw new ShuttingDown(SHUTDOWN_MESSAGE);
  }

  /** Gives the session back; a client that left mid-unit has its extended sequence closed and its transaction rolled back. */
  private async endUnit(id: number) {
    if (this.holder !== id) return;
    if (this.gone.has(id)) {
      await this.db.runExclusive(async () => {
        await this.db.execProtocolRaw(SYNC);
        if (this.db.isInTransaction()) await this.db.execProtocolRaw(simpleQuery("ROLLBACK"));
      });
    }
    const release = this.release;
    this.holder = null;
    this.release = null;
    release?.();
  }

  clearQueueForHandler(id: number) {
    this.gone.add(id);
  }

  async clearTransactionIfNeeded(id: number) {
    this.gone.add(id);
    // Wait for a message still running for this connection, then give the session back if it holds it.
    await (this.chains.get(id) ?? Promise.resolve()).catch(() => {});
    this.chains.delete(id);
    await this.endUnit(id);
  }

  getQueueLength() {
    return 0;
  }
}

export interface StoreServer {
  socketPath: string;
  /** Connections currently attached. */
  connections(): number;
  /**
   * Stops serving: no new connection, waits (up to `graceMs`) for a unit of work in progress, then tells every
   * client the owner is leaving (57P01: nothing of a refused request ran, so the client may retry elsewhere).
   */
  close(graceMs?: number): Promise<void>;
}

export async function startStoreServer(db: PGlite, socketPath: string): Promise<StoreServer> {
  const queue = new SessionQueue(db);
  const sockets = new Map<PGLiteSocketHandler, Socket>();
  const server: Server = createServer((socket) => {
    if (queue.closing) {
      socket.end(errorResponse("57P01", SHUTDOWN_MESSAGE));
      return;
    }
    // A late write to a client that hung up (EPIPE) must not crash the owner, but the handler removes every 'error'
    // listener when it detaches: keep one that survives that.
    const ignore = () => {};
    socket.on("error", ignore);
    const removeAll = socket.removeAllListeners.bind(socket);
    socket.removeAllListeners = (event?: string | symbol) => {
      removeAll(event);
      if (event === undefined || event === "error") socket.on("error", ignore);
      return socket;
    };
    const handler = new PGLiteSocketHandler({ queryQueue: queue as never, closeOnDetach: true });
    sockets.set(handler, socket);
    const forget = () => sockets.delete(handler);
    handler.addEventListener("close", forget);
    handler.addEventListener("error", forget);
    socket.on("close", forget);
    void handler.attach(socket).catch(() => socket.destroy());
  });
  // The owner holds the store's lock, so a socket file left here is a crashed owner's.
  rmSync(socketPath, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    socketPath,
    connections: () => sockets.size,
    async close(graceMs = 10_000) {
      queue.closing = true;
      const stopped = new Promise<void>((r) => server.close(() => r()));
      // Wait for the unit in progress; a client holding a transaction open past the grace period is cut off (its
      // transaction rolls back when its handler detaches).
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<null>((r) => (timer = setTimeout(() => r(null), graceMs)));
      let release = await Promise.race([queue.acquire(), late]);
      clearTimeout(timer);
      if (!release) {
        for (const [h, s] of sockets) if (h.handlerId === queue.holderId) s.destroy();
        release = await queue.acquire();
      }
      // Holding the session: nothing more runs. Tell idle clients; requests they send meanwhile are refused the same way.
      for (const s of sockets.values()) if (s.writable) s.write(errorResponse("57P01", SHUTDOWN_MESSAGE));
      release();
      if (sockets.size) await new Promise((r) => setTimeout(r, 200)); // let clients read the notice and hang up
      for (const s of sockets.values()) s.destroy();
      await stopped;
      rmSync(socketPath, { force: true });
    },
  };
}
