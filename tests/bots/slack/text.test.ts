import { describe, expect, it } from "vitest";
import { escapeData, escapedPrefix, escapeMrkdwn, fromSlack } from "../../../bots/slack/text.ts";

describe("fromSlack: Slack's text back to what the person typed", () => {
  it.each([
    ["Visited R&amp;D Labs", "Visited R&D Labs"],
    ["price &lt; 5% &gt; last year", "price < 5% > last year"],
    ["literally &amp;lt;b&amp;gt;", "literally &lt;b&gt;"],
    ["typed &lt;@U1&gt; by hand", "typed <@U1> by hand"],
    ["ask <@U123> about it", "ask @U123 about it"],
    ["ask <@U123|amy>", "ask @amy"],
    ["in <#C1|general> today", "in #general today"],
    ["mail <mailto:a@b.c|a@b.c>", "mail a@b.c"],
    ["mail <mailto:a@b.c>", "mail a@b.c"],
    ["see <https://x.example/p?a=1&amp;b=2|the quote>", "see the quote"],
    ["see <https://x.example/p>", "see https://x.example/p"],
    ["<!here> and <!channel> and <!everyone>", "@here and @channel and @everyone"],
    ["team <!subteam^S1|@sales>", "team @sales"],
    ["on <!date^1392734382^{date}|Feb 18, 2014>", "on Feb 18, 2014"],
    ["拜访了华东机械 &amp; 王芳", "拜访了华东机械 & 王芳"],
    ["", ""],
  ])("%s → %s", (slack, typed) => {
    expect(fromSlack(slack)).toBe(typed);
  });
});

describe("escaping what Slack shows", () => {
  it("escapes &, < and > so data can't ping, link or issue a command", () => {
    expect(escapeMrkdwn("<!channel> Alert Co & <@U1> <https://x|y>")).toBe("&lt;!channel&gt; Alert Co &amp; &lt;@U1&gt; &lt;https://x|y&gt;");
    // Typed text survives a round trip: decode what Slack sent, escape what we show.
    expect(escapeMrkdwn(fromSlack("R&amp;D &lt;b&gt;"))).toBe("R&amp;D &lt;b&gt;");
  });

  it("keeps data from opening or closing the formatting around it", () => {
    const shown = `*${escapeData("*Acme_ ~Co` ")}*`;
    expect(shown.replace(/\u200b/g, "")).toBe("**Acme_ ~Co` *");
    // Every formatting character from the data is followed by the zero-width space, so none of them pairs up.
    expect(escapeData("a*b_c~d`e")).toBe("a*\u200bb_\u200bc~\u200bd`\u200be");
    expect(escapeData("<!here>")).toBe("&lt;!here&gt;");
  });

  it("truncates raw text, never an escape sequence, within the length", () => {
    const raw = "&".repeat(100);
    const out = escapedPrefix(raw, 50);
    expect(out.length).toBeLessThanOrEqual(50);
    expect(out).toMatch(/^(&amp;)+…$/);
    expect(escapedPrefix("short & sweet", 50)).toBe("short &amp; sweet");
  });
});
