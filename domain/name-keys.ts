// The short forms people use for a company: "华东机械有限公司" is "华东机械", "Acme Logistics" is often just "Acme",
// "上海宏达电子有限公司" is "宏达电子". Stored lower-cased in Customer.searchKeys.
const ZH_SUFFIXES = ["股份有限公司", "有限责任公司", "有限公司", "集团公司", "集团", "公司", "总公司"];
export const ZH_REGIONS = [
  "北京", "上海", "天津", "重庆", "广州", "深圳", "杭州", "苏州", "南京", "宁波", "武汉", "成都", "西安", "厦门", "青岛",
  "无锡", "合肥", "长沙", "郑州", "济南", "福州", "东莞", "佛山", "大连", "沈阳", "昆明", "温州", "常州", "香港", "台湾",
  "浙江", "江苏", "广东", "山东", "福建", "四川", "湖北", "湖南", "河南", "河北", "安徽", "江西",
];
const EN_SUFFIXES = /[,.]?\s+(co\.?,?\s*ltd\.?|company|corp\.?|corporation|inc\.?|llc|ltd\.?|limited|gmbh|plc|group|holdings)$/i;
// First words too generic to stand for a company on their own.
export const GENERIC_FIRST = new Set([
  "the", "new", "global", "china", "international", "first", "general", "united", "american", "asia", "pacific",
  "great", "best", "top", "north", "south", "east", "west", "city", "national", "royal", "golden", "smart", "green",
]);

const hasHan = (s: string) => /\p{Script=Han}/u.test(s);

export function shortForms(name: string): string[] {
  const out = new Set<string>();
  const n = name.trim().toLowerCase();
  if (!n) return [];
  out.add(n);
  if (hasHan(n)) {
    let core = n;
    for (const s of ZH_SUFFIXES) if (core.endsWith(s) && core.length - s.length >= 2) { core = core.slice(0, -s.length); break; }
    out.add(core);
    for (const r of ZH_REGIONS) {
      if (core.startsWith(r) && core.length - r.length >= 2) out.add(core.slice(r.length));
      // "宏达电子(上海)有限公司" style region in brackets
    }
    const noParen = core.replace(/[((][^))]*[))]/g, "");
    if (noParen.length >= 2) out.add(noParen);
  } else {
    const core = n.replace(EN_SUFFIXES, "").trim();
    if (core.length >= 2) out.add(core);
    const first = core.split(/\s+/)[0] ?? "";
    if (first.length >= 4 && !GENERIC_FIRST.has(first) && core.includes(" ")) out.add(first);
  }
  return [...out].filter((k) => k.length >= 2);
}

export function customerSearchKeys(name: string, aliases: string[] = []): string[] {
  return [...new Set([name, ...aliases].flatMap(shortForms))];
}

/** Does `key` occur in `text` as a word (ASCII keys) or anywhere (Han keys, which have no spaces)? */
export function mentions(textLower: string, key: string): boolean {
  if (hasHan(key)) return textLower.includes(key);
  let from = 0;
  for (;;) {
    const i = textLower.indexOf(key, from);
    if (i < 0) return false;
    const before = textLower[i - 1] ?? " ";
    const after = textLower[i + key.length] ?? " ";
    if (!/[\p{L}\p{N}]/u.test(before) || hasHan(before)) {
      if (!/[\p{L}\p{N}]/u.test(after) || hasHan(after) || (after === "s" && !/[\p{L}\p{N}]/u.test(textLower[i + key.length + 1] ?? " ")))
        return true;
    }
    from = i + 1;
  }
}

// Words a company name may start with that are also everyday words: never a prefix on their own.
const COMMON_FIRST = new Set([
  "the", "a", "an", "new", "my", "our", "your", "first", "best", "top", "great", "good", "big", "little", "old", "one",
  "all", "blue", "red", "green", "smart", "city", "general", "global", "national", "international", "united", "star",
]);
// Han prefixes that are everyday words (or places) rather than the start of one company's name.
const ZH_COMMON_PREFIX = new Set(["中国", "中华", "国际", "我们", "今天", "明天", "公司", "客户", "东方", "天天", "全国", "世界", "一个", "大家"]);

export interface NamePrefix {
  /** Lower-case, words single-spaced. */
  key: string;
  /** An everyday word ("pacific", "golden"): stands for the customer only when written capitalised. */
  needsCapital: boolean;
}

/**
 * The beginnings of a customer's name people write for the whole ("Pacific" for Pacific Freight, "华东" for
 * 华东机械有限公司): the first words of the name (without its legal suffix) and, in Chinese, its first characters (at
 * least two, never a place name alone). Several customers may share one — the caller asks which.
 */
export function namePrefixes(name: string, aliases: string[] = []): NamePrefix[] {
  const out = new Map<string, NamePrefix>();
  for (const raw of [name, ...aliases]) {
    const n = raw.trim().toLowerCase();
    if (!n) continue;
    if (hasHan(n)) {
      for (const core of shortForms(n)) {
        if (!hasHan(core) || ZH_SUFFIXES.some((x) => core.endsWith(x))) continue;
        const chars = Array.from(core);
        for (let len = 2; len < chars.length; len++) {
          const p = chars.slice(0, len).join("");
          if (ZH_COMMON_PREFIX.has(p) || !/^\p{Script=Han}+$/u.test(p)) continue;
          if (ZH_REGIONS.some((r) => p.startsWith(r) && p.length - r.length < 2)) continue; // "上海", "上海宏"
          out.set(p, { key: p, needsCapital: false });
        }
      }
    } else {
      const words = n.replace(EN_SUFFIXES, "").trim().split(/\s+/);
      for (let k = 1; k < words.length; k++) {
        const p = words.slice(0, k).join(" ");
        if (k === 1 && (COMMON_FIRST.has(p) || p.length < 3)) continue;
        if (!out.has(p)) out.set(p, { key: p, needsCapital: k === 1 && GENERIC_FIRST.has(p) });
      }
    }
  }
  return [...out.values()];
}
