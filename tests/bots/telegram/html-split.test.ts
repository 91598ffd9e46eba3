import { describe, expect, it } from "vitest";
import { splitHtml, visibleLength } from "../../../bots/telegram/html-split.ts";
import { digestMessages, escapeHtml, paginate, TELEGRAM_LIMIT } from "../../../bots/telegram/format.ts";
import type { Digest } from "../../../domain/build-digest.ts";

/** Valid Telegram HTML: every tag closed in order, no stray < or &, no empty message. */
function assertValid(html: string) {
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-z-]+)[^<>]*>/g)) {
    if (m[1]) expect(stack.pop()).toBe(m[2]);
    else stack.push(m[2]!);
  }
  expect(stack).toEqual([]);
  const text = html.replace(/<[^<>]*>/g, "");
  expect(text).not.toMatch(/[<>]/);
  expect(text).not.toMatch(/&(?!(amp|lt|gt|quot|#\d+);)/);
  expect(text.trim().length).toBeGreaterThan(0);
}

const plain = (html: string) => html.replace(/<[^<>]*>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

describe("splitHtml", () => {
  it("keeps a short message whole", () => {
    expect(splitHtml("<b>hi</b> &amp; bye", 4096)).toEqual(["<b>hi</b> &amp; bye"]);
  });

  it("counts what Telegram counts: tags nothing, an entity one", () => {
    expect(visibleLength("<b>a</b>&amp;<i>😀</i>")).toBe(4);
  });

  it("closes tags at a cut and reopens them in the next part", () => {
    const html = `<b>${"bold words ".repeat(30)}</b>`;
    const parts = splitHtml(html, 100);
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) {
      assertValid(p);
      expect(p.startsWith("<b>") && p.endsWith("</b>")).toBe(true);
      expect(visibleLength(p)).toBeLessThanOrEqual(100);
    }
    expect(parts.map(plain).join(" ").trim()).toBe("bold words ".repeat(30).trim());
  });

  it("never cuts inside an entity or a tag, even in a run without spaces", () => {
    const html = `<a href="https://x.example/?a=1&amp;b=2">${"&amp;&lt;".repeat(60)}</a><i>${"x".repeat(50)}</i>`;
    const parts = splitHtml(html, 37);
    for (const p of parts) {
      assertValid(p);
      expect(visibleLength(p)).toBeLessThanOrEqual(37);
    }
    expect(parts.map(plain).join("")).toBe("&<".repeat(60) + "x".repeat(50));
    expect(parts.filter((p) => p.includes('<a href="https://x.example/?a=1&amp;b=2">'))).toHaveLength(parts.length - 1);
  });

  it("nests: <b><i>… split reopens both, in order", () => {
    const parts = splitHtml(`<b>x <i>${"y ".repeat(40)}</i> z</b>`, 30);
    for (const p of parts) assertValid(p);
    expect(parts[1]!.startsWith("<b><i>")).toBe(true);
  });

  it("puts a trailing run of closing tags on the last part, never alone", () => {
    const parts = splitHtml(`<b>${"a".repeat(10)}</b>\n\n`, 10);
    expect(parts).toEqual(["<b>aaaaaaaaaa</b>"]);
  });

  it("splits at a paragraph before a line before a word", () => {
    const parts = splitHtml(`${"a ".repeat(20)}\n${"b ".repeat(5)}\n\n${"c ".repeat(10)}`, 60);
    expect(parts[0]!.endsWith("b")).toBe(true);
    expect(parts[1]!.startsWith("c")).toBe(true);
  });
});

describe("Telegram messages over 4,096 characters", () => {
  it("a long reply with markup-looking text: every part valid, nothing lost", () => {
    const reply = Array.from({ length: 800 }, (_, i) => `${i} <R&D> "x" ${"word ".repeat(3)}`).join("\n");
    const msgs = paginate(reply, `<i>${escapeHtml("Recorded: A & B")}</i>`);
    expect(msgs.length).toBeGreaterThan(1);
    for (const m of msgs) {
      assertValid(m.html);
      expect(visibleLength(m.html)).toBeLessThanOrEqual(TELEGRAM_LIMIT);
    }
    // Only the blanks at each cut go: every word, in order, is there.
    const words = (s: string) => s.split(/\s+/).filter(Boolean);
    expect(words(msgs.map((m) => plain(m.html)).join("\n"))).toEqual(words(`${reply}\n\nRecorded: A & B`));
  });

  it("a long digest line is split, not truncated, and its <b> stays balanced", () => {
    const d = {
      user: "amy", name: "Amy", role: "rep", locale: "en", timezone: "UTC", date: "2026-03-02",
      atRisk: [{ customer: "A&B".repeat(10), customerId: 1, owner: "amy", score: 80, reasons: Array.from({ length: 600 }, (_, i) => `reason ${i} <x>`), codes: [] }],
      followUps: [], complaints: [], birthdays: [], tierSuggestions: [], text: "",
    } as unknown as Digest;
    const msgs = digestMessages(d);
    expect(msgs.length).toBeGreaterThan(1);
    for (const m of msgs) {
      assertValid(m.html);
      expect(visibleLength(m.html)).toBeLessThanOrEqual(TELEGRAM_LIMIT);
    }
    expect(msgs.map((m) => plain(m.html)).join(" ")).toContain("reason 599 <x>");
  });
});
