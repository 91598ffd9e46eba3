// Chinese and English number words, shared by the date and amount parsers. People write "两周后", "十二万",
// "两万五" (= 25,000: a trailing digit after a unit counts in the next lower unit), "in two weeks", "a couple of days".

const CN_DIGIT: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 俩: 2, 三: 3, 叁: 3, 四: 4, 肆: 4, 五: 5, 伍: 5,
  六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const CN_SMALL_UNIT: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const CN_BIG_UNIT: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

/** Characters that can make up a Chinese numeral (for building regexes). */
export const CN_NUM_CLASS = "零〇一壹二贰两俩三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万萬亿億";

/**
 * Value of a Chinese numeral ("十二" 12, "两万五" 25000, "一万零五" 10005, "三千五" 3500, "一亿二千万" 120000000),
 * or null when `s` is not one. Arabic digits may be mixed in ("3千" 3000, "1万2" 12000).
 */
export function parseChineseNumber(s: string): number | null {
  if (!s || s.length > 24) return null;
  let total = 0; // sum of completed 万/亿 groups
  let section = 0; // value below the current big unit
  let digit: number | null = null; // pending digit (not yet multiplied by a unit)
  let lastUnit = 0; // the unit just before the pending digit, for the "两万五" shorthand
  let afterZero = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch >= "0" && ch <= "9") {
      let j = i;
      while (j < s.length && /[0-9.]/.test(s[j]!)) j++;
      const n = Number(s.slice(i, j));
      if (!Number.isFinite(n)) return null;
      digit = n;
      i = j - 1;
      continue;
    }
    if (ch in CN_DIGIT) {
      const d = CN_DIGIT[ch]!;
      if (d === 0) { afterZero = true; lastUnit = 0; continue; }
      if (digit !== null) return null; // "三五" is not a number we read
      digit = d;
      continue;
    }
    if (ch in CN_SMALL_UNIT) {
      const u = CN_SMALL_UNIT[ch]!;
      section += (digit ?? 1) * u; // "十二" → 1×10 + 2
      digit = null; lastUnit = u; afterZero = false;
      continue;
    }
    if (ch in CN_BIG_UNIT) {
      const u = CN_BIG_UNIT[ch]!;
      const group = section + (digit ?? 0) || (section === 0 && digit === null ? 1 : 0);
      if (u === 1e8) total = (total + group) * u;
      else total += group * u;
      section = 0; digit = null; lastUnit = u; afterZero = false;
      continue;
    }
    return null;
  }
  if (digit !== null) {
    // "两万五" / "三千五" / "一百五": a bare trailing digit right after a unit is one unit lower.
    section += lastUnit >= 100 && !afterZero && Number.isInteger(digit) && digit < 10 ? (digit * lastUnit) / 10 : digit;
  }
  return total + section;
}

const EN_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, "a couple of": 2, "a couple": 2, couple: 2,
  "a few": 3, few: 3, several: 3,
};

/** Regex source for an English count: digits or a small number word. */
export const EN_COUNT_SRC = "\\d{1,3}|a couple of|a couple|a few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty";

/** Value of an English count ("two", "a couple of", "3"), or null. */
export function parseEnglishCount(s: string): number | null {
  const k = s.trim().toLowerCase().replace(/\s+/g, " ");
  if (/^\d+(\.\d+)?$/.test(k)) return Number(k);
  return EN_WORDS[k] ?? null;
}

/** A count written either way: "3", "三", "两", "十五", "two". */
export function parseCount(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  return parseEnglishCount(s) ?? parseChineseNumber(s);
}
