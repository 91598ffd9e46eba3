// The sentiment of a logged interaction, from a small lexicon a manager can read: cue words in English and Chinese,
// a negation just before a cue flips it ("not happy", "不太满意", "没问题"), and a message that mixes concern with
// politeness leans negative — "thanks for the call, but they're worried about the price" is a warning, not praise.

export type Sentiment = "positive" | "neutral" | "negative";

export interface SentimentCue {
  cue: string;
  polarity: "positive" | "negative";
  negated: boolean;
  index: number;
}

// Weights: 1 a clear cue, 0.5 politeness or a soft cue. Stems cover inflections ("worr(y|ied)").
const EN_NEGATIVE: [string, number][] = [
  ["worr(?:y|ied|ies|ying)", 1], ["concern(?:s|ed)?", 1], ["complain(?:s|ed|ing|t|ts)?", 1], ["angry", 1], ["furious", 1.5], ["livid", 1.5], ["irate", 1.5], ["fuming", 1.5], ["mad", 1], ["pissed(?: off)?", 1.5], ["upset", 1],
  ["unhappy", 1], ["frustrat(?:ed|ing|ion)", 1], ["annoyed", 1], ["disappoint(?:ed|ing|ment)", 1], ["dissatisfied", 1],
  ["unsatisfied", 1], ["delay(?:s|ed)?", 1], ["late", 0.5], ["damaged", 1], ["broken", 1], ["defect(?:s|ive)?", 1],
  ["issues?", 0.5], ["problems?", 0.5], ["cancel(?:l?ed|ling|lation)?", 1], ["churn(?:ing)?", 1], ["threaten(?:ed|ing)?", 1],
  ["escalat(?:e|ed|ion)", 1], ["bad", 1], ["badly", 1], ["poorly", 1], ["went south", 1], ["poor", 1], ["(?:above|higher than|more expensive than|pricier than) (?:the )?(?:competition|competitors?|market|others)", 1], ["(?:cheaper|lower) (?:elsewhere|quote|offer)", 1], ["terrible", 1], ["awful", 1], ["slow", 0.5], ["push(?:ed)?\\s*back", 1],
  ["postpone(?:d)?", 1], ["on hold", 1], ["paus(?:e|ed|es|ing)", 1], ["cut(?:ting)? back", 1], ["need to cut", 1], ["budget cuts?", 1], ["cut(?:ting)? (?:the |their |our )?budget", 1], ["scal(?:e|ed|ing) back", 1], ["reduc(?:e|ed|ing) (?:volume|orders?|spend)", 1], ["lost", 1], ["losing", 1], ["at risk", 1], ["hesitant", 1], ["skeptical", 1],
  ["too expensive", 1], ["too (?:high|pricey|costly)", 1], ["over (?:their|the) budget", 1], ["price increase", 0.5], ["competitor", 0.5], ["unresponsive", 1], ["ghosting", 1], ["ghosted", 1],
  ["going cold", 1], ["negative", 1], ["(?:another|other|alternative|a new|a cheaper) (?:vendor|supplier|provider)s?", 1], ["switch(?:ing)? (?:vendors?|suppliers?)", 1], ["move (?:volume|business|orders)", 1], ["urgent", 0.5], ["behind schedule", 1], ["overdue", 1], ["refund", 0.5], ["wrong", 1],
];
const EN_POSITIVE: [string, number][] = [
  ["happy", 1], ["pleased", 1], ["glad", 1], ["great", 1], ["good", 0.5], ["excellent", 1], ["positive", 1],
  ["excited", 1], ["exciting", 1], ["interested", 1], ["keen", 1], ["satisfied", 1], ["love(?:d|s)?", 1], ["thrilled", 1],
  ["impressed", 1], ["back on track", 1.5], ["on track", 1], ["approved", 1], ["renew(?:ed|ing)", 1], ["signed", 1],
  ["enthusiastic", 1], ["(?:went|going|goes|gone) (?:really |very |so |super |extremely |quite )?well", 1], ["smooth(?:ly)?", 1], ["happy with", 1], ["delighted", 1],
  ["promising", 1], ["going with us", 1.5], ["(?:chose|picked|selected) us", 1.5], ["on ?board", 0.5], ["committed", 1], ["warm", 0.5], ["improv(?:ing|ed|es|ement)", 1], ["fine", 0.5], ["better", 0.5], ["solid", 0.5], ["productive", 1], ["constructive", 1], ["friendly", 0.5], ["agreed", 1], ["win", 0.5], ["won", 1], ["expand(?:ing)?", 0.5], ["upsell", 1], ["(?:volumes?|orders?|demand|spend|budget|usage)\\s+(?:will\\s+|is\\s+|are\\s+|should\\s+)?(?:go(?:ing)?\\s+up|grow(?:ing)?|increas(?:e|ing)|doubl(?:e|ing)|ramp(?:ing)?\\s+up)", 1],
  ["thanks", 0.5], ["thank you", 0.5], ["appreciat(?:e|ed|es)", 0.5], ["no problem", 1], ["no complaints", 1], ["(?:issue|problem)s? (?:is |are |was |were |has been |have been )?(?:resolved|fixed|sorted)", 1.5],
];
const ZH_NEGATIVE: [string, number][] = [
  ["不满意", 1], ["不满", 1], ["不高兴", 1], ["不开心", 1], ["不太好", 1], ["不好", 1], ["投诉", 1], ["抱怨", 1], ["担心", 1],
  ["担忧", 1], ["顾虑", 1], ["推迟", 1], ["延迟", 1], ["延期", 1], ["拖延", 1], ["拖欠", 1], ["生气", 1], ["着急", 0.5],
  ["问题", 0.5], ["损坏", 1], ["坏了", 1], ["破损", 1], ["错了", 1], ["开错", 1], ["发错", 1], ["差", 0.5],
  ["失望", 1], ["催", 0.5], ["流失", 1], ["取消", 1], ["退货", 1], ["风险", 0.5], ["犹豫", 1], ["竞争对手", 0.5], ["涨价", 0.5],
  ["太贵", 1], ["嫌贵", 1], ["太高了?", 1], ["偏高", 1], ["贵了", 1], ["不划算", 1], ["不认可", 1], ["不愿意", 1], ["冷淡", 1], ["不回", 1], ["压价", 0.5], ["砍价", 0.5], ["丢单", 1],
  ["质量问题", 1], ["有意见", 1], ["意见很大", 1], ["不爽", 1], ["麻烦", 0.5], ["拒绝", 1], ["停止合作", 1], ["换供应商", 1], ["暂停", 1], ["减少", 0.5], ["控制采购", 1], ["缩减", 1], ["压缩", 0.5], ["收紧", 0.5], ["下滑", 1], ["不耐烦", 1], ["砍单", 1], ["搁置", 1], ["不理想", 1], ["不顺利", 1],
  // Less business, said as an outcome or a threat: "订单会减少", "客流少了", "量要降", "再不开票就不下单了", "催发票,挺急的".
  ["(?:客流|订单|单子|单量|量|采购量?|销量|生意|业务|需求)(?:[^,，。;；!！]{0,4}(?:少了?|减少了?|下降了?|下滑了?|变少|降)|不好)", 1], ["不下单", 1], ["不再下单", 1], ["再不[^,，。;；]{1,8}就", 1],
  ["催(?:款|货|单|发票|付款|交货|进度)", 1], ["(?:有点|挺|很|特别|非常|比较)急", 0.5],
];
const ZH_POSITIVE: [string, number][] = [
  ["很高兴", 1], ["高兴", 1], ["开心", 1], ["满意(?!度)", 1], ["很好", 1], ["不错", 1], ["挺好", 1], ["非常好", 1], ["顺利", 1],
  ["认可", 1], ["感谢", 0.5], ["谢谢", 0.5], ["喜欢", 1], ["积极", 1], ["批了", 1], ["签了", 1], ["签约", 1], ["愿意", 1],
  ["感兴趣", 1], ["有兴趣", 1], ["好评", 1], ["放心", 1], ["赞", 1], ["没问题", 1], ["回到正轨", 1.5], ["恢复正常", 1],
  ["续约", 1], ["好转", 1], ["可以接受", 1], ["能接受", 1], ["批下来了?", 1], ["批准了?", 1], ["通过了", 0.5], ["(?:加|增加|追加|提高)预算", 1], ["拉近", 1], ["更近了", 1], ["聊得(?:很|挺|非常)?(?:开心|愉快|投机)", 1], ["进展(?:很|挺)?(?:好|不错|顺利)", 1], ["改善", 1], ["缓和", 0.5], ["融洽", 1], ["愉快", 1], ["肯定", 0.5], ["同意", 1], ["问题(?:已经?|都)?解决了?", 1.5], ["已经?解决了?", 1], ["搞定了?", 1], ["已经到了", 0.5], ["加单", 1], ["追加", 1], ["扩大合作", 1], ["(?:运量|订单|单子|单量|采购量?|销量|需求|预算|用量)[^,，。;；!！]{0,4}(?:会涨|要涨|涨了?|增加|增长|翻倍|上升|提高|加大)", 1], ["翻倍", 1], ["意向(?:很|非常|比较)?强", 1], ["合作愉快", 1], ["表扬", 1], ["热情", 1], ["好", 0.3],
];

function compile(list: [string, number][], en: boolean): { re: RegExp; weights: [RegExp, number][] } {
  const sorted = [...list].sort((a, b) => b[0].length - a[0].length);
  const body = sorted.map(([s]) => s.replace(/ /g, "\\s+")).join("|");
  return {
    re: new RegExp(en ? `\\b(?:${body})\\b` : `(?:${body})`, "gi"),
    weights: sorted.map(([s, w]) => [new RegExp(`^(?:${s.replace(/ /g, "\\s+")})$`, "i"), w]),
  };
}
const LEX = {
  enNeg: compile(EN_NEGATIVE, true), enPos: compile(EN_POSITIVE, true),
  zhNeg: compile(ZH_NEGATIVE, false), zhPos: compile(ZH_POSITIVE, false),
};

const EN_NEGATION = /\b(?:not|no|never|hardly|without|barely|nothing|nor)\b(?:\s+(?:very|really|too|so|that|quite|at\s+all|been|be|as|all|overly|particularly))*\s*$|n't\s+(?:(?:very|really|too|so|that|quite|been|be|feel|feeling|seem|seems|look|looks|sound|sounds)\s+)*$/i;
const ZH_NEGATION = /(?:不|没|没有|别|未|无|并不|不太|不是很|不怎么|不够|不是特别|不算|不再)$/;

function weightOf(lex: { weights: [RegExp, number][] }, cue: string): number {
  for (const [re, w] of lex.weights) if (re.test(cue)) return w;
  return 1;
}

const MAX_SCAN = 20_000; // a pasted novel gets its sentiment from the first 20k characters

/** Cues found, with negation applied — the "why" behind `sentimentOf`. */
export function sentimentCues(text: string): SentimentCue[] {
  if (!text) return [];
  const src = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
  const hits: (SentimentCue & { end: number; weight: number })[] = [];
  const scan = (lex: typeof LEX.enNeg, polarity: "positive" | "negative", negation: RegExp, look: number) => {
    for (const m of src.matchAll(lex.re)) {
      const index = m.index!, end = index + m[0].length;
      const negated = negation.test(src.slice(Math.max(0, index - look), index));
      hits.push({ cue: m[0], polarity, negated, index, end, weight: weightOf(lex, m[0]) });
    }
  };
  scan(LEX.enNeg, "negative", EN_NEGATION, 40);
  scan(LEX.enPos, "positive", EN_NEGATION, 40);
  scan(LEX.zhNeg, "negative", ZH_NEGATION, 5);
  scan(LEX.zhPos, "positive", ZH_NEGATION, 5);
  // Overlaps: the longer cue wins ("不满意" over "满意", "back on track" over "on track", "no problem" over "problem").
  hits.sort((a, b) => b.end - b.index - (a.end - a.index) || a.index - b.index);
  const kept: typeof hits = [];
  for (const h of hits) if (!kept.some((k) => h.index < k.end && h.end > k.index)) kept.push(h);
  kept.sort((a, b) => a.index - b.index);
  return kept.map(({ end: _e, ...c }) => ({ ...c }));
}

/** positive | neutral | negative for a message (see the file comment for the rules). */
export function sentimentOf(text: string): Sentiment {
  let pos = 0, neg = 0;
  for (const c of sentimentCues(text) as (SentimentCue & { weight: number })[]) {
    const w = c.weight;
    // A negated positive ("not happy") is a full negative; a negated negative ("not worried", "没问题") only half a positive.
    if (c.polarity === "positive") c.negated ? (neg += w) : (pos += w);
    else c.negated ? (pos += w / 2) : (neg += w);
  }
  // Concern outweighs politeness: a worry needs well under twice its weight in praise to tip the message negative.
  if (neg > 0 && neg >= pos * 0.6) return "negative";
  if (pos >= 0.5) return "positive";
  return "neutral";
}
