// The turn pipeline's promises: every message is in the inbox before it is processed, a platform retry is answered
// once, and a failure leaves the message marked failed (with the error) while the user gets a plain answer.
import { beforeAll, describe, expect, it } from "vitest";
import { fixtureStore } from "../helpers/fixture-store.ts";
import { handleTurn } from "../../agent/turn.ts";
import type { Actor } from "../../domain/context.ts";
import type { Store } from "../../prisma/client.ts";

let store: Store;
let sarah: Actor;
let li: Actor;
const now = new Date("2026-03-02T09:30:00+08:00");

beforeAll(async () => {
  const f = await fixtureStore();
  store = f.store;
  sarah = await f.as("sarah.chen");
  li = await f.as("li.wei");
});

describe("handleTurn", () => {
  it("stores the message, answers, and records the reply and status", async () => {
    const r = await handleTurn({ db: store.prisma }, { platform: "slack", externalMessageId: "ev-1", actor: sarah, text: "Emailed Peter at Bluewave the new schedule.", now });
    const row = await store.prisma.inboxMessage.findUniqueOrThrow({ where: { id: r.inboxId } });
    expect(row).toMatchObject({ platform: "slack", externalMessageId: "ev-1", userId: sarah.id, text: "Emailed Peter at Bluewave the new schedule.", status: "done", reply: r.reply });
    expect(r.mutations).toHaveLength(1);
    const interaction = await store.prisma.interaction.findFirstOrThrow({ where: { inboxId: r.inboxId } });
    expect(interaction.rawMessage).toBe("Emailed Peter at Bluewave the new schedule.");
  });

  it("answers a platform retry of the same message once, with the first reply and no second record", async () => {
    const first = await handleTurn({ db: store.prisma }, { platform: "telegram", externalMessageId: "42:7", actor: li, text: "星辰科技今天下了一个8万的订单", now });
    const orders = await store.prisma.order.count();
    const retry = await handleTurn({ db: store.prisma }, { platform: "telegram", externalMessageId: "42:7", actor: li, text: "星辰科技今天下了一个8万的订单", now });
    expect(retry).toMatchObject({ duplicate: true, inboxId: first.inboxId, reply: first.reply, mutations: [] });
    expect(await store.prisma.order.count()).toBe(orders);
    // The same text under another message id is a new message.
    const again = await handleTurn({ db: store.prisma }, { platform: "telegram", externalMessageId: "42:8", actor: li, text: "星辰科技今天下了一个8万的订单", now });
    expect(again.duplicate).toBe(false);
  });

  it("keeps a failed message in the inbox with its error, changes nothing, and tells the user plainly", async () => {
    const before = await store.prisma.interaction.count();
    const logged: string[] = [];
    // A step budget of zero makes the agent loop fail for real (LangGraph's recursion limit).
    const r = await handleTurn({ db: store.prisma, maxSteps: 0, log: (e) => logged.push(e) }, {
      platform: "console", externalMessageId: "boom-1", actor: li, text: "拜访了华东机械,王芳很满意", now,
    });
    expect(r.failed).toBe(true);
    expect(r.reply).toMatch(/消息已保存/);
    expect(logged).toContain("turn.failed");
    const row = await store.prisma.inboxMessage.findUniqueOrThrow({ where: { id: r.inboxId } });
    expect(row.status).toBe("failed");
    expect(row.text).toBe("拜访了华东机械,王芳很满意");
    expect(row.error).toBeTruthy();
    expect(await store.prisma.interaction.count()).toBe(before);

    // When the same message comes again (a platform retry), the failed message is processed, not dropped.
    const retry = await handleTurn({ db: store.prisma }, { platform: "console", externalMessageId: "boom-1", actor: li, text: "拜访了华东机械,王芳很满意", now });
    expect(retry).toMatchObject({ duplicate: false, failed: false, inboxId: r.inboxId });
    expect(retry.mutations).toMatchObject([{ entity: "interaction", data: { customer: "华东机械有限公司", kind: "visit" } }]);
    expect((await store.prisma.inboxMessage.findUniqueOrThrow({ where: { id: r.inboxId } })).status).toBe("done");
  });
});
