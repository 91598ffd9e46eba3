// The entities of a message, found by recognisers (the store's name index for customers, contacts and colleagues;
// parsers for money, dates, e-mail and phone numbers), and the message with each replaced by its placeholder — the
// form the classifier was trained on (corpus/README.md), so one utterance teaches every name.
import type { RulesEnv } from "../rules/rules-env.ts";
import { resolveTarget, type Target } from "../rules/targets.ts";
import { findContactMentions } from "../rules/contacts.ts";
import { parseAmounts, type Amount } from "../rules/amounts.ts";
import { findDates, type Found } from "../rules/dates.ts";
import type { Mention } from "../../domain/find-customers.ts";

export type SpanKind = "customer" | "contact" | "user" | "amount" | "email" | "phone";

export interface Span {
  start: number;
  end: number;
  kind: SpanKind;
  /** customer id, contact name, user handle… */
  ref?: string | number;
}

export interface Colleague {
  handle: string;
  name: string;
  start: number;
  end: number;
}

export interface Recognised {
  raw: string;
  found: { mentions: Mention[]; contacts: Map<number, string[]> };
  target: Target | null;
  amounts: Amount[];
  dates: Found[];
  colleagues: Colleague[];
  emails: string[];
  phones: string[];
  spans: Span[];
  /** The message with placeholders. */
  delex: string;
}

export const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;
export const PHONE = /(?<![\w.])\+?\d[\d\s()-]{6,}\d(?![\w.])/g;

const all = (text: string, key: string): number[] => {
  const out: number[] = [];
  if (!key) return out;
  for (let i = text.indexOf(key); i >= 0; i = text.indexOf(key, i + key.length)) out.push(i);
  return out;
};

/** Latin names match on word boundaries; Han names anywhere (no spaces in Chinese). */
function bounded(lower: string, i: number, len: number): boolean {
  const before = lower[i - 1] ?? " ", after = lower[i + len] ?? " ";
  const latin = /[a-z0-9]/;
  return !(latin.test(lower[i]!) && latin.test(before)) && !(latin.test(lower[i + len - 1]!) && latin.test(after));
}

export async function recognise(raw: string, env: RulesEnv): Promise<Recognised> {
  const lower = raw.toLowerCase();
  const found = await env.mentions(raw);
  const target = resolveTarget(raw, found);
  const spans: Span[] = [];

  for (const m of found.mentions)
    for (const i of all(lower, m.key))
      if (bounded(lower, i, m.key.length))
        spans.push({ start: i, end: i + m.key.length, kind: m.candidate.matchedBy === "contact" ? "contact" : "customer", ref: m.candidate.matchedBy === "contact" ? m.candidate.contact?.name : m.candidate.id });
  // Contacts by first name or surname + title ("Jane", "王总") among the named customers' people.
  const people = [...new Set([...found.contacts.values()].flat())];
  for (const c of findContactMentions(raw, people)) spans.push({ start: c.index, end: c.index + c.matched.length, kind: "contact", ref: c.name });

  const colleagues: Colleague[] = [];
  const users = await env.users();
  for (const u of users) {
    const keys = new Set([u.name.toLowerCase(), u.handle.toLowerCase()]);
    const first = /^[A-Za-z]{3,}/.exec(u.name)?.[0]?.toLowerCase();
    // A first name only when no other colleague shares it.
    if (first && users.filter((o) => o.name.toLowerCase().startsWith(first)).length === 1) keys.add(first);
    for (const k of keys)
      for (const i of all(lower, k))
        if (bounded(lower, i, k.length)) {
          colleagues.push({ handle: u.handle, name: u.name, start: i, end: i + k.length });
          spans.push({ start: i, end: i + k.length, kind: "user", ref: u.handle });
        }
  }

  const amounts = parseAmounts(raw);
  for (const a of amounts) {
    const lead = a.matched.length - a.matched.trimStart().length;
    spans.push({ start: a.index + lead, end: a.index + a.matched.trimEnd().length, kind: "amount" });
  }
  const emails = [...raw.matchAll(EMAIL)].map((m) => {
    spans.push({ start: m.index!, end: m.index! + m[0].length, kind: "email" });
    return m[0];
  });
  const phones = [...raw.replace(EMAIL, (m) => " ".repeat(m.length)).matchAll(PHONE)].map((m) => {
    spans.push({ start: m.index!, end: m.index! + m[0].length, kind: "phone" });
    return m[0].trim();
  });

  const kept = pickSpans(spans);
  const dates = findDates(raw, { now: env.now, timezone: env.timezone, direction: "auto" });
  return { raw, found, target, amounts, dates, colleagues: colleagues.filter((c) => kept.some((k) => k.kind === "user" && k.start === c.start)), emails, phones, spans: kept, delex: delexicalise(raw, kept) };
}

/** Longest first; an entity inside a longer one (a contact's first name inside a company name) is dropped. */
export function pickSpans(spans: Span[]): Span[] {
  const rank: Record<SpanKind, number> = { email: 6, phone: 5, customer: 4, contact: 3, user: 2, amount: 1 };
  const sorted = [...spans].sort((a, b) => b.end - b.start - (a.end - a.start) || rank[b.kind] - rank[a.kind] || a.start - b.start);
  const kept: Span[] = [];
  for (const s of sorted) if (!kept.some((k) => s.start < k.end && k.start < s.end)) kept.push(s);
  return kept.sort((a, b) => a.start - b.start);
}

export function delexicalise(raw: string, spans: Span[]): string {
  let out = "";
  let at = 0;
  const customers: (string | number | undefined)[] = [];
  for (const s of spans) {
    out += raw.slice(at, s.start);
    let token = `@${s.kind}`;
    if (s.kind === "customer") {
      if (!customers.includes(s.ref)) customers.push(s.ref);
      if (customers.indexOf(s.ref) > 0) token = "@customer2";
    }
    // Keep the placeholder a word of its own in Latin text ("@customer's").
    out += token;
    at = s.end;
  }
  return out + raw.slice(at);
}
