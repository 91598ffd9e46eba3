// The Slack app: Bolt with the HTTP receiver (request signatures verified with the signing secret) or Socket Mode
// when an app-level token is given; SLACK_API_URL points the Web API client elsewhere (tests, compatible servers).
import { App, LogLevel, type CustomRoute } from "@slack/bolt";
import type { Server } from "node:http";
import type { SlackConfig } from "../config.ts";
import { registerActions } from "./listeners/actions.ts";
import { registerEvents } from "./listeners/events.ts";
import type { SlackRuntime } from "./reply.ts";

export interface SlackBot {
  app: InstanceType<typeof App>;
  mode: "http" | "socket";
  /** Starts listening; for HTTP returns the server (port 0 picks a free port). */
  start(): Promise<Server | undefined>;
  stop(): Promise<void>;
}

export function createSlackApp(rt: SlackRuntime, cfg: SlackConfig & { port: number; customRoutes?: CustomRoute[] }): SlackBot {
  const socket = !!cfg.appToken;
  const app = new App({
    token: cfg.botToken,
    ...(socket ? { socketMode: true, appToken: cfg.appToken } : { signingSecret: cfg.signingSecret!, port: cfg.port, customRoutes: cfg.customRoutes }),
    clientOptions: cfg.apiUrl ? { slackApiUrl: cfg.apiUrl } : {},
    logLevel: LogLevel.WARN,
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
    async start() {
      const r = await app.start(cfg.port);
      return socket ? undefined : (r as Server);
    },
    async stop() {
      await app.stop();
    },
  };
}
