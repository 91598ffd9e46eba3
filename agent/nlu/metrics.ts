// Act F1 and slot accuracy of a classifier on labelled utterances, per act and per language.
import type { Act, SlotName } from "./acts.ts";
import type { Example } from "./corpus.ts";
import type { Reading } from "./model.ts";
import { CONFIDENT } from "./understand.ts";

/** Scored as the assistant acts: every act at the confidence it writes at (understand.ts). */
export const ACT_THRESHOLD = CONFIDENT;

/** The acts a reading asserts: every act at or above the threshold, else the single most likely one. */
export function assertedActs(r: Reading, threshold = ACT_THRESHOLD): Act[] {
  const above = r.acts.filter((a) => a.p >= threshold).map((a) => a.act);
  return above.length ? above : [r.acts[0]!.act];
}

export interface Scores {
  n: number;
  microF1: number;
  exact: number;
  perAct: Record<string, { tp: number; fp: number; fn: number; f1: number }>;
  slots: Record<string, { n: number; correct: number; accuracy: number }>;
  slotAccuracy: number;
}

export function scoreReadings(items: { e: Example; r: Reading }[]): Scores {
  const perAct: Scores["perAct"] = {};
  const slots: Scores["slots"] = {};
  let tp = 0, fp = 0, fn = 0, exact = 0;
  const cell = (a: string) => (perAct[a] ??= { tp: 0, fp: 0, fn: 0, f1: 0 });
  for (const { e, r } of items) {
    const got = new Set(assertedActs(r));
    const want = new Set(e.acts);
    if (got.size === want.size && [...got].every((a) => want.has(a))) exact++;
    for (const a of got) (want.has(a) ? (cell(a).tp++, tp++) : (cell(a).fp++, fp++));
    for (const a of want) if (!got.has(a)) (cell(a).fn++, fn++);
    for (const [s, v] of Object.entries(e.slots) as [SlotName, string][]) {
      const c = (slots[s] ??= { n: 0, correct: 0, accuracy: 0 });
      c.n++;
      if (r.slots[s]?.value === v) c.correct++;
    }
  }
  for (const c of Object.values(perAct)) c.f1 = c.tp ? (2 * c.tp) / (2 * c.tp + c.fp + c.fn) : 0;
  let sn = 0, sc = 0;
  for (const c of Object.values(slots)) {
    c.accuracy = c.n ? c.correct / c.n : 0;
    sn += c.n;
    sc += c.correct;
  }
  return { n: items.length, microF1: tp ? (2 * tp) / (2 * tp + fp + fn) : 0, exact: items.length ? exact / items.length : 0, perAct, slots, slotAccuracy: sn ? sc / sn : 0 };
}
