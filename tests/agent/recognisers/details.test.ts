// Phones, e-mails and references, with spans; none of them is an amount.
import { describe, expect, it } from "vitest";
import { recogniseEmails, recognisePhones, recogniseReferences } from "../../../agent/recognisers/details.ts";
import { recogniseAmounts } from "../../../agent/rules/amounts.ts";

describe("recognisePhones", () => {
  it.each([
    ["new number 138-0013-8000", "13800138000", "138-0013-8000"],
    ["his mobile is 13800138000", "13800138000", "13800138000"],
    ["王芳的手机换成13912345678了", "13912345678", "13912345678"],
    ["+86 138 0013 8000", "+8613800138000", "+86 138 0013 8000"],
    ["call (021) 5555-1234 ext 12", "02155551234", "(021) 5555-1234 ext 12"],
    ["+1 (415) 555-0142", "+14155550142", "+1 (415) 555-0142"],
    ["tel 55551234", "55551234", "55551234"],
    ["座机 021-55551234", "02155551234", "021-55551234"],
  ])("%s → %s", (text, phone, written) => {
    const [p, ...rest] = recognisePhones(text);
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ phone, text: written });
    expect(text.slice(p!.start, p!.end)).toBe(written);
    expect(recogniseAmounts(text)).toEqual([]);
  });

  it.each(["order on 2026-03-10", "order of 95,000 CNY", "the 3/10 meeting", "price 12.50", "NPS 9", "下了12万的单", "12345"])("no phone in %s", (text) => {
    expect(recognisePhones(text)).toEqual([]);
  });
});

describe("recogniseEmails", () => {
  it("finds addresses with spans, lower-cased, without the full stop that ends the sentence", () => {
    const text = "email: Sofia.Rossi@pacific-dental.com. cc jack_chen+crm@acme.co.uk";
    const found = recogniseEmails(text);
    expect(found.map((e) => e.email)).toEqual(["sofia.rossi@pacific-dental.com", "jack_chen+crm@acme.co.uk"]);
    for (const e of found) expect(text.slice(e.start, e.end)).toBe(e.text);
    expect(recogniseEmails("邮箱改成wangfang@huadong.cn")[0]).toMatchObject({ email: "wangfang@huadong.cn", start: 4 });
    expect(recogniseEmails("meet @ 3pm, ping @tom")).toEqual([]);
  });
});

describe("recogniseReferences", () => {
  it.each([
    ["PO #4471 for USD 55k", "po", "4471", "PO #4471"],
    ["PO 4471 for USD 55k", "po", "4471", "PO 4471"],
    ["PO4471", "po", "4471", "PO4471"],
    ["PO#4471", "po", "4471", "PO#4471"],
    ["P.O. 4471", "po", "4471", "P.O. 4471"],
    ["order no. 4471 came in", "order", "4471", "order no. 4471"],
    ["order #4471 shipped", "order", "4471", "order #4471"],
    ["invoice INV-2031 is overdue", "invoice", "INV-2031", "invoice INV-2031"],
    ["#4471 shipped", "ref", "4471", "#4471"],
    ["订单号4471已发货", "order", "4471", "订单号4471"],
    ["合同号HT-2026-01", "contract", "HT-2026-01", "合同号HT-2026-01"],
  ])("%s → %s %s", (text, kind, value, written) => {
    const [r, ...rest] = recogniseReferences(text);
    expect(rest).toEqual([]);
    expect(r).toMatchObject({ kind, value, text: written });
    expect(text.slice(r!.start, r!.end)).toBe(written);
  });

  it.each(["order of 8000", "order 5 more", "porch 4471", "Orders 2025", "ordered 3 units", "#1 priority"])("no reference in %s", (text) => {
    expect(recogniseReferences(text)).toEqual([]);
  });

  it("leaves the amount next to a reference to the amount recogniser", () => {
    const text = "PO #4471 for USD 55k";
    expect(recogniseReferences(text).map((r) => r.text)).toEqual(["PO #4471"]);
    expect(recogniseAmounts(text).map((a) => [a.amount, a.currency, a.text])).toEqual([[55000, "USD", "USD 55k"]]);
  });
});
