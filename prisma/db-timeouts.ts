// No silent hangs on the database: a server (or a store owner) that accepts a connection and never answers makes the
// command fail with one line within a bounded time. Both limits can be raised for slow links or long imports.
export interface DbTimeouts {
  /** GUANXI_DB_CONNECT_TIMEOUT_MS (default 10 s): to connect and get the server's greeting. */
  connectMs: number;
  /** GUANXI_DB_QUERY_TIMEOUT_MS (default 60 s): for one statement's answer. */
  queryMs: number;
}

const ms = (name: string, dflt: number) => {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return dflt;
  const v = Number(raw);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number of milliseconds (got "${raw}")`);
  return v;
};

export function dbTimeouts(): DbTimeouts {
  return { connectMs: ms("GUANXI_DB_CONNECT_TIMEOUT_MS", 10_000), queryMs: ms("GUANXI_DB_QUERY_TIMEOUT_MS", 60_000) };
}

/** One line naming what did not answer and which setting bounds the wait. */
export function describeDbFailure(where: string, e: unknown, t = dbTimeouts()): string {
  const msg = String((e as Error)?.message ?? e).split("\n")[0];
  if (/timeout|timed out/i.test(msg))
    return /query read/i.test(msg)
      ? `the database at ${where} did not answer a query within ${t.queryMs / 1000} s (GUANXI_DB_QUERY_TIMEOUT_MS)`
      : `the database at ${where} did not answer within ${t.connectMs / 1000} s (GUANXI_DB_CONNECT_TIMEOUT_MS)`;
  return `cannot reach the database at ${where}: ${msg}`;
}
