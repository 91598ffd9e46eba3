// Web API client options for every Slack client we make (Bolt's, the digest sender's, the start-up probe's): a
// request timeout (the client's default is none: a Slack that never answers would hang the call forever) and a
// bounded retry policy whose every retry is logged (the default retries 10 times over ~30 minutes, silently).
import type { WebClientOptions } from "@slack/web-api";
import type { SlackConfig } from "../config.ts";
import type { Log } from "../conversation.ts";

export const SLACK_TIMEOUT_MS = 30_000;

export function slackClientOptions(cfg: Pick<SlackConfig, "apiUrl" | "timeoutMs">, log: Log = () => {}, retries = 2): WebClientOptions {
  const timeout = cfg.timeoutMs ?? SLACK_TIMEOUT_MS;
  const minTimeout = Math.min(1000, timeout);
  return {
    ...(cfg.apiUrl ? { slackApiUrl: cfg.apiUrl } : {}),
    timeout,
    retryConfig: {
      retries,
      factor: 2,
      minTimeout,
      maxTimeout: minTimeout * 8,
      // p-retry (which the WebClient runs) calls this after each failed try.
      onFailedAttempt: (e: Error & { attemptNumber?: number; retriesLeft?: number }) => {
        if (e.retriesLeft) log("slack.api_retry", { attempt: e.attemptNumber, retriesLeft: e.retriesLeft, error: e.message });
      },
    } as WebClientOptions["retryConfig"],
  };
}
