// The rules model's second call composes the reply from tool results; a schema error from LangChain's tool wrapper
// must reach the user as one plain line in their language, never a stack trace.
import { describe, expect, it } from "vitest";
import { AIMessage, HumanMessage, ToolMessage } from "@langchain/core/messages";
import { RulesChatModel } from "../../../agent/rules/rules-model.ts";
import { rulesEnv, type RulesEnv } from "../../../agent/rules/rules-env.ts";

const env = (locale: "en" | "zh"): RulesEnv => ({
  now: new Date("2026-03-02T01:30:00Z"), timezone: "Asia/Shanghai", locale, actorHandle: "x", actorName: "X", role: "rep",
  previous: async () => null, previousFollowUp: async () => null, remember: async () => {}, names: async () => ({ customers: [], contacts: [], users: [], ambiguous: [], unknownCapitalised: [] }),
});
const schemaError = "Error invoking tool 'deals_closing' with kwargs {\"period\":\"overdue\"} with error: Error: Received tool input did not match expected schema\n\n✖ Invalid enum value. Expected 'today' | 'all', received 'overdue'\n  → at period\n    at DynamicStructuredTool.call (/x/node_modules/@langchain/core/src/tools/index.ts:252:15)";

async function compose(locale: "en" | "zh", results: string[]) {
  const calls = results.map((_, i) => ({ id: `c${i}`, name: "deals_closing", args: {}, type: "tool_call" as const }));
  const messages = [new HumanMessage("q"), new AIMessage({ content: "", tool_calls: calls }), ...results.map((r, i) => new ToolMessage({ content: r, tool_call_id: `c${i}` }))];
  const out = await rulesEnv.run(env(locale), () => new RulesChatModel().invoke(messages));
  return String(out.content);
}

describe("composing the reply", () => {
  it("turns a tool-schema error into one plain line, in the user's language, keeping the other results", async () => {
    const en = await compose("en", ["Logged a call.", schemaError]);
    expect(en).toBe("Logged a call.\nSorry — I couldn't do that step (deals_closing: Invalid enum value. Expected 'today' | 'all', received 'overdue'); nothing was changed.");
    expect(en).not.toMatch(/node_modules|at Dynamic/);
    const zh = await compose("zh", [schemaError]);
    expect(zh).toMatch(/^抱歉,这一步没能完成\(deals_closing/);
  });

  it("says each distinct result once", async () => {
    expect(await compose("en", ["A.", "A.", "B."])).toBe("A.\nB.");
  });
});

describe("composing the reply: JSON-schema errors", () => {
  it("names the field a JSON-schema validation error points at", async () => {
    const jsonSchemaError = "Error invoking tool 'deals_closing' with kwargs {\"period\":\"overdue\"} with error: Received tool input did not match expected schema\nDetails: #/properties: Property \"period\" does not match schema.\n#/properties/period/enum: Instance does not match any of [\"today\",\"all\"].";
    expect(await compose("en", [jsonSchemaError])).toBe(`Sorry — I couldn't do that step (deals_closing: Instance does not match any of ["today","all"].); nothing was changed.`);
  });
});
