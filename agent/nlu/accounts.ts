// Frames for the account itself: a new customer or contact, edits to a customer's profile or a contact's details,
// reassigning and archiving. The names of new records are read from the words (the store can't know them yet).
import type { RulesEnv } from "../rules/rules-env.ts";
import type { Understanding } from "./understand.ts";
import type { Plan, PlannedCall, Forced } from "./plan.ts";
import type { Say } from "./say.ts";
import { askWhichCustomer } from "./dialogue.ts";
import { settledTarget, type Settled } from "./records.ts";
import { tierIn, valid } from "./slots.ts";
import { contactAt, unknownCustomerName, unknownPersonName } from "./recognise.ts";
import { cuedPerson } from "./new-names.ts";

const ASSIGN_BEFORE = /\b(assign(ed)?( it)? to|give (it )?to|hand (it )?(over )?to|owner:?|owned by|for)\s*$|(分给|交给|转给|归|由|让)\s*$/i;

const SANE_NAME = /^[\p{L}\p{N}][\p{L}\p{N}\p{M} &.,'’()()·+-]{0,79}$/u;

const ACCOUNT_ACTS = ["new_customer", "new_contact", "edit_customer", "edit_contact", "reassign", "archive"] as const;

const TO_ME =
  /\b(?:to|for)\s+(?:me|myself)\b|\bmine\b|\b(?:give|hand)\s+me\b|\bme\s+(?:the|as)\s+(?:owner|account)|\bi(?:'ll|\s+will)?\s+(?:own|take\s+over)\b|(?:给|归|转到|转给|改成|换成|改到|划到|调到|交给|移交给)我(?!们)|我(?:来|自己)?(?:跟|负责|接手?|对接)|我(?:的)?名下/i;

export async function planAccount(u: Understanding, forced: Forced | undefined, env: RulesEnv, say: Say): Promise<Plan | null> {
  const acts = u.acts.filter((a) => (ACCOUNT_ACTS as readonly string[]).includes(a));
  if (!acts.length) return null;
  const whoAny = forced?.target ?? settledTarget(u);
  const who = whoAny && !("ambiguous" in whoAny) ? whoAny : null;
  if (whoAny && "ambiguous" in whoAny && !acts.includes("new_customer"))
    return askWhichCustomer(u, whoAny);
  const calls: PlannedCall[] = [];
  if (acts.includes("new_customer")) {
    const c = newCustomer(u.raw, unknownCustomerName(u.rec));
    // A new customer's name is a name: letters, a sane length — never a line of noise the model half-recognised.
    if (!c || !SANE_NAME.test(c.args.name) || !/\p{L}{2}/u.test(c.args.name)) return { calls: [], reply: say("newCustomerName") };
    calls.push({ name: "add_customer", args: c.args });
    // The person introduced with the new account ("…, main contact dan ortiz") is its first contact, even when the
    // classifier heard only the new customer.
    if (acts.includes("new_contact") || unknownPersonName(u.rec, c.rest) || cuedPerson(c.rest)) {
      const p = newContact(c.rest, u);
      if (p) calls.push({ name: "add_contact", args: { customer: c.args.name, ...p } });
    }
    // "…, assign to sarah", "分给李伟跟": the new customer's owner.
    const owner = u.rec.colleagues.find((x) => x.handle !== env.actorHandle && (acts.includes("reassign") || ASSIGN_BEFORE.test(u.raw.slice(Math.max(0, x.start - 14), x.start))));
    if (owner) calls[0]!.args = { ...calls[0]!.args, owner: owner.handle };
    return { calls };
  }
  if (acts.includes("reassign")) {
    if (!who) return { calls: [], reply: say("reassignWhich") };
    // "transfer X to me, Tom is too busy": the speaker asking for it is the new owner, whoever else is named.
    const toMe = TO_ME.test(u.raw) ? env.actorHandle : undefined;
    const to = toMe ?? u.rec.colleagues.find((x) => x.handle !== env.actorHandle)?.handle;
    if (!to) return { calls: [], reply: say("reassignTo", { customer: who.display }) };
    return { calls: [{ name: "reassign_owner", args: { customer: who.name, to } }] };
  }
  if (!who) return null;
  if (acts.includes("new_contact")) {
    const p = newContact(u.raw, u);
    if (!p) return { calls: [], reply: say("contactName") };
    return { calls: [{ name: "add_contact", args: { customer: who.name, ...p } }] };
  }
  if (acts.includes("archive")) return { calls: [{ name: "update_customer", args: { customer: who.name, archive: true } }] };
  if (acts.includes("edit_contact")) {
    const plan = contactEdit(u, who, say);
    if (plan) return plan;
  }
  if (acts.includes("edit_customer")) {
    const plan = customerEdit(u, who);
    if (plan) return plan;
  }
  return null;
}

function customerEdit(u: Understanding, who: Settled): Plan | null {
  const raw = u.raw;
  const tier = tierIn(raw);
  const field = /\b(industry|sector|region|city|location|based in)\b\s*(?:to|is now|is|=|:|now)?\s*(.+)$/i.exec(raw) ?? /(行业|地区|城市|所在地|区域)(?:改成|改为|换成|调整为|更新为|是|为|:|:)\s*(.+)$/.exec(raw);
  const field2 = /(?:改成|改为|换成|调整为|更新为|设为)\s*(.+?)(?:行业|地区)?[。.!!]?$/.exec(raw);
  const slotField = u.reading.slots.field?.value;
  if (tier && (slotField === "tier" || !field)) return { calls: [{ name: "update_customer", args: { customer: who.name, tier } }] };
  if (field) {
    const key = /industry|sector|行业/i.test(field[1]!) ? "industry" : "region";
    const value = field[2]!.replace(/[.。!!]+$/, "").trim();
    if (value) return { calls: [{ name: "update_customer", args: { customer: who.name, [key]: value } }] };
  }
  if (field2 && (slotField === "industry" || slotField === "region"))
    return { calls: [{ name: "update_customer", args: { customer: who.name, [slotField]: field2[1]!.trim() } }] };
  return null;
}

function contactEdit(u: Understanding, who: Settled, say: Say): Plan | null {
  const raw = u.raw;
  const person = contactAt(u.rec, who.customerId)?.name ?? who.contact;
  if (!person) return null;
  const field = u.reading.slots.field?.value;
  if (field === "birthday") {
    const born = valid(u.rec.dates).find((d) => /\d{4}/.test(d.matched));
    if (!born) return { calls: [], reply: say("birthdayYear", { person }) };
    return { calls: [{ name: "update_contact", args: { contact: person, customer: who.name, birthday: born.date } }] };
  }
  const email = u.rec.emails[0];
  const phone = u.rec.phones[0];
  const title = (/\b(?:is now|became|promoted to|now)\s+(?:the |our |their |a |an )?(.+?)[.。!]?$/i.exec(raw)?.[1] ??
    /(?:职位|头衔)(?:换成|改成|改为|更新为|变成|是)\s*(.+?)[。.]?$|(?:升(?:职|任)为|现在是|升了|当上了?)\s*(.+?)[。.]?$/.exec(raw)?.slice(1).find(Boolean))
    ?.replace(/\s+(?:at|of|for|in)\s+.*$/i, "").replace(/了$/, "").trim();
  const args = { contact: person, customer: who.name, ...(email ? { email } : {}), ...(phone ? { phone } : {}), ...(!email && !phone && title ? { title } : {}) };
  return Object.keys(args).length > 2 ? { calls: [{ name: "update_contact", args }] } : null;
}

/** "Add Redstone Capital as a new customer, fintech" / "新客户:远大重工,工程机械,长沙" → name, industry, region, tier. */
function newCustomer(raw: string, spanName?: string): { args: { name: string; industry?: string; region?: string; tier?: string }; rest: string } | null {
  const afterColon = /[::]\s*(.+)$/.exec(raw)?.[1];
  const named = /^(?:please\s+|pls\s+)?(?:add|create|set up|register|put in)\s+(.+?)\s+as\s+(?:a|an|our)?\s*(?:new\s+)?(?:customer|account|client|prospect|lead)\b[\s,.;:-]*(.*)$/i.exec(raw)
    ?? /^(?:请)?(?:帮我)?(?:把|将)(.+?)(?:加为|添加为|新建为|录入为|设为|加成|建成)(?:一个)?新?客户[,,。;;\s]*(.*)$/.exec(raw);
  const body = named
    ? [named[1], named[2]].filter(Boolean).join(", ")
    : afterColon ?? raw.replace(/^.*?((?:add|create|register|set up|new)\s+(?:a\s+|an\s+)?(?:new\s+)?(?:customer|account|client|prospect|lead)|新客户|新增客户|新建客户|添加客户|加一个客户|加个客户|建个客户|新的客户|新增一个客户|录个客户|新开了?一个客户)\s*(called|named|叫|是|叫做|:|:)?\s*/i, "");
  // Sentences end parts too ("…out of Baltimore. main contact …"), but not an abbreviation's full stop ("Acme Inc. ").
  const parts = body.split(/[,,;;。]|\s+-\s+|(?<!\b(?:inc|co|ltd|corp|llc|st|no|dr|mr|ms))\.\s+/i).map((s) => s.trim()).filter(Boolean);
  // The name the recognisers found as an unknown company is the name; the words before it ("met a lead at the
  // trade show - …") are the story, not the account.
  const at = spanName ? parts.findIndex((p) => p.includes(spanName)) : -1;
  if (at > 0) parts.splice(0, at);
  let name = parts.shift()?.replace(/[.。]$/, "");
  if (!name) return null;
  let industry: string | undefined, region: string | undefined, tier: string | undefined;
  const placed = /^(.+?)\s+(?:in|based in|located in|headquartered in|from)\s+([A-Z][\p{L}.'-]*(?:\s+[A-Z][\p{L}.'-]*){0,2})$/u.exec(name);
  if (placed) [name, region] = [placed[1]!, placed[2]!];
  const rest: string[] = [];
  for (const p of parts) {
    const loc = /^(?:based in|located in|in|from|headquartered in|位于|在|地址在|总部在)\s*(.+?)(?:的?公司)?$/i.exec(p);
    const t = /^(?:tier\s*)?([ABCD])\s*(?:tier|级|类)?(?:客户)?$/i.exec(p);
    if (/(contact|联系人|对接人|负责人)|@|\d{7,}/i.test(p) || ASSIGN_BEFORE.test(p.replace(/\s*\S+$/, "")) || /^(assign|give|hand|owner|分给|交给|归)/i.test(p)) rest.push(p);
    else if (loc) region = loc[1]!.replace(/[.。]$/, "");
    else if (t) tier = t[1]!.toUpperCase();
    else if (industry && !region && /^([A-Z][\p{L}.'-]*(\s+[A-Z][\p{L}.'-]*){0,2}|\p{Script=Han}{2,6}(市|省)?)[.。]?$/u.test(p)) region = p.replace(/[.。]$/, "");
    else if (!industry && !/(分给|交给|归|owner)/i.test(p)) industry = p.replace(/^(做|是做|industry:?\s*|行业[::]?)/i, "").replace(/(的|行业)$/, "").replace(/[.。]$/, "");
    else rest.push(p);
  }
  return { args: { name, ...(industry ? { industry } : {}), ...(region ? { region } : {}), ...(tier ? { tier } : {}) }, rest: rest.join(", ") };
}

const TITLE = /^(ceo|cfo|cto|coo|cmo|vp\b.*|head of .*|.*(manager|director|officer|president|buyer|engineer|owner|founder|lead|gm)|.*(经理|总监|总经理|主管|总|董事长|采购|工程师|老板|负责人|主任|秘书|助理|店长|校长|院长))$/i;

/** "Add Tony Chan as a contact at Acme, head of IT" / "星辰科技新的联系人:周涛,采购经理,138…" → name, title, email, phone. */
function newContact(text: string, u: Understanding): { name: string; title?: string; email?: string; phone?: string } | null {
  const raw = text;
  const named = /^(?:please\s+)?(?:add|create|save|put)\s+(.+?)\s+(?:as|to)\s+(?:a|an|the)?\s*(?:new\s+)?contacts?\b[^,,;;]*(.*)$/i.exec(raw)
    ?? /^(?:请)?(?:帮我)?(?:把|将)([\p{Script=Han}A-Za-z .]{2,20}?)(?:加为|添加为|加到|添加到|设为)[^,,;;]*?联系人(.*)$/u.exec(raw);
  const newRole = /\bnew\s+([A-Za-z ]{2,30}?)\s*[:：\-–—]\s*(.+)$/i.exec(raw) ?? /新(?:来的|的|任)?([\p{Script=Han}]{2,6})[::是叫]\s*(.+)$/u.exec(raw);
  const after = named
    ? `${named[1]}${named[2]}`
    : newRole && !/contact|联系人/i.test(newRole[1]!)
      ? `${newRole[2]}, ${newRole[1]}`
      : /[::]\s*(.+)$/.exec(raw)?.[1] ?? /(?:contact|联系人)[^—–:-]*?\s[—–-]+\s*(.+)$/i.exec(raw)?.[1] ?? raw.replace(/^.*?(contact|联系人)\s*(at|for|to|of)?\s*[^,,]*?(?=[,,]|$)/i, "");
  const parts = after.split(/[,,;;]/).map((s) => s.trim()).filter(Boolean);
  const email = u.rec.emails.find((e) => raw.includes(e));
  const phone = u.rec.phones.find((p) => raw.includes(p));
  let name: string | undefined, title: string | undefined;
  for (const p of parts) {
    const clean = p.replace(/[.。]$/, "").replace(/^(he'?s|she'?s|he is|she is|they'?re|works as|title:?|职位[::]?|是)\s*(the |our |their |a |an )?/i, "");
    if ((email && clean.includes(email)) || (phone && clean.includes(phone))) continue;
    if (!title && TITLE.test(clean) && name) title = clean;
    else if (!name) name = clean.replace(/^(name|姓名)[::]?\s*/i, "");
    else if (!title) title = clean;
  }
  // The person the recognisers found and the store doesn't know is the new contact, whatever the wording; else the
  // name a cue introduces ("main contact dan ortiz", "采购主管叫周涛"). What was read around it may be the title
  // ("QA lead is Priya Nair" → QA lead).
  const cued = cuedPerson(raw);
  const person = unknownPersonName(u.rec, raw) ?? (cued && !u.rec.colleagues.some((c) => c.name.toLowerCase().startsWith(cued.name.toLowerCase())) ? cued.name : undefined);
  if (person && name !== person) {
    // "Acme's new QA lead is NAME" → "QA lead": the account's possessive and "new" are not the title.
    const around = name?.includes(person)
      ? name.replace(person, "").replace(/\s*(?:\bis\b|是|叫|:|:|-)\s*$/i, "").replace(/^.*?(?:'s|’s)\s+/, "").replace(/^(?:new|our|their|the)\s+/i, "").trim()
      : name;
    if (around && !title && (TITLE.test(around) || name?.includes(person))) title = around;
    name = person;
  }
  // The role before 叫 ("新来了个采购主管叫周涛") is the title, over whatever part came next; a request ("帮我加一下",
  // "pls add her") never is.
  if (cued?.title && cued.name === name) title = cued.title;
  if (title && /^(?:帮我|请|麻烦|pls|please|plz|add|加)/i.test(title)) title = undefined;
  if (!name) return null;
  return { name, ...(title ? { title } : {}), ...(email ? { email } : {}), ...(phone ? { phone } : {}) };
}
