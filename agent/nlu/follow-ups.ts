// Frames for an existing to-do (done / snooze / cancel) and for whose a new one is. Which to-do: the customer's, told
// apart from its others by the words the message has left once names, dates and the action words are gone ("华东那个
// 确认到货的跟进" → 确认到货). When: a date ("to next monday") or a shift ("往后推一周", "back 3 days"). A message that
// names no customer ("不对,改成周四", "tick that off") means the to-do the previous message was about.
import type { RulesEnv } from "../rules/rules-env.ts";
import { findDates } from "../rules/dates.ts";
import type { Understanding } from "./understand.ts";
import type { Plan, PlannedCall } from "./plan.ts";
import { daysIn, nextDate, valid, type DateCtx } from "./slots.ts";

type Change = "done" | "cancel" | "snooze";

export function changeOf(acts: Iterable<string>): Change | undefined {
  const a = new Set(acts);
  return a.has("follow_up_snooze") ? "snooze" : a.has("follow_up_cancel") ? "cancel" : a.has("follow_up_done") ? "done" : undefined;
}

/** A shift rather than a day: "push it back a week", "往后推两天", "顺延一周", "bump by 3 days". */
const SHIFT = /\b(back|by|another|out|later)\b.{0,12}\b(\d+|a|an|one|two|three|four|five|six|seven|couple( of)?|few)\s*(days?|d|weeks?|wks?|months?)\b|\b(\d+|a|an|one|two|three|few)\s*(more\s+)?(days?|weeks?|wks?)\s+(later|out|back)\b|(往后|向后|延后|推迟|顺延|延期|推后|挪后|往后推|往后挪|推|延|挪)\s*(了)?\s*[一两二三四五六七八九十\d]+\s*(天|日|周|个星期|星期|个月)/i;

export function changeCall(u: Understanding, customer: string, q: DateCtx, matched: string[], change: Change): PlannedCall {
  const about = aboutOf(u, matched, q);
  const args: Record<string, unknown> = { customer, action: change, ...(about ? { about } : {}) };
  if (change === "snooze") {
    const days = SHIFT.test(u.raw) ? daysIn(u.raw) : undefined;
    const until = days ? undefined : nextDate(q);
    if (until) args.until = until.date;
    else if (days) args.days = days;
  }
  return { name: "update_follow_up", args };
}

const ACTION_WORDS = [
  /\b(pls|please|plz|can (you|u)|could (you|u)|just|already|finally|ok|okay|so|that|this|the|my|it|one|thing|task|to-?do|todo|reminder|follow[- ]?up|f\/u|fu|chase|callback|is|was|are|has|been|now|can|be|you|u|me|for|with|w\/|on|of|re|about|abt|to|till|til|until|then|instead)\b/gi,
  /\b(done|did|sorted|handled|complete[d]?|finished|close[ds]?( out| it)?|tick(ed)?( it| that)?( off)?|check(ed)?( it| that)? off|cross(ed)? (it )?off|mark(ed)?( it| as)?|cancel(led|ed)?|drop|scrap|kill|forget|remove|delete|no need|no longer|anymore|not needed|don't need|stop reminding|move[d]?|push(ed)?|bump(ed)?|snooze[d]?|postpone[d]?|reschedule[d]?|delay(ed)?|back|later|out)\b/gi,
  /(那个|那条|这个|这条|那件|这件|的|事情?|跟进|待办|提醒|任务|todo|可以|已经|已|吧|啦|了|哈|呢|一下|掉|关闭?|结了?|完结|勾|划|标记|打勾|搞定|完成|做完|弄完|办完|处理好?|取消|作废|删掉?|不用再?跟?|不要|改到|改成|改为|挪到|推到|推迟|延期|延后|顺延|往后推?|往后挪|向后|推|挪|不对|说错了|应该是|把|给)/g,
];

/** The to-do's own words in the message, to pick it among the customer's open ones; none when nothing is left. */
export function aboutOf(u: Understanding, matched: string[], q: DateCtx): string | undefined {
  // Only the part before a clause that is news ("…搞定啦,货周二就到了"): the first clause names the to-do.
  let t = u.raw;
  for (const s of [...u.rec.spans].sort((a, b) => b.start - a.start)) if (s.kind !== "date" && s.kind !== "amount") t = t.slice(0, s.start) + " " + t.slice(s.end);
  for (const m of matched) if (m) t = t.split(m).join(" ");
  for (const d of valid(findDates(t, { now: q.env.now, timezone: q.env.timezone, direction: "future" }))) t = t.replace(d.matched, " ");
  const first = t.split(/[,,。;;!!.]|\s[-–—]\s/).map((c) => c.trim()).find((c) => /[\p{L}]/u.test(c)) ?? "";
  let w = first;
  for (const re of ACTION_WORDS) w = w.replace(re, " ");
  w = w.replace(/[\s\p{P}\p{S}]+/gu, " ").replace(/\b\d+\s*(days?|weeks?|wks?)\b|[一两二三四五六七八九十\d]+\s*(天|周|个星期)/gi, " ").trim();
  const han = (w.match(/\p{Script=Han}/gu) ?? []).length;
  const latin = (w.match(/[a-z]{3,}/gi) ?? []).length;
  return han >= 2 || latin >= 1 ? w.replace(/\s+/g, " ") : undefined;
}

/** "给李伟加个任务…", "让李伟周五前…", "have Tom send…", "Tom to call…": the colleague whose to-do it is. */
const ASSIGNEE_BEFORE = /(给|让|叫|请|安排|派|提醒|\b(have|get|ask|tell|assign(ed)?( a (task|follow[- ]?up|to-?do))?( to)?|remind|for)\s*)$/i;
const ASSIGNEE_AFTER = /^\s*(to\b|will\b|should\b|needs? to\b|must\b|明天|后天|今天|下周|这周|本周|周[一二三四五六日天]|月底|[去来把给跟负])/i;

export function assignee(u: Understanding, env: RulesEnv): string | undefined {
  const c = u.rec.colleagues.find((x) => {
    if (x.handle === env.actorHandle) return false;
    const before = u.raw.slice(Math.max(0, x.start - 24), x.start);
    const after = u.raw.slice(x.end, x.end + 8);
    // "remind me to intro Jane to Tom" names Tom as the other side of the to-do, not its owner.
    if (/\b(remind me|me to|i need|i have|i'll|i will)\b|提醒我|我要|我得/i.test(before)) return false;
    return ASSIGNEE_BEFORE.test(before) || (x.start <= 2 && ASSIGNEE_AFTER.test(after));
  });
  return c?.handle;
}

/**
 * "不对,改成周四", "tick that off", "move it to wed": no customer named, so the to-do of the previous message —
 * the one it created or changed, as the audit log has it — is meant. Null when the previous message changed no to-do.
 */
export async function onPrevious(u: Understanding, env: RulesEnv, q: DateCtx): Promise<Plan | null> {
  const correction = CORRECTS.test(u.raw) && valid(u.rec.dates).length > 0;
  const change = changeOf(u.acts) ?? (correction ? "snooze" : undefined);
  if (!change || u.rec.names.customers.length || u.rec.names.contacts.length) return null;
  const prev = await env.previousFollowUp();
  if (!prev) return null;
  const made = changeCall(u, prev.customer, q, [], change);
  return { calls: [{ ...made, args: { ...made.args, about: prev.title } }] };
}

const CORRECTS = /\b(actually|make (that|it)|i mean|no wait|sorry,? i meant|correction|change (that|it) to)\b|不对|哦不|说错了|改成|改为|应该是|更正/i;
