// Telegram caps a message at 4,096 characters *after* HTML parsing (tags don't count, an entity counts as one), and
// rejects a message whose HTML is broken. So a long HTML message is split on its visible text — at a paragraph, then
// a line, then a word — never inside a tag or an &entity;, and every part is valid on its own: tags still open at a
// cut are closed at the end of that part and reopened at the start of the next.

interface Unit {
  html: string;
  /** Characters Telegram counts: 0 for a tag, 1 for an entity, UTF-16 length for text. */
  visible: number;
  /** Tags open after this unit, outermost first (their opening HTML). */
  open: readonly { name: string; html: string }[];
}

const TOKEN = /<\/?([a-zA-Z][\w-]*)[^<>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);|[\s\S]/gu;

function units(html: string): Unit[] {
  const out: Unit[] = [];
  let open: Unit["open"] = [];
  for (const m of html.matchAll(TOKEN)) {
    const tok = m[0];
    if (m[1]) {
      const name = m[1].toLowerCase();
      if (tok.startsWith("</")) {
        const at = open.map((t) => t.name).lastIndexOf(name);
        if (at !== -1) open = open.slice(0, at);
      } else open = [...open, { name, html: tok }];
      out.push({ html: tok, visible: 0, open });
    } else out.push({ html: tok, visible: tok.startsWith("&") && tok.length > 1 ? 1 : tok.length, open });
  }
  return out;
}

const closing = (open: Unit["open"]) => open.map((t) => `</${t.name}>`).reverse().join("");
const opening = (open: Unit["open"]) => open.map((t) => t.html).join("");
const isSpace = (u: Unit) => u.html === " " || u.html === "\n";

/** Splits Telegram HTML into parts of at most `limit` visible characters, each valid HTML with some text in it. */
export function splitHtml(html: string, limit: number): string[] {
  if (limit < 2) throw new RangeError("limit must be at least 2");
  const us = units(html);
  // Nothing visible after i (only tags and blanks): such a tail belongs to the part before it, never a part alone.
  const blankFrom = new Array<boolean>(us.length + 1).fill(true);
  for (let i = us.length - 1; i >= 0; i--) blankFrom[i] = blankFrom[i + 1]! && (us[i]!.visible === 0 || isSpace(us[i]!));
  const parts: string[] = [];
  let start = 0;
  while (start < us.length) {
    const before = start > 0 ? us[start - 1]!.open : [];
    // The furthest unit that still fits.
    let end = start;
    let visible = 0;
    while (end < us.length && visible + us[end]!.visible <= limit) visible += us[end++]!.visible;
    if (blankFrom[end]) {
      // The rest is tags and blanks: keep its tags (closing what is open), drop the blanks that wouldn't fit.
      const rest = us.slice(end).filter((u) => u.visible === 0).map((u) => u.html).join("");
      parts.push(`${opening(before)}${us.slice(start, end).map((u) => u.html).join("")}${rest}`);
      break;
    }
    // Prefer the last paragraph break, then line break, then space, in the second half of the window.
    const at: { para?: number; line?: number; space?: number } = {};
    for (let i = start, seen = 0; i < end; i++) {
      seen += us[i]!.visible;
      if (seen < limit / 2) continue;
      if (us[i]!.html === "\n" && us[i + 1]?.html === "\n") at.para = i;
      if (us[i]!.html === "\n") at.line = i;
      if (us[i]!.html === " ") at.space = i;
    }
    const cut = at.para ?? at.line ?? at.space;
    if (cut !== undefined && cut > start) end = cut;
    let last = end; // blanks at a cut go nowhere
    while (last > start && isSpace(us[last - 1]!)) last--;
    const after = last > start ? us[last - 1]!.open : before;
    parts.push(`${opening(before)}${us.slice(start, last).map((u) => u.html).join("")}${closing(after)}`);
    start = end;
    while (start < us.length && isSpace(us[start]!)) start++;
  }
  return parts.length ? parts : [html];
}

/** What Telegram counts of a message: its text after HTML parsing. */
export const visibleLength = (html: string) => units(html).reduce((n, u) => n + u.visible, 0);
