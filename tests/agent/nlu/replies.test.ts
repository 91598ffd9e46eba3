// Every reply in the catalog exists in both languages with the same placeholders.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { sayer } from "../../../agent/nlu/say.ts";

const doc = parse(readFileSync(new URL("../../../agent/nlu/replies.yml", import.meta.url), "utf8")) as Record<string, { en: string; zh: string }>;
const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe("the reply catalog", () => {
  it("has each message in English and Chinese with the same placeholders", () => {
    for (const [key, v] of Object.entries(doc)) {
      expect(typeof v.en, key).toBe("string");
      expect(typeof v.zh, key).toBe("string");
      expect(vars(v.zh), key).toEqual(vars(v.en));
    }
  });

  it("fills placeholders in the speaker's language and refuses an unknown key", () => {
    expect(sayer(false)("orderAmount", { customer: "Acme" })).toBe("How much was the order from Acme? Nothing was recorded yet.");
    expect(sayer(true)("orderAmount", { customer: "华东" })).toContain("「华东」的订单金额是多少");
    expect(() => sayer(false)("no-such-key")).toThrow(/no "no-such-key"/);
  });
});
