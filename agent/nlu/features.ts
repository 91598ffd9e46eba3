// What the classifier sees of a message: word uni/bigrams for Latin text, character 1–3-grams for Han text, short
// character grams inside Latin words (typos, "complained"/"complaining"), placeholders as words of their own, and a
// few shape features (a question mark, a leading verb). Deterministic and pure: training and run time share it.
const MARK: Record<string, string> = {
  "@date_today": "ⓦ", "@date_past": "ⓧ", "@date_future": "ⓨ", "@date": "ⓩ",
  "@customer2": "Ⓓ", "@customer": "Ⓒ", "@contact": "Ⓟ", "@user": "Ⓤ", "@amount": "Ⓐ", "@email": "Ⓔ", "@phone": "Ⓣ",
};
const TOKEN = /@date_today|@date_past|@date_future|@date|@customer2|@customer|@contact|@user|@amount|@email|@phone|[a-z]+(?:['’][a-z]+)?(?:\/[a-z]+)?|\d+(?:[.,:/]\d+)*|\p{Script=Han}+|[??!!]|\p{Extended_Pictographic}/gu;

export function normalise(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

export function features(text: string): string[] {
  const t = normalise(text);
  const out = new Set<string>();
  const tokens = t.match(TOKEN) ?? [];
  // Words: a Han run counts as one "word" slot for bigrams with neighbours, digits as one class.
  const words = tokens.map((w) => (/^\d/.test(w) ? "<num>" : /^\p{Script=Han}/u.test(w) ? "<han>" : w));
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w !== "<han>") out.add(`w:${w}`);
    if (i > 0) out.add(`b:${words[i - 1]}_${w}`);
  }
  if (words.length) out.add(`f:${words[0]}`);
  if (words.length > 1) out.add(`f2:${words[0]}_${words[1]}`);
  for (const w of tokens) {
    if (!/^[a-z]/.test(w) || w.length < 4) continue;
    const p = `^${w}$`;
    for (let i = 0; i + 4 <= p.length; i++) out.add(`g:${p.slice(i, i + 4)}`);
  }
  // Han text with placeholders as single marks, so "Ⓐ的单" and "给Ⓟ发" are features.
  const han = t.replace(/@date_today|@date_past|@date_future|@date|@customer2|@customer|@contact|@user|@amount|@email|@phone/g, (m) => MARK[m]!).replace(/\d+/g, "9");
  for (const run of han.match(/[\p{Script=Han}ⒸⓅⓊⒶⒺⓉⒹⓦⓧⓨⓩ9]+/gu) ?? []) {
    if (!/\p{Script=Han}/u.test(run)) continue;
    const cs = [...run];
    for (let i = 0; i < cs.length; i++) {
      if (/\p{Script=Han}/u.test(cs[i]!)) out.add(`c:${cs[i]}`);
      if (i + 1 < cs.length) out.add(`c:${cs[i]}${cs[i + 1]}`);
      if (i + 2 < cs.length) out.add(`c:${cs[i]}${cs[i + 1]}${cs[i + 2]}`);
    }
    out.add(`c^:${cs.slice(0, 2).join("")}`);
  }
  if (/[??]\s*$/.test(t)) out.add("s:?end");
  if (t.length < 12) out.add("s:short");
  else if (t.length > 80) out.add("s:long");
  return [...out];
}
