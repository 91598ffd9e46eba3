// A statement cut off because the connection to the database went away (the embedded store's owner was killed or
// handed over, a PostgreSQL restart). Whether it ran is unknown, so only idempotent steps may be sent again.
// One definition for both uses: the store client drops a connection that failed this way (prisma/store-client.ts),
// and domain steps that are safe to repeat send themselves again (retryOnConnectionLoss).
const LOSS = /Connection terminated|ECONNRESET|EPIPE|Server has closed the connection|not queryable|terminating connection|57P01|Can't reach database server/i;
// Node's socket errors, Prisma's "can't reach" / "closed", and PostgreSQL's connection (08…) and shutdown (57P…) classes.
const LOSS_CODES = new Set(["ECONNREFUSED", "ENOENT", "ECONNRESET", "EPIPE", "P1001", "P1017"]);
const LOSS_SQLSTATE = /^(08|57P)/;

export function isConnectionLoss(e: unknown): boolean {
  for (let err = e as { code?: string; message?: string; cause?: unknown } | undefined, depth = 0; err && depth < 5; depth++) {
    if (err.code && (LOSS_CODES.has(err.code) || LOSS_SQLSTATE.test(err.code))) return true;
    if (LOSS.test(String(err.message ?? ""))) return true;
    err = err.cause as typeof err;
  }
  return false;
}

/** Runs an idempotent step again (up to `attempts` times) when the connection was lost under it. */
export async function retryOnConnectionLoss<T>(step: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await step();
    } catch (e) {
      if (i >= attempts || !isConnectionLoss(e)) throw e;
      await new Promise((r) => setTimeout(r, 100 * i));
    }
  }
}
