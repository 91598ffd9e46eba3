// Platforms cap message length (Telegram 4,096 characters; Slack 3,000 per section, 40,000 per message): long replies
// are split at paragraph, then line, then word boundaries, never inside a surrogate pair.
export function splitText(text: string, limit: number): string[] {
  if (limit < 2) throw new RangeError("limit must be at least 2");
  const out: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit);
    // Prefer the last paragraph break, then line break, then space, in the second half of the window.
    let cut = -1;
    for (const sep of ["\n\n", "\n", " "]) {
      const at = window.lastIndexOf(sep);
      if (at >= limit / 2) {
        cut = at;
        break;
      }
    }
    let next: number;
    if (cut === -1) {
      cut = limit;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1; // keep a surrogate pair (emoji, rare CJK) together
      next = cut;
    } else {
      next = cut;
      while (rest[next] === "\n" || rest[next] === " ") next++;
    }
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(next);
  }
  if (rest.length || !out.length) out.push(rest);
  return out;
}
