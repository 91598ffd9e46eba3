// E-mail addresses, phone numbers and references (PO / order / invoice numbers) in chat messages, with spans — so
// "new number 138-0013-8000" is a phone, "PO #4471" a reference, and neither is ever read as an amount or a date.
// Pure and linear.

export interface EmailEntity { email: string; start: number; end: number; text: string }
export interface PhoneEntity {
  /** Digits only, with a leading + when one was written ("+8613800138000"). */
  phone: string;
  start: number;
  end: number;
  text: string;
}
export interface ReferenceEntity {
  kind: "po" | "order" | "invoice" | "contract" | "quote" | "ticket" | "ref";
  /** The reference as written, without its label ("4471", "INV-2031"). */
  value: string;
  start: number;
  end: number;
  text: string;
}

const EMAIL = /(?<![\w.+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}(?![\w-])/g;

/** Every e-mail address, lower-cased in `email` (as written in `text`). */
export function recogniseEmails(text: string): EmailEntity[] {
  return [...(text ?? "").matchAll(EMAIL)].map((m) => {
    const raw = m[0].replace(/\.$/, "");
    return { email: raw.toLowerCase(), start: m.index!, end: m.index! + raw.length, text: raw };
  });
}

// Digits with the separators people type: "+86 138 0013 8000", "138-0013-8000", "(021) 5555-1234", "+1 (415) 555-0142".
// A comma before a number only joins it to a number before it ("1,234,567"); after a word it separates ("主管,138…").
const PHONE = /(?<![\w.\/:-])(?<!\d,)(\+\s?\d{1,3}[\s.-]?)?(\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]?\d{2,4}){1,4}(?:\s*(?:ext\.?|x|转)\s*\d{1,5})?(?![\w\/%:-]|[.,]\d|\s*(?:%|元|块|万|k\b|dollars|usd|rmb|units?|pcs))/gi;
const PHONE_CUE = /(?:\b(?:tel|phone|mobile|cell|number|no\.|whatsapp|call(?:ed)?|ring|fax)\b|电话|手机|号码|座机|微信|联系方式|热线)[^.!?。！？\d]{0,16}$/i;
const CN_MOBILE = /^1[3-9]\d{9}$/;
const DATE_LIKE = /^\d{4}[-.\s]\d{1,2}[-.\s]\d{1,2}$|^\d{1,2}[-.\s]\d{1,2}[-.\s]\d{2,4}$/;

/**
 * Every phone number: 7–15 digits, written with a +, with separators or brackets, as a Chinese mobile
 * (11 digits from 13–19), or right after a phone word ("tel", "电话"). Dates ("2026-03-10") and amounts are not.
 */
export function recognisePhones(text: string): PhoneEntity[] {
  const out: PhoneEntity[] = [];
  for (const m of (text ?? "").matchAll(PHONE)) {
    const raw = m[0].trim();
    const main = raw.replace(/\s*(?:ext\.?|x|转)\s*\d{1,5}$/i, "");
    const digits = main.replace(/\D/g, "");
    if (digits.length < 7 || digits.length > 15 || DATE_LIKE.test(main)) continue;
    const plus = main.startsWith("+");
    const separated = /[\s.()-]/.test(main);
    const cued = PHONE_CUE.test(text.slice(Math.max(0, m.index! - 24), m.index!));
    if (!plus && !CN_MOBILE.test(digits) && !cued && !(separated && digits.length >= 10) && !(separated && /\d{3}-\d{4}$/.test(main))) continue;
    out.push({ phone: (plus ? "+" : "") + digits, start: m.index!, end: m.index! + raw.length, text: raw });
  }
  return out;
}

// "PO #4471", "PO4471", "P.O. 4471", "order no. 4471", "order #4471", "invoice INV-2031", "#4471", "订单号4471", "合同号HT-2026-01".
const REF_LABELLED = /(?:\b(p\.?o\.?|purchase\s+order|order|invoice|inv|contract|quote|quotation|ticket|case|ref(?:erence)?)(?![A-Za-z])\.?\s*(?:no\.?|num(?:ber)?\.?|#|id)?\s*[#:：]?\s*|(订单号|单号|发票号|合同号|报价单号|工单号?|编号)\s*[:：#]?\s*)([A-Za-z]{0,4}[-_]?\d[\dA-Za-z_-]{1,24})(?![\w])/gi;
const REF_HASH = /(?<![\w&])#\s?(\d[\dA-Za-z-]{1,24})(?![\w])/g;

const KIND: Record<string, ReferenceEntity["kind"]> = {
  po: "po", "p.o": "po", "p.o.": "po", "purchase order": "po", order: "order", invoice: "invoice", inv: "invoice",
  contract: "contract", quote: "quote", quotation: "quote", ticket: "ticket", case: "ticket", ref: "ref", reference: "ref",
  订单号: "order", 单号: "order", 发票号: "invoice", 合同号: "contract", 报价单号: "quote", 工单: "ticket", 工单号: "ticket", 编号: "ref",
};

/** Every reference number, labelled ("PO 4471", "订单号4471") or bare after # ("#4471"). */
export function recogniseReferences(text: string): ReferenceEntity[] {
  const out: ReferenceEntity[] = [];
  for (const m of (text ?? "").matchAll(REF_LABELLED)) {
    const label = (m[1] ?? m[2]!).toLowerCase().replace(/\s+/g, " ");
    const value = m[3]!;
    // "order of 8000", "order 5 more": a word label needs a number that looks like an identifier (3+ digits or a #/no.).
    if (m[1] && !/\d{3}/.test(value) && !/#|no\.?|num/i.test(m[0])) continue;
    if (m[1] && /^(order|quote|case)$/.test(label) && !/#|no\.?|num|[:：]/i.test(m[0]) && !/^[A-Za-z]*[-_]?\d{4,}/.test(value)) continue;
    out.push({ kind: KIND[label] ?? KIND[label.replace(/\.$/, "")] ?? "ref", value, start: m.index!, end: m.index! + m[0].length, text: m[0] });
  }
  for (const m of (text ?? "").matchAll(REF_HASH)) {
    if (out.some((r) => m.index! >= r.start && m.index! < r.end)) continue;
    out.push({ kind: "ref", value: m[1]!, start: m.index!, end: m.index! + m[0].length, text: m[0] });
  }
  return out.sort((a, b) => a.start - b.start);
}
