import { describe, expect, it } from "vitest";
import { afterAction, digestMessages, escapeMrkdwn, followUpBlocks, turnMessages, SECTION_LIMIT } from "../../../bots/slack/blocks.ts";
import type { Digest } from "../../../domain/build-digest.ts";

const turn = (reply: string, extra: Partial<Parameters<typeof turnMessages>[0]> = {}) => ({
  reply, inboxId: 42, undoable: false, mutations: [], followUps: [], ...extra,
});

describe("Slack blocks", () => {
  it("shows what was recorded and an Undo button carrying the inbox id", () => {
    const [m, ...rest] = turnMessages(turn("Logged a call with Acme.", {
      undoable: true,
      mutations: [{ entity: "interaction", action: "create", data: { customer: "Acme Logistics", summary: "worried about price" } }],
    }));
    expect(rest).toHaveLength(0);
    expect(m!.blocks[0]).toMatchObject({ type: "section", text: { text: "Logged a call with Acme." } });
    expect(JSON.stringify(m!.blocks)).toContain("Added interaction: Acme Logistics — worried about price");
    const actions = m!.blocks.find((b) => b.type === "actions") as any;
    expect(actions.elements[0]).toMatchObject({ action_id: "undo", value: "42" });
  });

  it("has no Undo button when nothing changed, and escapes &, < and > so text can't ping or link", () => {
    const [m] = turnMessages(turn("<!channel> Tom & Jerry <http://x|y>"));
    expect(m!.blocks.some((b) => b.type === "actions")).toBe(false);
    expect((m!.blocks[0] as any).text.text).toBe("&lt;!channel&gt; Tom &amp; Jerry &lt;http://x|y&gt;");
    expect(escapeMrkdwn("a<b")).toBe("a&lt;b");
  });

  it("splits a long reply into sections of at most 3,000 characters and messages under 40,000 / 50 blocks", () => {
    const long = Array.from({ length: 2000 }, (_, i) => `${i} ${"word ".repeat(10)}`).join("\n"); // ~110k chars
    const msgs = turnMessages(turn(long, { undoable: true }));
    expect(msgs.length).toBeGreaterThan(2);
    for (const m of msgs) {
      expect(m.blocks.length).toBeLessThanOrEqual(50);
      const chars = m.blocks.reduce((n, b) => n + ((b as any).text?.text?.length ?? 0), 0);
      expect(chars).toBeLessThanOrEqual(40_000);
      for (const b of m.blocks) if ((b as any).text) expect((b as any).text.text.length).toBeLessThanOrEqual(SECTION_LIMIT);
      expect(m.text.length).toBeLessThanOrEqual(300);
    }
    expect(msgs.at(-1)!.blocks.some((b) => b.type === "actions")).toBe(true); // the button comes last
    expect(msgs.slice(0, -1).every((m) => m.blocks.every((b) => b.type === "section"))).toBe(true);
  });

  it("follow-ups get Done and Snooze 1 day buttons with their id; after a press that row is replaced by a note", () => {
    const blocks = followUpBlocks([{ id: 7, title: "send quote", customer: "Acme", dueAt: "2026-03-06T01:00:00.000Z" }]);
    const row = blocks[1] as any;
    expect(row.elements.map((e: any) => [e.action_id, e.value])).toEqual([["followup_done", "7"], ["followup_snooze", "7"]]);
    const after = afterAction(blocks, row.block_id, "Marked as done.");
    expect(after.some((b) => b.type === "actions")).toBe(false);
    expect(JSON.stringify(after.at(-1))).toContain("Marked as done.");
  });

  it("renders the digest with a header and each section, in the user's language", () => {
    const d = {
      user: "amy", name: "Amy", role: "rep", locale: "zh", timezone: "Asia/Shanghai", date: "2026-03-02",
      atRisk: [{ customer: "华东机械", customerId: 1, owner: "amy", score: 80, reasons: ["51 天未联系"], codes: [] }],
      followUps: [{ id: 31, customer: "华东机械", owner: "amy", title: "回电", dueAt: "2026-03-02T01:00:00Z", overdue: false, daysOverdue: 0 }],
      complaints: [], birthdays: [], tierSuggestions: [], text: "",
    } as Digest;
    const [m] = digestMessages(d);
    expect(m!.blocks[0]).toMatchObject({ type: "header" });
    const s = JSON.stringify(m!.blocks);
    expect(s).toContain("有流失风险的客户");
    expect(s).toContain("51 天未联系");
    expect(s).toContain("回电");
    // The digest's follow-ups carry Done / Snooze buttons for their id.
    expect(s).toContain('"value":"31"');
  });
});
