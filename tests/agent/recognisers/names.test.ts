// The name recogniser over an in-memory index: every way people write a customer, a contact or a colleague, with
// spans that cut the name out exactly, and ambiguity returned as candidates — never as "unknown".
import { describe, expect, it } from "vitest";
import { maskSpans, normaliseName, recogniseNames, type RecognisedNames } from "../../../agent/recognisers/names.ts";
import { fixtureIndex } from "./name-fixture.ts";

const index = fixtureIndex();
const AMY = { id: 1 };
const read = (text: string, actor = AMY) => recogniseNames(text, index, actor);

/** Every span the result names, checked against the text, as "kind:name@written". */
function summary(text: string, r: RecognisedNames): string[] {
  const out: string[] = [];
  for (const c of r.customers) for (const s of c.spans) out.push(`customer:${c.name}@${s.text}`);
  for (const c of r.contacts) for (const s of c.spans) out.push(`contact:${c.name}@${s.text}`);
  for (const u of r.users) for (const s of u.spans) out.push(`user:${u.name}@${s.text}`);
  for (const a of r.ambiguous) out.push(`?${a.kind}:${a.candidates.map((c) => c.name).join("|")}@${a.text}`);
  for (const s of [...r.customers, ...r.contacts, ...r.users].flatMap((x) => x.spans).concat(r.ambiguous))
    expect(text.slice(s.start, s.end), text).toBe(s.text);
  return out.sort();
}

describe("recogniseNames: contacts", () => {
  it.each([
    ["emailed Jack the price list", ["contact:Jack Chen@Jack"]], // two Jacks: Amy's own account's
    ["remind me thurs to send Liam the drawings", ["contact:Liam O'Brien@Liam"]],
    ["called chloe", ["contact:Chloe Martin@chloe"]],
    ["what's Sofia's email", ["contact:Sofia Rossi@Sofia"]],
    ["Sofia’s number?", ["contact:Sofia Rossi@Sofia"]],
    ["Called Jane Doe and Robert King", ["contact:Jane Doe@Jane Doe", "contact:Robert King@Robert King"]],
    ["给郑校长写条微信", ["contact:郑国华@郑校长"]],
    ["孙姐下周来", ["contact:孙丽@孙姐"]],
    ["拜访了华东,刘工对交期不满意", ["contact:刘强@刘工", "customer:华东机械有限公司@华东"]],
    ["王芳说价格太高", ["contact:王芳@王芳"]],
    ["刘店长说下周补货", ["contact:刘强@刘店长"]],
    ["老刘那边催了", ["contact:刘强@老刘"]],
    ["王工说图纸周五给", ["contact:王芳@王工"]],
    ["李经理说下个月加单", ["contact:李明@李经理"]],
    ["给Jack发了报价", ["contact:Jack Chen@Jack"]],
    ["今天和Sofia吃饭", ["contact:Sofia Rossi@Sofia"]],
    ["Mr. King called", ["contact:Robert King@Mr. King"]],
    ["Ms Wang from Summit", ["contact:Emily Wang@Ms Wang", "customer:Summit Hotels@Summit"]],
    ["Met Dr Lee", ["contact:李明@Dr Lee"]],
    ["Ms Wong asked for samples", ["contact:王芳@Ms Wong"]],
    ["Jack at Pacific Dental wants a quote", ["contact:Jack Miller@Jack", "customer:Pacific Dental@Pacific Dental"]],
  ])("%s", (text, expected) => {
    const r = read(text);
    expect(summary(text, r).filter((s) => !s.startsWith("customer:") || expected.includes(s))).toEqual([...expected].sort());
  });

  it("resolves a contact's customer, with no span of its own (the contact's words are @contact)", () => {
    const r = read("called chloe");
    expect(r.customers).toEqual([expect.objectContaining({ name: "Pacific Dental", matchedBy: "contact", spans: [], viaContactId: 105, ownerIsActor: false, ownership: "other" })]);
    expect(r.contacts[0]).toMatchObject({ customerId: 13, customerName: "Pacific Dental", matchedBy: "first" });
  });

  it("prefers the speaker's own account among contacts of the same name, and says so", () => {
    expect(read("emailed Jack").contacts[0]).toMatchObject({ name: "Jack Chen", narrowedBy: "own" });
    // Bob owns Pacific Dental: for him it is the other Jack.
    expect(read("emailed Jack", { id: 2 }).contacts[0]).toMatchObject({ name: "Jack Miller", narrowedBy: "own" });
    // Someone who owns neither gets the question, with both.
    const r = read("emailed Jack", { id: 3 });
    expect(r.contacts).toEqual([]);
    expect(r.ambiguous).toEqual([expect.objectContaining({ kind: "contact", text: "Jack", total: 2 })]);
    expect(r.ambiguous[0]!.candidates.map((c) => c.name).sort()).toEqual(["Jack Chen", "Jack Miller"]);
  });

  it("lets the customer named settle which contact (and the team count as the speaker's)", () => {
    expect(read("Jack at Pacific Dental", { id: 3 }).contacts[0]).toMatchObject({ name: "Jack Miller", narrowedBy: "customer" });
    const team = recogniseNames("emailed Jack", index, { id: 5 }, { teamOwnerIds: [1, 2] });
    expect(team.ambiguous[0]!.candidates.map((c) => (c.kind === "contact" ? c.ownership : ""))).toEqual(["team", "team"]);
  });

  it("reads an everyday-word first name only when capitalised, and not as a sentence's opening verb", () => {
    const idx = fixtureIndex([{ id: 1, name: "Willow Labs", ownerId: 1, contacts: [[1, "Will Turner"], [2, "Mark Hunt"]] }]);
    expect(recogniseNames("will send the deck", idx, AMY).contacts).toEqual([]);
    expect(recogniseNames("Will send the deck", idx, AMY).contacts).toEqual([]);
    expect(recogniseNames("sent the deck to Will", idx, AMY).contacts.map((c) => c.name)).toEqual(["Will Turner"]);
    expect(recogniseNames("Mark it done", idx, AMY).contacts).toEqual([]);
    expect(recogniseNames("called Mark", idx, AMY).contacts.map((c) => c.name)).toEqual(["Mark Hunt"]);
  });
});

describe("recogniseNames: customers", () => {
  it.each([
    ["Visited Acme Logistics", ["customer:Acme Logistics@Acme Logistics"]],
    ["visited acme logistics", ["customer:Acme Logistics@acme logistics"]],
    ["acme logistics's PO came in", ["customer:Acme Logistics@acme logistics"]],
    ["拜访了华东机械有限公司", ["customer:华东机械有限公司@华东机械有限公司"]],
    ["华东机械下了单", ["customer:华东机械有限公司@华东机械"]],
    ["华东那边没问题", ["customer:华东机械有限公司@华东"]],
    ["Huadong Machinery called", ["customer:华东机械有限公司@Huadong Machinery"]],
    ["星辰的订单", ["customer:星辰科技@星辰"]],
    ["Summit wants a call", ["customer:Summit Hotels@Summit"]],
    ["Brightside has a new CFO", ["customer:Brightside Clinics@Brightside"]],
    ["Brightside's renewal", ["customer:Brightside Clinics@Brightside"]],
  ])("%s", (text, expected) => {
    expect(summary(text, read(text))).toEqual(expected);
  });

  it("returns a prefix shared by two customers as an ambiguity with both, the speaker's own first", () => {
    const r = read("Log a visit to Pacific");
    expect(r.customers).toEqual([]);
    expect(r.ambiguous).toHaveLength(1);
    const a = r.ambiguous[0]!;
    expect(a).toMatchObject({ kind: "customer", text: "Pacific", start: 15, end: 22, total: 2 });
    expect(a.candidates.map((c) => c.name)).toEqual(["Pacific Freight", "Pacific Dental"]);
    expect(a.preferred).toMatchObject({ name: "Pacific Freight", ownerIsActor: true });
    // For Bob the order flips.
    expect(read("Log a visit to Pacific", { id: 2 }).ambiguous[0]!.candidates.map((c) => c.name)).toEqual(["Pacific Dental", "Pacific Freight"]);
    // A word shared by two (Acme) is as ambiguous, possessive or not.
    expect(read("Acme's follow-up").ambiguous[0]!.candidates.map((c) => c.name)).toEqual(["Acme Logistics", "Acme Robotics"]);
  });

  it("settles a shared word with the contact named next to it", () => {
    const r = read("Jane at Acme wants the quote");
    expect(r.ambiguous).toEqual([]);
    expect(r.customers.map((c) => [c.name, c.matchedBy, c.spans.map((s) => s.text)])).toEqual([["Acme Logistics", "short", ["Acme"]]]);
    expect(read("Kevin from Acme").customers.map((c) => c.name)).toEqual(["Acme Robotics"]);
  });

  it("needs a capital for an everyday first word, and drops nothing written in full", () => {
    expect(read("the pacific ocean").ambiguous).toEqual([]);
    expect(read("called pacific freight").customers.map((c) => c.name)).toEqual(["Pacific Freight"]);
  });

  it("gives every place a customer is named", () => {
    const text = "Acme Logistics called; Acme Logistics wants 5 more";
    expect(read(text).customers[0]!.spans.map((s) => s.start)).toEqual([0, 23]);
  });

  it("names unknown capitalised words so the caller can offer to create them", () => {
    expect(read("visited Brightside and Initech today").unknownCapitalised.map((s) => s.text)).toEqual(["Initech"]);
    expect(read("and Initech and Globex Corp too").unknownCapitalised.map((s) => s.text)).toEqual(["Initech", "Globex Corp"]);
    expect(read("Called Jane Doe on Monday about the NPS").unknownCapitalised).toEqual([]);
    expect(read("Mark the Acme follow-up done").unknownCapitalised).toEqual([]);
  });
});

describe("recogniseNames: colleagues", () => {
  it.each([
    ["reassign Acme Logistics to Tom", ["customer:Acme Logistics@Acme Logistics", "user:Tom Baker@Tom"]],
    ["tom.baker will cover Summit", ["customer:Summit Hotels@Summit", "user:Tom Baker@tom.baker"]],
    ["Bob Smith's accounts at risk", ["user:Bob Smith@Bob Smith"]],
    ["what did bob do this week", ["user:Bob Smith@bob"]],
    ["李伟负责华东", ["customer:华东机械有限公司@华东", "user:李伟@李伟"]],
  ])("%s", (text, expected) => {
    expect(summary(text, read(text))).toEqual(expected);
  });

  it("never reads a colleague's first name as a contact's", () => {
    const idx = fixtureIndex([{ id: 1, name: "Orbit Labs", ownerId: 1, contacts: [[1, "Tom Hardy"]] }]);
    const r = recogniseNames("ask Tom to cover", idx, AMY);
    expect(r.contacts).toEqual([]);
    expect(r.users.map((u) => u.handle)).toEqual(["tom.baker"]);
  });

  it("asks when 小李 could be a colleague or a contact", () => {
    const r = read("小李说华东那边没问题");
    expect(r.ambiguous).toEqual([expect.objectContaining({ kind: "person", text: "小李" })]);
    expect(r.ambiguous[0]!.candidates.map((c) => `${c.kind}:${c.name}`).sort()).toEqual(["contact:李明", "user:李伟"]);
    expect(r.ambiguous[0]!.preferred).toBeUndefined();
  });
});

describe("maskSpans and normaliseName", () => {
  it("replaces spans with placeholders", () => {
    const text = "Jane at Acme wants the quote, cc Tom";
    const r = read(text);
    const spans = [
      ...r.customers.flatMap((c) => c.spans.map((s) => ({ ...s, placeholder: "@customer" }))),
      ...r.contacts.flatMap((c) => c.spans.map((s) => ({ ...s, placeholder: "@contact" }))),
      ...r.users.flatMap((c) => c.spans.map((s) => ({ ...s, placeholder: "@user" }))),
    ];
    expect(maskSpans(text, spans)).toBe("@contact at @customer wants the quote, cc @user");
  });

  it("normalises stored names the way the text is read", () => {
    expect(normaliseName("Acme,  Inc.")).toBe("acme inc");
    expect(normaliseName("华东 机械")).toBe("华东机械");
    expect(normaliseName("McDonald's")).toBe("mcdonald");
  });

  it("reads the first 4,000 characters of a long paste", () => {
    const long = "Jane at Acme 华东机械 王总 ".repeat(2000);
    const r = read(long);
    expect(r.contacts.map((c) => c.name).sort()).toEqual(["Jane Doe", "王芳"]);
    expect(Math.max(...r.contacts.flatMap((c) => c.spans.map((s) => s.end)))).toBeLessThanOrEqual(4000);
  });
});
