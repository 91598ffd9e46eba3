// A generated company in the CONTRACT §2 import format, for benchmarks: N customers (half English, half Chinese
// names) spread over the given reps, one contact each, M interactions, two orders and one open follow-up per customer.
// Deterministic, so every run (and both backends) sees the same data. Imported with domain/import-data.ts.
import type { ImportDocument } from "../domain/import-rows.ts";

export interface GenerateOptions {
  customers: number;
  interactions: number;
  /** Handles of the users who own the customers, round-robin. */
  owners: string[];
  /** Users to include in the document (omit when they come from another document merged in). */
  users?: ImportDocument["users"];
  /** Calendar the generated dates run from; interactions span 700 days after it. */
  start?: Date;
  /**
   * Varied, distinct company and person names ("Korvantal Foods", "瑞泽鸿物流有限公司", "Emma Brooks") instead of
   * "Customer 12 Ltd" / "Contact 12" — which all share the short key "customer", so any message saying "customer"
   * mentions 5,000 of them. The agent bench needs names like real ones; bench:store keeps the plain ones.
   */
  realisticNames?: boolean;
}

const SYL = ["kor", "van", "tal", "mi", "ren", "vex", "bri", "sol", "dan", "fen", "gar", "hul", "jin", "mar", "nor", "pel", "quin", "ros", "lum", "wen"];
const EN_IND = ["Logistics", "Foods", "Pharma", "Hotels", "Machinery", "Trading", "Dental", "Robotics"];
const HAN = "瑞泽鸿锦嘉禾昊钧彦翔晟琪珂璟煜霖铭骏懿瀚澜祺麟韬翊瑾珺皓烨钰沣岚蔚濠璇琛骁峻頔霁".split("");
const ZH_IND = ["科技", "物流", "机械", "建材", "医药", "食品"];
const FIRST = ["Emma", "Liam", "Olivia", "Noah", "Ava", "Ethan", "Mia", "Lucas", "Zoe", "Owen", "Ruby", "Felix", "Ivy", "Hugo", "Nora", "Leo"];
const LAST = ["Brooks", "Carter", "Hayes", "Foster", "Reed", "Morgan", "Price", "Ward", "Hughes", "Perry", "Bennett", "Gray", "Fisher", "Wells"];
const SUR = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗".split("");
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚".split("");
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

function realisticCustomer(i: number): string {
  const round = Math.floor(i / 8000);
  if (i % 2 === 0) return `${cap(SYL[i % 20]! + SYL[Math.floor(i / 20) % 20]! + SYL[Math.floor(i / 400) % 20]!)} ${EN_IND[(i + round) % 8]}`;
  const n = HAN.length;
  return `${HAN[i % n]}${HAN[Math.floor(i / n) % n]}${HAN[Math.floor(i / (n * n)) % n]}${ZH_IND[(i + round) % 6]}有限公司`;
}
function realisticContact(i: number): string {
  return i % 2 === 0 ? `${FIRST[i % 16]} ${LAST[Math.floor(i / 16) % 14]}` : `${SUR[i % 20]}${GIVEN[Math.floor(i / 20) % 20]}`;
}

const DAY = 86_400_000;

/** The name generateCompany gives customer i and its contact, so a benchmark can write messages about them. */
export const generatedNames = (i: number, realistic = false) =>
  realistic ? { customer: realisticCustomer(i), contact: realisticContact(i) } : { customer: i % 2 ? `客户${i}有限公司` : `Customer ${i} Ltd`, contact: `Contact ${i}` };

export function generateCompany(o: GenerateOptions): ImportDocument {
  const start = (o.start ?? new Date(Date.UTC(2024, 0, 1))).getTime();
  const customers = Array.from({ length: o.customers }, (_, i) => ({
    name: o.realisticNames ? realisticCustomer(i) : i % 2 ? `客户${i}有限公司` : `Customer ${i} Ltd`,
    aliases: i % 3 ? [] : [`C${i}`],
    owner: o.owners[i % o.owners.length]!,
    tier: "ABCD"[i % 4],
    stage: "repeat",
    industry: "manufacturing",
    region: "上海",
    tags: [],
    createdAt: new Date(start + (i % 300) * DAY).toISOString(),
  }));
  const contactName = (i: number) => (o.realisticNames ? realisticContact(i) : `Contact ${i}`);
  const contacts = customers.map((c, i) => ({ customer: c.name, name: contactName(i), title: "Buyer", email: `c${i}@example.com` }));
  const kinds = ["call", "visit", "meeting", "email", "message"];
  const interactions = Array.from({ length: o.interactions }, (_, i) => {
    const c = i % o.customers;
    return {
      customer: customers[c]!.name,
      user: customers[c]!.owner,
      kind: kinds[i % 5],
      occurredAt: new Date(start + (i % 700) * DAY + (i % 24) * 3600_000).toISOString(),
      summary: `Talked about order ${i}`,
      sentiment: ["positive", "neutral", "negative"][i % 3],
      ...(i % 4 === 0 ? { contact: contactName(c) } : {}),
    };
  });
  const orders = Array.from({ length: o.customers * 2 }, (_, i) => ({
    customer: customers[i % o.customers]!.name,
    amount: 1000 + (i % 97) * 250,
    currency: "CNY",
    orderedAt: new Date(start + (i % 650) * DAY).toISOString(),
  }));
  const followUps = Array.from({ length: o.customers }, (_, i) => ({
    customer: customers[i]!.name,
    owner: customers[i]!.owner,
    dueAt: new Date(start + (700 + (i % 30)) * DAY).toISOString(),
    title: `Follow up ${i}`,
    status: "open",
  }));
  return { version: 1, users: o.users ?? [], customers, contacts, interactions, orders, followUps } as ImportDocument;
}

/** The users bench:store has always used: a manager and 20 reps (half Shanghai/zh, half New York/en). */
export function benchUsers(reps = 20): ImportDocument["users"] {
  return Array.from({ length: reps + 1 }, (_, i) =>
    i === 0
      ? { handle: "boss", name: "Boss", role: "manager", timezone: "Asia/Shanghai", locale: "zh", identities: [] }
      : { handle: `rep${i}`, name: `Rep ${i}`, role: "rep", manager: "boss", timezone: i % 2 ? "Asia/Shanghai" : "America/New_York", locale: i % 2 ? "zh" : "en", identities: [] },
  ) as ImportDocument["users"];
}
