// The rules model's first step: read one message (English or Chinese) and plan the tool calls an LLM would make.
// It works on how people write — clauses, cue words, dates, amounts, names from the store — never on one sentence.
import type { RulesEnv } from "./rules-env.ts";
import { findDates, isInvalid, type DateMention, type Found } from "./dates.ts";
import { detectLanguage } from "./language.ts";
import { sentimentOf } from "./sentiment.ts";
import { interactionKind as detectKind } from "./kinds.ts";
import { parseAmounts } from "./amounts.ts";
import { parseSurveyScore } from "./scores.ts";
import { resolveTarget, type Target } from "./targets.ts";
import { mentionedContact } from "./contacts.ts";
import { planAnswer } from "./answers.ts";
import { createCommand } from "../../domain/find-customers.ts";

/** The customer's contact the text names (full name, first name, 王总-style surname), if exactly one fits. */
const contactIn = (raw: string, names: string[]) => mentionedContact(raw, names)?.name;
import { splitClauses, type Clause } from "./clauses.ts";
import { CUES, has, indexOf } from "./cues.ts";
import { addDays, localDate, weekday } from "../../domain/time.ts";
import { parseChineseNumber, parseCount } from "./numerals.ts";

export interface PlannedCall {
  name: string;
  args: Record<string, unknown>;
}

export interface Plan {
  calls: PlannedCall[];
  /** A direct answer (no tools), or a note appended after the tools' results. */
  reply?: string;
}

type Say = (en: string, zh: string) => string;

/** `forced.target`: the customer is already settled (an answer to "which one did you mean?"), don't look it up. */
export async function planTurn(text: string, env: RulesEnv, forced?: { target?: Target }): Promise<Plan> {
  const raw = (text.replace(/\s+/g, " ").trim().slice(0, 4000) as string & { toWellFormed(): string }).toWellFormed();
  const zh = (detectLanguage(raw) ?? env.locale) === "zh";
  const say: Say = (en, z) => (zh ? z : en);
  if (!/[\p{L}\p{N}]/u.test(raw)) return { calls: [], reply: help(say) };
  const lower = raw.toLowerCase();

  if (has(lower, CUES.undo) && raw.length <= 40) return { calls: [{ name: "undo", args: {} }] };
  const found = await env.mentions(raw);
  // A short reply may answer the assistant's last question — but a message that names a customer and says how they
  // talked is a record of its own (and skips the extra lookup).
  if (!forced && raw.length <= 60 && !(found.mentions.length && detectKind(raw))) {
    const answer = await planAnswer(raw, env, (t, f) => planTurn(t, env, f ?? {}), found);
    if (answer) return answer;
  }
  if (has(raw, CUES.smallTalk))
    return { calls: [], reply: /thank|thx|谢/i.test(raw) ? say("You're welcome!", "不客气!") : say("Hi! Tell me what happened with a customer, or ask me anything about your accounts.", "你好!告诉我客户那边发生了什么,或者问我任何关于客户的问题。") };

  const today = localDate(env.now, env.timezone);
  const target = forced?.target ?? resolveTarget(raw, found);
  const clauses = splitClauses(raw);
  const dates = findDates(raw, { now: env.now, timezone: env.timezone, direction: "auto" });
  const bad = dates.find(isInvalid);
  const dateQ: DateQ = { raw, env, today, dates, clauses };

  // Questions come before writes: "what are my follow-ups?" must never create one.
  const question = isQuestion(raw, lower);
  if (has(lower, CUES.draft)) return draft(raw, lower, target, say);
  // A report of a contact ("called them, they're at risk of leaving") is a log, not a question about risk.
  const reportsContact = !question && !!(detectKind(raw) || looseKind(raw));
  if (question || (!reportsContact && (has(lower, CUES.atRisk) || has(lower, CUES.stale) || (has(lower, CUES.activity) && !has(lower, CUES.logVerb)) || has(lower, CUES.digest) || has(raw, CUES.listCustomers)))) {
    const q = await planQuestion(raw, lower, target, dateQ, env, say);
    if (q) return q;
  }
  if (bad) return invalidDate(bad.invalid, say);
  if (has(lower, CUES.reassign)) return reassign(raw, lower, target, env, say);
  if (has(lower, CUES.newCustomer)) return newCustomer(raw, say);
  if (has(lower, CUES.newContact)) return newContact(raw, target, say);
  const edit = target ? profileEdit(raw, lower, target, found.contacts, dateQ, say) : null;
  if (edit) return edit;

  if (!target) return unknownCustomer(raw, lower, say);
  settleByContact(raw, target, found.contacts);
  const customer = target.name;

  // A logged contact that mentions a deal ("called Acme, they won a contract") is a log, not a deal update.
  const dealPlan = detectKind(raw) || looseKind(raw) ? null : planDeal(raw, lower, customer, dateQ, say);
  if (dealPlan) return dealPlan;
  if ((has(lower, CUES.complaint) || /\b(issue|problem)\b|问题/.test(lower)) && has(lower, CUES.resolved) && !(detectKind(raw) || looseKind(raw)))
    return { calls: [{ name: "resolve_complaint", args: { customer, about: topicOf(raw, target) } }] };
  if (has(lower, CUES.complaint)) {
    const severity = has(lower, CUES.minor) ? "low" : has(lower, CUES.urgent) ? "high" : "medium";
    return { calls: [{ name: "open_complaint", args: { customer, description: raw, severity } }] };
  }
  if (has(lower, CUES.survey)) {
    const s = parseSurveyScore(raw);
    if (s && "invalid" in s) return { calls: [], reply: say(`That score doesn't fit: ${s.invalid}. Nothing was recorded.`, `分数不对:${s.invalidZh}。没有记录。`) };
    if (s) return { calls: [{ name: "record_survey", args: { customer, scale: s.scale, score: s.score, comment: raw } }] };
  }
  const amounts = parseAmounts(raw);
  const negative = amounts.find((a) => /(-|−|minus\s*|负)\s*[$¥€£]?\s*$/i.test(raw.slice(Math.max(0, a.index - 8), a.index)));
  if (negative && has(lower, CUES.order))
    return { calls: [], reply: say(`Invalid amount: an order can't be negative (-${negative.matched.trim()}). Nothing was recorded.`, `金额无效:订单金额不能为负数(-${negative.matched.trim()})。没有记录。`) };
  const orderNews = has(lower, CUES.orderFuture) || (!amounts.length && (detectKind(raw) || looseKind(raw)));
  if (has(lower, CUES.order) && !has(lower, CUES.deal) && !orderNews) {
    if (!amounts.length) return { calls: [], reply: say(`How much was the order from ${target.display}? Nothing was recorded yet.`, `「${target.display}」的订单金额是多少?还没有记录。`) };
    const on = pastDate(dateQ, []);
    return {
      calls: [{ name: "record_order", args: { customer, amount: amounts[0]!.amount, currency: amounts[0]!.currency, ...(on ? { orderedOn: on } : {}) } }],
    };
  }
  if (has(lower, CUES.cancelFollowUp)) return { calls: [{ name: "update_follow_up", args: { customer, action: "cancel" } }] };
  if (has(lower, CUES.snoozeFollowUp)) {
    const until = valid(findDates(raw, { now: env.now, timezone: env.timezone, direction: "future" })).find((d) => d.date > today);
    return { calls: [{ name: "update_follow_up", args: { customer, action: "snooze", ...(until ? { until: until.date } : {}) } }] };
  }
  if (has(lower, CUES.doneFollowUp)) return { calls: [{ name: "update_follow_up", args: { customer, action: "done" } }] };

  // "Need to call Kevin in 2 weeks", "下周要去拜访华东机械": the whole message is the rep's plan, nothing happened yet.
  // A meeting arranged for a day ahead ("跟孙丽约了下周三见面") is a plan too — the follow-up is the meeting itself.
  // (Not when someone is quoted — "she said they booked a visit for Friday" reports their plan.)
  const known = valid(dates);
  const arrangedAhead = has(raw, CUES.arranged) && !/\b(said|says|told)\b|说|表示|告诉/.test(raw) && known.length > 0 && known.every((d) => d.date > today);
  const { follow, said } = has(raw, CUES.planAhead) || arrangedAhead ? { follow: clauses as FollowClause[], said: [] as string[] } : splitFollowUp(clauses, env);
  const saidText = said.join(", ");
  const kind = saidText ? detectKind(saidText) ?? looseKind(saidText) : null;
  // "记一下" / "note that" alone beside a to-do asks to save the to-do, not to log a contact that never happened.
  const logAsked = !!saidText && has(lower, CUES.logVerb) && saidText.replace(/记录一下|记一下|记录|帮我|请|\b(log|record|note)( (it|this|that))?\b/gi, "").replace(/[\s\p{P}]+/gu, "").length >= 4;
  const calls: PlannedCall[] = [];
  if ((kind || logAsked) && futureEvent(said, env, today))
    return {
      calls: [],
      reply: say(
        "That date is in the future, so I didn't log it as something that happened. To plan it, say e.g. \"remind me to call … tomorrow\".",
        "这个日期在将来,所以没有记为已发生的沟通。如果是计划,可以说「明天提醒我给……打电话」。",
      ),
    };
  if (kind || logAsked) {
    const contact = contactIn(raw, found.contacts.get(target.customerId ?? -1) ?? []) ?? target.contact;
    const on = pastDate(dateQ, follow);
    calls.push({
      name: "log_interaction",
      args: {
        customer,
        kind: kind?.kind ?? "call",
        summary: raw,
        sentiment: sentimentOf(saidText),
        ...(on ? { occurredOn: on } : {}),
        ...(contact ? { contact } : {}),
      },
    });
    for (const other of target.also ?? [])
      calls.push({ name: "log_interaction", args: { ...calls[0]!.args, customer: other.name, contact: undefined } });
  }
  if (follow.length || (!calls.length && has(lower, CUES.remind))) {
    const due = futureDate(dateQ, follow.length ? follow : clauses);
    calls.push({
      name: "schedule_follow_up",
      args: { customer, dueOn: due.date, title: followUpTitle(follow.length ? follow : clauses, target, zh, dateQ) },
    });
    if (due.defaulted) return { calls, reply: say(`(No date given, so I set it for ${due.date}; say a date to change it.)`, `(没有说日期,先定在 ${due.date},可以告诉我改期。)`) };
  }
  if (calls.length) {
    // "Visited Acme yesterday and Contoso today": say what was not logged rather than drop it silently.
    const stray = calls.some((c) => c.name === "log_interaction") ? strayCustomer(raw, target, found) : undefined;
    return stray
      ? { calls, reply: say(`I couldn't find a customer called "${stray}", so nothing was logged for it. Say "${createCommand(stray, false)}" to add it.`, `没有找到客户「${stray}」,没有为它记录。要新建可以回复「${createCommand(stray, true)}」。`) }
      : { calls };
  }
  // A customer and nothing we can tell how to record: ask rather than guess; a bare name or a question shows the record.
  if (raw.length > target.matched.length + 12 && !question)
    return {
      calls: [],
      reply: say(
        `Nothing recorded yet — what should I log for ${target.display}? Say how you talked, e.g. "called ${target.display}: …" or "visited ${target.display} …".`,
        `还没有记录——要为「${target.display}」记什么?请说明沟通方式,比如「给${target.display}打电话,……」或「拜访了${target.display},……」。`,
      ),
    };
  return { calls: [{ name: "customer_summary", args: { customer } }] };
}

/**
 * Splits the message into what happened and what is to be done. A follow-up clause starts at its cue ("…, follow up
 * Friday"; "called Jane and she asked me to follow up Friday" keeps "called Jane" as what happened). When a message
 * reports a contact, a clause that starts with the rep's own next step and carries a future date is a follow-up too
 * ("send her the contract next Monday", "月底前发正式报价"); reported speech ("说回款推迟到月底") is not.
 */
type FollowClause = Clause & { dateFrom?: number };

function splitFollowUp(clauses: Clause[], env: RulesEnv): { follow: FollowClause[]; said: string[] } {
  const today = localDate(env.now, env.timezone);
  const follow: FollowClause[] = [];
  const said: string[] = [];
  for (const c of clauses) {
    const at = indexOf(c.lower, CUES.followUp);
    if (at < 0) {
      said.push(c.text);
      continue;
    }
    const before = c.text.slice(0, at).trim();
    if (before && (detectKind(before) || looseKind(before))) said.push(before);
    // The text from the cue is the to-do; a date written just before the cue ("3月10号提醒我…") is still its date.
    follow.push({ ...c, start: c.start + at, dateFrom: c.start, text: c.text.slice(at), lower: c.lower.slice(at) });
  }
  if (said.length) {
    for (const c of clauses) {
      const ask = c.lower.replace(/^(then|and|also|然后|另外|并且)\s*/, "");
      if (follow.some((f) => f.end === c.end) || !(has(ask, CUES.repAction) || has(ask, CUES.customerRequest))) continue;
      // A written calendar day that has just passed ("2月28日拜访了…") is not next year's plan.
      const ahead = valid(findDates(c.text, { now: env.now, timezone: env.timezone, direction: "future" })).some((d) => d.date > today && d.date < addDays(today, 300));
      if (!ahead) continue;
      follow.push(c);
      const i = said.indexOf(c.text);
      if (i >= 0) said.splice(i, 1);
    }
  }
  return { follow, said };
}

/** "Jane at Acme" when two customers are called Acme: the one with a Jane is meant. */
function settleByContact(raw: string, target: Target, contacts: Map<number, string[]>): void {
  if (target.customerId != null || !target.candidates) return;
  const hits = target.candidates.map((c) => ({ c, who: contactIn(raw, contacts.get(c.id) ?? []) })).filter((h) => h.who);
  if (hits.length !== 1) return;
  Object.assign(target, { name: hits[0]!.c.name, display: hits[0]!.c.name, customerId: hits[0]!.c.id, contact: hits[0]!.who });
}

/** Deals: a new opportunity needs an amount and a close date; a decided one needs only its customer. */
function planDeal(raw: string, lower: string, customer: string, q: DateQ, say: Say): Plan | null {
  if (has(lower, CUES.dealWon) || has(lower, CUES.dealLost)) {
    const status = has(lower, CUES.dealLost) ? "lost" : "won";
    return { calls: [{ name: "update_deal", args: { customer, status } }] };
  }
  if (!has(lower, CUES.newDeal)) return null;
  const amount = parseAmounts(raw)[0];
  const close = valid(findDates(raw, { now: q.env.now, timezone: q.env.timezone, direction: "future" })).find((d) => d.date > q.today);
  if (!amount || !close)
    return { calls: [], reply: say(`For a new deal with ${customer} I need its value and expected close date — nothing recorded yet.`, `新建「${customer}」的商机需要金额和预计成交日期——还没有记录。`) };
  const title = (/[::]\s*([^,,。.]+)/.exec(raw)?.[1] ?? raw.replace(/^.*?(deal|opportunity|商机)\s*(with|for|:)?\s*/i, "").split(/[,,。]/)[0] ?? "").trim() || say(`Deal with ${customer}`, `${customer}商机`);
  return { calls: [{ name: "open_deal", args: { customer, title, amount: amount.amount, currency: amount.currency, closeOn: close.date } }] };
}

/**
 * "Log a call with Bluewave tomorrow": the only date on what happened is ahead of today and nobody is quoted, so it is
 * not a record of the past. (Quoted plans — "they need it by month end", "她说下周打款" — are fine.)
 */
function futureEvent(said: string[], env: RulesEnv, today: string): boolean {
  const text = said.join(", ");
  if (/\b(they|she|he|we'll|will|might|may|could|need|needs|want|wants|by|until|asked|said|says|plan(s|ning)?)\b|说|要|会|需要|想|希望|打算|计划|可能|准备|他|她|对方/i.test(text)) return false;
  const ds = valid(findDates(text, { now: env.now, timezone: env.timezone, direction: "past" }));
  return ds.length > 0 && ds.every((d) => d.date > today);
}

/** "spoke to Emily", "开完会", "聊了一下": a conversation whose channel isn't named. */
function looseKind(text: string): { kind: "call" | "meeting" } | null {
  if (has(text, CUES.meetingLoose)) return { kind: "meeting" };
  if (has(text.toLowerCase(), CUES.conversation)) return { kind: "call" };
  return null;
}

// --- dates ----------------------------------------------------------------------------------------------------

interface DateQ {
  raw: string;
  env: RulesEnv;
  today: string;
  dates: Found[];
  clauses: Clause[];
}

const inside = (d: DateMention, cs: Clause[]) => cs.some((c) => d.index >= c.start && d.index < c.end);
const valid = (dates: Found[]) => dates.filter((d): d is DateMention => !isInvalid(d));

/** When it happened: the first date outside the follow-up clauses that is not in the future; none → today. */
function pastDate(q: DateQ, follow: Clause[]): string | undefined {
  const d = valid(q.dates).find((d) => !inside(d, follow) && d.date <= q.today);
  return d?.date;
}

/** When to follow up: a date in the follow-up clauses read forward ("周五前" = this coming Friday); none → the next working day. */
function futureDate(q: DateQ, follow: FollowClause[]): { date: string; defaulted: boolean } {
  for (const c of follow) {
    const text = q.raw.slice(c.dateFrom ?? c.start, c.end);
    const d = valid(findDates(text, { now: q.env.now, timezone: q.env.timezone, direction: "future" })).find((d) => d.date >= q.today);
    if (d) return { date: d.date, defaulted: false };
  }
  const later = valid(q.dates).find((d) => d.date > q.today);
  if (later) return { date: later.date, defaulted: false };
  let d = addDays(q.today, 1);
  while (weekday(d) === 0 || weekday(d) === 6) d = addDays(d, 1);
  return { date: d, defaulted: true };
}

function invalidDate(what: string, say: Say): Plan {
  return { calls: [], reply: say(`"${what}" is not a valid date — which day did you mean?`, `日期「${what}」不存在,请问是哪一天?`) };
}

// --- pieces ---------------------------------------------------------------------------------------------------

function followUpTitle(follow: Clause[], target: Target, zh: boolean, q: DateQ): string {
  let text = follow.map((c) => c.text).join(", ");
  // The dates the parser found are the due date, not the task: cut them out as written ("on March 10", "周五前").
  for (const d of findDates(text, { now: q.env.now, timezone: q.env.timezone, direction: "future" })) text = text.replace(d.matched, " ");
  const cleaned = text
    .replace(/\b(please\s+)?((set|add|create|make) (a |me a )?reminder( to| for)?|remind me( to| about)?|reminder( to)?|follow[- ]?up( with (him|her|them))?( on| about)?|don't forget to|need to|i need to|check back( with \w+)?|ping (him|her|them))\b/gi, " ")
    .replace(/(提醒我|提醒一下|记得|再跟进|跟进一下|跟进|需要|要)/g, " ")
    .replace(/\b(on|by|next|this|in)\s+(mon|tues|wednes|thurs|fri|satur|sun)day\b/gi, " ")
    .replace(/\b(tomorrow|today|tonight|next week|in (a|one|two|three|\d+) (days?|weeks?|months?)|(mon|tues|wednes|thurs|fri|satur|sun)day)\b/gi, " ")
    .replace(/(今天|明天|后天|下周[一二三四五六日天]?|这周[一二三四五六日天]?|本周[一二三四五六日天]?|周[一二三四五六日天]|星期[一二三四五六日天]|\d+月\d+[号日]|\d+[号日]|月底|月初|[一两二三四五六七八九十\d]+(天|周|个月)后)/g, " ")
    .replace(/[\s,,.。;;!!]+/g, " ")
    .trim()
    .replace(/^[\s:：,,;;\-–—]+/, "")
    .replace(/^(之前|以前|之后|以后|前|后|再|先)+\s*/, "")
    .replace(/^(by|before|on|until|with|about)\s+/i, "")
    .replace(/\s+(on|by|at|in)$/i, "")
    // The customer's request is the rep's task: "wants pricing" → "Requested: pricing".
    .replace(/^(?:(?:she|he|they|[A-Z][a-z]+)\s+)?(?:wants?|needs?|asked for|asks for|requested|expects?)\s+(?:the |a |an |some )?(.+)$/i, "Requested: $1")
    .replace(/^(?:对方|客户|[\p{Script=Han}]{2,3})?(?:要求|希望我们|让我们|请我们|需要我们)(.+)$/u, "对方要求:$1");
  // Nothing left but the customer's name: the plain default reads better than "with Orchid Dental".
  const withoutName = cleaned.toLowerCase().replace(target.matched, "").replace(/\b(with|at|to|for|the)\b/g, "").trim();
  const meaningful = withoutName.length >= 3 || (/\p{Script=Han}/u.test(withoutName) && withoutName.length >= 2);
  if (meaningful) return cleaned.length > 120 ? `${cleaned.slice(0, 117)}…` : cleaned;
  return zh ? `跟进${target.display}` : `Follow up with ${target.display}`;
}

/** What a complaint is about, without the customer's name and the resolution words, to pick among several. */
function topicOf(raw: string, target: Target): string | undefined {
  const t = raw
    .replace(new RegExp(target.matched.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi"), " ")
    .replace(/(的|投诉|已经|解决了?|处理好了?|complaint|about|is|was|has been|have been|resolved|fixed|closed|the|'s)/gi, " ")
    .replace(/[\s,,.。!!]+/g, " ")
    .trim();
  return t.length >= 2 ? t : undefined;
}

function isQuestion(raw: string, lower: string): boolean {
  if (/[??]\s*$/.test(raw)) return true;
  if (/^(who|what|when|which|how|where|why|is|are|do|does|did|has|have|can|show|list|tell|give)\b/.test(lower)) return true;
  if (/^(请)?(帮我)?(列出|列一下|看看|看一下|查看|显示|查一下|查查|告诉我|给我看)/.test(raw)) return true;
  return /(吗|呢|哪些|哪个|什么|多少|怎么样|如何|谁|几个|是否)/.test(raw);
}

async function planQuestion(raw: string, lower: string, target: Target | null, q: DateQ, env: RulesEnv, say: Say): Promise<Plan | null> {
  const customer = target?.name;
  if (has(lower, CUES.atRisk)) {
    const who = await mentionedUser(raw, env);
    return { calls: [{ name: "list_at_risk", args: who ? { owner: who } : {} }] };
  }
  // "Any open complaints?", "哪些投诉超期了?", "Did Bluewave complain about anything?": the list, not a new complaint.
  if (has(lower, CUES.complaint) || /\b(escalations|issues)\b/.test(lower)) {
    const overdue = /overdue|late|past due|超期|逾期|过期|超时/.test(lower);
    return { calls: [{ name: "list_complaints", args: { ...(customer ? { customer } : {}), ...(overdue ? { overdue: true } : {}) } }] };
  }
  const owner = await mentionedUser(raw, env);
  if (has(lower, CUES.stale)) return { calls: [{ name: "stale_customers", args: { days: daysIn(raw) ?? 30, ...(owner ? { owner } : {}) } }] };
  if (has(lower, CUES.deal) && (has(lower, CUES.closing) || /overdue|past (due|their close)|slipp|逾期|过期|超期|延期/.test(lower))) return { calls: [{ name: "deals_closing", args: { period: periodIn(lower) } }] };
  if (has(lower, CUES.listFollowUps) && !customer) {
    const range = /today|今天|今日/.test(lower) ? "today" : /overdue|late|逾期|过期|超期/.test(lower) ? "overdue" : /week|本周|这周|这个星期|这星期/.test(lower) ? "week" : "open";
    return { calls: [{ name: "list_follow_ups", args: { range } }] };
  }
  if (has(lower, CUES.activity) && !customer) return { calls: [{ name: "activity_by_rep", args: { period: periodIn(lower, "this_week"), ...(owner ? { owner } : {}) } }] };
  if (has(lower, CUES.totals)) return { calls: [{ name: "order_totals", args: { ...(customer ? { customer } : {}), period: periodIn(lower, "all") } }] };
  if (has(lower, CUES.birthday)) return { calls: [{ name: "my_digest", args: { only: "birthdays" } }] };
  if (has(lower, CUES.digest) && !customer) return { calls: [{ name: "my_digest", args: {} }] };
  if (has(raw, CUES.listCustomers) && !customer) {
    const tier = /\btier[- ]?([a-dA-D])\b/i.exec(raw) ?? /\b([A-D])[- ]?[Tt]ier\b|([ABCDabcd])\s*(?:级|类)/.exec(raw);
    const t = (tier?.[1] ?? tier?.[2] ?? tier?.[3])?.toUpperCase();
    return { calls: [{ name: "list_customers", args: { ...(t ? { tier: t } : {}), ...(owner ? { owner } : {}) } }] };
  }
  if (!customer) return null;
  if (has(lower, CUES.owner)) return { calls: [{ name: "find_customer", args: { name: customer } }] };
  if (has(lower, CUES.lastContact)) return { calls: [{ name: "last_contact", args: { customer } }] };
  if (has(lower, CUES.listFollowUps)) return { calls: [{ name: "customer_summary", args: { customer } }] };
  // "how is X doing", "show me X", "X最近情况怎么样": the 360° view.
  if (has(lower, CUES.summary) || /[??]\s*$/.test(raw) || /^(show|tell|give)/.test(lower)) return { calls: [{ name: "customer_summary", args: { customer } }] };
  void q; void env; void say;
  return null;
}

/** A colleague named in a manager's question ("what did 李伟 do this week?"), by display name or handle. */
async function mentionedUser(raw: string, env: RulesEnv): Promise<string | undefined> {
  const lower = raw.toLowerCase();
  const users = await env.users();
  const others = users.filter((u) => u.handle !== env.actorHandle);
  const hit = others.find((u) => lower.includes(u.name.toLowerCase()) || lower.includes(u.handle.toLowerCase()));
  if (hit) return hit.handle;
  // "Sarah's customers", "what did Tom do": a Latin first name, if only one colleague has it.
  const first = others.filter((u) => {
    const f = /^[A-Za-z]{3,}/.exec(u.name)?.[0]?.toLowerCase();
    return f && new RegExp(`\\b${f}\\b`).test(lower);
  });
  return first.length === 1 ? first[0]!.handle : undefined;
}

function daysIn(raw: string): number | undefined {
  const unit = (u: string) => (/week|周|星期/i.test(u) ? 7 : /month|月/i.test(u) ? 30 : /year|年/.test(u) ? 365 : 1);
  const m = /(\d{1,4}|[零一二两三四五六七八九十百]{1,4}|a couple of|a few|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an)\s*(days?|weeks?|months?|years?|天|日|周|个星期|星期|个月|月|年)/i.exec(raw);
  if (!m) return undefined;
  const n = parseCount(m[1]!) ?? parseChineseNumber(m[1]!);
  return n ? n * unit(m[2]!) : undefined;
}

function periodIn(lower: string, fallback = "this_month"): string {
  if (/next month|下个?月/.test(lower)) return "next_month";
  if (/last month|上个?月/.test(lower)) return "last_month";
  if (/this month|本月|这个月|当月/.test(lower)) return "this_month";
  if (/this quarter|本季度|这个季度/.test(lower)) return "this_quarter";
  if (/last week|上周/.test(lower)) return "last_week";
  if (/this week|本周|这周/.test(lower)) return "this_week";
  if (/this year|今年|本年/.test(lower)) return "this_year";
  return fallback;
}

function draft(raw: string, lower: string, target: Target | null, say: Say): Plan {
  if (!target) return { calls: [], reply: say("Who should the message go to? Name the customer or contact.", "这条消息发给谁?请告诉我客户或联系人。") };
  const channel = /e-?mail|邮件/.test(lower) ? "email" : /wechat|微信/.test(lower) ? "wechat" : "message";
  const purpose = raw
    .replace(/^(please\s+)?(can you\s+)?(draft|write|compose|prepare)\s+(me\s+)?(a|an)?\s*/i, "")
    .replace(/^(请)?(帮我|给我)?(写|起草|拟|草拟)(一?[条封个段])?/, "")
    .trim();
  return { calls: [{ name: "draft_message", args: { customer: target.name, ...(target.contact ? { contact: target.contact } : {}), channel, purpose } }] };
}

function reassign(raw: string, lower: string, target: Target | null, env: RulesEnv, say: Say): Plan {
  if (!target) return { calls: [], reply: say("Which customer should be reassigned?", "要转移哪个客户?") };
  let to: string | undefined;
  const en = /\bto\s+(me|myself|[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)?|[a-z]+\.[a-z]+)/.exec(raw);
  const zhm = /(?:转给|交给|移交给|划给|分给|转到|改由|给)\s*(我|[\p{Script=Han}]{2,4}?|[A-Za-z][\w.]*(?:\s+[A-Z][\w.]*)?)\s*(?:负责|跟进|管理|来管|$|[,,。.])/u.exec(raw);
  if (en) to = en[1]!.replace(/[.'-]+$/, "");
  else if (zhm) to = zhm[1];
  if (to && /^(me|myself|我|我自己)$/i.test(to)) to = env.actorHandle;
  if (!to) return { calls: [], reply: say(`Who should own ${target.display} now?`, `要把「${target.display}」转给谁?`) };
  void lower;
  return { calls: [{ name: "reassign_owner", args: { customer: target.name, to } }] };
}

function newCustomer(raw: string, say: Say): Plan {
  const afterColon = /[::]\s*(.+)$/.exec(raw)?.[1];
  // "Add Redstone Capital as a new customer, fintech" / "把远大重工加为新客户": the name comes before the cue.
  const named = /^(?:please\s+)?(?:add|create|set up|register)\s+(.+?)\s+as\s+(?:a|an|our)?\s*(?:new\s+)?(?:customer|account|client|prospect|lead)\b[\s,.;:-]*(.*)$/i.exec(raw)
    ?? /^(?:请)?(?:帮我)?(?:把|将)(.+?)(?:加为|添加为|新建为|录入为|设为)(?:一个)?新?客户[,,。;;\s]*(.*)$/.exec(raw);
  const body = named
    ? [named[1], named[2]].filter(Boolean).join(", ")
    : afterColon ?? raw.replace(/^.*?((?:add|create|register|set up)\s+(?:a\s+|an\s+)?(?:new\s+)?(?:customer|account|client|prospect|lead)|new (customer|account|client|prospect|lead)|新客户|新增客户|新建客户|添加客户|加一个客户|新的客户)\s*(called|named|叫|是|叫做)?\s*/i, "");
  const parts = body.split(/[,,;;。]|\s+-\s+/).map((s) => s.trim()).filter(Boolean);
  let name = parts.shift()?.replace(/[.。]$/, "");
  if (!name) return { calls: [], reply: say("What is the new customer called?", "新客户叫什么名字?") };
  let industry: string | undefined, region: string | undefined, tier: string | undefined;
  // "Lotus Biotech in Suzhou", "Redstone Capital based in Shanghai": the place is not part of the name.
  const placed = /^(.+?)\s+(?:in|based in|located in|headquartered in|from)\s+([A-Z][\p{L}.'-]*(?:\s+[A-Z][\p{L}.'-]*){0,2})$/u.exec(name);
  if (placed) [name, region] = [placed[1]!, placed[2]!];
  for (const p of parts) {
    const loc = /^(?:based in|located in|in|from|headquartered in|位于|在|地址在|总部在)\s*(.+?)(?:的?公司)?$/i.exec(p);
    const t = /^(?:tier\s*)?([ABCD])\s*(?:tier|级|类)?$/i.exec(p);
    if (loc) region = loc[1]!.replace(/[.。]$/, "");
    else if (t) tier = t[1]!.toUpperCase();
    // After the industry, a bare place name ("…, retail, Denver", "…,工程机械,长沙") is where they are.
    else if (industry && !region && /^([A-Z][\p{L}.'-]*(\s+[A-Z][\p{L}.'-]*){0,2}|\p{Script=Han}{2,6}(市|省)?)[.。]?$/u.test(p)) region = p.replace(/[.。]$/, "");
    else if (!industry) industry = p.replace(/^(做|是做|industry:?\s*|行业[::]?)/i, "").replace(/(的|行业)$/, "").replace(/[.。]$/, "");
  }
  return { calls: [{ name: "add_customer", args: { name, ...(industry ? { industry } : {}), ...(region ? { region } : {}), ...(tier ? { tier } : {}) } }] };
}

const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;
const PHONE = /\+?\d[\d\s()-]{6,}\d/;
const TITLE = /^(ceo|cfo|cto|coo|cmo|vp\b.*|head of .*|.*(manager|director|officer|president|buyer|engineer|owner|founder|lead)|.*(经理|总监|总经理|主管|总|董事长|采购|工程师|老板|负责人|主任|秘书|助理))$/i;

function newContact(raw: string, target: Target | null, say: Say): Plan {
  if (!target) return { calls: [], reply: say("Which customer is the contact at?", "这个联系人属于哪个客户?") };
  // "Add Tony Chan as a contact at Acme, head of IT" / "把周明加为星辰科技的联系人": the name comes before the cue.
  const named = /^(?:please\s+)?(?:add|create|save|put)\s+(.+?)\s+(?:as|to)\s+(?:a|an|the)?\s*(?:new\s+)?contacts?\b[^,,;;]*(.*)$/i.exec(raw)
    ?? /^(?:请)?(?:帮我)?(?:把|将)([\p{Script=Han}A-Za-z .]{2,20}?)(?:加为|添加为|加到|添加到|设为)[^,,;;]*?联系人(.*)$/u.exec(raw);
  const afterColon = named
    ? `${named[1]}${named[2]}`
    : /[::]\s*(.+)$/.exec(raw)?.[1] ?? /(?:contact|联系人)[^—–:-]*?\s[—–-]+\s*(.+)$/i.exec(raw)?.[1] ?? raw.replace(/^.*?(contact|联系人)\s*(at|for|to|of)?\s*[^,,]*?(?=[,,]|$)/i, "");
  const parts = afterColon.split(/[,,;;]/).map((s) => s.trim()).filter(Boolean);
  const email = EMAIL.exec(raw)?.[0];
  const phone = PHONE.exec(raw.replace(EMAIL, " "))?.[0]?.trim();
  let name: string | undefined, title: string | undefined;
  for (const p of parts) {
    const clean = p.replace(/[.。]$/, "").replace(/^(he'?s|she'?s|he is|she is|they'?re|works as|title:?|职位[::]?|是)\s*(the |our |their |a |an )?/i, "");
    if (EMAIL.test(clean) || (phone && clean.includes(phone))) continue;
    if (!title && TITLE.test(clean) && name) title = clean;
    else if (!name) name = clean.replace(/^(name|姓名)[::]?\s*/i, "");
    else if (!title) title = clean;
  }
  if (!name) return { calls: [], reply: say("What's the contact's name?", "联系人叫什么名字?") };
  return { calls: [{ name: "add_contact", args: { customer: target.name, name, ...(title ? { title } : {}), ...(email ? { email } : {}), ...(phone ? { phone } : {}) } }] };
}

const NOT_NAMES = new Set([
  "i", "we", "he", "she", "they", "the", "a", "an", "today", "yesterday", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday",
  "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
  "december", "log", "called", "call", "visited", "met", "emailed", "please", "remind", "follow", "new", "quick", "ok", "nps", "csat", "cny", "usd",
]);

/** A name the user wrote that is not a customer: say so and offer to create it — never guess another one. */
function unknownCustomer(raw: string, lower: string, say: Say): Plan {
  const words = raw.split(/\s+/).slice(1).map((w) => w.replace(/[^\p{L}\p{N}&.'-]/gu, ""));
  const caps = words.filter((w) => /^[A-Z][\w&.'-]+$/.test(w) && !NOT_NAMES.has(w.toLowerCase()));
  const han = /(?:拜访了?|去了?|给|和|跟|与|到|见了?)([\p{Script=Han}]{2,8}?)(?=的|打|聊|开|做|谈|沟通|见面|吃饭|[,,。.]|$)/u.exec(raw)?.[1];
  const guess = caps[0] ?? han;
  const writeish = has(lower, CUES.logVerb) || has(lower, CUES.followUp) || has(lower, CUES.remind) || has(lower, CUES.order) || detectKind(raw) !== null;
  if (guess && !writeish && isQuestion(raw, lower))
    return { calls: [], reply: say(`I couldn't find a customer called "${guess}".`, `没有找到客户「${guess}」。`) };
  if (guess && writeish)
    return {
      calls: [],
      reply: say(
        `I couldn't find a customer called "${guess}". Nothing was recorded. Should I create it? Say "${createCommand(guess, false)}".`,
        `没有找到客户「${guess}」,没有记录任何内容。要新建这个客户吗?回复「${createCommand(guess, true)}」即可。`,
      ),
    };
  if (writeish) return { calls: [], reply: say("Which customer was that? I couldn't find a customer name in your message, so nothing was recorded.", "是哪个客户?消息里没有找到客户名称,所以没有记录。") };
  return { calls: [], reply: help(say) };
}

function help(say: Say): string {
  return say(
    "I didn't catch a customer or a request there. You can tell me what happened (\"called Jane at Acme, worried about price, follow up Friday\"), ask (\"what are my follow-ups?\", \"which accounts are at risk?\"), or ask for a draft (\"draft a follow-up email to Jane\"). Say \"undo\" to revert your last change.",
    "没看懂这条消息里的客户或要做的事。你可以告诉我发生了什么(「拜访了华东机械,王芳对交期不满意,下周三再跟进」),提问(「我这周有什么待办?」「哪些客户有流失风险?」),或让我起草消息(「帮我给王芳写一条微信」)。说「撤销」可撤回上一次修改。",
  );
}

/**
 * Edits to what we know about an account or a person: tier, industry/region, archiving; a contact's phone, email,
 * title or birthday ("Jane's new number is …", "王芳的手机换成 …", "Mark is now CFO"). Only what the message states.
 */
function profileEdit(raw: string, lower: string, target: Target, contacts: Map<number, string[]>, q: DateQ, say: Say): Plan | null {
  const customer = target.name;
  const contactEdit = contactDetailsEdit(raw, target, contacts, q, say);
  if (contactEdit) return contactEdit;
  if (detectKind(raw) || looseKind(raw)) return null; // a logged contact that mentions a tier is news, not an edit
  const tier = CUES.setTier.map((p) => p.exec(raw)).find(Boolean);
  if (tier) return { calls: [{ name: "update_customer", args: { customer, tier: tier[1]!.toUpperCase() } }] };
  if (has(lower, CUES.archive)) return { calls: [{ name: "update_customer", args: { customer, archive: true } }] };
  const field = CUES.setField.map((p) => p.exec(raw)).find(Boolean);
  if (field) {
    const key = /industry|行业/i.test(field[1]!) ? "industry" : "region";
    const value = field[2]!.replace(/[.。!!]+$/, "").trim();
    if (value) return { calls: [{ name: "update_customer", args: { customer, [key]: value } }] };
  }
  return null;
}

/** A contact's new phone, email, title or birthday — checked before "is this a logged email?" ("Jane's new email: …"). */
function contactDetailsEdit(raw: string, target: Target, contacts: Map<number, string[]>, q: DateQ, say: Say): Plan | null {
  const customer = target.name;
  const person = target.contact ?? mentionedContact(raw, contacts.get(target.customerId ?? -1) ?? [])?.name;
  if (!person) return null;
  if (has(raw, CUES.birthday) && !(detectKind(raw) || looseKind(raw))) {
    // A birthday is kept as a full date (CONTRACT: YYYY-MM-DD): a date written with its year ("1988年6月12日",
    // "1988-06-12"); without the year, ask rather than invent one. (An impossible date was refused earlier.)
    const born = valid(q.dates).find((d) => /\d{4}/.test(d.matched));
    if (!born)
      return { calls: [], reply: say(`What is ${person}'s full date of birth (YYYY-MM-DD)? Nothing recorded yet.`, `${person}的生日是哪年哪月哪日?请给出完整日期(如 1986-03-05),还没有记录。`) };
    return { calls: [{ name: "update_contact", args: { contact: person, customer, birthday: born.date } }] };
  }
  if (!has(raw, CUES.contactField)) return null;
  const email = EMAIL.exec(raw)?.[0];
  const phone = PHONE.exec(raw.replace(EMAIL, " "))?.[0]?.trim();
  const title = (/\b(?:is now|became|promoted to)\s+(?:the |our |their |a |an )?(.+?)[.。!]?$/i.exec(raw)?.[1] ??
    /(?:职位|头衔)(?:换成|改成|改为|更新为|变成|是)\s*(.+?)[。.]?$|(?:升(?:职|任)为|现在是)\s*(.+?)[。.]?$/.exec(raw)?.slice(1).find(Boolean))
    ?.replace(/\s+(?:at|of|for|in)\s+.*$/i, "").replace(/了$/, "").trim();
  const args = { contact: person, customer, ...(email ? { email } : {}), ...(phone ? { phone } : {}), ...(!email && !phone && title ? { title } : {}) };
  return Object.keys(args).length > 2 ? { calls: [{ name: "update_contact", args }] } : null;
}

/**
 * A capitalised name joined to the logged customers ("… and Contoso today") that is no customer, contact or
 * colleague the store knows. English only: after 和/跟 Chinese names a person far more often than a company.
 */
function strayCustomer(raw: string, target: Target, found: { mentions: { key: string }[]; contacts: Map<number, string[]> }): string | undefined {
  const lower = raw.toLowerCase();
  let end = -1;
  for (const k of [target.matched, ...found.mentions.map((m) => m.key)]) {
    const i = lower.indexOf(k);
    if (i >= 0) end = Math.max(end, i + k.length);
  }
  if (end < 0) return undefined;
  const m = /^[^.!?;]{0,24}?\s(?:and|&)\s+(?:also\s+)?(?:at\s+|with\s+)?([A-Z][\w&'-]+(?:\s+[A-Z][\w&'-]+){0,3})/.exec(raw.slice(end));
  const name = m?.[1];
  if (!name || NOT_NAMES.has(name.toLowerCase().split(/\s+/)[0]!)) return undefined;
  const known = [...found.mentions.map((x) => x.key), ...[...found.contacts.values()].flat().map((c) => c.toLowerCase())];
  const n = name.toLowerCase();
  if (known.some((k) => k.includes(n) || n.includes(k) || k.split(/\s+/)[0] === n.split(/\s+/)[0])) return undefined;
  return name;
}
