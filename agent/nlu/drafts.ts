// The draft frame: to whom (customer and contact), on which channel, for what purpose (a slot the classifier fills).
import type { Understanding } from "./understand.ts";
import type { Plan, Forced } from "./plan.ts";
import type { Say } from "./say.ts";
import { askWhichCustomer } from "./dialogue.ts";
import { settledTarget } from "./records.ts";
import { isSurnameTitle } from "../recognisers/names.ts";

export function draftFrame(u: Understanding, forced: Forced | undefined, say: Say): Plan {
  const whoAny = forced?.target ?? settledTarget(u);
  if (!whoAny) return { calls: [], reply: say("draftWho"), pending: { ask: "more", text: u.raw } };
  if ("ambiguous" in whoAny)
    return askWhichCustomer(u, whoAny);
  const lower = u.raw.toLowerCase();
  const channel = /e-?mail|邮件/.test(lower) ? "email" : /wechat|微信|vx\b/.test(lower) ? "wechat" : "message";
  const purpose = u.raw
    .replace(/^(please\s+|pls\s+)?(can you\s+|could you\s+)?(draft|write|compose|prepare)\s+(me\s+)?(up\s+)?(a|an)?\s*/i, "")
    .replace(/^(请)?(帮我|给我|帮忙)?(写|起草|拟|草拟)(一?[条封个段])?/, "")
    .trim();
  const slot = u.reading.slots.purpose;
  const kind = slot && slot.p >= 0.5 ? KIND[slot.value] : undefined;
  const language = languageAsked(u.raw);
  // The rep's own form of address ("孙总", "郑校长") is how the contact expects to be greeted, not their full name.
  const said = whoAny.contact ? u.rec.spans.find((sp) => sp.kind === "contact" && sp.ref === whoAny.contact) : undefined;
  const written = said ? u.raw.slice(said.start, said.end) : undefined;
  const salutation = written && written !== whoAny.contact && isSurnameTitle(written) ? written : undefined;
  return { calls: [{ name: "draft_message", args: { customer: whoAny.name, ...(whoAny.contact ? { contact: whoAny.contact } : {}), channel, purpose, ...(kind ? { kind } : {}), ...(language ? { language } : {}), ...(salutation ? { salutation } : {}) } }] };
}


/** "写封英文邮件", "in Chinese": the language the customer reads, which may not be the rep's. */
export function languageAsked(text: string): "en" | "zh" | undefined {
  if (/英文|英语|\b(?:in|into) english\b|\benglish (?:version|email|msg|message|note)\b/i.test(text)) return "en";
  if (/中文|汉语|\b(?:in|into) (?:chinese|mandarin)\b|\bchinese (?:version|email|msg|message|note)\b/i.test(text)) return "zh";
  return undefined;
}

/** The classifier's purpose → the draft templates (prompts/drafts.*.md). */
const KIND: Record<string, string> = {
  follow_up: "followup", check_in: "checkin", apology: "apology", thanks: "thanks", introduce: "introduce", inform: "inform", greeting: "greeting", quote: "followup",
};
