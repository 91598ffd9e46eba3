// Slack's text format both ways. Inbound, Slack HTML-escapes &, < and > and rewrites mentions, channels and links as
// <…> entities: decode them, so "R&D Labs" finds the customer and a summary is stored as the person typed it.
// Outbound, every text Slack shows (blocks and the top-level `text` that notifications use) is mrkdwn: escape it, so
// data can never form a mention (<!channel>, <@U…>), a link, or — for values we wrap in *bold* — formatting.

const ENTITY = /<([^<>]*)>/g;

/** One <…> entity as a person would have typed it. */
function decodeEntity(body: string): string {
  const bar = body.indexOf("|");
  const target = bar === -1 ? body : body.slice(0, bar);
  const label = bar === -1 ? undefined : body.slice(bar + 1);
  if (target.startsWith("@")) return label ? (label.startsWith("@") ? label : `@${label}`) : target; // <@U123>, <@U123|amy>
  if (target.startsWith("#")) return `#${label ?? target.slice(1)}`; // <#C1|general>
  if (target.startsWith("!")) {
    // <!here>, <!channel>, <!everyone>; <!subteam^S1|@sales>; <!date^…|fallback text>
    if (label) return label;
    const word = target.slice(1).split("^")[0]!;
    return `@${word}`;
  }
  if (label) return label; // <https://x|label>, <mailto:a@b.c|a@b.c>: the text the person typed
  return target.startsWith("mailto:") ? target.slice("mailto:".length) : target; // <https://x>
}

const unescapeHtml = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** Slack message text → what the person typed: entities read back, then &amp; &lt; &gt; unescaped (in that order,
 *  so an escaped "&lt;@U1&gt;" the person typed literally stays the literal text "<@U1>"). */
export function fromSlack(text: string): string {
  return unescapeHtml(text.replace(ENTITY, (_, body: string) => decodeEntity(body)));
}

/** Text for a mrkdwn field: &, < and > escaped, so nothing in it can become a mention, a link or a special command. */
export const escapeMrkdwn = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** mrkdwn has no escape for its formatting characters; a zero-width space after each one keeps a value (a customer
 *  named "*Acme*_") from opening or closing the bold/italic/strike/code around it, and looks the same. */
const ZWSP = "\u200b";
export const escapeData = (s: string) => escapeMrkdwn(s).replace(/([*_~`])/g, `$1${ZWSP}`);

/** Escaped text of at most `n` characters: truncates the raw text (never an escape sequence) and marks the cut. */
export function escapedPrefix(raw: string, n: number, escape: (s: string) => string = escapeMrkdwn): string {
  const full = escape(raw);
  if (full.length <= n) return full;
  let out = "";
  for (const ch of raw) {
    const e = escape(ch);
    if (out.length + e.length + 1 > n) break;
    out += e;
  }
  return `${out}…`;
}
