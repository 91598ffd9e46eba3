// Per-user token bucket: bursts up to `capacity`, refilled at `perMinute`. Keeps one runaway client (or a stuck
// script) from flooding the store and the model. In memory per process: a limit on load, not a security boundary.
export interface RateLimiter {
  /** True when the message may go ahead (and a token is taken). */
  take(key: string, now?: number): boolean;
}

export function tokenBucket(opts: { capacity: number; perMinute: number; maxKeys?: number }): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const rate = opts.perMinute / 60_000;
  const maxKeys = opts.maxKeys ?? 10_000;
  return {
    take(key, now = Date.now()) {
      let b = buckets.get(key);
      if (!b) {
        if (buckets.size >= maxKeys) buckets.delete(buckets.keys().next().value!); // forget the oldest user
        b = { tokens: opts.capacity, at: now };
        buckets.set(key, b);
      }
      b.tokens = Math.min(opts.capacity, b.tokens + (now - b.at) * rate);
      b.at = now;
      if (b.tokens < 1) return false;
      b.tokens -= 1;
      return true;
    },
  };
}

export const unlimited: RateLimiter = { take: () => true };
