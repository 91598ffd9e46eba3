// Which customer a message is about, from the names the store found in it: longest name wins over a shorter name
// at the same place ("Acme Logistics" over "Acme"); a contact's name points to their company ("给王芳" → 华东机械).
// When one short name fits several customers, the name is passed on as written so the domain can prefer the
// speaker's own account or ask.
import type { Mention } from "../../domain/find-customers.ts";

export interface Target {
  /** What to pass to tools as `customer`: a full name when unique, else the words the user wrote. */
  name: string;
  /** For replies. */
  display: string;
  /** The key as it appeared (lower-case). */
  matched: string;
  customerId?: number;
  contact?: string;
  /** When the written name fits several customers: all of them, for a contact's name to settle it. */
  candidates?: { id: number; name: string }[];
  /** Further customers named alongside the first ("visited Acme and Bluewave", "拜访了华东机械和星辰科技"). */
  also?: { id: number; name: string }[];
}

interface Occ {
  m: Mention;
  index: number;
  end: number;
}

export function resolveTarget(raw: string, found: { mentions: Mention[] }): Target | null {
  const lower = raw.toLowerCase();
  const occ: Occ[] = [];
  for (const m of found.mentions) {
    const i = lower.indexOf(m.key);
    if (i >= 0) occ.push({ m, index: i, end: i + m.key.length });
  }
  // Drop a mention covered by a longer one (same or overlapping span).
  const kept = occ.filter((o) => !occ.some((p) => p !== o && p.end - p.index > o.end - o.index && p.index <= o.index && p.end >= o.end));
  const byCustomer = kept.filter((o) => o.m.candidate.matchedBy !== "contact");
  const byContact = kept.filter((o) => o.m.candidate.matchedBy === "contact");
  if (byCustomer.length) {
    // The earliest-written customer name is the subject; all candidates sharing that key decide ambiguity.
    byCustomer.sort((a, b) => a.index - b.index || b.m.candidate.score - a.m.candidate.score);
    const first = byCustomer[0]!;
    const same = byCustomer.filter((o) => o.m.key === first.m.key);
    const ids = [...new Set(same.map((o) => o.m.candidate.id))];
    const contact = byContact.find((c) => ids.includes(c.m.candidate.id))?.m.candidate.contact?.name;
    if (ids.length === 1) {
      const also = joinedCustomers(raw, byCustomer, first);
      return { name: first.m.candidate.name, display: first.m.candidate.name, matched: first.m.key, customerId: ids[0], ...(contact ? { contact } : {}), ...(also.length ? { also } : {}) };
    }
    // "Acme" for two companies: a contact named alongside may settle it ("Jane at Acme").
    if (contact) {
      const c = byContact.find((c) => ids.includes(c.m.candidate.id))!;
      return { name: c.m.candidate.name, display: c.m.candidate.name, matched: first.m.key, customerId: c.m.candidate.id, contact };
    }
    const written = raw.slice(first.index, first.end);
    const candidates = [...new Map(same.map((o) => [o.m.candidate.id, { id: o.m.candidate.id, name: o.m.candidate.name }])).values()];
    return { name: written, display: written, matched: first.m.key, candidates };
  }
  if (byContact.length) {
    byContact.sort((a, b) => a.index - b.index);
    const ids = [...new Set(byContact.filter((o) => o.m.key === byContact[0]!.m.key).map((o) => o.m.candidate.id))];
    const c = byContact[0]!.m.candidate;
    if (ids.length === 1) return { name: c.name, display: c.name, matched: byContact[0]!.m.key, customerId: c.id, contact: c.contact?.name };
    return { name: c.contact?.name ?? c.name, display: c.contact?.name ?? c.name, matched: byContact[0]!.m.key, contact: c.contact?.name };
  }
  return null;
}

/** Customers joined to the first by "and" / "和" / a comma right after it: each is meant, not just the first. */
function joinedCustomers(raw: string, occ: Occ[], first: Occ): { id: number; name: string }[] {
  const out: { id: number; name: string }[] = [];
  let end = first.end;
  const seen = new Set([first.m.candidate.id]);
  for (const o of occ.filter((o) => o.index >= first.end).sort((a, b) => a.index - b.index)) {
    if (seen.has(o.m.candidate.id)) continue;
    const ids = new Set(occ.filter((x) => x.m.key === o.m.key).map((x) => x.m.candidate.id));
    if (ids.size !== 1 || !/^\s*(and|&|,|,|、|和|跟|与|及|以及|还有)\s*$/i.test(raw.slice(end, o.index))) break;
    seen.add(o.m.candidate.id);
    out.push({ id: o.m.candidate.id, name: o.m.candidate.name });
    end = o.end;
  }
  return out;
}
