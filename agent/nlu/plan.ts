// The built-in model's first step: read a message and plan the tool calls an LLM would make. The acts come from the
// trained classifier (understand.ts); each act with the message's entities becomes its frame — a tool call — so every
// fact in a message becomes its record, and nothing is written that the message did not say or that the model is not
// confident of. An open question is kept as structured dialogue state, never re-read from reply text.
import type { RulesEnv } from "../rules/rules-env.ts";
import { isInvalid } from "../rules/dates.ts";
import { localDate } from "../../domain/time.ts";
import { createCommand } from "../../domain/find-customers.ts";
import { understand, type Understanding } from "./understand.ts";
import { unknownCustomerName } from "./recognise.ts";
import { sayer, type Say } from "./say.ts";
import { answerPending, askWhichCustomer, isPending, type Pending } from "./dialogue.ts";
import { planQuestion } from "./questions.ts";
import { planAccount } from "./accounts.ts";
import { planRecords, settledTarget, type Who } from "./records.ts";
import { draftFrame } from "./drafts.ts";
import { onPrevious } from "./follow-ups.ts";

export interface PlannedCall {
  name: string;
  args: Record<string, unknown>;
}

export interface Plan {
  calls: PlannedCall[];
  /** A direct answer (no tools), or a note appended after the tools' results. */
  reply?: string;
  /** The question this reply asks, kept with the message for the answer to complete. */
  pending?: Pending;
}

export interface Forced {
  /** The customer is settled (an answer to "which one did you mean?"); don't look it up. */
  target?: Who;
}

export async function planTurn(text: string, env: RulesEnv, forced?: Forced): Promise<Plan> {
  const raw = (text.replace(/\s+/g, " ").trim().slice(0, 4000) as string & { toWellFormed(): string }).toWellFormed();
  if (!/[\p{L}\p{N}]/u.test(raw)) return { calls: [], reply: sayer(env.locale === "zh")("help") };
  const u = await understand(raw, env);
  const say = sayer(u.zh);

  // A short message may answer the assistant's open question ("which Acme?" → "the robotics one").
  if (!forced && raw.length <= 60) {
    const prev = await env.previous();
    if (prev && isPending(prev.question)) {
      const answered = await answerPending(u, prev.question, env, (t, f) => planTurn(t, env, f));
      if (answered) return answered;
    }
  }
  // "不对,改成周四", "tick that off": a change naming no customer is about the previous message's to-do.
  if (!forced) {
    const onPrev = await onPrevious(u, env, { raw: u.raw, env, today: localDate(env.now, env.timezone), dates: u.rec.dates });
    if (onPrev) return onPrev;
  }
  // Unsure what is asked, but asked about a customer the store knows: show that customer's record (it changes nothing).
  if (u.unsure && u.rec.names.customers.length && /[??]\s*$|吗|呢|什么|啥|多少|怎么样|如何|谁|哪|^(who|what|when|which|how|where|why|is|are|do|does|did|any)\b/i.test(raw))
    return planQuestion(u, "q_summary", forced, env, say);
  if (u.unsure) return { calls: [], reply: say("unsure") };
  const act = u.acts[0]!;
  switch (act) {
    case "undo":
      return { calls: [{ name: "undo", args: {} }] };
    case "small_talk":
      return { calls: [], reply: /thank|thx|ty\b|谢/i.test(raw) ? say("welcome") : say("hello") };
    case "confirm":
    case "deny":
      return { calls: [], reply: say("nothingPending") };
    case "none":
      return { calls: [], reply: say("help") };
    case "draft":
      return draftFrame(u, forced, say);
  }
  if (act.startsWith("q_")) return planQuestion(u, act, forced, env, say);
  return planWrites(u, forced, env, say);
}

async function planWrites(u: Understanding, forced: Forced | undefined, env: RulesEnv, say: Say): Promise<Plan> {
  const bad = u.rec.dates.find(isInvalid);
  if (bad) return { calls: [], reply: say("invalidDate", { what: bad.invalid }), pending: { ask: "which_date", text: u.raw, bad: bad.invalid } };
  const account = await planAccount(u, forced, env, say);
  if (account) return account;
  const who = forced?.target ?? settledTarget(u);
  if (!who) return unknownCustomer(u, say);
  if ("ambiguous" in who)
    return askWhichCustomer(u, who);
  return planRecords(u, who, env, say, localDate(env.now, env.timezone));
}

/** A name the user wrote that is no customer: say so and offer to create it — never guess another one. */
function unknownCustomer(u: Understanding, say: Say): Plan {
  const guess = unknownCustomerName(u.rec);
  if (guess && /[\p{L}]{2,}/u.test(guess))
    return {
      calls: [],
      reply: say("unknownCustomer", { name: guess, command: createCommand(guess, u.zh) }),
      pending: { ask: "create_customer", text: u.raw, name: guess },
    };
  return { calls: [], reply: say("whichCustomerUnnamed"), pending: { ask: "more", text: u.raw } };
}
