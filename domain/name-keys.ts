// The short forms people use for a company: "华东机械有限公司" is "华东机械", "Acme Logistics" is often just "Acme",
// "上海宏达电子有限公司" is "宏达电子". Stored lower-cased in Customer.searchKeys.
const ZH_SUFFIXES = ["股份有限公司", "有限责任公司", "有限公司", "集团公司", "集团", "公司", "总公司"];
const ZH_REGIONS = [
  "北京", "上海", "天津", "重庆", "广州", "深圳", "杭州", "苏州", "南京", "宁波", "武汉", "成都", "西安", "厦门", "青岛",
  "无锡", "合肥", "长沙", "郑州", "济南", "福州", "东莞", "佛山", "大连", "沈阳", "昆明", "温州", "常州", "香港", "台湾",
  "浙江", "江苏", "广东", "山东", "福建", "四川", "湖北", "湖南", "河南", "河北", "安徽", "江西",
];
const EN_SUFFIXES = /[,.]?\s+(co\.?,?\s*ltd\.?|company|corp\.?|corporation|inc\.?|llc|ltd\.?|limited|gmbh|plc|group|holdings)$/i;
// First words too generic to stand for a company on their own.
const GENERIC_FIRST = new Set([
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
