// Frames for questions: the question act picks the tool; the entities fill it — the customer, a colleague's name for
// one rep's view, a period, a number of days, a tier.
import type { RulesEnv } from "../rules/rules-env.ts";
import type { Act } from "./acts.ts";
import type { Understanding } from "./understand.ts";
import type { Plan, Forced } from "./plan.ts";
import type { Say } from "./say.ts";
import { askWhichCustomer } from "./dialogue.ts";
import { settledTarget } from "./records.ts";
import { daysIn, periodIn, tierIn } from "./slots.ts";
import { unknownCustomerName } from "./recognise.ts";
import { windowIn } from "./windows.ts";

// "who's behind…", "谁的跟进…", "the team's": a manager asking about everyone's, not their own list.
const TEAM = /\bwho\b|\bwho'?s\b|\bteam\b|\beveryone\b|\breps\b|\bper rep\b|谁|团队|大家|每个人|各位|各人|按人/;
// The whole pipeline rather than one period's closings.
const PIPELINE = /\bpipeline\b|\ball (open )?(deals|opps|opportunities)\b|\bopen (deals|opps|opportunities)\b|在谈|所有(的)?商机|全部(的)?商机|商机(都有|有哪些|列表|清单)/;

export function planQuestion(u: Understanding, act: Act, forced: Forced | undefined, env: RulesEnv, say: Say): Plan {
  const lower = u.raw.toLowerCase();
  const whoAny = forced?.target ?? settledTarget(u);
  const who = whoAny && !("ambiguous" in whoAny) ? whoAny : null;
  const customer = who?.name;
  const owner = u.rec.colleagues.find((c) => c.handle !== env.actorHandle)?.handle;
  const ownerArg = owner ? { owner } : {};
  const needsCustomer = (): Plan | null => {
    if (customer) return null;
    if (whoAny && "ambiguous" in whoAny)
      return askWhichCustomer(u, whoAny);
    const unknown = unknownCustomerName(u.rec);
    if (unknown) return { calls: [], reply: say("noSuchCustomer", { name: unknown }) };
    return { calls: [], reply: say("whichCustomerQuestion") };
  };
  switch (act) {
    case "q_at_risk":
      return { calls: [{ name: "list_at_risk", args: ownerArg }] };
    case "q_complaints": {
      const overdue = /overdue|late|past due|past (their )?deadline|超期|逾期|过期|超时/.test(lower);
      return { calls: [{ name: "list_complaints", args: { ...(customer ? { customer } : {}), ...(overdue ? { overdue: true } : {}) } }] };
    }
    case "q_stale":
      return { calls: [{ name: "stale_customers", args: { days: daysIn(u.raw) ?? 30, ...ownerArg } }] };
    case "q_deals": {
      // "Q2", "7月份" name a window the named periods don't; "pipeline" asks for every open deal.
      const w = windowIn(lower, env.now, env.timezone);
      const period = w ? "this_month" : periodIn(lower, PIPELINE.test(lower) ? "all" : "this_month");
      const mine = env.role !== "rep" && /\b(my|mine)\b|我的|我名下/.test(lower) ? { owner: env.actorHandle } : ownerArg;
      return { calls: [{ name: "deals_closing", args: { period, ...(w ?? {}), ...mine } }] };
    }
    case "q_follow_ups": {
      if (customer) return { calls: [{ name: "customer_summary", args: { customer } }] };
      const range = /overdue|late|逾期|过期|超期|没做|拖/.test(lower) ? "overdue" : /today|今天|今日/.test(lower) ? "today" : /week|wk|本周|这周|这个星期|这星期/.test(lower) ? "week" : "open";
      const scope = owner ? { owner } : env.role !== "rep" && TEAM.test(lower) ? { team: true } : {};
      return { calls: [{ name: "list_follow_ups", args: { range, ...scope } }] };
    }
    case "q_activity":
      return { calls: [{ name: "activity_by_rep", args: { period: periodIn(lower, "this_week"), ...ownerArg } }] };
    case "q_order_totals":
      return { calls: [{ name: "order_totals", args: { ...(customer ? { customer } : ownerArg), period: periodIn(lower, "all") } }] };
    case "q_birthdays":
      // "when's robert's bday": one person's birthday is on their card, not in the week's list.
      if (who?.contact) return { calls: [{ name: "customer_summary", args: { customer: who.name, contact: who.contact } }] };
      return { calls: [{ name: "my_digest", args: { only: "birthdays" } }] };
    case "q_digest":
      return { calls: [{ name: "my_digest", args: {} }] };
    case "q_customers": {
      const t = tierIn(u.raw);
      const stage = /\bprospects?\b|潜在/.test(lower) ? "prospect" : /\bloyal\b|忠诚/.test(lower) ? "loyal" : /\blost\b|已流失/.test(lower) ? "lost" : undefined;
      return { calls: [{ name: "list_customers", args: { ...(t ? { tier: t } : {}), ...(stage ? { stage } : {}), ...ownerArg } }] };
    }
    case "q_owner":
      return needsCustomer() ?? { calls: [{ name: "find_customer", args: { name: customer! } }] };
    case "q_last_contact":
      return needsCustomer() ?? { calls: [{ name: "last_contact", args: { customer: customer!, ...(who?.contact ? { contact: who.contact } : {}) } }] };
    case "q_contact_info":
      // A question about a person answers with that person's card (title, phone, e-mail, birthday).
      if (who?.contact) return { calls: [{ name: "customer_summary", args: { customer: who.name, contact: who.contact } }] };
      return needsCustomer() ?? { calls: [{ name: "customer_summary", args: { customer: customer! } }] };
    case "q_summary":
    default:
      return needsCustomer() ?? { calls: [{ name: "customer_summary", args: { customer: customer! } }] };
  }
}
