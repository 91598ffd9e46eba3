// How well a few words a user typed ("the invoice one", "确认到货") name one record's text (a complaint's description,
// a follow-up's title): shared by the pickers that tell a customer's open records apart by their words.
import { similarity } from "./find-customers.ts";

// Words that say nothing about which record it was.
const STOP = new Set(["the", "and", "for", "with", "about", "one", "that", "this", "was", "his", "her", "their", "complaint", "issue", "problem"]);

/** Latin words (3+ letters, not STOP) and Han bigrams: Chinese has no spaces, so "确认到货" meets "…的到货时间" in pairs. */
function grams(s: string): Set<string> {
  return new Set([
    ...(s.match(/[a-z0-9]{3,}/g) ?? []).filter((w) => !STOP.has(w)),
    ...(s.match(/\p{Script=Han}+/gu) ?? []).flatMap((run) => (run.length < 2 ? [run] : [...run].slice(0, -1).map((_, i) => run.slice(i, i + 2)))),
  ]);
}

/** 1 when the text contains the words whole; else the larger of the share of their words it has and bigram similarity. */
export function topicMatch(about: string, text: string): number {
  const a = about.toLowerCase(), t = text.toLowerCase();
  if (t.includes(a)) return 1;
  const A = grams(a), T = grams(t);
  let hit = 0;
  for (const g of A) if (T.has(g)) hit++;
  return Math.max(A.size ? hit / A.size : 0, similarity(a, t));
}
