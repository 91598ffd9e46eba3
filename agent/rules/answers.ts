// A short message that answers the assistant's own question is read with the message it answers: "which Acme?" →
// "Acme Logistics" / "the first one" / "robotics"; "should I create it?" → "yes" (the customer is created and the
// original message recorded); "not a valid date — which day?" → "March 1"; "how much was the order?" → "95k".
// Nothing here guesses: each case needs the previous reply to have asked exactly that, minutes ago.
import type { RulesEnv } from "./rules-env.ts";
import type { Plan } from "./planner.ts";
import { resolveTarget, type Target } from "./targets.ts";
import { findDates, isInvalid } from "./dates.ts";
import { interactionKind } from "./kinds.ts";
import { createCommand, offeredCustomer } from "../../domain/find-customers.ts";

type Replan = (text: string, forced?: { target?: Target }) => Promise<Plan>;

const YES = /^(yes|yeah|yep|yup|sure|ok(ay)?|please( do)?|do it|go ahead|create( it)?|add( it)?|y)\b[\s\p{P}]*(please|thanks|create it|add it)?[\s\p{P}]*$|^(是|是的|好|好的|对|对的|嗯|可以|行|要|需要|创建|新建|建吧|新建吧|加上|添加|加吧)(吧|的|一下|吧谢谢)?[\s\p{P}]*$/iu;
const FIRST = /\b(first|1st|former|top)\b|^1$|第一|前者|前一个|上面那个/i;
const SECOND = /\b(second|2nd|latter)\b|^2$|第二|后者|后一个|下面那个/i;
const ASKED_AGAIN = /nothing (was )?recorded yet|so nothing was recorded|还没有记录|所以没有记录/i;

type Found = Awaited<ReturnType<RulesEnv["mentions"]>>;

export async function planAnswer(raw: string, env: RulesEnv, replan: Replan, found: Found): Promise<Plan | null> {
  if (raw.length > 60) return null;
  const prev = await env.previous();
  if (!prev) return null;

  // "Should I create it? Say "new customer: X"" → "yes" (or the very words): create X, then record what was said.
  const name = offeredCustomer(prev.reply);
  if (name) {
    // Typed back as offered, give or take spaces, case, the colon's width and a full stop.
    const norm = (s: string) => s.toLowerCase().replace(/:/g, ":").replace(/[\s.。!!]+/g, "");
    const echoed = [false, true].some((zh) => norm(raw) === norm(createCommand(name, zh)));
    if (YES.test(raw.trim()) || echoed) {
      const then = await replan(prev.text, { target: { name, display: name, matched: name.toLowerCase() } });
      return { calls: [{ name: "add_customer", args: { name } }, ...then.calls], ...(then.reply ? { reply: then.reply } : {}) };
    }
  }

  // "“Acme” could be Acme Logistics or Acme Robotics. Which one did you mean?" → the one the answer names.
  const before = resolveTarget(prev.text, await env.mentions(prev.text));
  if (before?.candidates && before.customerId == null && before.candidates.every((c) => prev.reply.includes(c.name))) {
    const listed = [...before.candidates].sort((a, b) => prev.reply.indexOf(a.name) - prev.reply.indexOf(b.name));
    const pick = pickCandidate(raw, listed, found);
    if (pick) return replan(prev.text, { target: { name: pick.name, display: pick.name, matched: before.matched, customerId: pick.id } });
  }

  // "“February 30” is not a valid date — which day did you mean?" → a date alone.
  const badDate = /^"(.+?)" is not a valid date/.exec(prev.reply)?.[1] ?? /^日期「(.+?)」不存在/.exec(prev.reply)?.[1];
  if (badDate && prev.text.includes(badDate)) {
    const d = findDates(raw, { now: env.now, timezone: env.timezone, direction: "auto" }).find((x) => !isInvalid(x));
    if (d && raw.replace(d.matched, "").replace(/[\s\p{P}]|\b(on|it was|i meant|meant|sorry)\b|是|应该是|我是说/giu, "").length <= 6)
      return replan(prev.text.replace(badDate, d.matched));
  }

  // "How much was the order?", "what should I log?", "which customer was that?" → the answer completes the message,
  // unless it is a whole new record on its own ("Called Acme Logistics").
  if (ASKED_AGAIN.test(prev.reply)) {
    const standsAlone = !!interactionKind(raw) && !!resolveTarget(raw, found);
    if (!standsAlone) {
      const plan = await replan(`${prev.text.replace(/[\s.。!!]+$/, "")}, ${raw}`);
      if (plan.calls.length) return plan;
    }
  }
  return null;
}

function pickCandidate(raw: string, listed: { id: number; name: string }[], found: Found) {
  const named = resolveTarget(raw, found);
  const ids = new Set([named?.customerId, ...(named?.candidates ?? []).map((c) => c.id)].filter((x) => x != null));
  const byName = listed.filter((c) => ids.has(c.id));
  if (byName.length === 1) return byName[0];
  if (FIRST.test(raw.trim())) return listed[0];
  if (SECOND.test(raw.trim())) return listed[1];
  // "the robotics one", "物流那个": a word only one candidate's name has.
  const words = raw.toLowerCase().match(/[a-z]{3,}|\p{Script=Han}{2,}/gu) ?? [];
  const fits = listed.filter((c) => words.some((w) => c.name.toLowerCase().includes(w) && !listed.every((o) => o.name.toLowerCase().includes(w))));
  return fits.length === 1 ? fits[0] : undefined;
}
