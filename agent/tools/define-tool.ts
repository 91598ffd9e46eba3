// Every tool is thin: schema (each field described) → domain call → a short result in the user's language.
// Domain errors become that short text too, so the model can read them and the user sees a clear answer.
import { tool } from "langchain";
import type { z } from "zod";
import { isDomainError } from "../../domain/errors.ts";
import type { TurnContext } from "../turn-context.ts";

export function defineTool<S extends z.ZodObject<z.ZodRawShape>>(spec: {
  name: string;
  description: string;
  schema: S;
  run: (input: z.output<S>, t: TurnContext) => Promise<string>;
}) {
  return tool(
    async (input: z.output<S>, runtime: { context?: unknown }) => {
      const t = runtime.context as TurnContext | undefined;
      if (!t?.actor) throw new Error(`tool ${spec.name} called without a turn context`);
      t.collector.calls.push(spec.name);
      try {
        return await spec.run(input, t);
      } catch (e) {
        if (isDomainError(e)) return e.userMessage;
        throw e;
      }
    },
    { name: spec.name, description: spec.description, schema: spec.schema },
  );
}
