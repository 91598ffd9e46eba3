// The acts a message can carry and the slots the classifier fills, in one place: the corpus is checked against these,
// the model is trained on them and the frames read them. (Meanings: corpus/README.md.)
export const ACTS = [
  "log", "follow_up", "order", "complaint", "complaint_resolved", "survey",
  "deal_open", "deal_won", "deal_lost", "deal_update",
  "new_customer", "new_contact", "edit_customer", "edit_contact", "reassign", "archive",
  "follow_up_done", "follow_up_snooze", "follow_up_cancel", "undo",
  "draft",
  "q_follow_ups", "q_at_risk", "q_stale", "q_summary", "q_last_contact", "q_owner", "q_order_totals", "q_deals",
  "q_activity", "q_complaints", "q_customers", "q_digest", "q_birthdays", "q_contact_info",
  "confirm", "deny", "small_talk", "none",
] as const;
export type Act = (typeof ACTS)[number];

/** Slot → its values, and the acts that carry it. */
export const SLOTS = {
  kind: { values: ["call", "visit", "meeting", "email", "message"], acts: ["log"] },
  sentiment: { values: ["positive", "neutral", "negative"], acts: ["log"] },
  severity: { values: ["low", "medium", "high"], acts: ["complaint"] },
  scale: { values: ["nps", "csat"], acts: ["survey"] },
  purpose: { values: ["follow_up", "check_in", "apology", "thanks", "introduce", "inform", "greeting", "quote"], acts: ["draft"] },
  field: { values: ["tier", "industry", "region", "name", "tags", "phone", "email", "title", "birthday"], acts: ["edit_customer", "edit_contact"] },
} as const satisfies Record<string, { values: readonly string[]; acts: readonly Act[] }>;
export type SlotName = keyof typeof SLOTS;
export const SLOT_NAMES = Object.keys(SLOTS) as SlotName[];

/** Acts that change the store: below the confidence threshold none of them is acted on. */
export const WRITE_ACTS: ReadonlySet<Act> = new Set<Act>([
  "log", "follow_up", "order", "complaint", "complaint_resolved", "survey", "deal_open", "deal_won", "deal_lost", "deal_update",
  "new_customer", "new_contact", "edit_customer", "edit_contact", "reassign", "archive", "follow_up_done", "follow_up_snooze", "follow_up_cancel",
]);

export const PLACEHOLDERS = ["@customer2", "@customer", "@contact", "@user", "@amount", "@email", "@phone"] as const;
