// Spreadsheets people already keep: a customers sheet, a contacts sheet or an orders sheet, with headers in English or
// Chinese, saved by Excel (BOM, GBK, quoted fields, "2026/3/2", "¥12,000"). Turned into a CONTRACT §2 document so it
// goes through the same validation and upserts as JSON; bad rows are reported by their spreadsheet line.
import { parse } from "csv-parse/sync";
import { DomainError } from "./errors.ts";
import type { ImportDocument, Section } from "./import-rows.ts";

export type SheetKind = "customers" | "contacts" | "orders";

type Field =
  | "customer" | "owner" | "tier" | "stage" | "industry" | "region" | "tags" | "aliases" | "status"
  | "contact" | "title" | "phone" | "email" | "birthday"
  | "amount" | "currency" | "orderedAt" | "name";

// Header spellings, compared after lower-casing and dropping spaces, punctuation and "*" required marks.
const HEADERS: Record<Field, string[]> = {
  customer: ["客户名称", "公司名称", "客户", "客户名", "公司", "公司名", "单位名称", "企业名称", "company", "companyname", "account", "accountname", "customer", "customername", "organization", "organisation"],
  name: ["name", "名称"],
  owner: ["负责人", "销售", "销售负责人", "业务员", "客户经理", "跟进人", "所属销售", "owner", "accountowner", "salesrep", "rep", "assignedto", "salesperson"],
  tier: ["级别", "客户等级", "等级", "客户级别", "分级", "客户分级", "tier", "level", "grade", "class", "accounttier"],
  stage: ["阶段", "客户阶段", "生命周期", "stage", "lifecyclestage"],
  industry: ["行业", "所属行业", "industry"],
  region: ["地区", "区域", "城市", "省份", "所在地区", "所在城市", "region", "city", "area", "territory", "location"],
  tags: ["标签", "tags", "tag", "labels"],
  aliases: ["别名", "简称", "aliases", "alias", "shortname"],
  status: ["状态", "status"],
  contact: ["联系人", "姓名", "联系人姓名", "contact", "contactname", "fullname", "contactperson"],
  title: ["职务", "职位", "头衔", "title", "jobtitle", "position"],
  phone: ["电话", "手机", "手机号", "手机号码", "联系电话", "电话号码", "phone", "phonenumber", "mobile", "mobilephone", "tel", "telephone", "cell"],
  email: ["邮箱", "电子邮件", "电子邮箱", "邮件", "email", "emailaddress", "mail"],
  birthday: ["生日", "出生日期", "birthday", "dateofbirth", "dob", "birthdate"],
  amount: ["金额", "订单金额", "合同金额", "总金额", "销售额", "成交金额", "amount", "orderamount", "total", "ordertotal", "value", "ordervalue"],
  currency: ["币种", "货币", "currency"],
  orderedAt: ["下单日期", "日期", "订单日期", "下单时间", "成交日期", "orderdate", "date", "ordereddate", "orderedat", "closedate"],
};

const norm = (h: string) => h.replace(/^\uFEFF/, "").toLowerCase().replace(/[\s_\-*.:：()()#]/g, "");
const LOOKUP = new Map<string, Field>(Object.entries(HEADERS).flatMap(([f, hs]) => hs.map((h) => [norm(h), f as Field])));

/** Text of a CSV file: UTF-8 (with or without BOM), or GBK as Excel saves Chinese sheets. */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

/** "2026/3/2", "2026-03-02", "2026.3.2", "2026年3月2日", "3/2/2026" (US) → "2026-03-02"; otherwise unchanged. */
export function normalizeDate(v: string): string {
  const s = v.trim();
  const pad = (n: string) => n.padStart(2, "0");
  let m = /^(\d{4})[/.\-年](\d{1,2})[/.\-月](\d{1,2})日?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (m) return `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}${m[4] ? `T${pad(m[4])}:${m[5]}:${m[6] ?? "00"}Z` : ""}`;
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) return `${m[3]}-${pad(m[1]!)}-${pad(m[2]!)}`;
  return s;
}

const CURRENCY_MARKS: [RegExp, string][] = [
  [/^(rmb|cny|人民币)|[¥￥元]|(rmb|cny)$/i, "CNY"],
  [/us\$|usd|美元|^\$/i, "USD"],
  [/€|eur/i, "EUR"],
  [/£|gbp/i, "GBP"],
  [/hk\$|hkd|港币/i, "HKD"],
];

/** "¥12,000" → { amount: 12000, currency: "CNY" }; unreadable amounts stay text so validation names them. */
export function parseAmount(v: string): { amount: number | string; currency?: string } {
  const s = v.trim();
  const currency = CURRENCY_MARKS.find(([re]) => re.test(s))?.[1];
  const digits = s.replace(/(us\$|hk\$|rmb|cny|usd|eur|gbp|hkd|人民币|美元|港币)/gi, "").replace(/[¥￥$€£元,,\s]/g, "");
  const wan = /万$/.test(digits);
  const n = Number(wan ? digits.slice(0, -1) : digits);
  if (!digits || Number.isNaN(n)) return { amount: s, currency };
  return { amount: wan ? n * 10_000 : n, currency };
}

const tierOf = (v: string) => /^\s*([A-Da-d])\s*(类|级|级客户|类客户)?\s*$/.exec(v)?.[1]?.toUpperCase() ?? v.trim();
const list = (v: string) => v.split(/[,,、;;|]/).map((s) => s.trim()).filter(Boolean);

function delimiterOf(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? "";
  const counts = [",", ";", "\t"].map((d) => [d, first.split(d).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]![0];
}

export interface CsvDocument {
  kind: SheetKind;
  doc: ImportDocument;
  /** Spreadsheet line of each row, per section. */
  lines: Partial<Record<Section, number[]>>;
}

export function csvToDocument(text: string, file = "input.csv"): CsvDocument {
  let records: { info: { lines: number }; record: string[]; raw: string }[];
  try {
    records = parse(text, { bom: true, delimiter: delimiterOf(text.replace(/^\uFEFF/, "")), relax_column_count: true, skip_empty_lines: true, info: true, raw: true }) as never;
  } catch (e) {
    throw new DomainError("INVALID_INPUT", { userMessage: `${file}: not a readable CSV file (${(e as Error).message})` });
  }
  const [header, ...rows] = records;
  if (!header) throw new DomainError("INVALID_INPUT", { userMessage: `${file}: the file is empty` });
  const cols = new Map<Field, number>();
  header.record.forEach((h, i) => {
    const f = LOOKUP.get(norm(h));
    if (f && !cols.has(f)) cols.set(f, i);
  });
  // "Name" is the company on a customers sheet and the person on a contacts sheet that has a company column.
  if (cols.has("name")) {
    if (!cols.has("customer")) cols.set("customer", cols.get("name")!);
    else if (!cols.has("contact")) cols.set("contact", cols.get("name")!);
  }
  if (!cols.has("customer"))
    throw new DomainError("INVALID_INPUT", {
      userMessage: `${file}: no customer column — expected a header like 客户名称, 公司名称, Company or Account Name (found: ${header.record.join(", ")})`,
    });
  const customerLevel = (["owner", "tier", "stage", "industry", "region", "tags", "aliases"] as Field[]).some((f) => cols.has(f));
  const kind: SheetKind = cols.has("amount") ? "orders" : cols.has("contact") && !customerLevel ? "contacts" : "customers";

  const doc: ImportDocument = { version: 1 };
  const lines: CsvDocument["lines"] = {};
  const push = (s: Section, row: Record<string, unknown>, line: number) => {
    ((doc[s] ??= []) as unknown[]).push(row);
    (lines[s] ??= []).push(line);
  };
  for (const { info, record, raw } of rows) {
    const get = (f: Field): string | undefined => {
      const i = cols.get(f);
      const v = i === undefined ? undefined : record[i]?.trim();
      return v ? v : undefined;
    };
    if (record.every((v) => !v.trim())) continue;
    // info.lines is where the record ends; a quoted field may span lines, and people look for where it starts.
    const line = info.lines - (raw.replace(/^(\r?\n)+/, "").replace(/\r?\n$/, "").match(/\n/g)?.length ?? 0);
    const customer = get("customer");
    if (kind === "orders") {
      const raw = get("amount");
      const { amount, currency } = raw ? parseAmount(raw) : { amount: undefined, currency: undefined };
      const date = get("orderedAt");
      push("orders", { customer, amount, currency: get("currency") ?? currency, orderedAt: date && normalizeDate(date) }, line);
      continue;
    }
    if (kind === "customers") {
      const tier = get("tier");
      const tags = get("tags");
      const aliases = get("aliases");
      push(
        "customers",
        {
          name: customer,
          owner: get("owner"),
          tier: tier && tierOf(tier),
          stage: get("stage")?.toLowerCase(),
          industry: get("industry"),
          region: get("region"),
          tags: tags && list(tags),
          aliases: aliases && list(aliases),
        },
        line,
      );
    }
    const contact = get("contact");
    if (contact || kind === "contacts") {
      const birthday = get("birthday");
      push(
        "contacts",
        { customer, name: contact, title: get("title"), phone: get("phone"), email: get("email"), birthday: birthday && normalizeDate(birthday) },
        line,
      );
    }
  }
  return { kind, doc, lines };
}
