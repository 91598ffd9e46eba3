// The daily digest for one person, in their language and on their calendar. A rep gets their at-risk customers with
// reasons, follow-ups due today and overdue, complaints past their deadline, contacts' birthdays this week and tier
// suggestions; a manager also gets the team roll-up, at-risk customers by rep and the complaints to escalate.
// Returns structured data (bots build their own blocks from it) and a plain-text rendering.
import type { Actor, Db, Locale } from "./context.ts";
import { toActor } from "./context.ts";
import { addDays, dayRange, daysBetween, localDate } from "./time.ts";
import { visibleOwnerIds } from "./scope.ts";
import { listAtRisk } from "./list-at-risk.ts";
import { classifyCustomers } from "./classify-customers.ts";

export interface DigestAtRisk {
  customer: string;
  customerId: number;
  owner: string;
  score: number;
  /** In the user's language, worst first. */
  reasons: string[];
  codes: string[];
}

export interface DigestFollowUp {
  /** For the Done / Snooze buttons under the digest. */
  id: number;
  customer: string;
  owner: string;
  title: string;
  dueAt: string;
  overdue: boolean;
  daysOverdue: number;
}

export interface DigestComplaint {
  customer: string;
  owner: string;
  severity: string;
  description: string;
  openedAt: string;
  dueBy: string;
  daysOpen: number;
  daysOverdue: number;
}

export interface DigestBirthday {
  contact: string;
  customer: string;
  owner: string;
  /** The date it falls on this time, YYYY-MM-DD in the user's calendar. */
  date: string;
  inDays: number;
}

export interface DigestTierSuggestion {
  customer: string;
  owner: string;
  tier: string;
  suggestedTier: string;
  stage: string;
  suggestedStage: string;
}

export interface DigestRepSummary {
  rep: string;
  name: string;
  atRisk: number;
  followUpsDueToday: number;
  followUpsOverdue: number;
  complaintsOverdue: number;
}

export interface Digest {
  user: string;
  name: string;
  role: Actor["role"];
  locale: Locale;
  timezone: string;
  date: string;
  atRisk: DigestAtRisk[];
  followUps: DigestFollowUp[];
  complaints: DigestComplaint[];
  birthdays: DigestBirthday[];
  tierSuggestions: DigestTierSuggestion[];
  /** Managers and admins: per-rep counts, at-risk customers by rep; `complaints` are then the escalations. */
  team?: { reps: DigestRepSummary[]; atRiskByRep: { rep: string; customers: DigestAtRisk[] }[] };
  text: string;
}

export interface BuildDigestOptions {
  db: Db;
  /** The recipient: an Actor, or a user id / handle to load. */
  user: Actor | number | string;
  now: Date;
  /** How many at-risk customers to list (per rep in a manager's by-rep section too). */
  topN?: number;
  birthdayDays?: number;
}

/** The next occurrence of a YYYY-MM-DD birthday within [today, today + days]; Feb 29 falls on Feb 28 in other years. */
export function upcomingBirthday(birthday: string, today: string, days = 7): { date: string; inDays: number } | null {
  const m = /(\d{2})-(\d{2})$/.exec(birthday.trim());
  if (!m) return null;
  const md = `${m[1]}-${m[2]}`;
  for (let k = 0; k <= days; k++) {
    const d = addDays(today, k);
    const y = Number(d.slice(0, 4));
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const onDay = md === "02-29" && !leap ? "02-28" : md;
    if (d.slice(5) === onDay) return { date: d, inDays: k };
  }
  return null;
}

async function loadUser(db: Db, u: BuildDigestOptions["user"]): Promise<Actor> {
  if (typeof u === "object") return u;
  const row = await db.user.findUniqueOrThrow({ where: typeof u === "number" ? { id: u } : { handle: u } });
  return toActor(row);
}

export async function buildDigest(opts: BuildDigestOptions): Promise<Digest> {
  const { db, now } = opts;
  const user = await loadUser(db, opts.user);
  const topN = opts.topN ?? 5;
  const tz = user.timezone;
  const today = localDate(now, tz);
  const { start, end } = dayRange(today, tz);
  const isLead = user.role === "manager" || user.role === "admin";
  const scope = await visibleOwnerIds(db, user);
  const ctx = { db, actor: user, now };

  const [risky, followRows, complaintRows, contactRows, classes, people] = await Promise.all([
    listAtRisk(ctx, { ownerIds: scope, limit: 10_000 }),
    db.followUp.findMany({
      where: { ownerId: { in: scope }, status: "open", dueAt: { lt: end }, customer: { status: "active" } },
      select: { id: true, ownerId: true, title: true, dueAt: true, customer: { select: { name: true } } },
      orderBy: { dueAt: "asc" },
    }),
    db.complaint.findMany({
      where: { status: "open", dueBy: { lt: now }, OR: [{ ownerId: { in: scope } }, { customer: { ownerId: { in: scope } } }] },
      select: { ownerId: true, severity: true, description: true, openedAt: true, dueBy: true, customer: { select: { name: true, ownerId: true } } },
      orderBy: { dueBy: "asc" },
    }),
    db.contact.findMany({
      where: { birthday: { not: null }, customer: { status: "active", ownerId: { in: scope } } },
      select: { name: true, birthday: true, customer: { select: { name: true, ownerId: true } } },
    }),
    classifyCustomers(db, { now, ownerIds: scope }),
    db.user.findMany({ where: { id: { in: scope } }, select: { id: true, handle: true, name: true, role: true }, orderBy: { handle: "asc" } }),
  ]);
  const handle = new Map(people.map((p) => [p.id, p.handle]));
  const h = (id: number) => handle.get(id) ?? "?";
  const loc = user.locale;

  const toRisk = (r: (typeof risky)[number]): DigestAtRisk => ({
    customer: r.customer.name,
    customerId: r.customerId,
    owner: r.owner.handle,
    score: r.score,
    reasons: r.reasons.map((x) => x[loc]),
    codes: r.reasons.map((x) => x.code),
  });
  const atRisk = risky.slice(0, topN).map(toRisk);

  const followAll: DigestFollowUp[] = followRows.map((f) => {
    const overdue = f.dueAt < start;
    return {
      id: f.id,
      customer: f.customer.name,
      owner: h(f.ownerId),
      title: f.title,
      dueAt: f.dueAt.toISOString(),
      overdue,
      daysOverdue: overdue ? daysBetween(localDate(f.dueAt, tz), today) : 0,
    };
  });
  const followUps = followAll.filter((f) => f.owner === user.handle);

  const complaints: DigestComplaint[] = complaintRows.map((k) => ({
    customer: k.customer.name,
    owner: h(k.customer.ownerId) !== "?" ? h(k.customer.ownerId) : h(k.ownerId),
    severity: k.severity,
    description: k.description,
    openedAt: k.openedAt.toISOString(),
    dueBy: k.dueBy.toISOString(),
    // Calendar days on the recipient's calendar, like the risk reasons ("complaint open 20 days").
    daysOpen: daysBetween(localDate(k.openedAt, tz), today),
    daysOverdue: Math.max(0, daysBetween(localDate(k.dueBy, tz), today)),
  }));

  const birthdays: DigestBirthday[] = contactRows
    .flatMap((c) => {
      const b = upcomingBirthday(c.birthday!, today, opts.birthdayDays ?? 7);
      return b ? [{ contact: c.name, customer: c.customer.name, owner: h(c.customer.ownerId), ...b }] : [];
    })
    .sort((a, b) => a.inDays - b.inDays || a.contact.localeCompare(b.contact));

  const tierSuggestions: DigestTierSuggestion[] = classes
    .filter((c) => c.suggestedTier !== c.tier && c.fullYear)
    .map((c) => ({ customer: c.name, owner: h(c.ownerId), tier: c.tier, suggestedTier: c.suggestedTier, stage: c.stage, suggestedStage: c.suggestedStage }));

  let team: Digest["team"];
  if (isLead) {
    const reps = people.filter((p) => p.id !== user.id);
    team = {
      reps: reps.map((p) => ({
        rep: p.handle,
        name: p.name,
        atRisk: risky.filter((r) => r.owner.id === p.id).length,
        followUpsDueToday: followAll.filter((f) => f.owner === p.handle && !f.overdue).length,
        followUpsOverdue: followAll.filter((f) => f.owner === p.handle && f.overdue).length,
        complaintsOverdue: complaints.filter((k) => k.owner === p.handle).length,
      })),
      atRiskByRep: reps
        .map((p) => ({ rep: p.handle, customers: risky.filter((r) => r.owner.id === p.id).slice(0, topN).map(toRisk) }))
        .filter((g) => g.customers.length > 0),
    };
  }

  const digest: Omit<Digest, "text"> = {
    user: user.handle,
    name: user.name,
    role: user.role,
    locale: loc,
    timezone: tz,
    date: today,
    atRisk,
    followUps,
    complaints,
    birthdays,
    tierSuggestions,
    ...(team ? { team } : {}),
  };
  return { ...digest, text: renderDigest(digest) };
}

const L = {
  en: {
    title: (n: string, d: string) => `Good morning, ${n} — your digest for ${d}`,
    atRisk: "Customers at risk",
    none: "none",
    followUps: "Follow-ups",
    today: "due today",
    overdue: (n: number) => `overdue ${n} day${n === 1 ? "" : "s"}`,
    complaints: "Complaints past their deadline",
    escalate: "Complaints to escalate (past their deadline)",
    complaint: (k: DigestComplaint) => `${k.customer} (${k.owner}): ${k.severity} — ${k.description}; open ${k.daysOpen} days, ${k.daysOverdue} past due`,
    birthdays: "Birthdays this week",
    birthday: (b: DigestBirthday) => `${b.contact} (${b.customer}) — ${b.inDays === 0 ? "today" : b.inDays === 1 ? "tomorrow" : `in ${b.inDays} days`}, ${b.date.slice(5)}`,
    tiers: "Tier suggestions",
    tier: (t: DigestTierSuggestion) => `${t.customer}: tier ${t.tier} → ${t.suggestedTier} (by contact frequency × order value)`,
    team: "Team",
    rep: (r: DigestRepSummary) => `${r.name} (${r.rep}): ${r.atRisk} at risk, ${r.followUpsDueToday} follow-ups due today, ${r.followUpsOverdue} overdue, ${r.complaintsOverdue} complaints past due`,
    byRep: "At risk by rep",
    score: "risk",
  },
  zh: {
    title: (n: string, d: string) => `${n},早上好 — ${d} 每日简报`,
    atRisk: "有流失风险的客户",
    none: "无",
    followUps: "跟进事项",
    today: "今天到期",
    overdue: (n: number) => `已逾期 ${n} 天`,
    complaints: "已超期的投诉",
    escalate: "需升级处理的投诉(已超期)",
    complaint: (k: DigestComplaint) => `${k.customer}(${k.owner}):${({ high: "高", medium: "中", low: "低" } as Record<string, string>)[k.severity] ?? k.severity}级 — ${k.description};已开启 ${k.daysOpen} 天,超期 ${k.daysOverdue} 天`,
    birthdays: "本周生日",
    birthday: (b: DigestBirthday) => `${b.contact}(${b.customer})— ${b.inDays === 0 ? "今天" : b.inDays === 1 ? "明天" : `${b.inDays} 天后`},${b.date.slice(5)}`,
    tiers: "分级建议",
    tier: (t: DigestTierSuggestion) => `${t.customer}:${t.tier} 级 → 建议 ${t.suggestedTier} 级(按联系频次 × 订单金额)`,
    team: "团队概况",
    rep: (r: DigestRepSummary) => `${r.name}(${r.rep}):风险客户 ${r.atRisk} 个,今日到期跟进 ${r.followUpsDueToday} 个,逾期 ${r.followUpsOverdue} 个,超期投诉 ${r.complaintsOverdue} 个`,
    byRep: "各销售的风险客户",
    score: "风险",
  },
} as const;

/** Plain text (markdown-ish: headings and "- " bullets) for the terminal and for bots without rich formatting. */
export function renderDigest(d: Omit<Digest, "text">): string {
  const t = L[d.locale];
  const out: string[] = [t.title(d.name, d.date)];
  const section = (title: string, lines: string[], always = false) => {
    if (!lines.length && !always) return;
    out.push("", `## ${title}`, ...(lines.length ? lines.map((l) => `- ${l}`) : [`- ${t.none}`]));
  };
  const risk = (r: DigestAtRisk, withOwner: boolean) =>
    `${r.customer}${withOwner ? ` (${r.owner})` : ""} — ${t.score} ${r.score}: ${r.reasons.join(d.locale === "zh" ? ";" : "; ")}`;
  if (d.team) section(t.team, d.team.reps.map(t.rep));
  section(t.atRisk, d.atRisk.map((r) => risk(r, !!d.team)), true);
  if (d.team)
    for (const g of d.team.atRiskByRep) section(`${t.byRep}: ${g.rep}`, g.customers.map((r) => risk(r, false)));
  section(t.followUps, d.followUps.map((f) => `${f.customer}: ${f.title} (${f.overdue ? t.overdue(f.daysOverdue) : t.today})`));
  section(d.team ? t.escalate : t.complaints, d.complaints.map(t.complaint));
  section(t.birthdays, d.birthdays.map(t.birthday));
  section(t.tiers, d.tierSuggestions.slice(0, 10).map(t.tier));
  return out.join("\n");
}
