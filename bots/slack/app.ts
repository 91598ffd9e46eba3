// The Slack app: Bolt with the HTTP receiver (request signatures verified with the signing secret) or Socket Mode
// when an app-level token is given; SLACK_API_URL points the Web API client elsewhere (tests, compatible servers).
// Web API calls time out and retry a bounded number of times (client-options.ts).
import { App, LogLevel, type CustomRoute } from "@slack/bolt";
import type { Server } from "node:http";
import { WebClient } from "@slack/web-api";
import type { SlackConfig } from "../config.ts";
import { registerActions } from "./listeners/actions.ts";
import { registerEvents } from "./listeners/events.ts";
import type { SlackRuntime } from "./reply.ts";
import { slackClientOptions } from "./client-options.ts";

export interface SlackBot {
  app: InstanceType<typeof App>;
  mode: "http" | "socket";
  /** auth.test: who the bot is ("@name in Team"), one try with the configured timeout. */
  probe(): Promise<string>;
  /** Starts listening; for HTTP returns the server (port 0 picks a free port). */
  start(): Promise<Server | undefined>;
  stop(): Promise<void>;
}

export function createSlackApp(rt: SlackRuntime, cfg: SlackConfig & { port: number; customRoutes?: CustomRoute[] }): SlackBot {
  const socket = !!cfg.appToken;
  const app = new App({
    token: cfg.botToken,
    ...(socket ? { socketMode: true, appToken: cfg.appToken } : { signingSecret: cfg.signingSecret!, port: cfg.port, customRoutes: cfg.customRoutes }),
    clientOptions: slackClientOptions(cfg, rt.log),
    logLevel: LogLevel.WARN,
    // Bolt would otherwise call auth.test from its constructor, where a failure is an unhandled rejection; deferred,
    // it runs in start() (awaited, so a failure is an error serve reports).
    deferInitialization: true,
  });
  registerEvents(app, rt);
  registerActions(app, rt);
  // The one top-level handler: a listener error is logged; the app keeps serving everyone else.
  app.error(async (e) => {
    rt.log("slack.error", { error: e.message, code: (e as { code?: string }).code });
  });
  return {
    app,
    mode: socket ? "socket" : "http",
    async probe() {
      // Its own client without retries: serve's connect() does the (logged, bounded) retrying.
      const r = await new WebClient(cfg.botToken, { ...slackClientOptions(cfg, rt.log, 0), logLevel: LogLevel.ERROR }).auth.test();
      return `@${r.user ?? r.user_id} in ${r.team ?? r.team_id}`;
    },
    async start() {
      await app.init();
      const r = await app.start(cfg.port);
      return socket ? undefined : (r as Server);
    },
    async stop() {
      await app.stop();
    },
  };
}
