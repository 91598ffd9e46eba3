// What a draft request asks for, read from the rep's own words: the topic (the words after about/re/关于/催/跟进…),
// an occasion to wish for (birthday, a festival), extra asks and mentions ("and ask when…", "顺便提一下…"), and the
// purpose the wording makes plain. Tone and length remarks ("keep it short", "语气客气点") are instructions to us,
// never text for the customer, so they are dropped. Shared by the built-in model and an LLM's free-text purpose.

export type Purpose = "apology" | "checkin" | "followup" | "thanks" | "inform" | "introduce" | "greeting" | "payment" | "confirm" | "send";

export interface Brief {
  topic?: string;
  plan?: string;
  after?: string;
  occasion?: string;
  asks: string[];
  mentions: string[];
  /** A purpose the words make certain (a wish, a payment chase, documents attached); overrides a guess. */
  sure?: Purpose;
}

/** "语气客气点", "别太生硬", "keep it short", "friendly not pushy": how to write, not what. */
const STYLE = /^(?:(?:but |and )?(?:keep it|make it|be|sound|not too|nothing too|tone)\b|(?:short|brief|concise|friendly|polite|formal|casual|warm|professional)(?:\s+(?:and|but|not)\s+\w+)*(?: pls| please| thx)?$)|^(?:语气|口气|措辞|别太|不要太|不用太|简短|简洁|正式|委婉|客气|礼貌|口语|短一点|短点|长一点)/i;
/** Clause openers that add a question to the draft ("and ask when…", "问问她…"); the question itself is kept. */
const ASK = /^(?:and |also |then )?(?:ask(?:ing)?|see|check)\s+(?:(?:him|her|them)\s+)?(?:about\s+|if\s+|whether\s+)?|^(?:顺便|再|也)?(?:问问|问一下|问下|了解一下|看看)/i;
const MENTION = /^(?:and |also )?(?:mention(?:ing)?|say(?:ing)?|tell(?:ing)? (?:him|her|them)|let (?:him|her|them) know)(?: that)?\s+|^(?:顺便|另外|同时|再)?(?:提一下|提一句|说一下|说一声|告诉(?:他们|她们|他|她|对方)|告知)/i;

const FESTIVALS_ZH = /(春节|新春|元宵节?|清明节?|端午节?|七夕|中秋节?|国庆节?|重阳节?|元旦|圣诞节?|感恩节|劳动节|五一|十一|新年|除夕|妇女节|教师节|儿童节|腊八)/;
const FESTIVALS_EN = /\b(christmas|xmas|new year|lunar new year|chinese new year|spring festival|mid-autumn(?: festival)?|dragon boat(?: festival)?|thanksgiving|easter|diwali|eid|hanukkah|ramadan|the holidays|holiday season|season'?s greetings)\b/i;
const BIRTHDAY = /birthday|bday|生日|寿辰/i;

/** Split on punctuation and on English "and ask/and mention…", keeping order. */
function clauses(text: string): string[] {
  return text
    .split(/[,,;;。!!??\n]+|\s+-\s+|\.(?=\s|$)|\s+(?=(?:and|also|then) (?:ask|mention|say|tell|let|see|check|confirm)\b)/i)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Strip the rep's fillers from a topic: trailing "pls", "的事", "一下"; a leading "the" stays (it reads well). */
export function tidy(topic: string): string {
  return topic
    .replace(/\s+(?:pls|please|plz|thx|thanks|asap|for me|attached|too)\s*$/i, "")
    .replace(/^(?:一下|下|一下子|下子)/, "")
    .replace(/(?:的事情?|这件事|那件事|的问题|一下|吧|啊|哈|呢)+$/, "")
    .replace(/[.!?。!?]+$/, "")
    .trim();
}

/** "她那边有什么反馈" → "您那边有什么反馈": the draft speaks to the contact, not about them. */
export function toYou(text: string, zh: boolean): string {
  if (zh) return text.replace(/^(?:他们|她们|对方公司)/, "贵司").replace(/(他|她|对方)(?!们)/g, "您");
  return text.replace(/\b(?:he|she)\b/gi, "you").replace(/\b(?:him|her)\b/gi, "you").replace(/\bhis\b/gi, "your").replace(/\bthey\b/gi, "you").replace(/\btheir\b/gi, "your");
}

const EN_TOPIC: [RegExp, Purpose?][] = [
  [/\b(?:apolog\w*|sorry)\s+(?:to \w+ )?(?:for|about)\s+(.+)$/i, "apology"],
  [/\b(?:thank(?:s|ing)?|thx|thank-you|ty)(?:\s+(?:u|you|note|email|e-mail|msg|message|card|letter))?(?:\s+(?:to\s+\w+|him|her|them))?\s+for\s+(.+)$/i, "thanks"],
  [/\bconfirm(?:ing)?\s+(.+)$/i, "confirm"],
  [/\b(?:remind(?:ing)? (?:him|her|them)|let (?:him|her|them) know|tell (?:him|her|them)|inform (?:him|her|them))\s+(?:that |about |of )?(.+)$/i, "inform"],
  [/\b(?:introduc\w*|present(?:ing)?)\s+(?:him |her |them )?(?:to )?(.+)$/i, "introduce"],
  [/\b(?:chas\w+|nudg\w+)\s+(?:(?:him|her|them) )?(?:on |about |for )(.+)$/i, "followup"],
  [/\b(?:w\/|with)\s+(.+?)\s+attached$/i, "send"],
  [/\b(?:send(?:ing)?|attach(?:ing)?)\s+(?:(?:him|her|them) )?(?:over )?(the .+)$/i, "send"],
  [/\b(?:about|regarding|re:?|concerning|abt|on|w\/)\s+(.+)$/i],
  // "for the renewal", "for helping us" — not "for Omar", the recipient.
  [/\bfor\s+((?:the|a|an|our|your|their|this|that|these|those|all|any|some|last|next)\b.+|\w+ing\b.+)$/i],
];

/** "跟进微信", "提醒邮件": the kind of message, not its topic. */
const NOT_MSG = "(?!(?:的)?(?:微信|邮件|消息|短信|信息|信|留言))";
const ZH_TOPIC: [RegExp, Purpose?][] = [
  [/为(.+?)(?:的事)?(?:正式|郑重|诚恳地?)?(?:道个?歉|致歉|赔个?不是)/, "apology"],
  [new RegExp(`(?:感谢|谢谢|多谢)${NOT_MSG}(.+)$`), "thanks"],
  [/(?:催(?:一下|下)?|提醒(?:一下|下)?(?:他们|她们|他|她|对方)?)(.*?(?:款|账|发票|付款).*)$/, "payment"],
  [/(?:确认(?:一下|下)?)(.+)$/, "confirm"],
  [/(?:附上|附件是)(.+?)(?:的附件)?$/, "send"],
  [/把(.+?)发(?:一下|下)?(?:给|过去)/, "send"],
  [new RegExp(`(?:关于|跟进${NOT_MSG}(?:一下|下)?|提醒${NOT_MSG}(?:一下|下)?(?:他们|她们|他|她|对方)?|催(?:一下|下)?|聊聊|谈谈|讲讲|说说)(.+)$`)],
  [/(?:介绍|推荐)(?:一下|下)?(.+)$/, "introduce"],
];

export function readBrief(text: string): Brief {
  const zh = /\p{Script=Han}/u.test(text);
  const brief: Brief = { asks: [], mentions: [] };
  const festival = FESTIVALS_ZH.exec(text)?.[1] ?? FESTIVALS_EN.exec(text)?.[1];
  if (BIRTHDAY.test(text)) { brief.occasion = zh ? "生日" : "birthday"; brief.sure = "greeting"; }
  else if (festival) { brief.occasion = festival; brief.sure = "greeting"; }
  else if (/节日|holiday greeting|festive/i.test(text)) { brief.occasion = zh ? "节日" : "the holidays"; brief.sure = "greeting"; }
  const after = /\bafter (?:the |our |today's |yesterday's |last week's )?(.+?)[.!?]*$/i.exec(text) ?? /(?:在)?([^,,。]{1,12}?)(?:之后|以后)(?:的)?(?:跟进|问候)/.exec(text);
  if (after) brief.after = tidy(after[1]!);
  for (const [i, c] of clauses(text).entries()) {
    if (STYLE.test(c)) continue;
    // The first clause is the request itself ("ask Jane about…" would be its topic, not an extra).
    const mention = i > 0 ? MENTION.exec(c) : null;
    if (mention && brief.topic) { brief.mentions.push(tidy(toYou(c.slice(mention[0].length), zh))); continue; }
    const ask = i > 0 ? ASK.exec(c) : null;
    if (ask) { brief.asks.push(tidy(toYou(c.slice(ask[0].length), zh))); continue; }
    if (brief.topic || after) continue;
    for (const [re, purpose] of zh && /\p{Script=Han}/u.test(c) ? ZH_TOPIC : EN_TOPIC) {
      const m = re.exec(c);
      if (!m?.[1]) continue;
      const topic = tidy(m[1]);
      if (!topic || STYLE.test(topic) || /^(?:me|him|her|them|us|you)$/i.test(topic)) continue;
      brief.topic = toYou(topic, zh && /\p{Script=Han}/u.test(topic));
      if (purpose) brief.sure ??= purpose === "followup" ? undefined : purpose;
      if (purpose === "apology" && zh) {
        const plan = /(?:并|同时|然后)?(?:说明|告知|介绍)(?:一下)?(.+)$/.exec(text.slice(text.indexOf(c) + c.length));
        if (plan) brief.plan = tidy(plan[1]!);
      }
      break;
    }
  }
  if (!brief.sure && /回款|催款|付款|尾款|欠款|账款|货款|打款|结款|发票|\bpayment|\binvoice|\boverdue (?:bill|balance|amount)/i.test(text)) brief.sure ??= "payment";
  if (!brief.sure && /\battach|附件|附上/i.test(text)) brief.sure ??= "send";
  return brief;
}
