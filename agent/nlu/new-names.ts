// The names of records that don't exist yet, read from the words around them: the store can't recognise a new
// contact or customer, so the words that introduce one ("main contact dan ortiz", "采购主管叫周涛", "owner is …")
// say where its name is — and the name is only the name, never the sentence around it.

// A word that introduces a person; the name follows (after "is", ":", "-").
const EN_CUE = /\b(?:main |primary |key )?(?:contact(?: person)?|poc|point of contact|owner|buyer|decision[- ]maker|named|called)\s*(?:is|=|:|-|–|—)?\s+([A-Za-z][A-Za-z'’-]+(?:\s+[A-Za-z][A-Za-z'’-]+)?)/gi;
// Words that can follow a cue without being a name ("contact at Acme", "owner is the CEO").
const NOT_A_NAME = /^(?:at|for|to|of|in|on|is|the|a|an|our|their|his|her|and|with|from|pls|please|details|info|number|email|phone|them|him|me)$/i;
// 联系人吴敏 / 对接人是王强 / 老板叫张伟 / 新来了个采购主管叫周涛: a Chinese name (2–3 characters) after its cue.
const ZH_CUE = /(?:联系人|对接人|负责人|老板|名叫|叫做|叫)(?:是|叫)?[::]?\s*(\p{Script=Han}{2,3}?)(?=$|[,,。;;、\s(( ]|是|电话|手机|邮箱|微信|,|负责|做|的?电话)/u;
// 新来了个采购主管叫周涛 / 新的财务经理叫… : the role named before 叫.
const ZH_ROLE = /新(?:来了?|来的|任|的|换了)?(?:一)?个?([\p{Script=Han}A-Za-z]{2,8}?)(?:叫|名叫|叫做)/u;

/** The person a cue introduces, title-cased when typed in lower case ("dan ortiz" → "Dan Ortiz"). */
export function cuedPerson(text: string): { name: string; title?: string } | null {
  const zh = ZH_CUE.exec(text);
  if (zh) {
    const role = ZH_ROLE.exec(text)?.[1];
    return { name: zh[1]!, ...(role && role !== "的" ? { title: role } : {}) };
  }
  for (const m of text.matchAll(EN_CUE)) {
    const [first, second] = m[1]!.split(/\s+/) as [string, string | undefined];
    if (NOT_A_NAME.test(first)) continue;
    // A second word that is not a name ("dan and …", "jane at …") ends the name after the first.
    const words = second && !NOT_A_NAME.test(second) ? [first, second] : [first];
    return { name: words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join(" ") };
  }
  return null;
}
