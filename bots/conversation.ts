// What every chat platform does with an inbound message, before and after the turn: who is this (or are they
// linking with an invite code), are they over their rate limit, then the turn itself. Platform files only translate.
import type { Db, Locale } from "../domain/context.ts";
import { handleTurn, type TurnDeps, type TurnResult } from "../agent/turn.ts";
import { holdMessage, identifyUser, redeemInviteCode, type Actor } from "../agent/actions.ts";
import { unlimited, type RateLimiter } from "./rate-limit.ts";
import { InFlight } from "./in-flight.ts";
import { describeSaved } from "../agent/saved.ts";

export type Log = (event: string, data?: Record<string, unknown>) => void;

export interface BotDeps {
  db: Db;
  /** Agent options passed through to every turn (model, …). */
  agent?: Omit<TurnDeps, "db" | "log">;
  limiter?: RateLimiter;
  inFlight?: InFlight;
  log?: Log;
  clock?: () => Date;
}

export interface Inbound {
  platform: "slack" | "telegram";
  /** The sender's id on the platform (Slack user id, Telegram user id). */
  userId: string;
  /** The platform's id for this message; retries carry the same one. */
  messageId: string;
  text: string;
}

export type Outcome =
  | { kind: "refused" | "linked" | "limited" | "closing" | "hello"; text: string }
  | { kind: "duplicate" }
  | { kind: "turn"; actor: Actor; result: TurnResult };

const LINK = /^\s*(?:\/start(?:@\w+)?|link|绑定)\s+([A-Za-z0-9][A-Za-z0-9 -]{3,24})\s*$/i;
const START = /^\s*\/start(?:@\w+)?\s*$/i;
/** An unknown sender pasting just the invite code (what `users invite` tells them to send): one token of 6–16. */
const BARE_CODE = /^\s*([A-Za-z0-9][A-Za-z0-9-]{5,15})\s*$/;

export const guessLocale = (text: string): Locale => (/[\u3400-\u9fff]/.test(text) ? "zh" : "en");

export const TEXTS = {
  refused: (platform: string, userId: string, zh: boolean) =>
    zh
      ? `你好!我还不认识这个账号,所以暂时不能帮你记录或查询。\n请向 guanxi 管理员索取邀请码(guanxi users invite),然后在这里发送「${platform === "telegram" ? "/start 邀请码" : "link 邀请码"}」;或者请管理员直接绑定你的账号:guanxi users link 你的用户名 --platform ${platform} --id ${userId}`
      : `Hi! I don't know this ${platform} account yet, so I can't record or look anything up for you.\nAsk your guanxi admin for an invite code (guanxi users invite) and send "${platform === "telegram" ? "/start CODE" : "link CODE"}" here — or ask them to link you: guanxi users link YOUR_HANDLE --platform ${platform} --id ${userId}`,
  limited: (zh: boolean) =>
    zh ? "消息有点多,我跟不上了。这条已保存但还没处理,请稍等一分钟再发一次。" : "You're sending messages faster than I can keep up — that one is saved but not processed; please send it again in a minute.",
  alreadyLinked: (a: Actor) =>
    a.locale === "zh" ? `这个账号已经绑定到 ${a.handle}。` : `This account is already linked to ${a.handle}.`,
  hello: (a: Actor) =>
    a.locale === "zh"
      ? `${a.name},你好!告诉我发生了什么,比如「拜访了华东机械,王芳对交期不满意,下周三再跟进」。`
      : `Hi ${a.name}! Tell me what happened, e.g. "Called Jane at Acme, worried about price, follow up Friday".`,
  closing: (zh: boolean) => (zh ? "正在重启,请稍后再发一次。" : "I'm restarting — please send that again in a moment."),
  working: (zh: boolean) => (zh ? "处理中…" : "Working on it…"),
};

/** Creates the per-process state (rate limiter, in-flight tracker) once, shared by all platforms. */
export function botRuntime(deps: BotDeps): Required<Pick<BotDeps, "limiter" | "inFlight" | "log" | "clock">> & BotDeps {
  return {
    ...deps,
    limiter: deps.limiter ?? unlimited,
    inFlight: deps.inFlight ?? new InFlight(),
    log: deps.log ?? (() => {}),
    clock: deps.clock ?? (() => new Date()),
  };
}

export async function converse(deps: ReturnType<typeof botRuntime>, m: Inbound): Promise<Outcome> {
  const now = deps.clock();
  const actor = await identifyUser(deps.db, m.platform, m.userId);
  const link = LINK.exec(m.text);
  if (!actor) {
    const zh = guessLocale(m.text) === "zh";
    // "/start CODE", "link CODE" — or the code pasted alone, as `users invite` tells people to send it. A bare word
    // that is no live code gets the usual greeting below, not "invalid invite code".
    const code = link?.[1] ?? BARE_CODE.exec(m.text)?.[1];
    if (code) {
      const r = await redeemInviteCode(deps.db, { platform: m.platform, externalId: m.userId, code, now, locale: zh ? "zh" : "en" });
      if (r.ok || link) {
        deps.log(r.ok ? "identity.linked" : "identity.link_refused", { platform: m.platform, user: m.userId, handle: r.actor?.handle });
        return { kind: r.ok ? "linked" : "refused", text: r.text };
      }
    }
    deps.log("identity.unknown", { platform: m.platform, user: m.userId });
    return { kind: "refused", text: TEXTS.refused(m.platform, m.userId, zh) };
  }
  if (link) return { kind: "hello", text: TEXTS.alreadyLinked(actor) };
  if (START.test(m.text)) return { kind: "hello", text: TEXTS.hello(actor) };
  const held = { platform: m.platform, externalMessageId: m.messageId, actor, text: m.text, now };
  // A redelivery of a message already answered gets no "not processed" reply: it was processed (or is being).
  if (!deps.inFlight.accepting) {
    if ((await holdMessage(deps.db, { ...held, reason: "not processed: the bot was shutting down" })).alreadyHandled) return { kind: "duplicate" };
    return { kind: "closing", text: TEXTS.closing(actor.locale === "zh") };
  }
  if (!deps.limiter.take(`${m.platform}:${m.userId}`)) {
    deps.log("rate.limited", { platform: m.platform, user: m.userId });
    if ((await holdMessage(deps.db, { ...held, reason: "not processed: over the rate limit" })).alreadyHandled) {
      deps.log("turn.duplicate", { platform: m.platform, messageId: m.messageId, limited: true });
      return { kind: "duplicate" };
    }
    return { kind: "limited", text: TEXTS.limited(actor.locale === "zh") };
  }
  const result = await handleTurn(
    { ...deps.agent, db: deps.db, log: deps.log },
    { platform: m.platform, externalMessageId: m.messageId, actor, text: m.text, now },
  );
  if (result.duplicate) {
    deps.log("turn.duplicate", { platform: m.platform, messageId: m.messageId, inboxId: result.inboxId });
    return { kind: "duplicate" };
  }
  deps.log("turn.done", { platform: m.platform, inboxId: result.inboxId, user: actor.handle, mutations: result.mutations.length, failed: result.failed });
  return { kind: "turn", actor, result };
}

/** Short lines saying what a turn recorded, for the "recorded" part of a reply. */
export function describeMutations(result: Pick<TurnResult, "mutations">, zh: boolean): string[] {
  return describeSaved(result.mutations, zh);
}
