// When the LLM errors, times out or returns a tool call it could not form, the turn carries on with the rules model
// for that model call (and says so in the log). Invalid tool *arguments* are different: the agent's tool node sends
// them back to the model as a readable error so it can correct itself.
import { createMiddleware } from "langchain";
import { AIMessage } from "@langchain/core/messages";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";

export function rulesFallback(rules: BaseChatModel, log: (event: string, data?: Record<string, unknown>) => void) {
  return createMiddleware({
    name: "guanxiRulesFallback",
    wrapModelCall: async (request, handler) => {
      if (request.model === rules) return handler(request);
      try {
        const out = await handler(request);
        const msg = out as unknown as AIMessage;
        if (AIMessage.isInstance(msg) && msg.invalid_tool_calls?.length) {
          throw new Error(`malformed tool call from the LLM: ${msg.invalid_tool_calls.map((c) => c.name ?? "?").join(", ")}`);
        }
        return out;
      } catch (e) {
        log("llm.fallback", { reason: (e as Error).message.slice(0, 300) });
        return handler({ ...request, model: rules });
      }
    },
  });
}
