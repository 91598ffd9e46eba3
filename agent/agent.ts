// One turn of the assistant: LangChain createAgent over the typed domain tools, driven by an LLM when one is
// configured (falling back to the rules model on failure) or by the built-in rules model.
import { createAgent } from "langchain";
import { HumanMessage, SystemMessage, AIMessage } from "@langchain/core/messages";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { Actor, Db } from "../domain/context.ts";
import { RulesChatModel } from "./rules/rules-model.ts";
import { rulesEnv, type RulesEnv } from "./rules/rules-env.ts";
import { detectLanguage } from "./rules/language.ts";
import { allTools } from "./tools/index.ts";
import { newCollector, type TurnCollector, type TurnContext } from "./turn-context.ts";
import { systemPrompt } from "./prompts.ts";
import { rulesFallback } from "./fallback.middleware.ts";
import { sequentialTools } from "./sequential-tools.middleware.ts";
import { recogniseNamesIn } from "./recognisers/names.ts";
import { visibleOwnerIds } from "../domain/scope.ts";
import { confirmChanges } from "./confirm.middleware.ts";
import { previousExchange, rememberQuestion, type Exchange } from "../domain/conversation.repository.ts";
import { mutationsOf } from "../domain/inbox.repository.ts";
import type { PendingCall } from "../domain/inbox.repository.ts";

export interface AgentOptions {
  db: Db;
  /** An OpenAI-compatible chat model; null/undefined → the rules model alone. */
  llm?: BaseChatModel | null;
  /** Most tool rounds per turn; a turn never loops forever. */
  maxSteps?: number;
  log?: (event: string, data?: Record<string, unknown>) => void;
}

export interface AgentTurnOutput {
  reply: string;
  wasUndo: boolean;
  followUps: { id: number; title: string; customer: string; dueAt: string }[];
  toolCalls: string[];
  modelCalls: number;
  /** Changes held back for the user's yes/no. */
  pending: PendingCall[];
}

const rules = new RulesChatModel();
const agents = new WeakMap<object, ReturnType<typeof buildAgent>>();

function buildAgent(llm: BaseChatModel | null, log: NonNullable<AgentOptions["log"]>) {
  return createAgent({
    model: llm ?? rules,
    tools: allTools,
    // sequentialTools first: confirmChanges then sees one batch's calls in order, and counts writes as they run.
    middleware: llm ? [sequentialTools(), confirmChanges(), rulesFallback(rules, log)] : [sequentialTools(), confirmChanges()],
  });
}

function agentFor(opts: AgentOptions) {
  const key = opts.llm ?? rules;
  let a = agents.get(key);
  if (!a) {
    a = buildAgent(opts.llm ?? null, opts.log ?? (() => {}));
    agents.set(key, a);
  }
  return a;
}

/** Replies follow the language the user wrote in; with no letters to go by, their locale. */
export function replyLocale(actor: Actor, text: string): Actor["locale"] {
  return detectLanguage(text) ?? actor.locale;
}

export function makeRulesEnv(db: Db, actor: Actor, now: Date, previous: () => Promise<Exchange | null> = async () => null, inboxId?: number): RulesEnv {
  return {
    previous,
    async previousFollowUp() {
      const prev = await previous();
      if (!prev) return null;
      const f = (await mutationsOf(db, prev.inboxId)).filter((m) => m.entity === "followUp" && m.action !== "delete").at(-1);
      return f ? { customer: String(f.data.customer), title: String(f.data.title) } : null;
    },
    async remember(pending) {
      // The question is a convenience for the next message: failing to keep it must not fail this turn.
      if (inboxId != null) await rememberQuestion(db, inboxId, pending).catch(() => {});
    },
    now,
    timezone: actor.timezone,
    locale: actor.locale,
    actorHandle: actor.handle,
    actorName: actor.name,
    role: actor.role,
    async names(text) {
      return recogniseNamesIn({ db, actor, text, teamOwnerIds: actor.role === "rep" ? [] : await visibleOwnerIds(db, actor) });
    },
  };
}

export async function runAgentTurn(
  opts: AgentOptions,
  turn: {
    actor: Actor; text: string; now: Date; inboxId: number;
    /** The turn's collector, owned by the caller so a failed turn can still read what its tools did. */
    collector?: TurnCollector;
    /** Aborts the run (a turn deadline, a lost lease). */
    signal?: AbortSignal;
    stopped?: () => string | null;
  },
): Promise<AgentTurnOutput> {
  const actor = { ...turn.actor, locale: replyLocale(turn.actor, turn.text) };
  const ctx: TurnContext = {
    db: opts.db, actor, now: turn.now, inboxId: turn.inboxId, text: turn.text, collector: turn.collector ?? newCollector(), stopped: turn.stopped,
  };
  // The previous exchange (if recent) lets a short answer to the assistant's question be read with what it answers.
  // An LLM always gets it as history; the rules model asks for it only when a message looks like such an answer.
  let prev: Promise<Exchange | null> | undefined;
  const previous = () => (prev ??= previousExchange(opts.db, { userId: actor.id, beforeInboxId: turn.inboxId, now: turn.now }));
  const env = makeRulesEnv(opts.db, actor, turn.now, previous, turn.inboxId);
  const history = opts.llm ? await previous() : null;
  const maxSteps = opts.maxSteps ?? 4;
  const result = await rulesEnv.run(env, () =>
    agentFor(opts).invoke(
      {
        messages: [
          new SystemMessage(systemPrompt(actor, turn.now)),
          ...(history ? [new HumanMessage(history.text), new AIMessage(history.reply)] : []),
          new HumanMessage(turn.text),
        ],
      },
      { context: ctx, recursionLimit: maxSteps * 2 + 1, ...(turn.signal ? { signal: turn.signal } : {}) } as never,
    ),
  );
  const messages = (result as { messages: unknown[] }).messages;
  const ai = messages.filter((m): m is AIMessage => AIMessage.isInstance(m as AIMessage));
  const last = ai.at(-1);
  const reply = typeof last?.content === "string" ? last.content : JSON.stringify(last?.content ?? "");
  return { reply, wasUndo: ctx.collector.wasUndo, followUps: ctx.collector.followUps, toolCalls: ctx.collector.calls, modelCalls: ai.length, pending: ctx.collector.pending };
}
