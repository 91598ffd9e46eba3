// A failed turn reports what it wrote: whatever the failure (a model that keeps calling tools past the step limit,
// a turn deadline), the reply and `mutations` come from the audit log — "Saved before the error" with Undo — and
// "nothing was changed" only when nothing was. The real @langchain/openai client against the local scripted server.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ChatOpenAI } from "@langchain/openai";
import { startFakeOpenAI, type FakeOpenAI } from "../helpers/fake-openai.ts";
import { fixtureStore } from "../helpers/fixture-store.ts";
import { handleTurn, type TurnDeps } from "../../agent/turn.ts";
import { undoTurn } from "../../agent/actions.ts";
import type { Actor } from "../../domain/context.ts";
import type { Store } from "../../prisma/client.ts";

let api: FakeOpenAI;
let store: Store;
let sarah: Actor;
const NOW = new Date("2026-03-02T09:30:00+08:00");
let seq = 0;

const llm = () => new ChatOpenAI({ apiKey: "k", model: "scripted", temperature: 0, timeout: 10_000, maxRetries: 0, configuration: { baseURL: api.url } });
const turn = (text: string, extra: Partial<TurnDeps> = {}) =>
  handleTurn({ db: store.prisma, llm: llm(), ...extra }, { platform: "console", externalMessageId: `fail-${++seq}`, actor: sarah, text, now: NOW });
let n = 0;
/** A model that never stops: every answer is one more log_interaction call. */
const looping = () => ({ toolCalls: [{ name: "log_interaction", args: { customer: "Bluewave Foods", kind: "call", summary: `Loop call ${++n}`, sentiment: "neutral" } }] });

beforeAll(async () => {
  api = await startFakeOpenAI();
  const f = await fixtureStore();
  store = f.store;
  sarah = await f.as("sarah.chen");
});
afterAll(async () => api.close());
beforeEach(() => (api.requests.length = 0));

describe("a failed turn reports what it wrote", () => {
  it("a model looping on tool calls past the step limit: the saved interactions are listed, with Undo, from the audit log", async () => {
    api.script(Array.from({ length: 10 }, () => looping));
    const r = await turn("Called Peter at Bluewave");
    const stored = await store.prisma.interaction.findMany({ where: { inboxId: r.inboxId }, orderBy: { id: "asc" } });
    expect(stored.length).toBeGreaterThan(0);
    expect(r.failed).toBe(true);
    expect(r.undoable).toBe(true);
    expect(r.reply).toMatch(/Saved before the error/);
    expect(r.reply).not.toMatch(/nothing was changed/i);
    expect(r.mutations).toHaveLength(stored.length);
    expect(r.mutations.map((m) => m.data.summary)).toEqual(stored.map((s) => s.summary));
    for (const s of stored) expect(r.reply).toContain(s.summary);
    // Done, not failed: a redelivery must not write them a second time.
    const row = await store.prisma.inboxMessage.findUniqueOrThrow({ where: { id: r.inboxId } });
    expect(row.status).toBe("done");
    expect(row.error).toMatch(/recursion|limit/i);
    const again = await handleTurn({ db: store.prisma, llm: llm() }, { platform: "console", externalMessageId: `fail-${seq}`, actor: sarah, text: "Called Peter at Bluewave", now: NOW });
    expect(again.duplicate).toBe(true);
    expect(await store.prisma.interaction.count({ where: { inboxId: r.inboxId } })).toBe(stored.length);
    // The Undo button reverts all of them.
    const undone = await undoTurn(store.prisma, sarah, r.inboxId, NOW);
    expect(undone.ok).toBe(true);
    expect(await store.prisma.interaction.count({ where: { inboxId: r.inboxId } })).toBe(0);
  });

  it("a turn deadline after a tool wrote: the write is reported, not hidden", async () => {
    api.script([
      { toolCalls: [{ name: "log_interaction", args: { customer: "Bluewave Foods", kind: "email", summary: "Sent the schedule", sentiment: "neutral" } }] },
      { delayMs: 3_000, then: { text: "late" } },
    ]);
    const r = await turn("Emailed Peter at Bluewave the schedule", { turnTimeoutMs: 600 });
    expect(r.failed).toBe(true);
    expect(r.mutations).toMatchObject([{ entity: "interaction", action: "create", data: { customer: "Bluewave Foods", summary: "Sent the schedule" } }]);
    expect(r.reply).toMatch(/Saved before the error[\s\S]*Sent the schedule/);
  });

  it("a failure before anything was written says nothing was changed, and keeps the message for a retry", async () => {
    api.script([]);
    const r = await turn("Emailed Peter at Bluewave again", { maxSteps: 0 });
    expect(r).toMatchObject({ failed: true, mutations: [], undoable: false });
    expect(r.reply).toMatch(/nothing was changed/);
    expect((await store.prisma.inboxMessage.findUniqueOrThrow({ where: { id: r.inboxId } })).status).toBe("failed");
  });

  it("a model that keeps writing one call per step stops at the write cap and reports what it wrote", async () => {
    api.script(Array.from({ length: 40 }, () => looping));
    const r = await turn("Called Peter at Bluewave", { maxSteps: 40 });
    const stored = await store.prisma.interaction.count({ where: { inboxId: r.inboxId } });
    // 5 run at once; the rest of a bulk change waits for a confirmation that never comes: the cap stops the turn.
    expect(stored).toBe(5);
    expect(r.failed).toBe(true);
    expect(r.mutations).toHaveLength(5);
    expect(r.reply).toMatch(/more than 20 changes[\s\S]*Saved before stopping/);
    const row = await store.prisma.inboxMessage.findUniqueOrThrow({ where: { id: r.inboxId } });
    expect(row.pending).toBeNull();
  });
});
