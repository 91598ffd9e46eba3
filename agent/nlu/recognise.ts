// The entities of a message, found by recognisers (the store's name index for customers, contacts and colleagues;
// parsers for money, dates, e-mail and phone numbers), and the message with each replaced by its placeholder — the
// form the classifier was trained on (corpus/README.md), so one utterance teaches every name.
import type { RulesEnv } from "../rules/rules-env.ts";
import { extractPersonNames } from "../rules/contacts.ts";
import { recogniseAmounts, type Currency } from "../rules/amounts.ts";
import { recogniseEmails, recognisePhones } from "../recognisers/details.ts";
import { findDates, type Found } from "../rules/dates.ts";
import type { RecognisedNames, RecognisedCustomer, RecognisedContact } from "../recognisers/names.ts";

export type SpanKind = "customer" | "contact" | "user" | "amount" | "email" | "phone" | "date";

export interface Span {
  start: number;
  end: number;
  kind: SpanKind;
  /** customer id, contact name, user handle, a date's tense token; "?Name" for a name the store doesn't know. */
  ref?: string | number;
}

export interface Colleague {
  handle: string;
  name: string;
  start: number;
  end: number;
}

export interface Money {
  amount: number;
  currency: Currency;
  currencyGiven: boolean;
  matched: string;
  index: number;
}

export interface Recognised {
  raw: string;
  names: RecognisedNames;
  amounts: Money[];
  dates: Found[];
  colleagues: Colleague[];
  emails: string[];
  phones: string[];
  spans: Span[];
  /** The message with placeholders. */
  delex: string;
}

export async function recognise(raw: string, env: RulesEnv): Promise<Recognised> {
  const names = await env.names(raw);
  const spans: Span[] = [];
  for (const c of names.customers) for (const s of c.spans) spans.push({ start: s.start, end: s.end, kind: "customer", ref: c.id });
  for (const c of names.contacts) for (const s of c.spans) spans.push({ start: s.start, end: s.end, kind: "contact", ref: c.name });
  const colleagues: Colleague[] = [];
  for (const u of names.users)
    for (const s of u.spans) {
      spans.push({ start: s.start, end: s.end, kind: "user", ref: u.handle });
      colleagues.push({ handle: u.handle, name: u.name, start: s.start, end: s.end });
    }
  for (const a of names.ambiguous) {
    const kind: SpanKind = a.kind === "customer" ? "customer" : a.kind === "user" ? "user" : "contact";
    spans.push({ start: a.start, end: a.end, kind, ref: kind === "customer" ? `~${a.text.toLowerCase()}` : a.text });
  }

  const found = recogniseAmounts(raw);
  const amounts: Money[] = found.map((a) => ({ amount: a.amount, currency: a.currency ?? "CNY", currencyGiven: a.currency != null, matched: a.text, index: a.start }));
  for (const a of found) spans.push({ start: a.start, end: a.end, kind: "amount" });
  const emails = recogniseEmails(raw).map((e) => (spans.push({ start: e.start, end: e.end, kind: "email" }), e.email));
  const phones = recognisePhones(raw).map((p) => (spans.push({ start: p.start, end: p.end, kind: "phone" }), p.text.trim()));

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
  // Dates are read once: their spans become tense tokens in the classifier's text, here and in every clause.
  const dates = findDates(raw, { now: env.now, timezone: env.timezone, direction: "auto" });
  for (const d of dates) if (d.matched.trim()) spans.push({ start: d.index, end: d.index + d.matched.length, kind: "date", ref: dateTense(d.matched) });
  const kept = pickSpans(spans);
  const delex = delexicalise(raw, kept);
  return { raw, names, amounts, dates, colleagues: colleagues.filter((c) => kept.some((k) => k.kind === "user" && k.start === c.start)), emails, phones, spans: kept, delex };
}

/** The customers a message names, first-written first (each with where it first appears). */
export function customersInOrder(rec: Recognised): (RecognisedCustomer & { at: number })[] {
  return [...new Map(rec.names.customers.filter((c) => c.spans.length).map((c) => [c.id, c])).values()]
    .map((c) => ({ ...c, at: Math.min(...c.spans.map((s) => s.start)) }))
    .sort((a, b) => a.at - b.at);
}

/** The contact the message names at one customer (the first written). */
export function contactAt(rec: Recognised, customerId: number | undefined): RecognisedContact | undefined {
  return rec.names.contacts.filter((c) => c.customerId === customerId).sort((a, b) => (a.spans[0]?.start ?? 0) - (b.spans[0]?.start ?? 0))[0];
}

/** Longest first; an entity inside a longer one (a contact's first name inside a company name) is dropped. */
export function pickSpans(spans: Span[]): Span[] {
  const rank: Record<SpanKind, number> = { email: 6, phone: 5, customer: 4, contact: 3, user: 2, amount: 1, date: 0 };
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
    let token = s.kind === "date" ? ` ${String(s.ref)} ` : `@${s.kind}`;
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

/** Capitalised word runs that look like a company name; Han names ending like one (…公司, …集团) or written after 新客户 / 叫. */
export function unknownNames(raw: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  // Latin runs only: in "拜访了Zenith Dental" the Han text before the name is not part of its first word.
  const tokens = [...raw.matchAll(/[\p{Script=Latin}\p{N}&'’.-]+/gu)].map((m) => ({ text: m[0], start: m.index!, end: m.index! + m[0].length }));
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!/^[A-Z]/.test(t.text) || /^[A-Z]{2,5}s?$/.test(t.text) || NOT_NAMES.has(t.text.toLowerCase().replace(/['’]s$/, "").replace(/\.$/, ""))) continue;
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
  // Chinese: a name ending like a company (…有限公司, …集团), or whatever follows "新客户:" / "叫".
  for (const m of raw.matchAll(/(?:(?![了给和跟与到把在是叫的拜访去见我你他她们说来哪什这那该此每某贵本])\p{Script=Han}){2,12}?(?:有限公司|股份公司|集团|公司)/gu)) out.push({ start: m.index!, end: m.index! + m[0].length });
  for (const m of raw.matchAll(/(?:客户|公司|名字|名称)(?:叫做?|是|[::])\s*([\p{Script=Han}A-Za-z0-9()()·&]{2,20})/gu)) out.push({ start: m.index! + m[0].length - m[1]!.length, end: m.index! + m[0].length });
  for (const m of raw.matchAll(/(?:新增|新建|添加|新|加个|加一个|录个|建个)(?:一个)?客户\s*([\p{Script=Han}A-Za-z0-9()()·&]{2,20}?)(?=[,,。;;\s]|$)/gu)) out.push({ start: m.index! + m[0].length - m[1]!.length, end: m.index! + m[0].length });
  return out;
}

// Dates as the classifier sees them: whether the words themselves point back ("yesterday", "last Tue", 上周五, 前天) or
// ahead ("tmrw", "next wk", 下周三, 两周后) — a weekday or a calendar day alone says neither. The frames still read
// every date with the parser; this only keeps "on friday" from teaching "follow-up".
const STRONG_FUTURE = /tomorrow|tmrw|\btmr\b|\bnext\b|\bin \d|\bin (a|one|two|three|a few|a couple)\b|coming|明|后天|下周|下个|下星期|下礼拜/i;
const STRONG_PAST = /yesterday|\blast\b|\bago\b|昨|前天|上周|上个|上星期|上礼拜/i;
const WEAK_PAST = /earlier|this morning|刚才|刚刚|早上|上午|下午|中午|晚上/i;
const WEAK_FUTURE = /later|之后|以后|后$|月底|月初|\beod\b|\beow\b|end of|by /i;
const DATE_REF = new Date("2026-06-15T12:00:00Z");

/** Whether a date's own words point back, ahead, or neither. */
export function dateTense(m: string): "@date_past" | "@date_future" | "@date" | "@date_today" {
  if (/^(today|tonight|今天|今日|今晚|今早|当天)$/i.test(m.trim())) return "@date_today";
  if (STRONG_FUTURE.test(m)) return "@date_future";
  if (STRONG_PAST.test(m)) return "@date_past";
  if (WEAK_PAST.test(m)) return "@date_past";
  if (WEAK_FUTURE.test(m)) return "@date_future";
  return "@date";
}

/** The corpus's text in the form the classifier reads (the run-time text gets the same tokens from its date spans). */
export function dateTokens(text: string, now: Date = DATE_REF, timezone = "UTC"): string {
  const found = findDates(text, { now, timezone, direction: "auto" }).filter((d) => d.matched.trim());
  let out = text;
  for (const d of [...found].sort((a, b) => b.index - a.index)) {
    const m = d.matched;
    const token = dateTense(m);
    out = out.slice(0, d.index) + ` ${token} ` + out.slice(d.index + m.length);
  }
  return out;
}

/** Spans of names the store doesn't know ("?Globex"), with the name as written. */
export function unknownSpans(rec: Recognised, kind: "customer" | "contact"): (Span & { name: string })[] {
  return rec.spans.flatMap((s) => (s.kind === kind && typeof s.ref === "string" && s.ref.startsWith("?") ? [{ ...s, name: s.ref.slice(1) }] : []));
}

/** The first name the store doesn't know that the message writes where a customer goes ("called Globex", "新客户:…"). */
export function unknownCustomerName(rec: Recognised): string | undefined {
  return unknownSpans(rec, "customer")[0]?.name;
}

/** The new person the recognisers found and the store doesn't know ("?Priya Nair"), if `text` holds them. */
export function unknownPersonName(rec: Recognised, text: string): string | undefined {
  return unknownSpans(rec, "contact").find((s) => text.includes(s.name))?.name;
}
