// The entity recognisers in one place, and `recogniseAll`: every entity of a message, overlaps settled, and the
// message with each entity replaced by its placeholder — the form the act classifier is trained on
// ("@contact at @customer wants the quote by @date"). Pure: the caller passes the name index and the clock.
import type { Actor } from "../../domain/context.ts";
import type { NameIndex } from "../../domain/name-index.repository.ts";
import { recogniseAmounts, type AmountEntity } from "../rules/amounts.ts";
import { recogniseScore, type ScoreEntity } from "../rules/scores.ts";
import { isInvalidDate, recogniseDates, recognisePeriods, type DateEntity, type InvalidDateEntity, type PeriodEntity } from "./dates.ts";
import { recogniseEmails, recognisePhones, recogniseReferences, type EmailEntity, type PhoneEntity, type ReferenceEntity } from "./details.ts";
import { maskSpans, recogniseNames, type NameAmbiguity, type RecognisedContact, type RecognisedCustomer, type RecognisedNames, type RecognisedUser } from "./names.ts";

export * from "./names.ts";
export * from "./dates.ts";
export * from "./details.ts";
export { recogniseAmounts, type AmountEntity, type Currency } from "../rules/amounts.ts";
export { recogniseScore, type ScoreEntity, type SurveyScale } from "../rules/scores.ts";

export type Placeholder =
  | "@customer" | "@contact" | "@user" | "@person" | "@email" | "@phone" | "@ref" | "@period" | "@date" | "@amount" | "@score";

export interface Slot {
  placeholder: Placeholder;
  start: number;
  end: number;
  text: string;
  /** The entity behind the slot (a name ambiguity for an unsettled name). */
  entity: RecognisedCustomer | RecognisedContact | RecognisedUser | NameAmbiguity | EmailEntity | PhoneEntity | ReferenceEntity
    | PeriodEntity | DateEntity | InvalidDateEntity | AmountEntity | ScoreEntity;
}

export interface Recognised {
  names: RecognisedNames;
  emails: EmailEntity[];
  phones: PhoneEntity[];
  references: ReferenceEntity[];
  periods: PeriodEntity[];
  dates: (DateEntity | InvalidDateEntity)[];
  amounts: AmountEntity[];
  score: ScoreEntity | null;
  /** Every placed entity, in text order, none overlapping. */
  slots: Slot[];
  /** The text with each slot replaced by its placeholder. */
  masked: string;
}

export interface RecogniseAllOptions {
  index: NameIndex;
  actor: Pick<Actor, "id" | "timezone">;
  now: Date;
  teamOwnerIds?: number[];
  /** The caller knows the clause reports a survey: a bare "9/10" or "8分" is a score. */
  surveyContext?: boolean;
  /** Month/quarter without a year in a question (see PeriodOptions.direction). */
  periodDirection?: "past" | "future" | "current";
}

/**
 * Every entity in `text`. Where two overlap, the more specific wins, in this order: e-mail, phone, reference
 * (so "PO #4471" and "138-0013-8000" are never amounts or dates), names, (score, in a survey clause), periods, dates, amounts, score. An entity that
 * loses is dropped from its list too (so no piece of the text counts twice) — except names, reported whole in `names`.
 */
export function recogniseAll(text: string, opts: RecogniseAllOptions): Recognised {
  const tz = opts.actor.timezone;
  const slots: Slot[] = [];
  const free = (s: { start: number; end: number }) => !slots.some((t) => s.start < t.end && s.end > t.start);
  const place = <T extends { start: number; end: number }>(list: T[], placeholder: (e: T) => Placeholder, text: (e: T) => string) =>
    list.filter((e) => {
      if (e.end <= e.start || !free(e)) return false;
      slots.push({ placeholder: placeholder(e), start: e.start, end: e.end, text: text(e), entity: e as unknown as Slot["entity"] });
      return true;
    });
  const t = (e: { text: string }) => e.text;

  const emails = place(recogniseEmails(text), () => "@email", t);
  const phones = place(recognisePhones(text), () => "@phone", t);
  const references = place(recogniseReferences(text), () => "@ref", t);

  const names = recogniseNames(text, opts.index, opts.actor, { teamOwnerIds: opts.teamOwnerIds });
  const nameSpans = [
    ...names.customers.flatMap((c) => c.spans.map((s) => ({ ...s, ph: "@customer" as const, e: c }))),
    ...names.contacts.flatMap((c) => c.spans.map((s) => ({ ...s, ph: "@contact" as const, e: c }))),
    ...names.users.flatMap((u) => u.spans.map((s) => ({ ...s, ph: "@user" as const, e: u }))),
    ...names.ambiguous.map((a) => ({ start: a.start, end: a.end, text: a.text, ph: (a.kind === "person" ? "@person" : `@${a.kind}`) as Placeholder, e: a })),
  ];
  for (const s of nameSpans) if (free(s)) slots.push({ placeholder: s.ph, start: s.start, end: s.end, text: s.text, entity: s.e });

  // In a survey clause the score is read before dates: "9/10" there is a score, not September 10.
  const found = recogniseScore(text, { surveyContext: opts.surveyContext });
  const early = opts.surveyContext && found && found.end > found.start ? place([found], () => "@score", t)[0] ?? null : null;
  const periods = place(recognisePeriods(text, { now: opts.now, timezone: tz, direction: opts.periodDirection }), () => "@period", t);
  // A date inside a period ("since March 1") is part of it.
  const dates = place(recogniseDates(text, { now: opts.now, timezone: tz }), () => "@date", t);
  const amounts = place(recogniseAmounts(text), () => "@amount", t);
  const score = early ?? (found && found.end > found.start ? place([found], () => "@score", t)[0] ?? null : null);

  slots.sort((a, b) => a.start - b.start);
  return {
    names, emails, phones, references, periods, dates, amounts, score, slots,
    masked: maskSpans(text, slots.map((s) => ({ start: s.start, end: s.end, placeholder: s.placeholder }))),
  };
}


