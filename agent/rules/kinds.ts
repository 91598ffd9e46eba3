// The kind of an interaction a rep reports: call, visit, meeting, email or message. The first cue wins — it is what
// the rep did ("Called Jane to set up a meeting" is a call; "Visited Contoso, good meeting" a visit) — and a longer
// cue beats a shorter one at the same place ("zoom call" is a meeting, "打了电话" a call).

export type InteractionKind = "call" | "visit" | "meeting" | "email" | "message";

export interface KindHit {
  kind: InteractionKind;
  matched: string;
  index: number;
}

/** Cue patterns per kind, as regex sources. English ones are word-bounded when compiled. */
export const KIND_CUES: Record<InteractionKind, { en: string[]; zh: string[] }> = {
  meeting: {
    en: [
      "met", "meet(?:s|ing)?(?:\\s+with)?", "meetings?", "sat\\s+down\\s+with", "catch(?:\\s+|-)?up", "caught\\s+up\\s+with",
      "lunch", "dinner", "breakfast", "coffee", "drinks", "(?:zoom|teams|video|google\\s+meet|webex|tencent)\\s+(?:call|meeting|chat)",
      "zoom(?:ed)?", "video\\s*call(?:ed)?", "demo(?:ed)?", "presentation", "presented", "workshop", "face[\\s-]to[\\s-]face",
      "in\\s+person", "had\\s+a\\s+session",
    ],
    zh: ["开会", "开了会", "会议", "见面", "见了面", "见了", "碰面", "碰了个面", "碰头", "吃饭", "吃了饭", "吃了个饭", "饭局", "喝茶", "喝咖啡", "面谈", "约见", "会谈", "视频会议", "视频会", "视频通话", "电话会议", "电话会", "线上会议", "线上会", "网络会议", "腾讯会议", "飞书会议", "钉钉会议", "演示", "路演", "聚餐"],
  },
  call: {
    en: [
      "call(?:ed|ing|s)?", "phon(?:ed|e\\s+call|ing)", "rang", "ring(?:ing)?", "voicemail", "left\\s+a\\s+(?:voicemail|vm|message\\s+on\\s+(?:his|her|their)\\s+phone)",
      "dial(?:l?ed)", "spoke\\s+(?:to|with)\\s+\\w+\\s+(?:by|on\\s+the|over\\s+the)\\s+phone", "on\\s+the\\s+phone", "off\\s+the\\s+phone", "phone\\s+call", "conference\\s+call", "con\\s*call", "by\\s+phone", "call\\s+back", "called\\s+back",
    ],
    zh: ["打电话", "打了电话", "打了个电话", "打了通电话", "通了电话", "通电话", "电话", "来电", "回电", "通话", "致电", "去电", "语音留言"],
  },
  visit: {
    en: [
      "visit(?:ed|ing|s)?", "stopped\\s+by", "stop\\s+by", "dropped\\s+by", "drop\\s+by", "dropped\\s+off", "drop(?:ping)?\\s+off", "swung\\s+by", "popped\\s+in", "on[\\s-]site",
      "site\\s+visit", "went\\s+to\\s+(?:see|their|the)", "toured", "tour\\s+of", "walked\\s+the\\s+(?:site|plant|floor)", "spent\\s+(?:the|an?|all|my)\\s+(?:morning|afternoon|evening|day|hour|hours|half\\s+a\\s+day)\\s+at",
    ],
    zh: ["拜访", "上门", "登门", "到访", "回访", "走访", "去了", "去了趟", "去了一趟", "跑了一趟", "实地", "现场", "考察", "到店", "去店里", "从[^,,。;;]{1,10}?回来", "去(?!年)[^,,。;;]{2,10}?(?:催款|收款|对账|送货|送样|谈|看看|签合同|开会)", "(?<![收得想看听做办达])(?:到|去)[^,,。;;]{0,8}?(?:店里|厂里|工厂|车间|仓库|办公室|现场|门店)", "去工厂", "去公司", "过去看了", "(?:去|到)(?!年)[^,,。;;]{1,10}?(?:见了|见到|见|找了|拜会)"],
  },
  email: {
    en: ["e-?mail(?:ed|ing|s)?", "sent\\s+(?:an?\\s+)?(?:e-?mail|mail)", "wrote\\s+to", "mailed", "replied\\s+by\\s+e-?mail", "inbox"],
    zh: ["邮件", "发邮件", "发了邮件", "发了封邮件", "电邮", "写信"],
  },
  message: {
    en: [
      "messag(?:ed|ing|e)", "texted", "text(?:ing)?", "sms", "whats\\s?app(?:ed)?", "wechat(?:ed)?", "we\\s+chat", "dm(?:'?d|ed)?",
      "ping(?:ed)?", "slack(?:ed)?", "telegram", "line\\s+message", "left\\s+a\\s+(?:note|message)", "im'?d", "chat(?:ted)?\\s+on",
    ],
    zh: ["微信", "企业微信", "企微", "短信", "钉钉", "留言", "发消息", "发信息", "发了消息", "发了条消息", "发了信息", "私信", "语音", "聊了一下"],
  },
};

const COMPILED: { kind: InteractionKind; re: RegExp }[] = (Object.keys(KIND_CUES) as InteractionKind[]).flatMap((kind) => [
  { kind, re: new RegExp(`\\b(?:${KIND_CUES[kind].en.join("|")})\\b`, "gi") },
  { kind, re: new RegExp(`(?:${KIND_CUES[kind].zh.join("|")})`, "g") },
]);

const MAX_SCAN = 20_000;

/** Every kind cue in `text`, ordered by position (the longer cue first at one place; no overlaps). */
export function findKinds(text: string): KindHit[] {
  if (!text) return [];
  const src = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
  const hits: (KindHit & { end: number })[] = [];
  for (const { kind, re } of COMPILED) {
    for (const m of src.matchAll(re)) hits.push({ kind, matched: m[0], index: m.index!, end: m.index! + m[0].length });
  }
  hits.sort((a, b) => b.end - b.index - (a.end - a.index) || a.index - b.index);
  const kept: typeof hits = [];
  for (const h of hits) if (!kept.some((k) => h.index < k.end && h.end > k.index)) kept.push(h);
  kept.sort((a, b) => a.index - b.index);
  return kept.map(({ end: _end, ...h }) => h);
}

/** The kind of interaction a message reports — its first cue — or null when it names none. */
export function interactionKind(text: string): KindHit | null {
  return findKinds(text)[0] ?? null;
}
