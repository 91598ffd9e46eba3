import { describe, expect, it } from "vitest";
import { callbackData, digestMessages, escapeHtml, parseCallbackData, turnMessages, TELEGRAM_LIMIT } from "../../../bots/telegram/format.ts";
import type { Digest } from "../../../domain/build-digest.ts";

const turn = (reply: string, extra: Partial<Parameters<typeof turnMessages>[0]> = {}) => ({
  reply, inboxId: 42, undoable: false, mutations: [], followUps: [], ...extra,
});

describe("Telegram format", () => {
  it("escapes HTML and puts Undo and follow-up buttons in an inline keyboard within 64 bytes", () => {
    const [m] = turnMessages(turn("Tom & <b>Jerry</b>", {
      undoable: true,
      mutations: [{ entity: "followUp", action: "create", data: { customer: "Acme", title: "call back" } }],
      followUps: [{ id: 123456789, title: "call back", customer: "A very long customer name indeed", dueAt: "2026-03-06" }],
    }));
    expect(m!.html.startsWith("Tom &amp; &lt;b&gt;Jerry&lt;/b&gt;")).toBe(true);
    expect(m!.html).toContain("<i>Recorded: Added followUp: Acme — call back</i>");
    const buttons = m!.keyboard!.inline_keyboard.flat() as { text: string; callback_data: string }[];
    expect(buttons.map((b) => b.callback_data)).toEqual(["u:42", "d:123456789", "s:123456789"]);
    for (const b of buttons) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
    expect(escapeHtml("a&b")).toBe("a&amp;b");
  });

  it("round-trips callback data and rejects anything else", () => {
    expect(parseCallbackData(callbackData.undo(9))).toEqual({ action: "undo", id: 9 });
    expect(parseCallbackData(callbackData.snooze(3))).toEqual({ action: "snooze", id: 3 });
    expect(parseCallbackData(callbackData.confirm(12))).toEqual({ action: "confirm", id: 12 });
    expect(parseCallbackData(callbackData.cancel(12))).toEqual({ action: "cancel", id: 12 });
    expect(parseCallbackData("z:1")).toBeNull();
    expect(parseCallbackData("u:1; drop")).toBeNull();
  });

  it("splits long replies at 4,096 characters, keyboard on the last message", () => {
    const long = "word ".repeat(3000); // 15,000 chars
    const msgs = turnMessages(turn(long, { undoable: true }));
    expect(msgs).toHaveLength(4);
    for (const m of msgs) expect(m.html.length).toBeLessThanOrEqual(TELEGRAM_LIMIT);
    expect(msgs.slice(0, -1).every((m) => !m.keyboard)).toBe(true);
    expect(msgs.at(-1)!.keyboard).toBeTruthy();
  });

  it("renders the digest as escaped HTML with a bold title", () => {
    const d = {
      user: "amy", name: "Amy", role: "rep", locale: "en", timezone: "UTC", date: "2026-03-02",
      atRisk: [], followUps: [], complaints: [{ customer: "A&B", owner: "amy", severity: "high", description: "late <again>", openedAt: "", dueBy: "", daysOpen: 9, daysOverdue: 2 }],
      birthdays: [], tierSuggestions: [], text: "",
    } as Digest;
    const [m] = digestMessages(d);
    expect(m!.html).toContain("<b>Daily digest · 2026-03-02</b>");
    expect(m!.html).toContain("<b>A&amp;B</b> — late &lt;again&gt;");
  });
});
