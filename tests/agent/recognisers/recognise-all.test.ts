// recogniseAll: every entity of a message, overlaps settled, and the message in placeholder form for the classifier.
import { describe, expect, it } from "vitest";
import { recogniseAll } from "../../../agent/recognisers/index.ts";
import { fixtureIndex } from "./name-fixture.ts";

const index = fixtureIndex();
const now = new Date("2026-03-04T10:00:00+08:00");
const all = (text: string, extra: { surveyContext?: boolean } = {}) =>
  recogniseAll(text, { index, actor: { id: 1, timezone: "Asia/Shanghai" }, now, ...extra });

describe("recogniseAll", () => {
  it.each([
    ["call with Jack: they confirmed a $60k order, follow up Friday", "call with @contact: they confirmed a @amount order, follow up @date"],
    ["PO #4471 for USD 55k from Acme Logistics", "@ref for @amount from @customer"],
    ["拜访了华东,王总当场下了5万的单,下周三送样", "拜访了@customer,@contact当场下了@amount的单,@date送样"],
    ["Sofia's new number is 138-0013-8000, email sofia@pf.com", "@contact's new number is @phone, email @email"],
    ["total order value in April for Pacific", "total order value in @period for @customer"],
    ["NPS 9 from Brightside, reordered - £6,500", "NPS @score from @customer, reordered - @amount"],
    ["下周一之前必须给个方案给郑校长", "@date之前必须给个方案给@contact"],
    ["orders since March 1 from Summit", "orders @period from @customer"],
    ["小李说3月到5月的量可能翻倍!!", "@person说@period的量可能翻倍!!"],
    ["reassign Acme Logistics to Tom", "reassign @customer to @user"],
  ])("%s", (text, masked) => {
    const r = all(text);
    expect(r.masked).toBe(masked);
    for (const s of r.slots) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it("lets no piece of text count twice", () => {
    const r = all("PO #4471 for USD 55k, call 138-0013-8000 on 2026-03-10");
    expect(r.amounts.map((a) => a.text)).toEqual(["USD 55k"]);
    expect(r.references.map((x) => x.text)).toEqual(["PO #4471"]);
    expect(r.phones.map((x) => x.text)).toEqual(["138-0013-8000"]);
    expect(r.dates.map((d) => d.text)).toEqual(["2026-03-10"]);
    // A date inside a period is the period's.
    const p = all("orders since March 1");
    expect(p.periods.map((x) => x.text)).toEqual(["since March 1"]);
    expect(p.dates).toEqual([]);
  });

  it("keeps the entities for the frames: ids, values, candidates", () => {
    const r = all("Log a visit to Pacific, $1.2M deal, csat 4");
    expect(r.names.ambiguous[0]!.candidates.map((c) => c.name)).toEqual(["Pacific Freight", "Pacific Dental"]);
    expect(r.amounts[0]).toMatchObject({ amount: 1_200_000, currency: "USD" });
    expect(r.score).toMatchObject({ scale: "csat", score: 4 });
    expect(r.masked).toBe("Log a visit to @customer, @amount deal, csat @score");
  });

  it("reads a bare score only in a survey clause", () => {
    expect(all("Brightside 9/10").masked).toBe("@customer @date");
    expect(all("Brightside 9/10", { surveyContext: true }).masked).toBe("@customer @score");
  });
});
