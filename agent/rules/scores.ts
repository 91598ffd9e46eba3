// Survey scores in chat: "gave us a 9 on the NPS survey", "NPS 9", "nps of 9/10", "CSAT 4/5", "satisfaction 3 out of
// 5", "满意度调查打了4分,满分5分", "推荐度8分". NPS is 0–10 ("how likely are you to recommend us"), CSAT 1–5. The score is
// the number nearest the scale's name; a denominator ("/10", "out of 5", "满分5分") is never the score, and without a
// scale name it tells the scale (10 → NPS, 5 → CSAT) when the message is about a survey or rating.
import { parseChineseNumber } from "./numerals.ts";

export type SurveyScale = "nps" | "csat";

export interface SurveyScore {
  scale: SurveyScale;
  score: number;
  matched: string;
  index: number;
  /** End of the written score (exclusive): text.slice(index, end) === matched. */
  end: number;
}

export interface InvalidScore {
  scale: SurveyScale;
  /** English, for the reply: "CSAT must be 1–5". */
  invalid: string;
  /** The same in Chinese. */
  invalidZh: string;
}

export const SCALE_RANGE: Record<SurveyScale, { min: number; max: number }> = { nps: { min: 0, max: 10 }, csat: { min: 1, max: 5 } };

// "weak" names ("满意", "satisfied") say a score only with a survey word or a score mark (分, /5, stars):
// "还是不满意,下周三再跟进" is a complaint, not a CSAT of 3.
const KEYWORDS: { scale: SurveyScale; re: RegExp; weak?: boolean }[] = [
  { scale: "nps", re: /\b(?:nps|net[\s-]+promoter(?:\s+score)?)\b|净推荐值|推荐度|推荐指数|推荐值|推荐分|推荐意愿/gi },
  { scale: "nps", re: /\blikely\s+to\s+recommend\b|推荐/gi, weak: true },
  { scale: "csat", re: /\b(?:c-?sat|satisfaction\s+score)\b|满意度|满意分|满意评分/gi },
  { scale: "csat", re: /\b(?:satisfaction|satisfied)\b|满意/gi, weak: true },
];
const SURVEY_CUE = /\b(?:survey|rated|rating|rate|score[ds]?|gave|stars?|feedback)\b|调查|问卷|打分|评分|打了|评价|给了/i;
// A number, optionally "/10", "out of 10", "of 10", "分", "stars". Chinese numerals up to 十.
// A comma or point after a digit is a thousands/decimal separator ("1,000"); after a word it is punctuation ("出来了,9分").
const NUMBER = /(?<![\d$¥€£周期拜第])(?<!\d[.,])(\d{1,3}(?:\.\d+)?|十|[零一二两三四五六七八九]十?)(?!\d)(?:\s*(?:\/|out\s+of|of)\s*(\d{1,3})\b)?\s*(分|points?|pts|stars?|星)?/gi;
const DENOMINATOR_BEFORE = /(满分|总分|满分是|满分为|out\s+of|\/|of\s+a\s+possible|满)\s*$/i;
const NOT_A_SCORE_AFTER = /^\s*(%|％|月|号|日|天|年|个|家|人|万|千|元|块|days?|weeks?|months?|years?|people|clinics?|[:：]\d)/i;

const WINDOW = 48;

function invalidFor(scale: SurveyScale): InvalidScore {
  return scale === "nps"
    ? { scale, invalid: "NPS must be a whole number from 0 to 10", invalidZh: "NPS(推荐度)须为 0–10 的整数" }
    : { scale, invalid: "CSAT must be 1–5", invalidZh: "满意度(CSAT)须为 1–5 分" };
}

interface NumHit { value: number; denom?: number; index: number; end: number; matched: string }

function numbersIn(text: string, from: number, to: number): NumHit[] {
  const out: NumHit[] = [];
  const slice = text.slice(from, to);
  for (const m of slice.matchAll(NUMBER)) {
    const index = from + m.index!;
    const end = index + m[0].length;
    if (DENOMINATOR_BEFORE.test(text.slice(Math.max(0, index - 16), index))) continue;
    if (NOT_A_SCORE_AFTER.test(text.slice(end, end + 8)) && !m[3]) continue;
    if (/^\s*制/.test(text.slice(end, end + 3))) continue; // "5分制" names the scale, it is not the score
    const v = /^\d/.test(m[1]!) ? Number(m[1]) : parseChineseNumber(m[1]!);
    if (v === null) continue;
    const matched = m[0].trim();
    out.push({ value: v, denom: m[2] ? Number(m[2]) : undefined, index, end: index + matched.length, matched });
  }
  return out;
}

/** The survey score in `text`, an explanation when it is out of range, or null when there is none. */
export function parseSurveyScore(text: string): SurveyScore | InvalidScore | null {
  if (!text) return null;
  let best: { scale: SurveyScale; hit: NumHit; dist: number } | null = null;
  const surveyish = SURVEY_CUE.test(text);
  for (const { scale, re, weak } of KEYWORDS) {
    for (const k of text.matchAll(re)) {
      const ks = k.index!, ke = ks + k[0].length;
      for (const hit of numbersIn(text, Math.max(0, ks - WINDOW), Math.min(text.length, ke + WINDOW))) {
        // Only within the sentence of the keyword.
        const between = hit.index >= ke ? text.slice(ke, hit.index) : text.slice(hit.end, ks);
        if (/[.!?。！？\n]/.test(between)) continue;
        const dist = hit.index >= ke ? hit.index - ke : ks - hit.end;
        if (weak && !surveyish && !/分|point|pts|star|星/i.test(hit.matched) && !(hit.denom && dist <= 4)) continue;
        if (!best || dist < best.dist) best = { scale, hit, dist };
      }
      if (best?.dist === 0) break;
    }
  }
  if (!best && surveyish) {
    // "rated us 4 out of 5", "打了9分(满分10分)": the denominator names the scale.
    const nums = numbersIn(text, 0, Math.min(text.length, 2000));
    const withDenom = nums.find((n) => n.denom === 5 || n.denom === 10);
    const denomOnly = /(?:满分|out\s+of|总分)\s*(10|5|十|五)/i.exec(text);
    const scaleFromDenom = (d: number): SurveyScale => (d === 10 ? "nps" : "csat");
    if (withDenom) best = { scale: scaleFromDenom(withDenom.denom!), hit: withDenom, dist: 0 };
    else if (denomOnly && nums.length) {
      const d = /10|十/.test(denomOnly[1]!) ? 10 : 5;
      best = { scale: scaleFromDenom(d), hit: nums[0]!, dist: 0 };
    }
  }
  if (!best) return null;
  const { scale, hit } = best;
  const { min, max } = SCALE_RANGE[scale];
  if (hit.denom !== undefined && hit.denom !== max) return invalidFor(scale);
  if (!Number.isInteger(hit.value) || hit.value < min || hit.value > max) return invalidFor(scale);
  return { scale, score: hit.value, matched: hit.matched, index: hit.index, end: hit.end };
}

/** The recogniser's answer: a score with its scale and span, or an out-of-range one with the reason. */
export type ScoreEntity =
  | { scale: SurveyScale; score: number; /** The scale came from the number alone ("打了8分"), not a name. */ scaleGuessed: boolean; start: number; end: number; text: string }
  | (InvalidScore & { start: number; end: number; text: string });

/**
 * The survey score in `text` with its span: "NPS 9", "csat 4", "gave us 9/10", "4 out of 5", "满意度4分", "打了8分",
 * "推荐度9". With `surveyContext` (the caller already knows the clause reports a survey) a bare "9/10", "8分" or "4 stars"
 * counts too; a number with 分 and no scale is NPS above 5, CSAT at 5 or below (`scaleGuessed`).
 */
export function recogniseScore(text: string, opts: { surveyContext?: boolean } = {}): ScoreEntity | null {
  const found = parseSurveyScore(text);
  if (found && "score" in found) {
    return { scale: found.scale, score: found.score, scaleGuessed: false, start: found.index, end: found.end, text: found.matched };
  }
  const hits = numbersIn(text, 0, Math.min(text.length, 2000));
  if (found) {
    // Out of range: point at the number nearest a scale name (or the first) so the caller can quote it.
    const h = hits[0];
    return { ...found, start: h?.index ?? 0, end: h?.end ?? 0, text: h?.matched ?? "" };
  }
  // "4 out of 5" and "满分10分" are ratings whatever the sentence; "8分", "4 stars", "9/10" only in a survey clause.
  const rated = hits.find((h) => (h.denom === 5 || h.denom === 10) && (opts.surveyContext || /out\s+of/i.test(h.matched)))
    ?? (opts.surveyContext || /打了|打分|评分|给了|评了|rated|gave/i.test(text) ? hits.find((h) => /分|star|星|point|pts/i.test(h.matched) || h.denom) : undefined);
  if (!rated) return null;
  const scale: SurveyScale = rated.denom === 5 ? "csat" : rated.denom === 10 ? "nps" : rated.value > 5 ? "nps" : "csat";
  const { min, max } = SCALE_RANGE[scale];
  const base = { start: rated.index, end: rated.end, text: rated.matched };
  if (!Number.isInteger(rated.value) || rated.value < min || rated.value > max) return { ...invalidFor(scale), ...base };
  return { scale, score: rated.value, scaleGuessed: !rated.denom, ...base };
}

/** True when the message talks about a survey score at all (for the intent router). */
export function mentionsSurvey(text: string): boolean {
  return parseSurveyScore(text) !== null;
}
