// Frames for what happened with a customer: each write act the classifier found becomes its tool call, filled from
// the recognised entities — the contact, the order's amount, the follow-up's date and the visit's date apart.
import type { RulesEnv } from "../rules/rules-env.ts";
import { findDates } from "../rules/dates.ts";
import { interactionKind } from "../rules/kinds.ts";
import { sentimentOf } from "../rules/sentiment.ts";
import { parseSurveyScore } from "../rules/scores.ts";
import { createCommand } from "../../domain/find-customers.ts";
import type { Clause } from "../rules/clauses.ts";
import type { Understanding, ClauseReading } from "./understand.ts";
import type { Plan, PlannedCall } from "./plan.ts";
import type { Say } from "./say.ts";
import { followUpTitle, futureDate, laterToday, nextDate, pastDate, topicOf, valid, type DateCtx } from "./slots.ts";
import { CONFIDENT } from "./understand.ts";
import { severityIn } from "./severity.ts";
import { assignee, changeCall, changeOf } from "./follow-ups.ts";
import { contactAt, customersInOrder, unknownSpans } from "./recognise.ts";
import type { RecognisedContact, RecognisedCustomer } from "../recognisers/names.ts";

export interface Settled {
  name: string;
  display: string;
  /** The key as written (lower case), to cut out of titles. */
  matched: string;
  customerId?: number;
  contact?: string;
  also?: { id: number; name: string }[];
}
export type Who = Settled | { ambiguous: { id: number; name: string }[]; written: string };

const COMPANY_SUFFIX = /(?:集团|公司|厂|\b(?:Ltd|Inc|LLC|Corp|Co|Group|GmbH|Limited|Holdings)\.?)$/i;
const AT_COMPANY = /(?:\bat|@|\bvisited|去|到|拜访了?|在)\s*$/i;

/** The message writes a company the store doesn't know, as a company (its suffix) or where one goes ("at X", "去X"). */
function namesUnknownCompany(u: Understanding): boolean {
  return unknownSpans(u.rec, "customer").some((s) => COMPANY_SUFFIX.test(s.name) || AT_COMPANY.test(u.raw.slice(Math.max(0, s.start - 10), s.start)));
}

/**
 * Which customer: the first one named; a word several customers share is settled by a contact the message names, then
 * by the speaker's own account — otherwise the question names each of them. A contact alone names their customer.
 */
export function settledTarget(u: Understanding): Who | null {
  const rec = u.rec;
  const settle = (c: { id: number; name: string }, matched: string, also?: { id: number; name: string }[]): Settled => {
    const ct = contactAt(rec, c.id);
    return { name: c.name, display: c.name, matched, customerId: c.id, ...(ct ? { contact: ct.name } : {}), ...(also?.length ? { also } : {}) };
  };
  const customers = customersInOrder(rec);
  const amb = rec.names.ambiguous.filter((a) => a.kind === "customer").sort((a, b) => a.start - b.start)[0];
  const first = customers[0];
  if (amb && (!first || amb.start < first.at)) {
    const cands = amb.candidates.filter((c): c is RecognisedCustomer => c.kind === "customer");
    const viaContact = cands.filter((c) => rec.names.contacts.some((ct) => ct.customerId === c.id));
    if (viaContact.length === 1) return settle(viaContact[0]!, amb.text.toLowerCase());
    if (amb.preferred?.kind === "customer") return settle(amb.preferred, amb.text.toLowerCase());
    return { ambiguous: cands.map((c) => ({ id: c.id, name: c.name })), written: amb.text };
  }
  if (first) {
    const span = first.spans.find((s) => s.start === first.at)!;
    const also: { id: number; name: string }[] = [];
    let end = span.end;
    for (const c of customers.slice(1)) {
      const s = c.spans.find((x) => x.start >= end);
      if (!s || !/^\s*(and|&|,|,|、|和|跟|与|及|以及|还有)\s*$/i.test(u.raw.slice(end, s.start))) break;
      also.push({ id: c.id, name: c.name });
      end = s.end;
    }
    return settle(first, span.text.toLowerCase(), also);
  }
  // "去鼎盛集团拜访了刘总": the company written is one the store doesn't know; a 刘总 at another account is not it.
  if (namesUnknownCompany(u)) return null;
  const ct = [...rec.names.contacts].sort((a, b) => (a.spans[0]?.start ?? 0) - (b.spans[0]?.start ?? 0))[0];
  if (ct) return { name: ct.customerName, display: ct.customerName, matched: (ct.spans[0]?.text ?? ct.name).toLowerCase(), customerId: ct.customerId, contact: ct.name };
  const person = rec.names.ambiguous.find((a) => a.kind === "contact" || a.kind === "person");
  if (person) {
    const people = person.candidates.filter((c): c is RecognisedContact => c.kind === "contact");
    const pref = person.preferred?.kind === "contact" ? person.preferred : people.length === 1 ? people[0] : undefined;
    if (pref) return { name: pref.customerName, display: pref.customerName, matched: person.text.toLowerCase(), customerId: pref.customerId, contact: pref.name };
    const byCustomer = [...new Map(people.map((c) => [c.customerId, { id: c.customerId, name: c.customerName }])).values()];
    if (byCustomer.length) return { ambiguous: byCustomer, written: person.text };
  }
  return null;
}

/**
 * The clauses that say what to do later; the rest say what happened. Each clause is scored by its own reading
 * (follow-up against report), by its dates (ahead of today, or today and before), and by its place: in a report,
 * the clause that names the customer and opens the message is what happened.
 */
function followClauses(u: Understanding, env: RulesEnv, today: string): ClauseReading[] {
  const has = (a: "log" | "follow_up") => u.acts.includes(a);
  if (!has("follow_up")) return [];
  const report = ["log", "order", "complaint", "survey"].some((a) => u.acts.includes(a as never));
  if (!report) return u.clauses;
  const pf = (c: ClauseReading) => c.reading.acts.find((a) => a.act === "follow_up")?.p ?? 0;
  const pl = (c: ClauseReading) => Math.max(...c.reading.acts.filter((a) => ["log", "order", "complaint", "survey"].includes(a.act)).map((a) => a.p));
  // What the customer said they will do ("孙丽说回款下周到账", "she said they'll pay next week") is news, not our to-do.
  const reported = (c: ClauseReading) => /(说|表示|告诉我|透露|^(他们|他|她|对方|客户)|\b(said|says|told (me|us)|mentioned)|^(they|she|he)\b(?! (want|need|asked)))/i.test(c.text) && !/(提醒|记得|我要|我得|我会|我来|给他|给她|remind|\bi('ll| will| need| have| should)|\blet me\b)/i.test(c.text);
  const score = (c: ClauseReading, i: number) => {
    const ds = valid(findDates(c.text, { now: env.now, timezone: env.timezone, direction: "auto" }));
    let s = pf(c) - pl(c);
    if (ds.some((d) => d.date > today)) s += 0.4;
    if (ds.length && ds.every((d) => d.date <= today) && !laterToday(c.text, env)) s -= 0.4;
    const names = u.rec.spans.some((sp) => (sp.kind === "customer" || sp.kind === "contact") && sp.start >= c.start && sp.end <= c.end);
    if (i === 0 && names && u.clauses.length > 1) s -= 0.6;
    if (reported(c)) s -= 0.8;
    return s;
  };
  const scored = u.clauses.map((c, i) => ({ c, s: score(c, i) }));
  let picked = scored.filter((x) => x.s > 0.15).map((x) => x.c);
  // "新诊所下个月开业,下周五提醒我发报价": a clause is not our to-do for its date alone when another clause clearly is.
  if (picked.some((c) => pf(c) >= 0.5)) picked = picked.filter((c) => pf(c) >= 0.1);
  if (picked.length) return picked;
  const best = [...scored].sort((a, b) => b.s - a.s)[0];
  return best && best.s > -0.3 && u.clauses.length > 1 ? [best.c] : [];
}

/**
 * "Log a call with Bluewave tomorrow": the only date on what happened is ahead of today and nobody is quoted, so it is
 * not a record of the past. (Quoted plans — "they need it by month end", "她说下周打款" — are fine.)
 */
function futureEvent(said: string, env: RulesEnv, today: string): boolean {
  if (/\b(they|she|he|we'll|will|might|may|could|need|needs|want|wants|by|until|asked|said|says|plan(s|ning)?)\b|说|要|会|需要|想|希望|打算|计划|可能|准备|他|她|对方/i.test(said)) return false;
  const ds = valid(findDates(said, { now: env.now, timezone: env.timezone, direction: "past" }));
  return ds.length > 0 && ds.every((d) => d.date > today);
}

const slot = (u: Understanding, name: "kind" | "sentiment" | "severity" | "scale") => u.reading.slots[name];

export function planRecords(u: Understanding, who: Settled, env: RulesEnv, say: Say, today: string): Plan {
  const customer = who.name;
  const acts = new Set(u.acts);
  const q: DateCtx = { raw: u.raw, env, today, dates: u.rec.dates };
  const calls: PlannedCall[] = [];
  const notes: string[] = [];

  // Changes to an existing follow-up stand alone.
  const change = changeOf(acts);
  if (change) return { calls: [changeCall(u, customer, q, [who.matched], change)] };

  const follow = followClauses(u, env, today);
  const said = u.clauses.filter((c) => !follow.includes(c));
  const saidText = said.map((c) => c.text).join(", ");

  // An order with its amount is the news; the open deal is only closed too when the message names it.
  if (acts.has("order") && u.rec.amounts.some((a) => a.amount > 0) && !/\b(deal|renewal|contract|opportunity|oppty|project|pilot|tender)\b|商机|项目|合同|续约|招标/i.test(u.raw)) acts.delete("deal_won");
  if (acts.has("deal_won") || acts.has("deal_lost")) calls.push({ name: "update_deal", args: { customer, status: acts.has("deal_lost") ? "lost" : "won" } });
  else if (acts.has("deal_open")) {
    const amount = u.rec.amounts[0];
    const close = nextDate(q);
    if (!amount || !close) return { calls: [], reply: say("dealNeeds", { customer }), pending: { ask: "more", text: u.raw } };
    const title = (/[::]\s*([^,,。.]+)/.exec(u.raw)?.[1] ?? u.raw.replace(/^.*?(deal|opportunity|oppty|opp|商机)\s*(with|for|:)?\s*/i, "").split(/[,,。]/)[0] ?? "").trim() || say("dealTitle", { customer });
    calls.push({ name: "open_deal", args: { customer, title, amount: amount.amount, currency: amount.currency, closeOn: close.date } });
  } else if (acts.has("deal_update")) {
    const amount = u.rec.amounts[0];
    const close = nextDate(q);
    if (amount || close) calls.push({ name: "update_deal", args: { customer, ...(amount ? { amount: amount.amount } : {}), ...(close ? { closeOn: close.date } : {}) } });
  }

  if (acts.has("complaint_resolved")) calls.push({ name: "resolve_complaint", args: { customer, ...(topicOf(u.raw, who.matched) ? { about: topicOf(u.raw, who.matched) } : {}) } });
  else if (acts.has("complaint")) calls.push({ name: "open_complaint", args: { customer, description: u.raw, severity: severityIn(u.raw) ?? slot(u, "severity")?.value ?? "medium" } });

  if (acts.has("survey")) {
    const s = parseSurveyScore(u.raw);
    if (s && "invalid" in s) return { calls: [], reply: say("badScore", { why: u.zh ? s.invalidZh : s.invalid }) };
    if (s) calls.push({ name: "record_survey", args: { customer, scale: s.scale, score: s.score, comment: u.raw } });
  }

  if (acts.has("order")) {
    const amount = u.rec.amounts.find((a) => a.amount > 0);
    const negative = u.rec.amounts.find((a) => a.amount < 0);
    if (!amount && negative) return { calls: [], reply: say("negativeOrder", { amount: negative.matched.trim().replace(/^[-−–]\s*/, "") }) };
    if (!amount) {
      if (!calls.length && !acts.has("log")) return { calls: [], reply: say("orderAmount", { customer: who.display }), pending: { ask: "more", text: u.raw } };
    } else {
      const on = pastDate(q, follow);
      calls.push({ name: "record_order", args: { customer, amount: amount.amount, currency: amount.currency, ...(on ? { orderedOn: on } : {}) } });
    }
  }

  if (acts.has("log")) {
    if (futureEvent(saidText || u.raw, env, today) && !acts.has("follow_up")) return { calls: [], reply: say("futureLog") };
    const kind = interactionKind(saidText || u.raw)?.kind ?? slot(u, "kind")?.value ?? "call";
    const contact = logContact(u, who);
    const on = pastDate(q, follow as Clause[]);
    const args = { customer, kind, summary: u.raw, sentiment: sentiment(u, saidText || u.raw), ...(on ? { occurredOn: on } : {}), ...(contact ? { contact } : {}) };
    const segments = customerSegments(u, who);
    if (segments.length > 1) {
      for (const seg of segments)
        calls.push({ name: "log_interaction", args: { ...args, customer: seg.customer, kind: interactionKind(seg.text)?.kind ?? args.kind, sentiment: sentiment(u, seg.text), ...(seg.contact ? { contact: seg.contact } : { contact: undefined }) } });
    } else {
      calls.push({ name: "log_interaction", args });
      for (const other of who.also ?? []) calls.push({ name: "log_interaction", args: { ...args, customer: other.name, contact: undefined } });
    }
  }

  const reportOnly = !follow.length && ["log", "order", "complaint", "survey"].some((a) => acts.has(a as never));
  if (acts.has("follow_up") && !reportOnly) {
    const due = futureDate(q, follow.length ? follow : u.clauses);
    // A request reported without a day ("Grace wants a price list") is part of the log; a to-do said as one
    // ("remind me to send the proposal") is kept even without its date.
    const sure = Math.max(0, ...follow.map((c) => c.reading.acts.find((a) => a.act === "follow_up")?.p ?? 0));
    if (!(due.defaulted && acts.has("log") && (sure < 0.97 || u.p("follow_up") < 0.9))) {
      const owner = assignee(u, env);
      calls.push({ name: "schedule_follow_up", args: { customer, dueOn: due.date, title: followUpTitle(follow.length ? follow : u.clauses, who.matched, who.display, u.zh, q), ...(owner ? { owner } : {}) } });
    }
    if (due.defaulted && calls.at(-1)?.name === "schedule_follow_up") notes.push(say("defaultDue", { date: due.date }));
  }

  if (!calls.length) return { calls: [], reply: say("whatToLog", { customer: who.display }), pending: { ask: "more", text: u.raw } };
  const stray = calls.some((c) => c.name === "log_interaction") ? strayCustomer(u) : undefined;
  if (stray) notes.push(say("strayCustomer", { name: stray, command: createCommand(stray, u.zh) }));
  return { calls, ...(notes.length ? { reply: notes.join("\n") } : {}) };
}


function sentiment(u: Understanding, said: string): string {
  const s = slot(u, "sentiment");
  const lex = sentimentOf(said);
  // Polarity words the message says outweigh the trained reading unless it is very sure (its sentiment slot leans to
  // "positive" on plain reports: "订单会减少" read positive at 0.65); the reading decides outcomes said without them.
  if (lex !== "neutral") return s && s.p >= 0.9 && s.value !== "neutral" ? s.value : lex;
  return s && s.p >= 0.6 ? s.value : s?.value ?? "neutral";
}

function logContact(u: Understanding, who: Settled): string | undefined {
  return contactAt(u.rec, who.customerId)?.name ?? who.contact;
}

/** A name joined to the logged customers ("… and Contoso today") that the store doesn't know: say so, never drop it. */
function strayCustomer(u: Understanding): string | undefined {
  const unknown = unknownSpans(u.rec, "customer")[0];
  if (!unknown) return undefined;
  const before = u.raw.slice(Math.max(0, unknown.start - 12), unknown.start);
  return /(\band|&|,|,|、|和|跟|与|还有|\bat|\bwith)\s*$/i.test(before) ? unknown.name : undefined;
}

/**
 * "2 calls today: anna @ northwind (…) and kevin @ acme robo (…)", "上午华东,王经理…;下午金诚,孙总…": a report that
 * names several customers each with a person of theirs is one log per customer, each with its own words.
 */
function customerSegments(u: Understanding, who: Settled): { customer: string; contact?: string; text: string }[] {
  const rec = u.rec;
  const marks: { at: number; customerId: number; customer: string }[] = [];
  for (const c of rec.names.customers) for (const sp of c.spans) marks.push({ at: sp.start, customerId: c.id, customer: c.name });
  for (const ct of rec.names.contacts) for (const sp of ct.spans) marks.push({ at: sp.start, customerId: ct.customerId, customer: ct.customerName });
  marks.sort((a, b) => a.at - b.at);
  const ids = [...new Set(marks.map((m) => m.customerId))];
  if (ids.length < 2 || !who.customerId) return [];
  // Each customer's part runs from its first mention to the next customer's first mention.
  const firsts = ids.map((id) => marks.find((m) => m.customerId === id)!).sort((a, b) => a.at - b.at);
  const out = firsts.map((m, i) => {
    const text = u.raw.slice(i === 0 ? 0 : m.at, firsts[i + 1]?.at ?? u.raw.length);
    return { customer: m.customer, customerId: m.customerId, text, contact: contactAt(rec, m.customerId)?.name };
  });
  // Only when every part is a report of its own (a person of that customer, or its own contact words).
  return out.every((s) => s.contact || interactionKind(s.text)) ? out : [];
}
