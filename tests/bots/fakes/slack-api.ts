// A fake Slack Web API on 127.0.0.1 that records every call (method + params) and answers like Slack does, plus a
// helper that POSTs signed Events API / interactivity requests to the Bolt HTTP receiver under test.
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface SlackCall {
  method: string;
  params: Record<string, unknown>;
}

export interface FakeSlack {
  url: string;
  calls: SlackCall[];
  /** Makes the next calls to a method fail (Slack-style `ok: false`). */
  failing: Set<string>;
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: SlackCall[] = [];
  const failing = new Set<string>();
  let ts = 1_700_000_000;
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const method = (req.url ?? "").replace(/^\/api\//, "").split("?")[0]!;
      const params: Record<string, unknown> = {};
      if ((req.headers["content-type"] ?? "").includes("json")) Object.assign(params, body ? JSON.parse(body) : {});
      else
        for (const [k, v] of new URLSearchParams(body)) {
          // The WebClient JSON-encodes arrays/objects (blocks) inside the form.
          try {
            params[k] = k === "blocks" || k === "attachments" ? JSON.parse(v) : v;
          } catch {
            params[k] = v;
          }
        }
      calls.push({ method, params });
      res.setHeader("content-type", "application/json");
      if (failing.has(method)) return res.end(JSON.stringify({ ok: false, error: "fatal_error" }));
      const answers: Record<string, unknown> = {
        "auth.test": { ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1", team: "Test", user: "guanxi" },
        "chat.postMessage": { ok: true, channel: params.channel, ts: `${++ts}.000100`, message: { text: params.text } },
        "chat.update": { ok: true, channel: params.channel, ts: params.ts },
        "conversations.open": { ok: true, channel: { id: `D${String(params.users)}` } },
      };
      res.end(JSON.stringify(answers[method] ?? { ok: true }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    failing,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

export function signSlack(secret: string, body: string, at = Math.floor(Date.now() / 1000)) {
  const sig = `v0=${createHmac("sha256", secret).update(`v0:${at}:${body}`).digest("hex")}`;
  return { "x-slack-signature": sig, "x-slack-request-timestamp": String(at) };
}

export async function postSlackEvent(
  url: string,
  secret: string,
  event: Record<string, unknown>,
  opts: { retryNum?: number; eventId?: string; badSignature?: boolean } = {},
): Promise<Response> {
  const body = JSON.stringify({
    token: "legacy",
    team_id: "T1",
    api_app_id: "A1",
    type: "event_callback",
    event_id: opts.eventId ?? `Ev${Math.random().toString(36).slice(2)}`,
    event_time: Math.floor(Date.now() / 1000),
    event,
  });
  const headers: Record<string, string> = { "content-type": "application/json", ...signSlack(opts.badSignature ? "wrong-secret" : secret, body) };
  if (opts.retryNum) Object.assign(headers, { "x-slack-retry-num": String(opts.retryNum), "x-slack-retry-reason": "http_timeout" });
  return fetch(url, { method: "POST", headers, body });
}

export async function postSlackAction(url: string, secret: string, payload: Record<string, unknown>): Promise<Response> {
  const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...signSlack(secret, body) }, body });
}

/** Polls until `pred` holds (the bot answers after acknowledging, so tests wait for the answer to arrive). */
export async function until<T>(pred: () => T | undefined | false | Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await pred();
    if (v) return v;
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}
