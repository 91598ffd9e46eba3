// Existing to-dos changed the way reps say it, end to end on the eval fixture, with wording that is not the eval's:
// done after what was done, which of a customer's to-dos by its words, a push by a span, a date corrected on the next
// message, a to-do a manager gives a rep, and a report of this afternoon told at night that is no to-do.
import { describe, expect, it } from "vitest";
import { fixtureChat, day, kinds } from "../helpers/fixture-chat.ts";

const { say } = fixtureChat("fu");
const NIGHT_SH = "2026-03-02T21:30:00+08:00";

describe("closing, moving and dropping a to-do", () => {
  it("closes a to-do said after what was done", async () => {
    const r = await say("sarah.chen", "emailed Peter the new price sheet, you can tick that off");
    expect(r.mutations).toMatchObject([{ entity: "followUp", action: "update", data: { customer: "Bluewave Foods", status: "done" } }]);
    await say("sarah.chen", "undo");
  });

  it("picks the customer's to-do its words name, not the earliest", async () => {
    const made = await say("sarah.chen", "remind me fri to send bluewave the sample kit");
    expect(kinds(made)).toEqual(["followUp.create"]);
    const r = await say("sarah.chen", "bluewave sample kit f/u is done");
    expect(r.mutations).toMatchObject([{ entity: "followUp", action: "update", data: { customer: "Bluewave Foods", status: "done" } }]);
    expect(r.mutations[0]!.data.title).toMatch(/sample kit/);
    await say("sarah.chen", "undo");
    await say("sarah.chen", "undo");
  });

  it("pushes a to-do by a span in Chinese (from today when it is overdue)", async () => {
    const r = await say("li.wei", "华东到货确认的待办往后顺延两周");
    expect(r.mutations).toMatchObject([{ entity: "followUp", action: "update", data: { customer: "华东机械有限公司", status: "open" } }]);
    expect(day(r.mutations[0]!.data.dueAt)).toBe("2026-03-16");
    await say("li.wei", "撤销");
  });

  it("drops a to-do with its reason", async () => {
    const r = await say("sarah.chen", "no need to chase bluewave anymore, peter already answered by email");
    expect(r.mutations).toMatchObject([{ entity: "followUp", action: "update", data: { customer: "Bluewave Foods", status: "cancelled" } }]);
    await say("sarah.chen", "undo");
  });

  it("moves the to-do the previous message made when the next one corrects its day", async () => {
    const made = await say("li.wei", "明天提醒我给星辰陈静打个电话");
    expect(made.mutations).toMatchObject([{ entity: "followUp", action: "create", data: { customer: "星辰科技" } }]);
    const r = await say("li.wei", "说错了,应该是周五");
    expect(r.mutations).toMatchObject([{ entity: "followUp", action: "update", data: { customer: "星辰科技", status: "open" } }]);
    expect(r.mutations[0]!.data.title).toBe(made.mutations[0]!.data.title);
    expect(day(r.mutations[0]!.data.dueAt)).toBe("2026-03-06");
    await say("li.wei", "撤销");
    await say("li.wei", "撤销");
  });
});

describe("whose to-do and whether it is one", () => {
  it("gives a manager's to-do to the rep it names", async () => {
    const r = await say("zhang.min", "让李伟下周三前把海通的新报价报上来");
    expect(r.mutations).toMatchObject([{ entity: "followUp", action: "create", data: { customer: "海通物流", owner: "li.wei" } }]);
    expect(day(r.mutations[0]!.data.dueAt)).toBe("2026-03-11");
    await say("zhang.min", "撤销");
  });

  it("keeps the rep's own to-do when a colleague is only mentioned", async () => {
    const r = await say("sarah.chen", "remind me thurs to intro Grace at Orchid to Tom");
    expect(r.mutations).toMatchObject([{ entity: "followUp", action: "create", data: { customer: "Orchid Dental Clinics", owner: "sarah.chen" } }]);
    await say("sarah.chen", "undo");
  });

  it("reads 'this afternoon' told at night as what happened", async () => {
    const r = await say("sarah.chen", "greenleaf call this afternoon w/ emily, walked through the SOP changes, she's ok with all of it", NIGHT_SH);
    expect(kinds(r)).toEqual(["interaction.create"]);
    await say("sarah.chen", "undo", NIGHT_SH);
  });
});
