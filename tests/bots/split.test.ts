import { describe, expect, it } from "vitest";
import { splitText } from "../../bots/split.ts";
import { tokenBucket } from "../../bots/rate-limit.ts";
import { InFlight } from "../../bots/in-flight.ts";

describe("splitText", () => {
  it("keeps short text whole and splits long text at line breaks, within the limit, losing nothing but the break", () => {
    expect(splitText("hello", 10)).toEqual(["hello"]);
    const text = Array.from({ length: 300 }, (_, i) => `line ${i} ${"x".repeat(20)}`).join("\n");
    const parts = splitText(text, 4096);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(4096);
    expect(parts.join("\n")).toBe(text);
  });

  it("cuts a word-less run at the limit without splitting a surrogate pair", () => {
    const text = "😀".repeat(3000); // 6,000 UTF-16 units
    const parts = splitText(text, 4095);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(4095);
      expect(p).not.toMatch(/[\ud800-\udbff]$/);
    }
    expect(parts.join("")).toBe(text);
  });
});

describe("tokenBucket", () => {
  it("allows a burst up to capacity, refuses the next, and refills over time", () => {
    const b = tokenBucket({ capacity: 20, perMinute: 20 });
    const t0 = 1_000_000;
    expect(Array.from({ length: 20 }, () => b.take("u", t0)).every(Boolean)).toBe(true);
    expect(b.take("u", t0)).toBe(false);
    expect(b.take("other", t0)).toBe(true); // per user
    expect(b.take("u", t0 + 3_000)).toBe(true); // 3 s → one token back at 20/min
    expect(b.take("u", t0 + 3_000)).toBe(false);
  });
});

describe("InFlight", () => {
  it("runs one key's tasks in order, others side by side, and drain waits for all", async () => {
    const f = new InFlight();
    const seen: string[] = [];
    const slow = (s: string, ms: number) => () => new Promise<void>((r) => setTimeout(() => (seen.push(s), r()), ms));
    void f.run("a", slow("a1", 40));
    void f.run("a", slow("a2", 1));
    void f.run("b", slow("b1", 5));
    expect(await f.drain(2_000)).toBe(true);
    expect(seen).toEqual(["b1", "a1", "a2"]);
    expect(f.accepting).toBe(false);
  });

  it("a failing task does not block the next one for the same key", async () => {
    const f = new InFlight();
    await expect(f.run("k", async () => { throw new Error("boom"); })).rejects.toThrow("boom");
    await expect(f.run("k", async () => 7)).resolves.toBe(7);
  });
});
