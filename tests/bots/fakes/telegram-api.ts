// A fake Telegram Bot API on 127.0.0.1 (grammY's client.apiRoot points here) recording every call, plus a helper
// that POSTs updates to the bot's webhook with the secret token header.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface TelegramCall {
  method: string;
  params: Record<string, any>;
}

export interface FakeTelegram {
  apiRoot: string;
  calls: TelegramCall[];
  /** Methods answered with a Bot API error (400) until removed. */
  failing: Set<string>;
  /** Updates handed out by getUpdates (long polling), oldest first. */
  pending: { update_id: number }[];
  close(): Promise<void>;
}

export const BOT_INFO = {
  id: 999,
  is_bot: true as const,
  first_name: "guanxi",
  username: "guanxi_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

export async function startFakeTelegram(): Promise<FakeTelegram> {
  const calls: TelegramCall[] = [];
  const failing = new Set<string>();
  const pending: { update_id: number }[] = [];
  let messageId = 10_000;
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const method = (req.url ?? "").split("/").pop()!.split("?")[0]!;
      const params = body ? JSON.parse(body) : {};
      calls.push({ method, params });
      const results: Record<string, unknown> = {
        getMe: BOT_INFO,
        sendMessage: { message_id: ++messageId, date: Math.floor(Date.now() / 1000), chat: { id: Number(params.chat_id), type: "private" }, text: params.text },
      };
      res.setHeader("content-type", "application/json");
      if (method === "getUpdates") {
        // Long polling: confirm everything below the offset, hand out the rest (or nothing after a short wait).
        const offset = Number(params.offset ?? 0);
        while (pending.length && pending[0]!.update_id < offset) pending.shift();
        const reply = () => res.end(JSON.stringify({ ok: true, result: pending.slice(0, Number(params.limit ?? 100)) }));
        return pending.length ? reply() : setTimeout(reply, 50);
      }
      if (failing.has(method)) return res.end(JSON.stringify({ ok: false, error_code: 400, description: "Bad Request: chat not found" }));
      // Like the real Bot API: broken HTML or over 4,096 characters after parsing is refused.
      const refusal = method === "sendMessage" ? checkMessage(String(params.text ?? ""), params.parse_mode) : undefined;
      if (refusal) return res.end(JSON.stringify({ ok: false, error_code: 400, description: `Bad Request: ${refusal}` }));
      res.end(JSON.stringify({ ok: true, result: results[method] ?? true }));
    });
  });
  server.keepAliveTimeout = 60_000; // clients reuse sockets; don't let the fake close them mid-run
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { apiRoot: `http://127.0.0.1:${port}`, calls, failing, pending, close: () => new Promise((r) => server.close(() => r())) };
}

/** The Bot API's checks on a message text: HTML that parses (tags closed in order, no stray < or &), 1–4096 characters. */
export function checkMessage(text: string, parseMode?: string): string | undefined {
  let visible = text;
  if (parseMode === "HTML") {
    const stack: string[] = [];
    for (const m of text.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^<>]*>/g)) {
      if (!m[1]) stack.push(m[2]!.toLowerCase());
      else if (stack.pop() !== m[2]!.toLowerCase()) return `can't parse entities: unexpected end tag </${m[2]}>`;
    }
    if (stack.length) return `can't parse entities: can't find end tag corresponding to start tag ${stack.at(-1)}`;
    visible = text.replace(/<[^<>]*>/g, "");
    if (/[<>]/.test(visible)) return "can't parse entities: unsupported start tag";
    if (/&(?!(?:amp|lt|gt|quot|#\d+|#x[0-9a-fA-F]+);)/.test(visible)) return "can't parse entities: unsupported entity";
    visible = visible.replace(/&(?:amp|lt|gt|quot|#\d+|#x[0-9a-fA-F]+);/g, "&");
  }
  if (!visible.trim()) return "message text is empty";
  if (visible.length > 4096) return "message is too long";
  return undefined;
}

let updateId = 1;
export const nextUpdateId = () => updateId++;

export function textUpdate(o: { userId: number; chatId?: number; messageId: number; text: string; chatType?: "private" | "group"; updateId?: number }) {
  const chatId = o.chatId ?? o.userId;
  return {
    update_id: o.updateId ?? nextUpdateId(),
    message: {
      message_id: o.messageId,
      date: Math.floor(Date.now() / 1000),
      chat: o.chatType === "group" ? { id: chatId, type: "group", title: "Sales" } : { id: chatId, type: "private", first_name: "U" },
      from: { id: o.userId, is_bot: false, first_name: "U" },
      text: o.text,
    },
  };
}

export function callbackUpdate(o: { userId: number; data: string; messageId?: number }) {
  return {
    update_id: nextUpdateId(),
    callback_query: {
      id: `cb${Math.random().toString(36).slice(2)}`,
      from: { id: o.userId, is_bot: false, first_name: "U" },
      chat_instance: "ci",
      data: o.data,
      message: { message_id: o.messageId ?? 1, date: 0, chat: { id: o.userId, type: "private", first_name: "U" }, text: "x" },
    },
  };
}

export function postUpdate(url: string, secret: string | undefined, update: unknown): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}) },
    body: JSON.stringify(update),
  });
}
