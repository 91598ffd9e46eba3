// Cue words for the intent router, as data: for each intent, English and Chinese patterns with a weight. The router
// scores intents by the cues a message holds (`intentScores`) and decides; nothing here decides on its own. Patterns
// are regex sources — stems and gaps ("下了…订单", "transfer … to") are bounded so matching stays linear.

export type Intent =
  | "followUp" | "undo" | "complaint" | "complaintResolved" | "doneFollowUp" | "order" | "newCustomer" | "newContact"
  | "reassign" | "draft" | "question" | "whoOwns" | "lastContact" | "totals" | "whichCustomers" | "customerStatus"
  | "atRisk" | "listFollowUps" | "notContacted" | "dealsClosing" | "survey" | "logInteraction";

/** A cue: a regex source, or [source, weight] for a weaker (ambiguous) one that overrides the set's weight. */
export type Cue = string | [string, number];

export interface CueSet {
  en: Cue[];
  zh: Cue[];
  /** How much one cue counts; the strongest cue per intent counts, not the sum (one message, one "remind me"). */
  weight: number;
}

const G = "[^.!?。！？\\n]{0,24}"; // a short gap within one sentence

export const INTENT_CUES: Record<Intent, CueSet> = {
  followUp: {
    en: ["follow(?:ing)?[\\s-]?up(?!\\s+(?:email|message|note|call)\\b)", "remind\\s+me", "reminder", "set\\s+a\\s+reminder",
      `ping${G}\\b(?:on|in|next|tomorrow)\\b`, "check\\s+back", "check\\s+in\\s+(?:with|on|again)", "circle\\s+back",
      "get\\s+back\\s+to", "touch\\s+base", "call\\s+(?:them|him|her)\\s+(?:back|again)", "chase\\s+(?:up|them)", "don'?t\\s+let\\s+me\\s+forget"],
    zh: ["提醒我", "提醒一下", "提醒", "再跟进", "跟进一下", "跟进", "再联系", "再打(?:个)?电话", "再约", "回头再", "下次再", "记得",
      "别忘了", "到时候", "再问问", "再催"],
    weight: 3,
  },
  undo: {
    en: ["\\bundo\\b", "scratch\\s+that", "revert\\s+(?:that|it|the\\s+last)", "never\\s*mind(?:\\s+that)?", "that\\s+was\\s+(?:wrong|a\\s+mistake)",
      "delete\\s+(?:that|the\\s+last)", "take\\s+(?:that|it)\\s+back", "cancel\\s+(?:that|the\\s+last)"],
    zh: ["撤销", "撤回", "取消刚才", "刚才(?:那条|那个|的)?(?:不对|错了|记错了|搞错了)", "删掉刚才", "删除刚才", "我(?:记|搞|写|弄)错了", "回退"],
    weight: 5,
  },
  complaint: {
    en: ["complain(?:ed|s|ing|t|ts)?", "raised\\s+an?\\s+(?:issue|complaint)", "escalat(?:ed|ion)", "filed\\s+a", "unhappy\\s+about",
      "arrived\\s+(?:damaged|broken|late)", "wrong\\s+(?:invoice|item|goods|shipment)"],
    zh: ["投诉", "抱怨", `不满${G}投诉`, "有意见", "意见很大", "索赔", "退货", "开错了", "发错了", "坏了", "破损"],
    weight: 3,
  },
  complaintResolved: {
    en: ["resolved", ["fixed", 2], "sorted\\s+out", "(?:issue|complaint|problem)\\s+(?:is\\s+)?(?:closed|solved|handled)", "close\\s+(?:the|that)\\s+complaint", "taken\\s+care\\s+of"],
    zh: ["已经?解决", "解决了", "处理好了", "处理完了", "处理完毕", "搞定了", "已处理", "关闭(?:了)?投诉", "摆平了"],
    weight: 3,
  },
  doneFollowUp: {
    en: ["done\\s+with", "finished", "completed", "mark(?:ed)?\\s+(?:it|that|the\\s+\\w+(?:\\s+\\w+)?)\\s+(?:as\\s+)?(?:done|complete)", ["\\bdone\\b", 2], "took\\s+care\\s+of", "ticked\\s+off"],
    zh: ["已完成", "完成了", "搞定了", "做完了", "办完了", "弄好了", "已经(?:打|发|做|跟进|联系)了", "跟进完了", "标记(?:为)?完成"],
    weight: 3,
  },
  order: {
    en: ["placed\\s+(?:a|an|the|another|their)?\\s*(?:new\\s+)?order", ["ordered", 2], "\\bPO\\b", "purchase\\s+order", "new\\s+order", "signed\\s+(?:a|the)\\s+(?:contract|deal)",
      "bought", "purchased", "booked\\s+an?\\s+order", "order\\s+(?:for|of|worth)"],
    zh: [`下了${G}订单`, `下了${G}单`, "下单", ["订单", 1], `签了${G}合同`, "签约", "订了", "采购了", "买了", "加单", "追加", "成交了"],
    weight: 3,
  },
  newCustomer: {
    en: ["new\\s+(?:customer|account|client|prospect|lead)", "add\\s+(?:a\\s+)?(?:customer|account|client)", "create\\s+(?:a\\s+)?(?:customer|account)", "onboard(?:ed|ing)?\\s+a\\s+new"],
    zh: ["新客户", "新增客户", "添加客户", "新建客户", "加个客户", "录入客户", "新开发"],
    weight: 4,
  },
  newContact: {
    en: ["add\\s+(?:a\\s+)?(?:new\\s+)?contact", "new\\s+contact", "add\\s+\\w+(?:\\s+\\w+)?\\s+as\\s+a\\s+contact", "contact\\s+person\\s+is", "save\\s+(?:the\\s+)?contact"],
    zh: ["添加联系人", "新联系人", "新增联系人", "加个联系人", "加一个联系人", "联系人是", "录入联系人"],
    weight: 4,
  },
  reassign: {
    en: ["reassign", `transfer${G}\\bto\\b`, "hand(?:ed)?\\s*(?:over|off)", "assign\\w*\\s+[^.!?\\n]{0,40}\\bto\\b", "give\\s+[^.!?\\n]{0,40}\\bto\\s+(?:me|\\w+)\\s*$", "take\\s+over"],
    zh: ["转给", `交给${G}负责`, ["交给", 2], "移交", "改由", "划给", "分配给", "给我负责", "接手"],
    weight: 4,
  },
  draft: {
    en: ["\\bdraft", "\\bwrite\\s+(?:a|an|me|up|the)", "\\bcompose", "prepare\\s+(?:a|an)\\s+(?:email|message|note)", "help\\s+me\\s+(?:write|reply)", "what\\s+should\\s+I\\s+(?:say|write)"],
    zh: ["帮我写", "写一(?:条|封|段|个)", "起草", "拟一(?:条|封|个|份)", "草拟", "帮我回复", "怎么回复", "写个"],
    weight: 4,
  },
  question: {
    en: ["\\?\\s*$", "^\\s*(?:who|what|when|where|which|how|why|is|are|do|does|did|can|could|show|list|tell|give)\\b"],
    zh: ["[?？]\\s*$", "吗[?？。]?\\s*$", "呢[?？。]?\\s*$", "什么", "哪些", "哪个", "多少", "几个", "怎么样", "如何", "是否", "有没有", "谁"],
    weight: 1,
  },
  whoOwns: {
    en: ["who\\s+(?:owns|handles|manages|covers|is\\s+responsible\\s+for|looks\\s+after)", "who'?s\\s+(?:the\\s+)?(?:owner|rep|account\\s+manager)", "owner\\s+of"],
    zh: ["谁负责", "谁在跟", "谁跟的", "负责人是谁", "归谁", "是谁的客户", "谁的客户"],
    weight: 4,
  },
  lastContact: {
    en: ["when\\s+did\\s+(?:we|I|you|anyone)\\s+last", "last\\s+(?:time\\s+)?(?:we|I)\\s+(?:talked|spoke|met|called|visited|contacted)", "last\\s+(?:contact|touch|interaction)"],
    zh: ["上次(?:联系|拜访|沟通|见面|打电话)", "最后一次", "什么时候联系", "多久没联系", "最近一次"],
    weight: 4,
  },
  totals: {
    en: ["how\\s+much", "what'?s\\s+(?:our|the)\\s+total", "total\\s+(?:order\\s+)?(?:value|revenue|sales|spend|amount)", "how\\s+many\\s+orders", "sum\\s+of", "lifetime\\s+value"],
    zh: ["多少钱", "多少", "总额", "总共", "一共", "合计", "总金额", "订单总", "累计"],
    weight: 3,
  },
  whichCustomers: {
    en: ["which\\s+(?:customers|accounts|clients)", "what\\s+(?:customers|accounts|clients)", "list\\s+(?:my|all|the)?\\s*(?:customers|accounts|clients)", "show\\s+me\\s+(?:my|all)\\s+(?:customers|accounts)"],
    zh: ["哪些客户", "哪几个客户", ["哪些", 1], "哪几家", "客户列表", "所有客户"],
    weight: 2,
  },
  customerStatus: {
    en: ["how\\s+(?:is|are|'s)\\s+[^?]{1,40}\\s+doing", "what'?s\\s+(?:the\\s+)?(?:latest|status|news)\\s+(?:with|on|at)", "show\\s+me\\b", "tell\\s+me\\s+about", "status\\s+of", "update\\s+on", "overview\\s+of"],
    zh: ["怎么样", "情况", "最近如何", "进展", "看看", "介绍一下", "什么情况", "近况"],
    weight: 2,
  },
  atRisk: {
    en: ["at[\\s-]risk", "slipping", "churn(?:ing)?", "going\\s+cold", ["losing", 2], "might\\s+(?:leave|lose)", "in\\s+danger", "red\\s+flags?", "need\\s+attention"],
    zh: ["流失", ["风险", 2], "预警", "快丢了", "要丢", "不活跃", "冷淡", "危险"],
    weight: 3,
  },
  listFollowUps: {
    en: ["my\\s+(?:follow[\\s-]?ups|tasks|reminders|to-?dos)", "what'?s\\s+(?:due|on\\s+my\\s+(?:list|plate))", "to-?do(?:\\s+list)?", "what\\s+(?:are|do)\\s+(?:my|I\\s+have)", "due\\s+(?:today|this\\s+week|tomorrow)", "overdue", "what\\s+should\\s+I\\s+do"],
    zh: ["待办", "要跟进的", "需要跟进", "有什么要做", "我的提醒", "我的任务", "任务清单", ["到期", 2], ["逾期", 2]],
    weight: 3,
  },
  notContacted: {
    en: ["(?:haven'?t|have\\s+not|hasn'?t|not)\\s+(?:been\\s+)?(?:contacted|called|visited|talked\\s+to|spoken\\s+to|heard\\s+from|touched)", "no\\s+(?:contact|activity|interaction)s?\\s+(?:for|in|since)", "(?:gone|been)\\s+quiet", "dormant", "neglected"],
    zh: ["没联系", "没有联系", "未联系", "没拜访", "没有拜访", "没跟进", "没有跟进", "没沟通", "没有互动", "很久没"],
    weight: 4,
  },
  dealsClosing: {
    en: ["deals?\\s+(?:closing|expected\\s+to\\s+close|that\\s+close|due\\s+to\\s+close)", "(?:expected\\s+to\\s+|about\\s+to\\s+|going\\s+to\\s+)close", "closing\\s+(?:this|next)", "pipeline", "forecast", "opportunit(?:y|ies)"],
    zh: ["成交", "签单", "要签", "预计.{0,6}签", "商机", "销售漏斗", "预测", "赢单", "能签"],
    weight: 3,
  },
  survey: {
    en: ["\\bnps\\b", "\\bc-?sat\\b", "net\\s+promoter", "satisfaction\\s+(?:survey|score)", "survey", "rated\\s+us"],
    zh: ["满意度", "推荐度", "净推荐值", "调查", "问卷", "打了\\s*\\d+\\s*分", "评分"],
    weight: 3,
  },
  logInteraction: {
    en: ["\\blog\\s+(?:a|an|the)?\\s*(?:call|visit|meeting|email|message|note)", "\\brecord\\s+(?:a|an|the)?\\s*(?:call|visit|meeting)", "just\\s+(?:had|got\\s+off)", "\\b(?:called|visited|met|emailed|texted|phoned|messaged|rang)\\b",
      "quick\\s+(?:call|chat|meeting|sync)", "left\\s+a\\s+(?:voicemail|message)", "(?:had|got)\\s+a\\s+(?:call|meeting|visit)", "(?:stopped|dropped)\\s+by"],
    zh: ["记录一下", "记一下", "拜访了", "打了(?:个|通)?电话", "见了", "聊了", "沟通了", "开了会", "来电", "回访", "去了", "通了电话", "吃了饭"],
    weight: 2,
  },
};

export interface CueHit {
  intent: Intent;
  cue: string;
  index: number;
  weight: number;
}

const COMPILED: { intent: Intent; re: RegExp; weight: number }[] = (Object.keys(INTENT_CUES) as Intent[]).flatMap((intent) => {
  const { en, zh, weight } = INTENT_CUES[intent];
  const one = (c: Cue, flags: string) => (typeof c === "string"
    ? { intent, re: new RegExp(c, flags), weight }
    : { intent, re: new RegExp(c[0], flags), weight: c[1] });
  return [...en.map((c) => one(c, "gim")), ...zh.map((c) => one(c, "gm"))];
});

const MAX_SCAN = 4000; // intents live in the first lines; a pasted document is not read to the end for cues

/** Every cue in `text` (optionally only for some intents), in order of position. */
export function matchCues(text: string, only?: Intent[]): CueHit[] {
  if (!text) return [];
  const src = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
  const out: CueHit[] = [];
  for (const c of COMPILED) {
    if (only && !only.includes(c.intent)) continue;
    for (const m of src.matchAll(c.re)) out.push({ intent: c.intent, cue: m[0], index: m.index!, weight: c.weight });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** True when `text` holds a cue of `intent`. */
export function hasCue(text: string, intent: Intent): boolean {
  return matchCues(text, [intent]).length > 0;
}

/** Score per intent: the weight of its cue, when it has one (several cues of one intent do not add up). */
export function intentScores(text: string): Partial<Record<Intent, number>> {
  const scores: Partial<Record<Intent, number>> = {};
  for (const h of matchCues(text)) scores[h.intent] = Math.max(scores[h.intent] ?? 0, h.weight);
  return scores;
}

/** Intents present, strongest first (ties: the earlier cue first). */
export function rankIntents(text: string): Intent[] {
  const hits = matchCues(text);
  const best = new Map<Intent, { w: number; i: number }>();
  for (const h of hits) {
    const b = best.get(h.intent);
    if (!b || h.weight > b.w) best.set(h.intent, { w: h.weight, i: b ? Math.min(b.i, h.index) : h.index });
  }
  return [...best.entries()].sort((a, b) => b[1].w - a[1].w || a[1].i - b[1].i).map(([k]) => k);
}

// ---- parameters some intents carry ----

const CN_DIGITS: Record<string, number> = { 一: 1, 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/**
 * The span of "not contacted in N days": "haven't been contacted in 60 days" → 60, "no contact for 3 weeks" → 21,
 * "60天没联系" → 60, "超过两个月没拜访" → 60, "a month" → 30. Null when the message gives no span.
 */
export function notContactedDays(text: string): number | null {
  if (!text) return null;
  const src = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
  const en = /\b(?:in|for|over|more\s+than|in\s+the\s+(?:last|past))\s+(\d{1,4}|a|one|two|three|four|six|twelve)\s+(days?|weeks?|months?)\b/i.exec(src)
    ?? /\b(?:since)\s+(\d{1,4})\s+(days?|weeks?|months?)\s+ago\b/i.exec(src);
  const zh = /(\d{1,4}|[一两二三四五六七八九十]{1,3}|半)\s*个?\s*(天|日|周|星期|礼拜|月)/.exec(src);
  const m = en ?? zh;
  if (!m) return null;
  const raw = m[1]!.toLowerCase();
  const words: Record<string, number> = { a: 1, one: 1, two: 2, three: 3, four: 4, six: 6, twelve: 12, 半: 0.5 };
  let n = /^\d+$/.test(raw) ? Number(raw) : words[raw] ?? parseCnSmall(raw);
  if (n === null) return null;
  const unit = m[2]!.toLowerCase();
  if (/^(week|周|星期|礼拜)/.test(unit)) n *= 7;
  else if (/^(month|月)/.test(unit)) n *= 30;
  return Math.round(n);
}

function parseCnSmall(s: string): number | null {
  if (s === "十") return 10;
  if (s.length === 2 && s[0] === "十") return 10 + (CN_DIGITS[s[1]!] ?? 0);
  if (s.length === 2 && s[1] === "十") return (CN_DIGITS[s[0]!] ?? 0) * 10;
  if (s.length === 3 && s[1] === "十") return (CN_DIGITS[s[0]!] ?? 0) * 10 + (CN_DIGITS[s[2]!] ?? 0);
  return s.length === 1 ? CN_DIGITS[s] ?? null : null;
}

export type ClosingWindow = "this-week" | "next-week" | "this-month" | "next-month" | "this-quarter" | "next-quarter" | "overdue";

/** Which window a "deals closing …" question asks about; this month when it names none. */
export function closingWindow(text: string): ClosingWindow {
  const t = text.slice(0, MAX_SCAN);
  if (/overdue|past\s+(?:their|the)\s+close|already\s+passed|逾期|过期|已过/i.test(t)) return "overdue";
  if (/next\s+week|下周|下个星期/i.test(t)) return "next-week";
  if (/this\s+week|本周|这周|这个星期/i.test(t)) return "this-week";
  if (/next\s+quarter|下季度|下个季度/i.test(t)) return "next-quarter";
  if (/this\s+quarter|\bQ[1-4]\b|本季度|这个季度|季度/i.test(t)) return "this-quarter";
  if (/next\s+month|下个?月/i.test(t)) return "next-month";
  return "this-month";
}
