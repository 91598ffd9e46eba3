// The agent runs one message's tool calls concurrently; we run them one after another, in the order the model
// wrote them. Writes then happen in the order the user said them (interaction, then its follow-up), the audit
// log and `chat --json` mutations come out in that order, and two transactions never race on one customer.
import { createMiddleware } from "langchain";
import { AIMessage, type BaseMessage } from "@langchain/core/messages";

interface Gate {
  done: Promise<void>;
  open: () => void;
}
const gates = new Map<string, Gate>();

function gate(id: string): Gate {
  let g = gates.get(id);
  if (!g) {
    let open!: () => void;
    const done = new Promise<void>((r) => (open = r));
    g = { done, open };
    gates.set(id, g);
  }
  return g;
}

export function sequentialTools() {
  return createMiddleware({
    name: "guanxiSequentialTools",
    wrapToolCall: async (request, handler) => {
      const id = request.toolCall.id;
      const messages = ((request.state as { messages?: BaseMessage[] }).messages ?? []) as BaseMessage[];
      const batch = [...messages].reverse().find((m) => AIMessage.isInstance(m) && m.tool_calls?.some((c) => c.id === id)) as AIMessage | undefined;
      const ids = (batch?.tool_calls ?? []).map((c) => c.id).filter((x): x is string => !!x);
      if (!id || ids.length < 2) return handler(request);
      const before = ids.slice(0, ids.indexOf(id));
      await Promise.all(before.map((b) => gate(b).done));
      try {
        return await handler(request);
      } finally {
        gate(id).open();
        if (id === ids.at(-1)) for (const x of ids) gates.delete(x);
      }
    },
  });
}
