// Which customers, contacts and colleagues a message names, with where — read against the store's name index, not
// cue lists. One pass over the message's words (Latin words and single Han characters, so "给Jack发了报价" and
// "华东机械的王总" both read) looks every run of up to 16 tokens up in a lexicon built once per index version:
//   customers  full name, alias, short form (华东机械), lower case, possessive ("Acme's"), prefix ("Pacific", "华东")
//   contacts   full name, first name ("emailed Jack", "called chloe"), surname + title (王总, 郑校长, 刘工, 孙姐, 小王, 老张,
//              Mr. King, Ms Wang, Dr Lee — a Chinese surname also answers to its pinyin: Ms Wang ↔ 王芳)
//   colleagues handle (tom.baker), full name, first name, 小李 / 老李 — so a colleague is never read as a contact.
// Overlaps go to the longest run ("Acme Logistics" over "Acme"). A run that fits several records is returned as an
// ambiguity with every candidate, the speaker's own first — never dropped and never "unknown": the caller asks.
// A contact the message names settles which customer a shared word meant ("Jane at Acme"), and the customer named
// settles which of several Jacks ("Jack at Pacific Dental"); a contact found resolves its customer.
import type { Actor, Db, Tx } from "../../domain/context.ts";
import { nameIndex, type NameIndex } from "../../domain/name-index.repository.ts";
import { namePrefixes } from "../../domain/name-keys.ts";
import { COMPOUND_SURNAMES, CN_SURNAMES, NOT_NAMES, WORDY_NAMES } from "../rules/contacts.ts";

export interface NameSpan {
  /** [start, end) in the text: text.slice(start, end) === this.text. */
  start: number;
  end: number;
  text: string;
}

/** Whose account a record is, seen from the speaker: their own, their team's (opts.teamOwnerIds), or another's. */
export type Ownership = "mine" | "team" | "other";

export interface RecognisedCustomer {
  kind: "customer";
  id: number;
  name: string;
  ownerId: number;
  ownerHandle: string;
  ownerName: string;
  ownerIsActor: boolean;
  ownership: Ownership;
  /** How the text named it; "contact" when it was found through a contact the text names (then `spans` is empty). */
  matchedBy: "exact" | "alias" | "short" | "prefix" | "contact";
  /** Every place the text names it (for the `@customer` placeholder). */
  spans: NameSpan[];
  /** When matchedBy is "contact": that contact's id. */
  viaContactId?: number;
}

export interface RecognisedContact {
  kind: "contact";
  id: number;
  name: string;
  customerId: number;
  customerName: string;
  ownerIsActor: boolean;
  ownership: Ownership;
  matchedBy: "full" | "first" | "title";
  /** Set when several contacts fitted the words and one was chosen: the customer the text names, or the speaker's own. */
  narrowedBy?: "customer" | "own";
  spans: NameSpan[];
}

export interface RecognisedUser {
  kind: "user";
  id: number;
  handle: string;
  name: string;
  isActor: boolean;
  matchedBy: "handle" | "name" | "first" | "title";
  spans: NameSpan[];
}

export type NameCandidate = RecognisedCustomer | RecognisedContact | RecognisedUser;

export interface NameAmbiguity extends NameSpan {
  /** What the candidates are (one kind per ambiguity, except 小李-style words that fit a colleague and a contact). */
  kind: "customer" | "contact" | "user" | "person";
  /** Best first: the speaker's own, then their team's, then the rest (by name). At most MAX_CANDIDATES. */
  candidates: NameCandidate[];
  /** How many records fitted (candidates may be cut to MAX_CANDIDATES). */
  total: number;
  /** The one candidate on the speaker's own accounts, when exactly one is — a caller may take it instead of asking. */
  preferred?: NameCandidate;
}

export interface RecognisedNames {
  customers: RecognisedCustomer[];
  contacts: RecognisedContact[];
  users: RecognisedUser[];
  ambiguous: NameAmbiguity[];
  /** Capitalised words that name nothing in the store ("… and Initech today"): a customer or person to offer to create. */
  unknownCapitalised: NameSpan[];
}

export interface RecogniseNamesOptions {
  /** Owner ids of the speaker's team (domain/scope.ts visibleOwnerIds); default: the speaker alone. */
  teamOwnerIds?: number[];
}

export const MAX_CANDIDATES = 12;

// ---- tokens ----

interface Token {
  start: number;
  end: number;
  norm: string;
  han: boolean;
  cap: boolean;
  /** First word of a sentence (its capital says nothing). */
  initial: boolean;
}

const WORD = "(?:[^\\P{L}\\p{Script=Han}]|\\p{N}|\\p{M})";
const TOKEN = new RegExp(`\\p{Script=Han}|${WORD}+(?:[.'’&-]${WORD}+)*|&`, "gu");
const HAN_CHAR = /^\p{Script=Han}$/u;

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    let s = m[0];
    const start = m.index!;
    // "Acme's", "Sofia’s": the possessive is not part of the name (and stays outside its span).
    if (/.['’]s$/i.test(s) && s.length > 3) s = s.slice(0, -2);
    const han = HAN_CHAR.test(s);
    const before = text.slice(Math.max(0, start - 3), start);
    out.push({
      start, end: start + s.length, norm: s.toLowerCase(), han, cap: !han && /^\p{Lu}/u.test(s),
      initial: !han && (out.length === 0 || /[.!?。！？\n:：]\s*$/.test(before)),
    });
  }
  return out;
}

/** Two neighbouring tokens belong to one name only with nothing but spaces between them. */
const joinable = (text: string, a: Token, b: Token) => (a.han && b.han ? a.end === b.start : /^[ \t]*$/.test(text.slice(a.end, b.start)));
const joinNorm = (a: Token | undefined, s: string, b: Token) => (a && !a.han && !b.han ? `${s} ${b.norm}` : s + b.norm);

/** A stored name in the form the text's words are looked up by. */
export function normaliseName(name: string): string {
  const toks = tokenize(name);
  let s = "";
  for (let i = 0; i < toks.length; i++) s = i ? joinNorm(toks[i - 1], s, toks[i]!) : toks[i]!.norm;
  return s;
}

// ---- the lexicon, built once per index ----

type Entry =
  | { kind: "customer"; id: number; by: "exact" | "alias" | "short" | "prefix"; needsCapital?: boolean }
  | { kind: "contact"; id: number; by: "full" | "first" | "title"; needsCapital?: boolean }
  | { kind: "user"; id: number; by: "handle" | "name" | "first" | "title"; needsCapital?: boolean };

interface ContactRec { id: number; name: string; customerId: number }

interface Lexicon {
  /** normalised words → records they name in full (or by first name, or as a prefix). */
  words: Map<string, Entry[]>;
  /** Chinese surname → contacts and users with it. */
  cnSurname: Map<string, Entry[]>;
  /** Latin surname (lower case; also the pinyin of a Chinese contact's surname) → contacts and users. */
  latinSurname: Map<string, Entry[]>;
  contacts: Map<number, ContactRec>;
  maxTokens: number;
}

const lexicons = new WeakMap<NameIndex, Lexicon>();

// Pinyin of the common surnames, so "Ms Wang" finds 王芳 and "王总" finds Emily Wang.
const PINYIN: Record<string, string> = {
  王: "wang", 李: "li", 张: "zhang", 刘: "liu", 陈: "chen", 杨: "yang", 黄: "huang", 赵: "zhao", 吴: "wu", 周: "zhou",
  徐: "xu", 孙: "sun", 马: "ma", 朱: "zhu", 胡: "hu", 郭: "guo", 何: "he", 林: "lin", 罗: "luo", 高: "gao", 郑: "zheng",
  梁: "liang", 谢: "xie", 宋: "song", 唐: "tang", 许: "xu", 韩: "han", 冯: "feng", 邓: "deng", 曹: "cao", 彭: "peng",
  曾: "zeng", 肖: "xiao", 田: "tian", 董: "dong", 袁: "yuan", 潘: "pan", 蒋: "jiang", 蔡: "cai", 余: "yu", 杜: "du",
  叶: "ye", 程: "cheng", 苏: "su", 魏: "wei", 吕: "lu", 丁: "ding", 沈: "shen", 姚: "yao", 卢: "lu", 姜: "jiang",
  崔: "cui", 钟: "zhong", 谭: "tan", 陆: "lu", 汪: "wang", 范: "fan", 石: "shi", 贾: "jia", 夏: "xia", 方: "fang",
  邹: "zou", 熊: "xiong", 孟: "meng", 秦: "qin", 江: "jiang", 薛: "xue", 雷: "lei", 龙: "long", 陶: "tao", 贺: "he",
  顾: "gu", 毛: "mao", 郝: "hao", 邵: "shao", 钱: "qian", 严: "yan", 武: "wu", 戴: "dai", 孔: "kong", 汤: "tang",
  温: "wen", 康: "kang", 文: "wen", 葛: "ge", 安: "an", 齐: "qi", 颜: "yan", 欧阳: "ouyang", 司马: "sima", 上官: "shangguan",
};

// Other spellings people use in English for the same surnames (Hong Kong, Taiwan, overseas): "Ms Wong", "Mr Lee".
const ALT_SPELLINGS: Record<string, string[]> = {
  李: ["lee"], 王: ["wong"], 黄: ["wong"], 陈: ["chan"], 张: ["cheung", "chang"], 刘: ["lau"], 周: ["chow", "chou"],
  林: ["lam"], 吴: ["ng", "woo"], 郑: ["cheng"], 何: ["ho"], 徐: ["hsu", "tsui"], 杨: ["yeung"], 梁: ["leung"],
  谢: ["tse", "hsieh"], 曾: ["tsang"], 蔡: ["tsai", "choi"], 邓: ["tang"], 郭: ["kwok"], 高: ["ko"],
};
const spellings = (s: string) => [...(PINYIN[s] ? [PINYIN[s]!] : []), ...(ALT_SPELLINGS[s] ?? [])];

const hanSurname = (name: string) => (COMPOUND_SURNAMES.includes(name.slice(0, 2)) ? name.slice(0, 2) : name.slice(0, 1));
const isHan = (s: string) => /\p{Script=Han}/u.test(s);

function push<K>(map: Map<K, Entry[]>, key: K, e: Entry) {
  const list = map.get(key);
  if (!list) map.set(key, [e]);
  else if (!list.some((x) => x.kind === e.kind && x.id === e.id && x.by === e.by)) list.push(e);
}

function lexiconOf(index: NameIndex): Lexicon {
  const hit = lexicons.get(index);
  if (hit) return hit;
  const lex: Lexicon = { words: new Map(), cnSurname: new Map(), latinSurname: new Map(), contacts: new Map(), maxTokens: 16 };
  for (const [key, ids] of index.keys) {
    const norm = normaliseName(key);
    if (!norm) continue;
    for (const id of ids) {
      const c = index.customers.get(id);
      if (!c) continue;
      const by = key === c.name.toLowerCase() ? "exact" : c.aliases.some((a) => a.toLowerCase() === key) ? "alias" : "short";
      push(lex.words, norm, { kind: "customer", id, by });
    }
  }
  for (const c of index.customers.values()) {
    for (const p of namePrefixes(c.name, c.aliases)) {
      const norm = normaliseName(p.key);
      if (!norm || lex.words.get(norm)?.some((e) => e.kind === "customer" && e.id === c.id)) continue;
      push(lex.words, norm, { kind: "customer", id: c.id, by: "prefix", needsCapital: p.needsCapital });
    }
  }
  const person = (kind: "contact" | "user", id: number, name: string) => {
    const n = name.trim();
    if (isHan(n)) {
      if (n.length >= 2 && n.length <= 4) {
        const s = hanSurname(n);
        push(lex.cnSurname, s, { kind, id, by: "title" });
        if (kind === "contact") for (const p of spellings(s)) push(lex.latinSurname, p, { kind, id, by: "title" });
      }
      return;
    }
    const words = n.toLowerCase().split(/\s+/);
    if (words.length < 2) return;
    const first = normaliseName(words[0]!);
    if (first.length >= 2) push(lex.words, first, { kind, id, by: "first", needsCapital: WORDY_NAMES.has(first) });
    push(lex.latinSurname, normaliseName(words.at(-1)!), { kind, id, by: "title" });
  };
  for (const [key, list] of index.contacts) {
    const norm = normaliseName(key);
    for (const ct of list) {
      lex.contacts.set(ct.id, ct);
      if (norm) push(lex.words, norm, { kind: "contact", id: ct.id, by: "full" });
      person("contact", ct.id, ct.name);
    }
  }
  for (const u of index.users.values()) {
    push(lex.words, normaliseName(u.handle), { kind: "user", id: u.id, by: "handle" });
    if (normaliseName(u.name)) push(lex.words, normaliseName(u.name), { kind: "user", id: u.id, by: "name" });
    person("user", u.id, u.name);
  }
  lexicons.set(index, lex);
  return lex;
}

// ---- finding runs ----

interface Match {
  start: number;
  end: number;
  /** 3: a full name, handle, alias or short form; 2: a first name or surname + title; 1: a prefix. */
  strength: number;
  entries: Entry[];
  /** Which kind wins when one run fits a colleague and a contact: a business title (王总) is a contact's. */
  prefer: "user" | "contact";
}

// First names that open a sentence as a verb or an auxiliary far more often than as a name ("Will send", "Mark it done").
const SENTENCE_WORDS = new Set(["will", "may", "mark", "bill", "hope", "chase", "sue", "pat", "don", "frank", "long", "grant", "rob", "drew", "sky", "ray"]);

const STRENGTH: Record<string, number> = { exact: 3, alias: 3, short: 3, full: 3, handle: 3, name: 3, first: 2, title: 2, prefix: 1 };

const CN_SURNAME_SRC = `${COMPOUND_SURNAMES.join("|")}|[${CN_SURNAMES}]`;
// Business titles after a surname: 王总, 郑校长, 刘工, 李经理, 刘店长. 总 is not 总部/总结/总共… ("浙江总部").
const CN_TITLE_SRC = "总经理|总监|总裁|董事长|校长|院长|店长|厂长|局长|处长|科长|部长|所长|行长|经理|主任|主管|老板|老师|医生|律师|会计|教授|博士|总(?![部结共额数体计量价和而之线])|董|工(?![厂作资程业具])|姐|哥|先生|女士|小姐|师傅|阿姨|叔";
const CN_TITLE = new RegExp(`(${CN_SURNAME_SRC})(${CN_TITLE_SRC})`, "gu");
const CN_TITLED_WHOLE = new RegExp(`^(?:${CN_SURNAME_SRC})(?:${CN_TITLE_SRC})$`, "u");

/** A surname and a title, the whole of `text`: 王总, 郑校长, 刘店长 (how reps address and greet a contact). */
export const isSurnameTitle = (text: string) => CN_TITLED_WHOLE.test(text);
// Familiar forms: 小王, 老张 (not 老板, 小时: those characters are not surnames).
const CN_FAMILIAR = new RegExp(`([老小阿])(${CN_SURNAME_SRC})`, "gu");
const EN_TITLE = /\b(mr|mrs|ms|miss|mister|dr|doctor|prof|professor)\.?\s+(\p{Lu}[\p{L}'’-]+)/giu;

// Reps type first names in lower case ("call w/ grace at orchid", "emailed mark the deck"): a first name that is also
// a word is a name where only a person fits — after a verb of contact, "with" or "for", or before "at/from/@" and a
// company; after "to" unless the word is a verb ("need to mark it done"); never a month ("from june", "to may").
const PERSON_BEFORE =
  /(?:\bw\/|\bwith|\bcall(?:ed)?|\brang|\bphoned|\bemail(?:ed)?|\bmet|\bmeet(?:ing)?|\bsaw|\bspeak|\bspoke|\bping(?:ed)?|\btext(?:ed)?|\bmessaged|\b(?:wechat|whatsapp|dm|im)(?:'?d|ed)|\btold|\btell|\basked|\bask|\bthanked|\bthank|\bfor)\s+$/i;
const PERSON_AFTER = /^\s+(?:at|from|@)\s+\S/i;
const MONTH_NAMES = new Set(["may", "june", "april", "august"]);
const personSlot = (text: string, t: Token, end: number) => {
  if (MONTH_NAMES.has(t.norm)) return false;
  const before = text.slice(Math.max(0, t.start - 12), t.start);
  return PERSON_BEFORE.test(before) || (/\bto\s+$/i.test(before) && !SENTENCE_WORDS.has(t.norm)) || PERSON_AFTER.test(text.slice(end, end + 12));
};

function findMatches(text: string, toks: Token[], lex: Lexicon): Match[] {
  const out: Match[] = [];
  for (let i = 0; i < toks.length; i++) {
    let key = "";
    let latinWords = 0;
    for (let j = i; j < toks.length && j - i < lex.maxTokens; j++) {
      const t = toks[j]!;
      if (j > i && !joinable(text, toks[j - 1]!, t)) break;
      if (!t.han && ++latinWords > 6) break;
      key = j === i ? t.norm : joinNorm(toks[j - 1], key, t);
      const entries = lex.words.get(key);
      if (!entries) continue;
      const first = toks[i]!;
      const kept = entries.filter((e) => {
        if (e.needsCapital && !first.cap && !personSlot(text, first, t.end)) return false;
        // A one-word first name or prefix at the start of a sentence that is also an everyday word ("Will send…").
        if (STRENGTH[e.by]! < 3 && i === j && first.initial && (SENTENCE_WORDS.has(first.norm) || NOT_NAMES.has(first.norm))) return false;
        return true;
      });
      if (!kept.length) continue;
      const byStrength = new Map<number, Entry[]>();
      for (const e of kept) {
        const s = STRENGTH[e.by]!;
        byStrength.set(s, [...(byStrength.get(s) ?? []), e]);
      }
      for (const [strength, es] of byStrength) out.push({ start: first.start, end: t.end, strength, entries: es, prefer: "user" });
    }
  }
  for (const m of text.matchAll(CN_TITLE)) {
    const entries = lex.cnSurname.get(m[1]!) ?? [];
    const latin = spellings(m[1]!).flatMap((p) => lex.latinSurname.get(p) ?? []).filter((e) => e.kind === "contact");
    const all = [...entries, ...latin];
    if (all.length) out.push({ start: m.index!, end: m.index! + m[0].length, strength: 2, entries: all, prefer: "contact" });
  }
  for (const m of text.matchAll(CN_FAMILIAR)) {
    const entries = lex.cnSurname.get(m[2]!) ?? [];
    if (entries.length) out.push({ start: m.index!, end: m.index! + m[0].length, strength: 2, entries, prefer: "user" });
  }
  for (const m of text.matchAll(EN_TITLE)) {
    const entries = lex.latinSurname.get(m[2]!.toLowerCase()) ?? [];
    if (entries.length) out.push({ start: m.index!, end: m.index! + m[0].length, strength: 2, entries, prefer: "contact" });
  }
  return out;
}

/** Longest run first, then the stronger reading, then the earlier; a run overlapping a chosen one is dropped. */
function choose(matches: Match[]): Match[] {
  const sorted = [...matches].sort((a, b) => b.end - b.start - (a.end - a.start) || b.strength - a.strength || a.start - b.start);
  const taken: Match[] = [];
  for (const m of sorted) if (!taken.some((t) => m.start < t.end && m.end > t.start)) taken.push(m);
  return taken.sort((a, b) => a.start - b.start);
}

// ---- resolving ----

const KIND_ORDER: Record<"user" | "contact", ("customer" | "contact" | "user")[]> = {
  user: ["user", "customer", "contact"],
  contact: ["customer", "contact", "user"],
};

/** The customers, contacts and colleagues `text` names, with spans; ambiguities with every candidate. Pure. */
export function recogniseNames(
  text: string,
  index: NameIndex,
  actor: Pick<Actor, "id">,
  opts: RecogniseNamesOptions = {},
): RecognisedNames {
  const src = text.length > 4000 ? text.slice(0, 4000) : text;
  const lex = lexiconOf(index);
  const toks = tokenize(src);
  const chosen = choose(findMatches(src, toks, lex));
  const team = new Set([actor.id, ...(opts.teamOwnerIds ?? [])]);
  const ownership = (ownerId: number): Ownership => (ownerId === actor.id ? "mine" : team.has(ownerId) ? "team" : "other");
  const span = (m: { start: number; end: number }): NameSpan => ({ start: m.start, end: m.end, text: src.slice(m.start, m.end) });

  const customerOf = (id: number, by: RecognisedCustomer["matchedBy"], spans: NameSpan[]): RecognisedCustomer => {
    const c = index.customers.get(id)!;
    return {
      kind: "customer", id, name: c.name, ownerId: c.ownerId, ownerHandle: c.ownerHandle, ownerName: c.ownerName,
      ownerIsActor: c.ownerId === actor.id, ownership: ownership(c.ownerId), matchedBy: by, spans,
    };
  };
  const contactOf = (id: number, by: RecognisedContact["matchedBy"], spans: NameSpan[]): RecognisedContact => {
    const ct = lex.contacts.get(id)!;
    const c = index.customers.get(ct.customerId)!;
    return {
      kind: "contact", id, name: ct.name, customerId: ct.customerId, customerName: c.name, ownerIsActor: c.ownerId === actor.id,
      ownership: ownership(c.ownerId), matchedBy: by, spans,
    };
  };
  const userOf = (id: number, by: RecognisedUser["matchedBy"], spans: NameSpan[]): RecognisedUser => {
    const u = index.users.get(id)!;
    return { kind: "user", id, handle: u.handle, name: u.name, isActor: id === actor.id, matchedBy: by, spans };
  };
  const candidateOf = (e: Entry, s: NameSpan): NameCandidate | null => {
    if (e.kind === "customer") return index.customers.has(e.id) ? customerOf(e.id, e.by, [s]) : null;
    if (e.kind === "contact") return lex.contacts.has(e.id) && index.customers.has(lex.contacts.get(e.id)!.customerId) ? contactOf(e.id, e.by, [s]) : null;
    return index.users.has(e.id) ? userOf(e.id, e.by, [s]) : null;
  };

  // Each chosen run → its candidates of the kind that wins there (one record of each id, the strongest reading).
  interface Run { span: NameSpan; kind: "customer" | "contact" | "user" | "person"; cands: NameCandidate[] }
  const runs: Run[] = [];
  for (const m of chosen) {
    const s = span(m);
    const present = new Set(m.entries.map((e) => e.kind));
    // 小李 fitting a colleague and a contact is a real question; elsewhere one kind wins.
    const mixed = m.prefer === "user" && m.strength === 2 && present.has("user") && present.has("contact") && /^[老小阿]/.test(s.text);
    const kind = mixed ? "person" : KIND_ORDER[m.prefer].find((k) => present.has(k))!;
    const seen = new Set<string>();
    const cands: NameCandidate[] = [];
    for (const e of m.entries) {
      if (!mixed && e.kind !== kind) continue;
      const k = `${e.kind}:${e.id}`;
      if (seen.has(k)) continue;
      const c = candidateOf(e, s);
      if (c) { seen.add(k); cands.push(c); }
    }
    if (cands.length) runs.push({ span: s, kind, cands });
  }

  const customers = new Map<number, RecognisedCustomer>();
  const contacts = new Map<number, RecognisedContact>();
  const users = new Map<number, RecognisedUser>();
  const addSpan = <T extends { spans: NameSpan[] }>(map: Map<number, T>, id: number, make: () => T, s: NameSpan) => {
    const had = map.get(id);
    if (had) had.spans.push(s);
    else map.set(id, make());
  };
  const settle = (c: NameCandidate, s: NameSpan, narrowedBy?: "customer" | "own") => {
    if (c.kind === "customer") addSpan(customers, c.id, () => ({ ...c, spans: [s] }), s);
    else if (c.kind === "contact") addSpan(contacts, c.id, () => ({ ...c, spans: [s], ...(narrowedBy ? { narrowedBy } : {}) }), s);
    else addSpan(users, c.id, () => ({ ...c, spans: [s] }), s);
  };

  // Pass 1: runs that name one record.
  const open: Run[] = [];
  for (const r of runs) {
    if (r.cands.length === 1) settle(r.cands[0]!, r.span);
    else open.push(r);
  }
  // Pass 2: a settled contact picks among customers ("Jane at Acme"); settled or candidate customers pick among contacts.
  const stillOpen: Run[] = [];
  const contactCustomerIds = () => new Set([...contacts.values()].map((c) => c.customerId));
  for (const r of open.filter((r) => r.kind === "customer")) {
    const ids = contactCustomerIds();
    const fit = r.cands.filter((c) => ids.has(c.id));
    if (fit.length === 1) settle(fit[0]!, r.span);
    else stillOpen.push(r);
  }
  const namedCustomerIds = new Set<number>([...customers.keys()]);
  for (const r of stillOpen) for (const c of r.cands) namedCustomerIds.add(c.id);
  const unsettled: Run[] = [...stillOpen];
  for (const r of open.filter((r) => r.kind !== "customer")) {
    if (r.kind === "contact") {
      const atNamed = r.cands.filter((c) => c.kind === "contact" && namedCustomerIds.has(c.customerId));
      if (atNamed.length === 1) { settle(atNamed[0]!, r.span, "customer"); continue; }
      const pool = atNamed.length ? atNamed : r.cands;
      const mine = pool.filter((c) => c.kind === "contact" && c.ownership === "mine");
      if (mine.length === 1) { settle(mine[0]!, r.span, "own"); continue; }
      unsettled.push({ ...r, cands: pool });
      continue;
    }
    unsettled.push(r);
  }
  // A customer ambiguity that a contact settled in pass 2 ("Jack at Pacific Dental" after Jack was chosen by it).
  const ambiguous: NameAmbiguity[] = [];
  for (const r of unsettled) {
    if (r.kind === "customer") {
      const ids = contactCustomerIds();
      const fit = r.cands.filter((c) => ids.has(c.id));
      if (fit.length === 1) { settle(fit[0]!, r.span); continue; }
    }
    const rank: Record<Ownership, number> = { mine: 0, team: 1, other: 2 };
    const own = (c: NameCandidate) => (c.kind === "user" ? (c.isActor ? 0 : 1) : rank[c.ownership]);
    const sorted = [...r.cands].sort((a, b) => own(a) - own(b) || a.name.localeCompare(b.name));
    const mine = sorted.filter((c) => c.kind !== "user" && c.ownership === "mine");
    ambiguous.push({
      ...r.span, kind: r.kind, candidates: sorted.slice(0, MAX_CANDIDATES), total: sorted.length,
      ...(mine.length === 1 && r.kind !== "person" ? { preferred: mine[0] } : {}),
    });
  }
  // A contact found resolves its customer.
  for (const ct of contacts.values()) {
    if (!customers.has(ct.customerId)) customers.set(ct.customerId, { ...customerOf(ct.customerId, "contact", []), viaContactId: ct.id });
  }

  const covered = (t: Token) => chosen.some((m) => t.start < m.end && t.end > m.start);
  return {
    customers: [...customers.values()].sort((a, b) => firstAt(a, contacts) - firstAt(b, contacts)),
    contacts: [...contacts.values()].sort((a, b) => a.spans[0]!.start - b.spans[0]!.start),
    users: [...users.values()].sort((a, b) => a.spans[0]!.start - b.spans[0]!.start),
    ambiguous,
    unknownCapitalised: unknownCapitalised(src, toks.filter((t) => !covered(t))),
  };
}

function firstAt(c: RecognisedCustomer, contacts: Map<number, RecognisedContact>): number {
  return c.spans[0]?.start ?? contacts.get(c.viaContactId!)?.spans[0]?.start ?? Infinity;
}

// Capitalised words that are not names: calendar words, acronyms the trade uses, titles.
const NOT_NEW_NAMES = new Set([
  ...NOT_NAMES, "mr", "mrs", "ms", "dr", "prof", "miss", "sir", "madam", "am", "pm", "i'm", "i've", "i'll", "i'd", "q1", "q2", "q3", "q4",
  "usd", "eur", "gbp", "hkd", "cny", "rmb", "jpy", "kpi", "sla", "roi", "crm", "erp", "api", "pdf", "ppt", "faq", "eod", "eow", "eta",
  "asap", "fyi", "btw", "tbd", "mtg", "f/u", "fu", "re", "fw", "fwd", "pls", "plz", "tmrw", "tmr", "mon", "tue", "tues", "wed", "thu",
  "thur", "thurs", "fri", "sat", "sun", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "and",
  "or", "but", "so", "not", "no", "yes", "also", "then", "there", "here", "sales", "order", "orders", "deal", "deals", "price",
  "quote", "invoice", "meeting", "visit", "complaint", "survey", "follow-up", "followup", "reminder", "task", "note", "notes",
]);

/** Runs of capitalised words left over once the known names are taken, minus sentence-opening everyday words. */
function unknownCapitalised(text: string, rest: Token[]): NameSpan[] {
  const out: NameSpan[] = [];
  let run: Token[] = [];
  const flush = () => {
    while (run.length && (NOT_NEW_NAMES.has(run[0]!.norm) || (run[0]!.initial && (SENTENCE_WORDS.has(run[0]!.norm) || /(ed|ing|ly)$/.test(run[0]!.norm))))) run.shift();
    while (run.length && NOT_NEW_NAMES.has(run.at(-1)!.norm)) run.pop();
    if (run.length && !(run.length === 1 && run[0]!.initial && run[0]!.norm.length < 3)) {
      const s = run[0]!.start, e = run.at(-1)!.end;
      out.push({ start: s, end: e, text: text.slice(s, e) });
    }
    run = [];
  };
  for (const t of rest) {
    const ok = t.cap && !/^\p{Lu}{1,3}\d*$/u.test(text.slice(t.start, t.end)) && !/^\d/.test(t.norm);
    if (ok && run.length && joinable(text, run.at(-1)!, t) && !t.initial) run.push(t);
    else {
      flush();
      if (ok) run.push(t);
    }
  }
  flush();
  return out;
}

/** `recogniseNames` against the store: the name index (one cheap version check per turn) and the speaker. */
export async function recogniseNamesIn(opts: { db: Db | Tx; actor: Actor; text: string; teamOwnerIds?: number[] }): Promise<RecognisedNames> {
  const index = await nameIndex(opts.db);
  return recogniseNames(opts.text, index, opts.actor, { teamOwnerIds: opts.teamOwnerIds });
}

/** Replaces each span with its placeholder (`@customer`, `@contact`, `@user`…), right to left so offsets stay true. */
export function maskSpans(text: string, spans: { start: number; end: number; placeholder: string }[]): string {
  const sorted = [...spans].sort((a, b) => b.start - a.start);
  let out = text;
  let limit = Infinity;
  for (const s of sorted) {
    if (s.end > limit) continue; // overlapping spans: the later-starting one was already replaced
    out = out.slice(0, s.start) + s.placeholder + out.slice(s.end);
    limit = s.start;
  }
  return out;
}
