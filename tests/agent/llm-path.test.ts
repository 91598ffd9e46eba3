// The LLM path end to end: the real @langchain/openai client over HTTP against a local scripted server.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ChatOpenAI } from "@langchain/openai";
import { startFakeOpenAI, type FakeOpenAI, type Step } from "../helpers/fake-openai.ts";
import { fixtureStore } from "../helpers/fixture-store.ts";
import { handleTurn } from "../../agent/turn.ts";
import type { Actor } from "../../domain/context.ts";
import type { Store } from "../../prisma/client.ts";

let api: FakeOpenAI;
let store: Store;
let sarah: Actor;
const events: { event: string; data?: Record<string, unknown> }[] = [];
const NOW = new Date("2026-03-02T09:30:00+08:00");
let seq = 0;

const llm = (timeout = 5_000) => new ChatOpenAI({ apiKey: "test-key", model: "scripted", temperature: 0, timeout, maxRetries: 0, configuration: { baseURL: api.url } });
const turn = (text: string, timeout?: number) =>
  handleTurn({ db: store.prisma, llm: llm(timeout), log: (event, data) => events.push({ event, data }) }, {
    platform: "console", externalMessageId: `llm-${++seq}`, actor: sarah, text, now: NOW,
  });

beforeAll(async () => {
  api = await startFakeOpenAI();
  const f = await fixtureStore();
  store = f.store;
  sarah = await f.as("sarah.chen");
});
afterAll(async () => api.close());
beforeEach(() => {
  api.requests.length = 0;
  events.length = 0;
});

describe("LLM path", () => {
  it("runs the model's tool calls through the domain and answers in two model calls, with the tools' schemas sent", async () => {
    api.script([
      { toolCalls: [
        { name: "log_interaction", args: { customer: "Acme", kind: "call", summary: "Jane worried about price", sentiment: "negative", contact: "Jane" } },
        { name: "schedule_follow_up", args: { customer: "Acme", dueOn: "2026-03-06", title: "Call Jane about pricing" } },
      ] },
      { text: "Logged the call and set a follow-up for Friday." },
    ]);
    const r = await turn("Called Jane at Acme, worried about price, follow up Friday");
    expect(r.reply).toBe("Logged the call and set a follow-up for Friday.");
    expect(r.mutations.map((m) => `${m.entity}.${m.action}`)).toEqual(["interaction.create", "followUp.create"]);
    expect(r.mutations[0]!.data).toMatchObject({ customer: "Acme Logistics", kind: "call", sentiment: "negative", contact: "Jane Doe" });
    expect(api.requests).toHaveLength(2);
    const tools = api.requests[0]!.body.tools!.map((t) => t.function.name);
    expect(tools).toContain("log_interaction");
    // Lean schemas: no draft-07 URL or additionalProperties on each tool, but every field and enum the model needs.
    const log = api.requests[0]!.body.tools!.find((t) => t.function.name === "log_interaction")!.function as { parameters: Record<string, any> };
    expect(log.parameters).not.toHaveProperty("$schema");
    expect(log.parameters).not.toHaveProperty("additionalProperties");
    expect(log.parameters.properties.kind.enum).toEqual(["call", "visit", "meeting", "email", "message"]);
    expect(log.parameters.required).toEqual(expect.arrayContaining(["customer", "kind", "summary"]));
    expect(api.requests[0]!.body.messages[0]).toMatchObject({ role: "system" });
    // The second request carries the tools' results back to the model.
    const toolMsgs = api.requests[1]!.body.messages.filter((m) => m.role === "tool");
    expect(toolMsgs).toHaveLength(2);
    expect(String(toolMsgs[0]!.content)).toContain("Acme Logistics");
  });

  it("sends invalid tool arguments back to the model as a readable error, changing nothing", async () => {
    const before = await store.prisma.interaction.count();
    api.script([
      { toolCalls: [{ name: "log_interaction", args: { customer: "Acme", kind: "fax", summary: "x", sentiment: "neutral" } }] },
      (body) => {
        const err = body.messages.find((m) => m.role === "tool");
        return { text: `Sorry: ${String(err?.content).slice(0, 200)}` };
      },
    ]);
    const r = await turn("Faxed Acme the contract");
    expect(r.failed).toBe(false);
    expect(api.requests).toHaveLength(2);
    expect(r.reply).toMatch(/kind/i);
    expect(r.reply).toMatch(/enum|fax/i);
    expect(await store.prisma.interaction.count()).toBe(before);
  });

  it("passes a domain refusal back to the model in words (not a crash)", async () => {
    api.script([
      { toolCalls: [{ name: "reassign_owner", args: { customer: "Northwind Traders", to: "sarah.chen" } }] },
      (body) => ({ text: String(body.messages.find((m) => m.role === "tool")?.content) }),
    ]);
    const r = await turn("Reassign Northwind Traders to me");
    expect(r.reply).toMatch(/only a manager/i);
    expect(r.mutations).toEqual([]);
  });

  for (const [name, step] of [
    ["a malformed tool call", { toolCalls: [{ name: "log_interaction", args: "{\"customer\": \"Orchid" }] }],
    ["a 500", { status: 500 }],
  ] as const) {
    it(`falls back to the rules model on ${name}, logs it, and still records the message`, async () => {
      api.script([step as Step]);
      const r = await turn("Called Grace at Orchid Dental, she wants a price list.");
      expect(events.some((e) => e.event === "llm.fallback")).toBe(true);
      expect(r.failed).toBe(false);
      expect(r.mutations).toHaveLength(1);
      expect(r.mutations[0]).toMatchObject({ entity: "interaction", action: "create", data: { customer: "Orchid Dental Clinics", kind: "call" } });
    });
  }

  it("falls back to the rules model when the LLM times out", async () => {
    // The LLM never answers within the test: only the turn's own 300 ms timeout can end this turn.
    api.script([{ delayMs: 3_600_000 }]);
    const r = await turn("Emailed Peter at Bluewave the new delivery schedule.", 300);
    expect(events.find((e) => e.event === "llm.fallback")?.data?.reason).toMatch(/time|abort/i);
    expect(r.mutations[0]).toMatchObject({ entity: "interaction", data: { customer: "Bluewave Foods", kind: "email" } });
  });
});

describe("LLM path: conversation", () => {
  it("sends the previous exchange (if recent) so a short answer completes the earlier request", async () => {
    api.script([{ text: 'Which Acme did you mean: Acme Logistics or Acme Robotics?' }]);
    await turn("Log a call with Acme, they asked for a catalog.");
    api.requests.length = 0;
    api.script([
      { toolCalls: [{ name: "log_interaction", args: { customer: "Acme Logistics", kind: "call", summary: "They asked for a catalog.", sentiment: "neutral" } }] },
      { text: "Logged the call with Acme Logistics." },
    ]);
    const r = await turn("Acme Logistics");
    const first = api.requests[0]!.body.messages.map((m) => [m.role, String(m.content)]);
    expect(first.slice(1)).toEqual([
      ["user", "Log a call with Acme, they asked for a catalog."],
      ["assistant", "Which Acme did you mean: Acme Logistics or Acme Robotics?"],
      ["user", "Acme Logistics"],
    ]);
    expect(r.mutations.map((m) => [m.entity, m.data.customer])).toEqual([["interaction", "Acme Logistics"]]);
  });
});
