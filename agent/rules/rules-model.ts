// The built-in rules model: a deterministic LangChain chat model that reads English and Chinese and emits the same
// tool calls an LLM would, inside the same agent loop, tools and audit. First call: plan tool calls from the user's
// message; second call: compose the reply from the tool results. So a logging turn is exactly two model calls.
import { BaseChatModel, type BaseChatModelParams } from "@langchain/core/language_models/chat_models";
import { AIMessage, type BaseMessage, ToolMessage, HumanMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";
import { randomUUID } from "node:crypto";
import { planTurn } from "../nlu/plan.ts";
import { isPending } from "../nlu/dialogue.ts";
import { rulesEnv } from "./rules-env.ts";

export class RulesChatModel extends BaseChatModel {
  static lc_name() {
    return "GuanxiRulesModel";
  }

  constructor(fields: BaseChatModelParams = {}) {
    super(fields);
  }

  _llmType(): string {
    return "guanxi-rules";
  }

  /** Tools are known by name; binding changes nothing for a model that plans from rules. */
  override bindTools(): this {
    return this;
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const msg = await this.respond(messages);
    return { generations: [{ message: msg, text: typeof msg.content === "string" ? msg.content : "" }] };
  }

  private async respond(messages: BaseMessage[]): Promise<AIMessage> {
    const last = messages.at(-1);
    if (last && ToolMessage.isInstance(last)) return new AIMessage(composeReply(messages, rulesEnv.getStore()?.locale === "zh"));
    const human = [...messages].reverse().find((m) => HumanMessage.isInstance(m));
    const text = typeof human?.content === "string" ? human.content : "";
    const env = rulesEnv.getStore();
    if (!env) throw new Error("the rules model runs inside a turn (rulesEnv not set)");
    const plan = await planTurn(text, env);
    if (plan.pending && isPending(plan.pending)) await env.remember(plan.pending);
    if (!plan.calls.length) return new AIMessage(plan.reply ?? "");
    return new AIMessage({
      content: plan.reply ?? "",
      // As JSON, like an LLM's: a key left undefined by the planner is absent, not a value the schema must accept.
      tool_calls: plan.calls.map((c) => ({ id: `call_${randomUUID().slice(0, 8)}`, name: c.name, args: JSON.parse(JSON.stringify(c.args)), type: "tool_call" as const })),
    });
  }
}

/** The reply after tools ran: what each tool said, in order, once each; plus any note the plan carried. */
function composeReply(messages: BaseMessage[], zh: boolean): string {
  let i = messages.length - 1;
  const results: string[] = [];
  while (i >= 0 && ToolMessage.isInstance(messages[i]!)) {
    const c = messages[i]!.content;
    results.unshift(typeof c === "string" ? c : JSON.stringify(c));
    i--;
  }
  const planned = messages[i];
  const note = planned && AIMessage.isInstance(planned) && typeof planned.content === "string" ? planned.content : "";
  // A tool whose arguments didn't fit its schema answers with LangChain's stack-laden error: the user gets one line.
  const readable = results.map((r) => (/^Error invoking tool '/.test(r.trim()) ? plainToolError(r, zh) : r));
  const lines = [...new Set(readable.map((r) => r.trim()).filter(Boolean))];
  return [...lines, note.trim()].filter(Boolean).join("\n");
}

function plainToolError(error: string, zh: boolean): string {
  const tool = /^Error invoking tool '([^']+)'/.exec(error.trim())?.[1] ?? "a tool";
  // zod's "✖ …" line, or the JSON-schema validator's last "#/…: …" detail (define-tool.ts sends JSON schemas).
  const why = (/✖\s*([^\n]+)/.exec(error) ?? /(?:^|\n)#\/[^:\n]*: ([^\n]+)\s*$/.exec(error.trim()))?.[1]?.trim();
  return zh
    ? `抱歉,这一步没能完成(${tool}${why ? `:${why}` : ""}),没有做任何修改。`
    : `Sorry — I couldn't do that step (${tool}${why ? `: ${why}` : ""}); nothing was changed.`;
}
