// Confirm before destructive or bulk changes, whoever drives the tools: archive, several reassigns, more than 5 writes
// in one message. The held calls are stored structured on the inbox row; the next message "yes"/"确认" runs exactly
// them (as that message's changes, Undo-able), "no"/"算了" drops them; buttons do the same; 30 minutes, then gone.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ChatOpenAI } from "@langchain/openai";
import { startFakeOpenAI, type FakeOpenAI, type Step } from "../helpers/fake-openai.ts";
import { fixtureStore } from "../helpers/fixture-store.ts";
import { handleTurn } from "../../agent/turn.ts";
import { cancelHeld, confirmHeld, undoTurn } from "../../agent/actions.ts";
import { readAnswer } from "../../agent/pending.ts";
import type { Actor } from "../../domain/context.ts";
import type { Store } from "../../prisma/client.ts";

let api: FakeOpenAI;
let store: Store;
let mgr: Actor;
let sarah: Actor;
let tom: Actor;
const NOW = new Date("2026-03-02T09:30:00+08:00");
const later = (min: number) => new Date(NOW.getTime() + min * 60_000);
let seq = 0;

const llm = () => new ChatOpenAI({ apiKey: "k", model: "scripted", temperature: 0, timeout: 10_000, maxRetries: 0, configuration: { baseURL: api.url } });
const say = (actor: Actor, text: string, opts: { now?: Date; llm?: boolean } = {}) =>
  handleTurn({ db: store.prisma, ...(opts.llm ? { llm: llm() } : {}) }, { platform: "console", externalMessageId: `c-${++seq}`, actor, text, now: opts.now ?? NOW });
const status = async (name: string) => (await store.prisma.customer.findFirstOrThrow({ where: { name } })).status;
const ownerOf = async (name: string) =>
  (await store.prisma.customer.findFirstOrThrow({ where: { name }, select: { owner: { select: { handle: true } } } })).owner.handle;

beforeAll(async () => {
  api = await startFakeOpenAI();
  const f = await fixtureStore();
  store = f.store;
  mgr = await f.as("zhang.min");
  sarah = await f.as("sarah.chen");
  tom = await f.as("tom.baker");
});
afterAll(async () => api.close());
beforeEach(() => (api.requests.length = 0));

describe("archive asks first (rules model)", () => {
  it("'archive Orchid' answers with exactly what will happen and changes nothing; 'yes' archives it, Undo-able", async () => {
    const ask = await say(sarah, "archive Orchid");
    expect(ask).toMatchObject({ mutations: [], confirmable: true, undoable: false, failed: false });
    expect(ask.reply).toMatch(/confirm/i);
    expect(ask.reply).toContain("archive Orchid Dental Clinics");
    expect(await status("Orchid Dental Clinics")).toBe("active");
    const row = await store.prisma.inboxMessage.findUniqueOrThrow({ where: { id: ask.inboxId } });
    expect(row.pending).toEqual([{ tool: "update_customer", args: { customer: expect.stringMatching(/^Orchid/), archive: true }, summary: expect.stringContaining("Orchid Dental Clinics") }]);

    const yes = await say(sarah, "Yes!");
    expect(yes.mutations).toMatchObject([{ entity: "customer", action: "update", data: { name: "Orchid Dental Clinics", status: "archived" } }]);
    expect(yes.undoable).toBe(true);
    expect(await status("Orchid Dental Clinics")).toBe("archived");
    // A second "yes" has nothing to answer: it goes to the model like any message, and archives nothing again.
    const again = await say(sarah, "yes");
    expect(again.mutations).toEqual([]);
    // The Undo under the confirmation reverts the archive.
    expect((await undoTurn(store.prisma, sarah, yes.inboxId, NOW)).ok).toBe(true);
    expect(await status("Orchid Dental Clinics")).toBe("active");
  });

  it("'算了' / 'no' drops it; nothing changes", async () => {
    const ask = await say(sarah, "归档 Greenleaf Pharma");
    expect(ask.confirmable).toBe(true);
    const no = await say(sarah, "算了");
    expect(no.mutations).toEqual([]);
    expect(no.reply).toMatch(/取消|没有做任何修改/);
    expect(await status("Greenleaf Pharma")).toBe("active");
    expect((await store.prisma.inboxMessage.findUniqueOrThrow({ where: { id: ask.inboxId } })).pendingOutcome).toBe("cancelled");
  });

  it("a 'yes' after 30 minutes does not run it", async () => {
    const ask = await say(sarah, "archive Greenleaf Pharma");
    expect(ask.confirmable).toBe(true);
    const yes = await say(sarah, "yes", { now: later(31) });
    expect(yes.mutations).toEqual([]);
    expect(await status("Greenleaf Pharma")).toBe("active");
  });

  it("a 'yes' that is not the next message does not run it", async () => {
    await say(sarah, "archive Greenleaf Pharma");
    await say(sarah, "When did I last talk to Acme Logistics?");
    expect((await say(sarah, "确认")).mutations).toEqual([]);
    expect(await status("Greenleaf Pharma")).toBe("active");
  });

  it("someone who may not change the account is refused at once — nothing is held", async () => {
    const r = await say(tom, "archive Orchid Dental Clinics");
    expect(r).toMatchObject({ mutations: [], confirmable: false });
    expect((await store.prisma.inboxMessage.findUniqueOrThrow({ where: { id: r.inboxId } })).pending).toBeNull();
  });

  it("the Confirm button runs it once; pressing again (or Cancel after) changes nothing", async () => {
    const ask = await say(sarah, "archive Greenleaf Pharma");
    const cancelOther = await say(sarah, "archive Bluewave Foods");
    // Buttons answer a specific message, even when it is no longer the latest.
    const pressed = await confirmHeld(store.prisma, sarah, ask.inboxId, NOW, "slack");
    expect(pressed.ok).toBe(true);
    expect(pressed.text).toMatch(/Archived Greenleaf Pharma/);
    expect(await status("Greenleaf Pharma")).toBe("archived");
    const twice = await confirmHeld(store.prisma, sarah, ask.inboxId, NOW, "slack");
    expect(twice.ok).toBe(false);
    expect((await cancelHeld(store.prisma, sarah, ask.inboxId, NOW, "slack")).ok).toBe(false);
    // Someone else can't answer another user's question.
    const other = await confirmHeld(store.prisma, tom, cancelOther.inboxId, NOW, "telegram");
    expect(other.text).toMatch(/nothing waiting/i);
    expect(await status("Bluewave Foods")).toBe("active");
    expect((await cancelHeld(store.prisma, sarah, cancelOther.inboxId, NOW, "telegram")).text).toMatch(/Cancelled/);
    expect(await status("Bluewave Foods")).toBe("active");
  });
});

describe("reassign (rules model): one account at once, as the eval expects", () => {
  it("a manager giving one account to a team member is done in one turn; a rep is refused", async () => {
    const r = await say(mgr, "把海通物流转给Sarah Chen负责。");
    expect(r.mutations).toMatchObject([{ entity: "customer", action: "update", data: { name: "海通物流", owner: "sarah.chen" } }]);
    const rep = await say(sarah, "Reassign Northwind Traders to me.");
    expect(rep.mutations).toEqual([]);
    expect(rep.confirmable).toBe(false);
    expect(await ownerOf("Northwind Traders")).toBe("tom.baker");
  });
});

describe("LLM-driven bulk changes", () => {
  const calls = (name: string, args: Record<string, unknown>[]): Step => ({ toolCalls: args.map((a) => ({ name, args: a })) });

  it("several reassigns in one message are held; 'confirm' runs exactly them", async () => {
    api.script([
      calls("reassign_owner", [{ customer: "Summit Hotels", to: "me" }, { customer: "Acme Robotics", to: "me" }]),
      { text: "Shall I go ahead?" },
    ]);
    const ask = await say(mgr, "Give me Summit and Acme Robotics", { llm: true });
    expect(ask).toMatchObject({ mutations: [], confirmable: true });
    expect(ask.reply).toContain("give Summit Hotels to 张敏 (now Tom Baker's)");
    expect(ask.reply).toContain("give Acme Robotics to 张敏");
    expect(await ownerOf("Summit Hotels")).toBe("tom.baker");
    const yes = await say(mgr, "confirm", { llm: true });
    expect(api.requests).toHaveLength(2); // the answer is read before any model: only the first turn (2 calls) asked it
    expect(yes.mutations.map((m) => [m.data.name, m.data.owner])).toEqual([["Summit Hotels", "zhang.min"], ["Acme Robotics", "zhang.min"]]);
  });

  it("more than 5 writes in one batch are held, listed, and run together on 'yes'", async () => {
    const eight = Array.from({ length: 8 }, (_, i) => ({ customer: "Bluewave Foods", kind: "call", summary: `Bulk call ${i + 1}`, sentiment: "neutral" }));
    api.script([calls("log_interaction", eight), { text: "I need your OK for these." }]);
    const ask = await say(sarah, "log 8 calls with Bluewave", { llm: true });
    expect(ask).toMatchObject({ mutations: [], confirmable: true });
    for (let i = 1; i <= 8; i++) expect(ask.reply).toContain(`Bulk call ${i}`);
    expect(await store.prisma.interaction.count({ where: { summary: { startsWith: "Bulk call" } } })).toBe(0);
    const yes = await say(sarah, "好的", { llm: true });
    expect(yes.mutations.map((m) => m.data.summary)).toEqual(eight.map((e) => e.summary));
  });

  it("a manager's message with 50 archive calls: the cap stops it and nothing is archived", async () => {
    const names = (await store.prisma.customer.findMany({ where: { status: "active" }, select: { name: true } })).map((c) => c.name);
    api.script([calls("update_customer", Array.from({ length: 50 }, (_, i) => ({ customer: names[i % names.length]!, archive: true }))), { text: "Done." }]);
    const archivedBefore = await store.prisma.customer.count({ where: { status: "archived" } });
    const r = await say(mgr, "archive everything", { llm: true });
    expect(r).toMatchObject({ mutations: [], failed: true, confirmable: false });
    expect(r.reply).toMatch(/more than 20 changes[\s\S]*nothing was changed/);
    expect(await store.prisma.customer.count({ where: { status: "archived" } })).toBe(archivedBefore);
    expect((await store.prisma.inboxMessage.findUniqueOrThrow({ where: { id: r.inboxId } })).pending).toBeNull();
    expect(await store.prisma.auditLog.count({ where: { inboxId: r.inboxId } })).toBe(0);
  });

  it("5 undo calls in one turn undo exactly one message", async () => {
    const a = await say(sarah, "Called Grace at Orchid about the price list.");
    const b = await say(sarah, "Emailed Peter at Bluewave the new delivery schedule.");
    expect(a.mutations.length && b.mutations.length).toBeTruthy();
    api.script([calls("undo", [{}, {}, {}, {}, {}]), { text: "Undone." }]);
    const r = await say(sarah, "undo", { llm: true });
    expect(await store.prisma.interaction.count({ where: { inboxId: b.inboxId } })).toBe(0);
    expect(await store.prisma.interaction.count({ where: { inboxId: a.inboxId } })).toBe(1);
    expect(r.mutations.filter((m) => m.action === "delete")).toHaveLength(b.mutations.length);
  });
});

describe("reading a typed answer", () => {
  it("knows yes and no in English and Chinese, and nothing longer", () => {
    for (const y of ["yes", "Yes!", "confirm", "确认", "好的", "是", "ok."]) expect(readAnswer(y)).toBe(true);
    for (const n of ["no", "Cancel", "算了", "取消"]) expect(readAnswer(n)).toBe(false);
    for (const x of ["yes, and log a call with Acme", "no problem, called Acme", "archive Orchid"]) expect(readAnswer(x)).toBeNull();
  });
});
