// Reading a message: recognise its entities, substitute placeholders, and let the trained classifier say which acts
// the message (and each of its clauses) carries, with a confidence. No cue lists: the acts come from the model.
import type { RulesEnv } from "../rules/rules-env.ts";
import { splitClauses, type Clause } from "../rules/clauses.ts";
import { detectLanguage } from "../rules/language.ts";
import { findDates, isInvalid } from "../rules/dates.ts";
import { localDate } from "../../domain/time.ts";
import { classifier, type Reading } from "./model.ts";
import { laterToday } from "./slots.ts";
import { recognise, delexicalise, type Recognised } from "./recognise.ts";
import { WRITE_ACTS, type Act } from "./acts.ts";

/** An act is asserted at this probability; a write below it is never made. */
export const CONFIDENT = 0.4;
/** Below this, even the most likely act is a guess: the assistant says it didn't understand. */
export const UNSURE = 0.25;
/** A write act the model leans to is taken at this probability when the message names a known customer. */
const EVIDENCED = 0.2;
/** A clause on its own must be surer than the message to add an act to it. */
const CLAUSE_CONFIDENT = 0.8;
/** Acts a single clause can add (the others need the whole message: an edit, a new customer…). */
const CLAUSE_ACTS: ReadonlySet<Act> = new Set<Act>(["log", "follow_up", "order", "complaint", "survey"]);

export interface ClauseReading extends Clause {
  reading: Reading;
}

export interface Understanding {
  raw: string;
  zh: boolean;
  rec: Recognised;
  reading: Reading;
  /** What to act on: either one read/talk act, or the write acts together. */
  acts: Act[];
  /** The most likely act's probability. */
  confidence: number;
  /** True when the best reading is a write act the model is not confident of: ask, write nothing. */
  unsure: boolean;
  clauses: ClauseReading[];
  p(act: Act): number;
}

export async function understand(text: string, env: RulesEnv): Promise<Understanding> {
  const raw = text;
  const zh = (detectLanguage(raw) ?? env.locale) === "zh";
  const rec = await recognise(raw, env);
  const model = classifier();
  const reading = model.read(rec.delex);
  const p = (a: Act) => reading.acts.find((x) => x.act === a)?.p ?? 0;
  const top = reading.acts[0]!;
  let acts = reading.acts.filter((a) => a.p >= CONFIDENT).map((a) => a.act);
  let unsure = false;
  // A write the model leans to, in a message that names a customer or contact the store knows, is evidence enough
  // at a lower probability; without a known name nothing can be written anyway.
  const named = rec.names.customers.length > 0 || rec.names.contacts.length > 0;
  if (!acts.length && named && WRITE_ACTS.has(top.act) && top.p >= EVIDENCED) acts = [top.act];
  if (!acts.length) {
    // A question the model half-recognises is answered (reads change nothing); a half-recognised write is not made.
    if (!WRITE_ACTS.has(top.act) && (top.p >= UNSURE || (top.act.startsWith("q_") && top.p >= 0.06))) acts = [top.act];
    else unsure = true;
  }
  // A message is either a question (answered once), a request for a draft, talk, or a report of what happened
  // (every write act it carries). When both a question and writes score, the stronger group wins.
  const writes = acts.filter((a) => WRITE_ACTS.has(a));
  const reads = acts.filter((a) => !WRITE_ACTS.has(a));
  if (writes.length && reads.length) {
    const w = Math.max(...writes.map(p)), r = Math.max(...reads.map(p));
    acts = w >= r ? writes : [reads.sort((a, b) => p(b) - p(a))[0]!];
  } else if (reads.length > 1) {
    acts = [reads.sort((a, b) => p(b) - p(a))[0]!];
  }
  // The model knows English and Chinese only: text whose letters are mostly other scripts (or noise) gets no write
  // and no yes/no from it — a confident-looking reading there is an accident of character n-grams.
  if (foreignScript(raw)) {
    const kept = acts.filter((a) => !WRITE_ACTS.has(a) && a !== "confirm" && a !== "deny");
    if (!kept.length) unsure = true;
    acts = kept;
  }
  const clauses = splitClauses(raw).map((c) => {
    const inside = rec.spans.filter((s) => s.start >= c.start && s.end <= c.end).map((s) => ({ ...s, start: s.start - c.start, end: s.end - c.start }));
    return { ...c, reading: model.read(delexicalise(c.text, inside)) };
  });
  // A long report can drown one of its facts ("Met with X on Friday … Remind me to send the proposal"): a write act
  // a clause asserts on its own counts too, when the message as a whole is a report.
  if (clauses.length > 1 && acts.some((a) => WRITE_ACTS.has(a)))
    for (const c of clauses)
      for (const a of c.reading.acts)
        if (WRITE_ACTS.has(a.act) && !acts.includes(a.act) && CLAUSE_ACTS.has(a.act) && (a.p >= CLAUSE_CONFIDENT || (a.act === "follow_up" && a.p >= 0.3 && aheadIn(c.text, env))))
          acts.push(a.act);
  return { raw, zh, rec, reading, acts, confidence: top.p, unsure, clauses, p };
}

/** A clause that names a day ahead of today ("… ping her next week", "下午再打一次"). */
function aheadIn(text: string, env: RulesEnv): boolean {
  const today = localDate(env.now, env.timezone);
  return findDates(text, { now: env.now, timezone: env.timezone, direction: "future" }).some((d) => !isInvalid(d) && (d.date > today || laterToday(d.matched, env)));
}

/** Most of the message's letters are neither Latin nor Han (the corpus's scripts). */
function foreignScript(text: string): boolean {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (!letters) return false;
  const known = text.match(/[\p{Script=Latin}\p{Script=Han}]/gu)?.length ?? 0;
  return known / letters < 0.5;
}
