// Every tool is thin: schema (each field described) → domain call → a short result in the user's language.
// Domain errors become that short text too, so the model can read them and the user sees a clear answer.
import { tool } from "langchain";
import type { z } from "zod";
import { toJsonSchema } from "@langchain/core/utils/json_schema";
import { isDomainError } from "../../domain/errors.ts";
import type { TurnContext } from "../turn-context.ts";

/**
 * The JSON schema the model sees, without the draft-07 "$schema" URL and "additionalProperties": false that zod's
 * converter stamps on every tool (~18 tokens a tool, ~430 a request): the model needs neither, and the zod schema
 * still checks every call before the domain sees it.
 */
export function modelSchema(schema: z.ZodTypeAny): Record<string, unknown> {
  const { $schema: _s, additionalProperties: _a, ...rest } = toJsonSchema(schema) as Record<string, unknown>;
  return rest;
}

export type ToolRunner = (raw: unknown, t: TurnContext) => Promise<string>;

/** Every tool's body by name, so changes the user confirmed later run exactly as the model asked for them. */
export const toolRunners = new Map<string, ToolRunner>();

export function defineTool<S extends z.ZodObject<z.ZodRawShape>>(spec: {
  name: string;
  description: string;
  schema: S;
  run: (input: z.output<S>, t: TurnContext) => Promise<string>;
}) {
  const body: ToolRunner = async (raw, t) => {
    t.collector.calls.push(spec.name);
    // Arguments the model got wrong go back to it as one readable line (it can retry), not a crash.
    const parsed = spec.schema.safeParse(raw);
    if (!parsed.success)
      return `Invalid arguments for ${spec.name}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ")}`;
    try {
      return await spec.run(parsed.data, t);
    } catch (e) {
      if (isDomainError(e)) return e.userMessage;
      throw e;
    }
  };
  const run: ToolRunner = (raw, t) => {
    // Tracked until settled: a turn that fails (or times out) waits for running tools before it reads what was saved.
    const p = body(raw, t);
    t.collector.running.add(p);
    void p.then(() => t.collector.running.delete(p), () => t.collector.running.delete(p));
    return p;
  };
  toolRunners.set(spec.name, run);
  return tool(
    async (raw: unknown, runtime: { context?: unknown }) => {
      const t = runtime.context as TurnContext | undefined;
      if (!t?.actor) throw new Error(`tool ${spec.name} called without a turn context`);
      return run(raw, t);
    },
    { name: spec.name, description: spec.description, schema: modelSchema(spec.schema), verboseParsingErrors: true },
  );
}
