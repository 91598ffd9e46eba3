// Questions about people and the team, and new contacts/customers named in passing, end to end on the fixture:
// each row is a way reps and managers write that an earlier version misread (wording differs from the eval's).
import { describe, expect, it } from "vitest";
import { fixtureChat } from "../helpers/fixture-chat.ts";

const { say } = fixtureChat("qp");

describe("one contact's details", () => {
  it("answers a title, a phone and a birthday with that person's card, changing nothing", async () => {
    const t = await say("tom.baker", "remind me what anna's job title is");
    expect(t.mutations).toEqual([]);
    expect(t.reply).toMatch(/Anna Smith/);
    expect(t.reply).toMatch(/Buyer/);
    const p = await say("li.wei", "刘强电话多少");
    expect(p.reply).toMatch(/5555 0606/);
    const b = await say("li.wei", "王芳生日是哪天");
    expect(b.reply).toMatch(/3月5日/);
  });

  it("reads a lower-case everyday-word first name after 'with' as the contact", async () => {
    const r = await say("sarah.chen", "when did we last talk with grace");
    expect(r.reply).toMatch(/Orchid Dental/);
  });
});

describe("the team, as a manager asks", () => {
  it("lists everyone's overdue follow-ups with their owners", async () => {
    const r = await say("zhang.min", "which reps have late follow-ups?", "2026-03-03T15:00:00+08:00");
    expect(r.reply).toMatch(/Sarah/);
    expect(r.reply).toMatch(/李伟/);
  });

  it("lists one rep's accounts and nobody else's", async () => {
    const r = await say("zhang.min", "李伟手上有哪些客户");
    expect(r.reply).toMatch(/星辰/);
    expect(r.reply).not.toMatch(/Summit|Greenleaf/);
  });

  it("reads a quarter for deals, without the overdue ones of this month", async () => {
    const r = await say("zhang.min", "opportunities closing in q2", "2026-03-10T10:00:00+08:00");
    expect(r.reply).toMatch(/二期/);
    expect(r.reply).not.toMatch(/Summit|Cold-chain/);
  });

  it("names the biggest buyers with an order total", async () => {
    const r = await say("zhang.min", "今年下单金额最多的客户是哪个");
    expect(r.reply).toMatch(/金额最高:星辰/);
  });
});

describe("new people and accounts, named in passing", () => {
  it("takes the company from a story and the contact after 'main contact', title-cased", async () => {
    const r = await say("tom.baker", "new lead from a referral - Bayside Roofing in Tampa. main contact lucy moreno, office mgr");
    expect(r.mutations.map((m) => `${m.entity}.${m.action}`)).toEqual(["customer.create", "contact.create"]);
    expect(r.mutations[0]!.data).toMatchObject({ name: "Bayside Roofing", owner: "tom.baker" });
    expect(r.mutations[1]!.data).toMatchObject({ customer: "Bayside Roofing", name: "Lucy Moreno" });
  });

  it("reads 'X's new <role> is NAME' as name and title", async () => {
    const r = await say("sarah.chen", "Bluewave's new logistics lead is Carla Diaz, carla.diaz@bluewave.example");
    expect(r.mutations.map((m) => m.data)).toMatchObject([{ customer: "Bluewave Foods", name: "Carla Diaz", title: "logistics lead", email: "carla.diaz@bluewave.example" }]);
  });

  it("reads '新来了个<职位>叫<名字>' as the name and its title", async () => {
    const r = await say("li.wei", "海通物流新来了个财务经理叫钱进,手机13700001234,帮我加上");
    expect(r.mutations.map((m) => m.data)).toMatchObject([{ customer: "海通物流", name: "钱进", title: "财务经理" }]);
  });
});
