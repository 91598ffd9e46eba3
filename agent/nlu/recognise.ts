// The entities of a message, found by recognisers (the store's name index for customers, contacts and colleagues;
// parsers for money, dates, e-mail and phone numbers), and the message with each replaced by its placeholder — the
// form the classifier was trained on (corpus/README.md), so one utterance teaches every name.
import type { RulesEnv } from "../rules/rules-env.ts";
import { resolveTarget, type Target } from "../rules/targets.ts";
import { extractPersonNames, findContactMentions } from "../rules/contacts.ts";
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

  // Names the store doesn't know yet ("New customer: Redstone Capital", "called Initech") read as a customer too,
  // so the classifier sees the shape it learned; the frames find no such customer and offer to create it.
  for (const n of unknownNames(raw)) {
    if (spans.some((s) => n.start < s.end && s.start < n.end)) continue;
    // After a role ("new CFO: Mark Li", "contact - Jane Roe") the name is a person's.
    const person = ROLE_BEFORE.test(raw.slice(Math.max(0, n.start - 30), n.start));
    spans.push({ ...n, kind: person ? "contact" : "customer", ref: `?${raw.slice(n.start, n.end)}` });
  }
  // People the store doesn't know yet ("联系人周涛", "new CFO: Mark Li"), so "new contact" reads as it was taught.
  for (const p of extractPersonNames(raw)) {
    const end = p.index + p.name.length;
    if (raw.slice(p.index, end) === p.name && !spans.some((s) => p.index < s.end && s.start < end)) spans.push({ start: p.index, end, kind: "contact", ref: `?${p.name}` });
  }
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

const ROLE_BEFORE = /\b(contacts?|cfo|ceo|cto|coo|cmo|vp|manager|director|buyer|head of \w+|engineer|person|guy|lady|rep|officer|president|owner|founder|gm|purchaser|procurement|assistant|lead|named|called)\s*(?:is|are|now|[:：=,-–—])?\s*$/i;

const NOT_NAMES = new Set(
  ("i we he she they it the a an and or but so if then to of in on at by for with from about as my our your his her their this that these those " +
    "today yesterday tomorrow tonight monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun " +
    "january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec " +
    "new customer client account prospect lead contact called call visited met emailed texted please pls remind follow ok okay hi hey " +
    "nps csat cny usd rmb eur gbp hkd po ceo cfo cto coo vp gm mr mrs ms dr q1 q2 q3 q4 tier add log note just also had got sent went " +
    "spoke talked need will can could should would did do does is are was were be been has have let lets asap fyi eod eow wechat zoom teams").split(" "),
);

/** Capitalised word runs that look like a company name; Han runs that end like one (…公司, …科技, …物流). */
export function unknownNames(raw: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const word = /[A-Z][\w&'’.-]*[\w&]|[A-Z]/g;
  const tokens = [...raw.matchAll(/[\p{L}\p{N}&'’.-]+/gu)].map((m) => ({ text: m[0], start: m.index!, end: m.index! + m[0].length }));
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!/^[A-Z]/.test(t.text) || NOT_NAMES.has(t.text.toLowerCase().replace(/['’]s$/, "").replace(/\.$/, ""))) continue;
    let j = i;
    while (j + 1 < tokens.length && /^([A-Z&]|and$|of$|&$)/.test(tokens[j + 1]!.text) && raw.slice(tokens[j]!.end, tokens[j + 1]!.start).trim() === "" && !NOT_NAMES.has(tokens[j + 1]!.text.toLowerCase())) j++;
    const sentenceStart = i === 0 || /[.!?:;。!?:;]\s*$/.test(raw.slice(0, t.start));
    // A lone capitalised word that starts a sentence is usually just a word ("Called", "Great").
    if (j === i && sentenceStart && !/[:：]\s*$/.test(raw.slice(0, t.start))) continue;
    let end = tokens[j]!.end;
    const text = raw.slice(t.start, end).replace(/['’]s$/, "").replace(/[.]$/, "");
    end = t.start + text.length;
    if (text.length >= 2) out.push({ start: t.start, end });
    i = j;
  }
  void word;
  // Chinese: a name ending like a company (…有限公司, …集团), or whatever follows "新客户:" / "叫".
  for (const m of raw.matchAll(/(?:(?![了给和跟与到把在是叫的拜访去见])\p{Script=Han}){2,12}?(?:有限公司|股份公司|集团|公司)/gu)) out.push({ start: m.index!, end: m.index! + m[0].length });
  for (const m of raw.matchAll(/(?:客户|公司|名字|名称)(?:叫做?|是|[::])\s*([\p{Script=Han}A-Za-z0-9()()·&]{2,20})/gu)) out.push({ start: m.index! + m[0].length - m[1]!.length, end: m.index! + m[0].length });
  return out;
}
