// People in chat messages. Two jobs:
// 1. `findContactMentions(text, candidates)`: which of a customer's known contacts the message names — full name,
//    first name ("Jane" → "Jane Doe"), surname with an honorific ("Mr. King", "王总", "老王"), Chinese full name.
// 2. `extractPersonNames(text)`: a person named in the usual patterns ("with Robert King from Summit", "Jane at Acme",
//    "met Emily Wang", "给王芳", "和赵磊", "陈静说"), so the caller can check it against the customer's contacts (and
//    offer to add a new one). Both are pure and bounded; the caller decides what to do with ambiguity.

export interface ContactMention {
  /** The candidate as given. */
  name: string;
  how: "full" | "first" | "surname";
  matched: string;
  index: number;
}

export interface PersonName {
  name: string;
  index: number;
  /** "strong": "X at/from Company", "给X", "X说"; "weak": only a verb before ("met X"). */
  confidence: "strong" | "weak";
}

const HAN = /[\u4e00-\u9fff]/;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// First names that are also everyday words: matched alone only when written capitalised.
export const WORDY_NAMES = new Set([
  "will", "may", "june", "april", "august", "mark", "bill", "grace", "hope", "joy", "rose", "art", "don", "ray", "sue", "pat",
  "jack", "frank", "summer", "sunny", "rich", "chase", "bob", "lee", "long", "young", "king", "chan", "wang", "min", "sam",
]);
export const COMPOUND_SURNAMES = ["欧阳", "司马", "诸葛", "上官", "东方", "慕容", "令狐", "皇甫", "尉迟", "公孙", "长孙", "司徒", "夏侯", "宇文"];
// The common Chinese surnames (covers the vast majority of people). Rare ones are left out on purpose: they are also
// the first characters of company names ("华东机械", "海通物流", "明达汽车").
export const CN_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范廖石贾韦夏付方邹熊孟秦邱侯江尹薛闫段雷黎史龙陶贺顾毛郝龚邵万钱严覃武戴莫孔汤易常温康施文牛樊葛邢安齐庞颜";
const CN_TITLES = "总|经理|主任|工|老师|姐|哥|总监|董|处|局|科|主管|助理|先生|女士|小姐|师傅";

function surnameOf(cn: string): string {
  const two = cn.slice(0, 2);
  return COMPOUND_SURNAMES.includes(two) ? two : cn.slice(0, 1);
}

/** Which of `candidates` (contact names) the text mentions, best first: full names, then first names, then surnames. */
export function findContactMentions(text: string, candidates: string[]): ContactMention[] {
  if (!text || candidates.length === 0) return [];
  const out: ContactMention[] = [];
  const seen = new Set<string>();
  const add = (m: ContactMention) => { if (!seen.has(m.name)) { seen.add(m.name); out.push(m); } };
  const src = text.length > 20_000 ? text.slice(0, 20_000) : text;
  const cands = candidates.filter((c) => c && c.trim()).slice(0, 500);

  // Full names (Latin: word-bounded, any case, flexible spaces; Chinese: substring).
  for (const c of cands) {
    const name = c.trim();
    const re = HAN.test(name)
      ? new RegExp(escapeRe(name))
      : new RegExp(`(?<![A-Za-z])${name.split(/\s+/).map(escapeRe).join("\\s+")}(?![A-Za-z])`, "i");
    const m = re.exec(src);
    if (m) add({ name: c, how: "full", matched: m[0], index: m.index });
  }
  // First names ("Jane" → "Jane Doe").
  for (const c of cands) {
    const parts = c.trim().split(/\s+/);
    if (HAN.test(c) || parts.length < 2 || seen.has(c)) continue;
    const first = parts[0]!;
    if (first.length < 2) continue;
    const wordy = WORDY_NAMES.has(first.toLowerCase());
    const re = new RegExp(`(?<![A-Za-z])${escapeRe(first)}(?![A-Za-z])`, wordy ? "" : "i");
    const m = re.exec(src);
    if (m) add({ name: c, how: "first", matched: m[0], index: m.index });
  }
  // Surname with an honorific: "Mr. King", "Ms Wong", "王总", "老王", "小陈", "刘经理".
  for (const c of cands) {
    if (seen.has(c)) continue;
    const name = c.trim();
    let m: RegExpExecArray | null;
    if (HAN.test(name)) {
      const s = escapeRe(surnameOf(name));
      m = new RegExp(`${s}(?:${CN_TITLES})|[老小]${s}`).exec(src);
    } else {
      const last = name.split(/\s+/).at(-1)!;
      m = name.includes(" ") ? new RegExp(`\\b(?:mr|ms|mrs|miss|dr|prof)\\.?\\s+${escapeRe(last)}\\b`, "i").exec(src) : null;
    }
    if (m) add({ name: c, how: "surname", matched: m[0], index: m.index });
  }
  const rank = { full: 0, first: 1, surname: 2 };
  return out.sort((a, b) => rank[a.how] - rank[b.how] || a.index - b.index);
}

/**
 * The one contact the text names, or null — also null when a first name or surname fits several candidates
 * (the caller should ask rather than guess; `findContactMentions` lists them).
 */
export function mentionedContact(text: string, candidates: string[]): ContactMention | null {
  const all = findContactMentions(text, candidates);
  if (all.length === 0) return null;
  const best = all[0]!;
  if (best.how === "full") return best;
  const tied = all.filter((m) => m.how === best.how && m.matched.toLowerCase() === best.matched.toLowerCase());
  return tied.length === 1 ? best : null;
}

// ---- extracting a person's name from free text ----

export const NOT_NAMES = new Set([
  "i", "we", "they", "he", "she", "it", "you", "the", "a", "an", "my", "our", "their", "his", "her", "this", "that",
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "tomorrow", "yesterday",
  "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
  "nps", "csat", "ceo", "cfo", "cto", "coo", "vp", "po", "rfq", "rfp", "ok", "okay", "hi", "hello", "thanks", "new", "next", "last",
  "follow", "remind", "call", "email", "draft", "log", "add", "visited", "met", "called", "quick", "good", "great", "very",
  "zoom", "teams", "wechat", "whatsapp", "slack", "telegram", "email", "them", "him", "her", "us", "me", "everyone", "team",
  // verbs and adverbs that open a chat line with a capital letter
  "emailed", "texted", "messaged", "phoned", "pinged", "contacted", "spoke", "talked", "wrote", "sent", "asked", "told",
  "reached", "left", "saw", "rang", "write", "ask", "tell", "text", "message", "ping", "contact", "visit", "meet", "see",
  "thank", "invite", "just", "finally", "also", "had", "did", "lunch", "dinner", "coffee", "please", "pls", "reassign",
  "show", "when", "who", "what", "which", "how", "where", "why", "done", "undo", "customer", "client", "account",
]);
const CAP = "[A-Z][a-zA-Z'’-]{1,20}";
const LATIN_NAME = `(${CAP}(?:\\s+(?:van|de|von|der|da|di|le|la)?\\s*${CAP}){0,2})`;
// "Robert King from Summit", "Jane at Acme", "Lisa Wong (CFO) of Bluewave", "Peter @ Bluewave".
const EN_STRONG = new RegExp(`(?<![A-Za-z])${LATIN_NAME}\\s*(?:,\\s*[A-Za-z ]{2,30},\\s*)?(?:\\([^)]{1,30}\\)\\s*)?(?:at|from|of|@|with)\\s+(?:the\\s+)?[A-Z0-9\\u4e00-\\u9fff]`, "g");
// "met Emily Wang", "called Jane", "with Robert King", "emailed Peter", "contact: Lisa Wong".
const WEAK_VERBS = ["met(?:\\s+with)?", "meeting\\s+with", "call(?:ed)?", "phoned", "rang", "emailed", "e-mailed", "texted", "messaged",
  "saw", "spoke\\s+(?:to|with)", "talked\\s+(?:to|with)", "with", "to", "for", "contact(?:ed)?:?", "named", "ask(?:ed)?",
  "told", "cc", "ping(?:ed)?", "and"];
// Any case for the verb's first letter (no inline (?i) in Node 20), a capital for the name.
const anyCase = (v: string) => `[${v[0]!.toUpperCase()}${v[0]}]${v.slice(1)}`;
const EN_WEAK = new RegExp(`\\b(?:${WEAK_VERBS.map(anyCase).join("|")})\\s+${LATIN_NAME}`, "g");
// "Add a contact at Bluewave: Lisa Wong, CFO", "new contact - Lisa Wong".
const EN_CONTACT_COLON = new RegExp(`\\b(?:[Cc]ontact|[Pp]erson|[Nn]ame)\\b[^:：\\n]{0,40}[:：-]\\s*${LATIN_NAME}`, "g");

const CN_GIVEN_STOP = "说对的了微打发聊来在是和也都今昨明电讲表反提称觉认回同确把给跟讨约见吃开商谈沟问告通写拜去做要会就还又很太不没已刚对于与及、，,。！？：:（(负";
const CN_BEFORE = "给|和|跟|与|同|找|约|约了|见了|见|联系|联系了|拜访了|拜访|问了|问|告诉|通知|转告|陪|带|让|请|帮|联系人|对接人|负责人";
const CN_AFTER = "说|表示|反馈|提到|对|称|觉得|认为|来电|打来|回复|同意|确认|打了|发了|讲|希望|要求|答应|问|提出|的电话|的微信|那边|这边|负责";
const CN_NAME_BODY = `((?:${COMPOUND_SURNAMES.join("|")})[\\u4e00-\\u9fff]{1,2}|[${CN_SURNAMES}][\\u4e00-\\u9fff]{1,2})`;
const CN_BEFORE_RE = new RegExp(`(?:${CN_BEFORE})${CN_NAME_BODY}`, "g");
const CN_AFTER_RE = new RegExp(`${CN_NAME_BODY}(?=${CN_AFTER})`, "g");
// "星辰科技陈静", "华东机械的王芳": a person right after a company word or 的.
const CN_AFTER_COMPANY_RE = new RegExp(`(?:机械|科技|物流|建材|汽车|公司|集团|医药|药业|食品|贸易|实业|电子|化工|制造|酒店|地产|工业|那边的|这边的|的)${CN_NAME_BODY}`, "g");
// "华东机械", "星辰科技": a "name" followed by a company word is the company.
const COMPANY_TAIL = /^(?:机械|科技|物流|建材|汽车|公司|集团|有限|医药|药业|食品|贸易|实业|电子|化工|制造|银行|酒店|餐饮|地产|置业|工业|股份|工厂|门店|店|厂)/;

/** Trims a captured Chinese name to surname + given name, stopping at verbs and particles ("赵磊微信" → "赵磊"). */
function trimCnName(raw: string): string | null {
  const s = surnameOf(raw);
  let given = "";
  for (const ch of raw.slice(s.length)) {
    if (CN_GIVEN_STOP.includes(ch)) break;
    given += ch;
    if (given.length === 2) break;
  }
  return given ? s + given : null;
}

/**
 * Person names written in `text`, in order (strong patterns first when they overlap). `exclude` holds names to skip —
 * pass the customer names so "华东机械" or "Acme" is never taken for a person.
 */
export function extractPersonNames(text: string, opts: { exclude?: string[] } = {}): PersonName[] {
  if (!text) return [];
  const src = text.length > 20_000 ? text.slice(0, 20_000) : text;
  const excluded = (opts.exclude ?? []).map((e) => e.toLowerCase()).filter(Boolean);
  const isExcluded = (n: string) => excluded.some((e) => e.includes(n.toLowerCase()) || n.toLowerCase().includes(e));
  const out: PersonName[] = [];
  const push = (name: string, index: number, confidence: PersonName["confidence"]) => {
    if (isExcluded(name)) return;
    if (out.some((p) => index < p.index + p.name.length && index + name.length > p.index)) return;
    out.push({ name, index, confidence });
  };
  const latin = (raw: string): string | null => {
    const words = raw.split(/\s+/);
    while (words.length && NOT_NAMES.has(words[0]!.toLowerCase())) words.shift();
    if (words.some((w) => NOT_NAMES.has(w.toLowerCase()))) return null;
    const name = words.join(" ");
    return name && /^[A-Z]/.test(name) ? name : null;
  };
  for (const m of src.matchAll(EN_CONTACT_COLON)) {
    const n = latin(m[1]!);
    if (n) push(n, m.index! + m[0].length - m[1]!.length + m[1]!.indexOf(n.split(" ")[0]!), "strong");
  }
  for (const m of src.matchAll(EN_STRONG)) {
    // "Emailed Peter at Bluewave": leading verbs are not part of the name.
    const n = latin(m[1]!);
    if (n) push(n, m.index! + m[1]!.indexOf(n.split(" ")[0]!), "strong");
  }
  for (const m of src.matchAll(CN_BEFORE_RE)) {
    const name = trimCnName(m[1]!);
    const at = m.index! + m[0].length - m[1]!.length;
    if (name && !COMPANY_TAIL.test(src.slice(at + name.length, at + name.length + 2))) push(name, at, "strong");
  }
  for (const re of [CN_AFTER_COMPANY_RE]) {
    for (const m of src.matchAll(re)) {
      const name = trimCnName(m[1]!);
      const at = m.index! + m[0].length - m[1]!.length;
      if (name && !COMPANY_TAIL.test(src.slice(at + name.length, at + name.length + 2))) push(name, at, "strong");
    }
  }
  for (const m of src.matchAll(CN_AFTER_RE)) {
    const name = trimCnName(m[1]!);
    if (name && !COMPANY_TAIL.test(src.slice(m.index! + name.length, m.index! + name.length + 2))) push(name, m.index!, "strong");
  }
  for (const m of src.matchAll(EN_WEAK)) {
    const n = latin(m[1]!);
    if (n) push(n, m.index! + m[0].length - m[1]!.length + m[1]!.indexOf(n.split(" ")[0]!), "weak");
  }
  return out.sort((a, b) => a.index - b.index);
}

/** The first person named in `text` (strong patterns preferred), or null. */
export function extractPersonName(text: string, opts: { exclude?: string[] } = {}): PersonName | null {
  const all = extractPersonNames(text, opts);
  return all.find((p) => p.confidence === "strong") ?? all[0] ?? null;
}
