// guanxi serve: every configured bot (Slack, Telegram) and the digest scheduler in one process. Configuration comes
// from the environment, parsed once by bots/config.ts. With no bot configured it explains what to set and exits 1
// (a supervisor should not think a server that serves nothing is healthy). SIGTERM/SIGINT: stop taking messages,
// finish the turns in flight, stop the scheduler, close the store.
// At start each platform is asked who we are (Slack auth.test, Telegram getMe) a few times with backoff: serve says
// which are connected and serves those; a platform it can't reach is reported in one line and left out, and if none
// can be reached it exits 1 — never a silent hang (every API request has a timeout: CHAT_API_TIMEOUT_MS).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { openCliStore, parse, CommandError } from "./args.ts";
import { ConfigError, HOW_TO_CONFIGURE, loadConfig } from "../bots/config.ts";
import { botRuntime, type Log } from "../bots/conversation.ts";
import { InFlight } from "../bots/in-flight.ts";
import { tokenBucket } from "../bots/rate-limit.ts";
import { chatNotifier, type PlatformSender } from "../bots/notifier.ts";
import { createSlackApp, type SlackBot } from "../bots/slack/app.ts";
import { slackSender } from "../bots/slack/notifier.ts";
import { createTelegramBot, type TelegramBot } from "../bots/telegram/bot.ts";
import { telegramSender } from "../bots/telegram/notifier.ts";
import { turnDepsFromEnv } from "../agent/session.ts";
import { startDigestScheduler } from "../scheduler/digest.job.ts";
import { slackTurnSender, startResumeSweep, telegramTurnSender } from "../bots/resume.ts";
import { DEFAULT_LEASE_MS } from "../domain/inbox.repository.ts";
import { connect, connectionLine, type Connection } from "../bots/connect.ts";

const log: Log = (event, data) => process.stdout.write(`${JSON.stringify({ t: new Date().toISOString(), event, ...data })}\n`);

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, {});
  let cfg;
  try {
    cfg = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`guanxi serve: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  if (!cfg.slack && !cfg.telegram) {
    process.stderr.write(`guanxi serve: ${HOW_TO_CONFIGURE}\n`);
    return 1;
  }

  const store = await openCliStore({ db: values.db });
  const db = store.prisma;
  const { db: _db, log: _log, ...agent } = turnDepsFromEnv(db);
  const inFlight = new InFlight();
  const rt = botRuntime({ db, agent, inFlight, log, limiter: tokenBucket({ capacity: 20, perMinute: 20 }) });
  const senders: Partial<Record<"slack" | "telegram", PlatformSender>> = {};
  let slack: SlackBot | undefined;
  let telegram: TelegramBot | undefined;
  let ownServer: Server | undefined;
  try {
    if (cfg.telegram) telegram = createTelegramBot(rt, cfg.telegram);
    const hook = cfg.telegram?.webhook;
    const tgHandler = telegram?.webhookHandler;
    if (cfg.slack) {
      // Slack over HTTP and a Telegram webhook share one port: the webhook is a custom route on Bolt's server.
      const share = hook && tgHandler && !cfg.slack.appToken;
      slack = createSlackApp(rt, {
        ...cfg.slack,
        port: cfg.port,
        ...(share ? { customRoutes: [{ path: hook.path, method: "POST", handler: (req, res) => void tgHandler(req, res) }] } : {}),
      });
    }
    // Both platforms are asked at once, so a slow one doesn't delay the other's report.
    const [slackUp, telegramUp] = await Promise.all([
      slack ? connect("slack", slack.probe, { attempts: cfg.connectAttempts, log }) : undefined,
      telegram ? connect("telegram", telegram.probe, { attempts: cfg.connectAttempts, log }) : undefined,
    ]);
    for (const [c, where] of [[slackUp, cfg.slack?.apiUrl ? "SLACK_API_URL" : "the network and SLACK_BOT_TOKEN"], [telegramUp, cfg.telegram?.apiRoot ? "TELEGRAM_API_ROOT" : "the network and TELEGRAM_BOT_TOKEN"]] as [Connection | undefined, string][]) {
      if (!c) continue;
      log(c.ok ? `${c.platform}.connected` : `${c.platform}.not_connected`, c.ok ? { as: c.as } : { error: c.error, attempts: c.attempts });
      process.stderr.write(`guanxi serve: ${connectionLine(c, c.ok ? undefined : where)}\n`);
    }
    if (!slackUp?.ok) slack = undefined;
    if (!telegramUp?.ok) telegram = undefined;
    if (!slack && !telegram) throw new Error("no chat platform could be reached (see above)");
    if (telegram) senders.telegram = telegramSender(telegram.bot.api, log);
    if (slack) {
      senders.slack = slackSender(slack.app.client);
      await slack.start();
      log("slack.started", { mode: slack.mode, ...(slack.mode === "http" ? { port: cfg.port, path: "/slack/events" } : {}) });
    }
    if (telegram) {
      if (hook && tgHandler && !(slack && slack.mode === "http")) {
        ownServer = await listen(cfg.port, (req, res) => {
          if (req.method === "POST" && req.url?.split("?")[0] === hook.path) return void tgHandler(req, res);
          res.writeHead(404).end();
        });
      }
      await telegram.start();
      log("telegram.started", { mode: telegram.mode, bot: telegram.bot.botInfo.username, ...(hook ? { port: cfg.port, path: hook.path } : {}) });
    }
  } catch (e) {
    await Promise.allSettled([slack?.stop(), telegram?.stop(), close(ownServer)]);
    await store.close();
    throw new CommandError(`could not start: ${(e as Error).message}`);
  }

  // Messages a crashed process left half-done: taken over now and then every lease period (bots/resume.ts).
  const leaseMs = Number(process.env.GUANXI_TURN_LEASE_MS) > 0 ? Number(process.env.GUANXI_TURN_LEASE_MS) : DEFAULT_LEASE_MS;
  const sweep = startResumeSweep(
    rt,
    { ...(telegram ? { telegram: telegramTurnSender(telegram.bot.api) } : {}), ...(slack ? { slack: slackTurnSender(slack.app.client) } : {}) },
    { everyMs: leaseMs },
  );
  void sweep.runOnce().then(
    (n) => log("serve.resumed", { answered: n }),
    (e) => log("serve.resume_failed", { error: (e as Error).message }),
  );

  const scheduler = startDigestScheduler({
    db,
    notifier: chatNotifier(db, senders, log),
    log: { info: (m, d) => log(`digest: ${m}`, d), warn: (m, d) => log(`digest: ${m}`, d), error: (m, d) => log(`digest: ${m}`, d) },
  });
  await scheduler.ready;
  log("digest.scheduler_started", { recipients: scheduler.jobs().length });
  log("serve.ready", { store: store.kind, location: store.location });

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.off("SIGTERM", onTerm);
      process.off("SIGINT", onInt);
      log("serve.stopping", { signal, inFlight: inFlight.size });
      resolve();
    };
    const onTerm = () => stop("SIGTERM");
    const onInt = () => stop("SIGINT");
    process.on("SIGTERM", onTerm);
    process.on("SIGINT", onInt);
  });

  // Stop accepting first (new messages get "restarting, send again"), then let running turns finish.
  const drained = inFlight.drain(30_000);
  await sweep.stop();
  await Promise.allSettled([slack?.stop(), telegram?.stop(), close(ownServer)]);
  const finished = await drained;
  await scheduler.stop();
  await scheduler.idle();
  await store.close();
  log("serve.stopped", { finishedInFlight: finished });
  return 0;
}

function listen(port: number, handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = createServer(handler);
    s.once("error", reject);
    s.listen(port, () => resolve(s));
  });
}

const close = (s?: Server) => (s ? new Promise<void>((r) => s.close(() => r())) : Promise.resolve());
