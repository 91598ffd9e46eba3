// `guanxi serve` as people run it, with one platform up and one that accepts connections and never answers: it must
// say which is connected and which is not (within the short timeout set here), serve the one that works, and stop
// cleanly on SIGTERM; with nothing reachable it exits 1 with a reason instead of hanging. The store is irrelevant
// here, so it is always an embedded one in a scratch directory.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSilentServer, type SilentServer } from "../bots/fakes/silent-server.ts";
import { startFakeSlack, type FakeSlack } from "../bots/fakes/slack-api.ts";

// A fresh `node bin/guanxi.mjs` compiles and loads the whole app through tsx: on a loaded 2-core machine that alone
// can take a minute, so these tests get room beyond the default. Nothing here waits on the network.
const SPAWN_ROOM = 240_000;
const ROOT = path.resolve(import.meta.dirname, "../..");
const tmp = mkdtempSync(path.join(tmpdir(), "guanxi-serve-"));
let silent: SilentServer;
let slack: FakeSlack;

beforeAll(async () => {
  silent = await startSilentServer();
  slack = await startFakeSlack();
});
afterAll(async () => {
  await silent?.close();
  await slack?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Runs serve until `ready` appears on stdout (then SIGTERM) or it exits by itself. */
function serve(env: Record<string, string>, db: string) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: "0", CHAT_API_TIMEOUT_MS: "300", CHAT_CONNECT_ATTEMPTS: "2", ...env };
  delete childEnv.DATABASE_URL;
  const child = spawn("node", [path.join(ROOT, "bin/guanxi.mjs"), "serve", "--db", path.join(tmp, db)], { cwd: tmp, env: childEnv });
  let stdout = "";
  let stderr = "";
  let stopping = false;
  child.stdout.on("data", (c) => {
    stdout += c;
    // Once: a second SIGTERM while shutting down is the operator insisting, and kills it outright.
    if (!stopping && stdout.includes('"event":"serve.ready"')) stopping = child.kill("SIGTERM");
  });
  child.stderr.on("data", (c) => (stderr += c));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

describe("guanxi serve", () => {
  it("reports Slack connected and a Telegram API that never answers as not connected, serves Slack, stops on SIGTERM", async () => {
    const r = await serve(
      { SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: "test-signing-secret", SLACK_API_URL: slack.url, TELEGRAM_BOT_TOKEN: "123456:SILENT", TELEGRAM_API_ROOT: silent.url },
      "one-up",
    );
    expect(r.stderr).toContain("guanxi serve: slack: connected as @guanxi in Test");
    expect(r.stderr).toMatch(/guanxi serve: telegram: not connected — .*getMe.*timed out after 0\.3 seconds.*\(2 tries\); check TELEGRAM_API_ROOT/);
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 0 });
    const events = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as { event: string });
    const names = events.map((e) => e.event);
    expect(names).toEqual(expect.arrayContaining(["telegram.connect_retry", "telegram.not_connected", "slack.connected", "slack.started", "serve.ready", "serve.stopping", "serve.stopped"]));
    expect(names).not.toContain("telegram.started");
    expect(silent.requests.filter((u) => u.endsWith("/getMe"))).toHaveLength(2);
  }, SPAWN_ROOM);

  it("exits 1 with one clear reason when no platform can be reached", async () => {
    const r = await serve({ TELEGRAM_BOT_TOKEN: "123456:SILENT", TELEGRAM_API_ROOT: silent.url }, "none-up");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/telegram: not connected/);
    expect(r.stderr).toMatch(/could not start: no chat platform could be reached/);
    expect(r.stdout).not.toContain("serve.ready");
  }, SPAWN_ROOM);
});
