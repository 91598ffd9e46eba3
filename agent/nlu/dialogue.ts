// Dialogue state as data: when the assistant asks (which customer? create it? which day? how much?), the question is
// stored with its slots on the message's inbox row; a short answer is read against that structure — never against the
// reply's wording.
import type { RulesEnv } from "../rules/rules-env.ts";
import { findDates, isInvalid } from "../rules/dates.ts";
import type { Understanding } from "./understand.ts";
import type { Plan, Forced } from "./plan.ts";
import { createCommand } from "../../domain/find-customers.ts";
import { WRITE_ACTS } from "./acts.ts";
import { sayer } from "./say.ts";

export type Pending =
  | { ask: "which_customer"; text: string; written: string; candidates: { id: number; name: string }[] }
  | { ask: "create_customer"; text: string; name: string }
  | { ask: "which_date"; text: string; bad: string }
  /** Something is missing (an amount, what to log, which customer): the answer is read as the rest of the message. */
  | { ask: "more"; text: string };

export function isPending(x: unknown): x is Pending {
  const p = x as Pending | null;
  return !!p && typeof p === "object" && typeof p.text === "string" && ["which_customer", "create_customer", "which_date", "more"].includes(p.ask);
}

type Replan = (text: string, forced?: Forced) => Promise<Plan>;

/** "Pacific" fits Pacific Freight and Pacific Dental: ask, naming each, and keep the question for the answer. */
export function askWhichCustomer(u: Understanding, amb: { ambiguous: { id: number; name: string }[]; written: string }): Plan {
  return {
    calls: [],
    reply: sayer(u.zh)("whichCustomer", { written: amb.written, names: amb.ambiguous.map((c) => c.name).join(u.zh ? "、" : ", ") }),
    pending: { ask: "which_customer", text: u.raw, written: amb.written, candidates: amb.ambiguous },
  };
}

const FIRST = /\b(first|1st|former|top|the 1st)\b|^1$|第一|前者|前一个|上面那个/i;
const SECOND = /\b(second|2nd|latter)\b|^2$|第二|后者|后一个|下面那个/i;

/** A message that records something on its own ("Called Acme Logistics") is not an answer to the last question. */
function standsAlone(u: Understanding): boolean {
  return u.acts.some((a) => WRITE_ACTS.has(a)) && u.rec.names.customers.length > 0 && u.confidence >= 0.8 && u.raw.length > 25;
}

export async function answerPending(u: Understanding, p: Pending, env: RulesEnv, replan: Replan): Promise<Plan | null> {
  const raw = u.raw.trim();
  const yes = u.acts[0] === "confirm" && u.p("confirm") >= 0.7;
  const no = u.acts[0] === "deny";
  switch (p.ask) {
    case "create_customer": {
      const norm = (s: string) => s.toLowerCase().replace(/:/g, ":").replace(/[\s.。!!]+/g, "");
      const echoed = [false, true].some((zh) => norm(raw) === norm(createCommand(p.name, zh)));
      if (no) return { calls: [], reply: sayer(u.zh)("createdNot") };
      if (!yes && !echoed) return null;
      if (!/^[\p{L}\p{N}][\p{L}\p{N}\p{M} &.,'’()()·+-]{0,79}$/u.test(p.name) || !/\p{L}{2}/u.test(p.name)) return null;
      const then = await replan(p.text, { target: { name: p.name, display: p.name, matched: p.name.toLowerCase() } });
      return { calls: [{ name: "add_customer", args: { name: p.name } }, ...then.calls], ...(then.reply ? { reply: then.reply } : {}) };
    }
    case "which_customer": {
      const pick = pickCandidate(u, p.candidates);
      if (!pick) return null;
      return replan(p.text, { target: { name: pick.name, display: pick.name, matched: p.written.toLowerCase(), customerId: pick.id } });
    }
    case "which_date": {
      const d = findDates(raw, { now: env.now, timezone: env.timezone, direction: "auto" }).find((x) => !isInvalid(x));
      if (!d || raw.replace(d.matched, "").replace(/[\s\p{P}]|\b(on|it was|i meant|meant|sorry)\b|是|应该是|我是说/giu, "").length > 6) return null;
      return replan(p.text.replace(p.bad, d.matched));
    }
    case "more": {
      if (standsAlone(u) || no) return null;
      const plan = await replan(`${p.text.replace(/[\s.。!!]+$/, "")}, ${raw}`);
      return plan.calls.length ? plan : null;
    }
  }
}

function pickCandidate(u: Understanding, listed: { id: number; name: string }[]) {
  const raw = u.raw.trim();
  const named = new Set([...u.rec.names.customers.map((c) => c.id), ...u.rec.names.ambiguous.flatMap((a) => a.candidates.map((c) => c.id))]);
  const byName = listed.filter((c) => named.has(c.id));
  if (byName.length === 1) return byName[0];
  if (FIRST.test(raw)) return listed[0];
  if (SECOND.test(raw)) return listed[1];
  // "the robotics one", "物流那个": a word only one candidate's name has.
  const words = (raw.toLowerCase().match(/[a-z]{3,}|\p{Script=Han}{2,}/gu) ?? []).flatMap((w) => (/^\p{Script=Han}/u.test(w) ? [...w].slice(0, -1).map((_, i) => w.slice(i, i + 2)) : [w]));
  const fits = listed.filter((c) => words.some((w) => c.name.toLowerCase().includes(w) && !listed.every((o) => o.name.toLowerCase().includes(w))));
  return fits.length === 1 ? fits[0] : undefined;
}
