// Sending to Telegram can fail transiently (a reset connection, 429 Too Many Requests with retry_after, a 5xx).
// The message is already stored and answered in the inbox, so a lost reply can't be recovered by redelivery:
// retry a few times before giving up (and logging).
import { GrammyError, HttpError } from "grammy";

export type RetryLog = (info: { attempt: number; of: number; error: string; retryInMs: number }) => void;

export async function withRetry<T>(fn: () => Promise<T>, attempts = 4, baseMs = 250, onRetry?: RetryLog): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      const retryAfter = e instanceof GrammyError && e.error_code === 429 ? (e.parameters.retry_after ?? 1) * 1000 : undefined;
      const transient = e instanceof HttpError || retryAfter !== undefined || (e instanceof GrammyError && e.error_code >= 500);
      if (!transient || i >= attempts) throw e;
      const retryInMs = Math.min(retryAfter ?? baseMs * 2 ** (i - 1), 30_000);
      onRetry?.({ attempt: i, of: attempts, error: (e as Error).message, retryInMs });
      await new Promise((r) => setTimeout(r, retryInMs));
    }
  }
}
