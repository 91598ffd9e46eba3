// Which language a message is written in, to answer in kind. Chinese messages carry English names
// ("把海通物流转给Sarah Chen负责") and English ones Chinese customer names ("Visited 华东机械有限公司 yesterday"), so
// "any Han character → zh" is wrong both ways. We weigh the evidence: Han characters (about four make a name or a
// clause), English words (capitalised ones count half — they are usually names), and the script the message opens with.

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g;
const LATIN_WORD = /[A-Za-z][A-Za-z']*/g;
const FIRST_LETTER = /[A-Za-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/** "zh" when Han characters make a meaningful share of the message, else "en" (also for empty or emoji-only text). */
export function detectLanguage(text: string): "zh" | "en" {
  if (!text) return "en";
  const sample = text.length > 4000 ? text.slice(0, 4000) : text;
  const han = sample.match(HAN)?.length ?? 0;
  if (han === 0) return "en";
  let en = 0;
  for (const w of sample.match(LATIN_WORD) ?? []) en += /^[A-Z]/.test(w) ? 0.5 : 1;
  let zh = han / 4;
  const first = sample.match(FIRST_LETTER)?.[0] ?? "";
  if (/[A-Za-z]/.test(first)) en += 1;
  else zh += 1;
  return zh > en ? "zh" : "en";
}
