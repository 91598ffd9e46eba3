// Name resolution the way people write names, and the mention scan the rules model uses — on the real store.
import { beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { findCustomers, findMentionedCustomers, resolveCustomer, textGrams } from "../../domain/find-customers.ts";
import { customerSearchKeys, shortForms } from "../../domain/name-keys.ts";

let co: Company;
beforeAll(async () => {
  co = await seedCompany(await freshStore());
  const db = co.store.prisma;
  await db.customer.create({
    data: { name: "上海宏达电子有限公司", ownerId: co.users.amy.id, searchKeys: customerSearchKeys("上海宏达电子有限公司") },
  });
});

describe("short forms", () => {
  it("drops legal suffixes and city prefixes in Chinese, legal suffixes and keeps a distinctive first word in English", () => {
    expect(shortForms("上海宏达电子有限公司")).toEqual(expect.arrayContaining(["上海宏达电子有限公司", "上海宏达电子", "宏达电子"]));
    expect(shortForms("Acme Logistics Co., Ltd.")).toEqual(expect.arrayContaining(["acme logistics", "acme"]));
    expect(shortForms("The Global Group")).not.toContain("the");
  });
});

describe("findCustomers / resolveCustomer", () => {
  const actor = () => co.users.amy;
  it("finds by exact name, alias, short form, contact and prefix", async () => {
    const db = co.store.prisma;
    expect((await resolveCustomer({ db, actor: actor(), query: "Huadong Machinery" })).name).toBe("华东机械有限公司");
    expect((await resolveCustomer({ db, actor: actor(), query: "宏达电子" })).name).toBe("上海宏达电子有限公司");
    expect((await resolveCustomer({ db, actor: actor(), query: "王芳" })).name).toBe("华东机械有限公司");
    expect((await resolveCustomer({ db, actor: actor(), query: "Summ" })).name).toBe("Summit Hotels");
  });

  it("finds a typo by similarity", async () => {
    const list = await findCustomers({ db: co.store.prisma, actor: actor(), query: "Sumit Hotel" });
    expect(list[0]?.name).toBe("Summit Hotels");
  });

  it("prefers the speaker's own account between equals, and asks a manager who owns neither", async () => {
    expect((await resolveCustomer({ db: co.store.prisma, actor: co.users.bob, query: "Acme" })).name).toBe("Acme Robotics");
    await expect(resolveCustomer({ db: co.store.prisma, actor: co.users.boss, query: "Acme" })).rejects.toMatchObject({ code: "AMBIGUOUS" });
  });

  it("lets a contact's name settle a shared name", async () => {
    expect((await resolveCustomer({ db: co.store.prisma, actor: co.users.boss, query: "Acme", contact: "Kevin" })).name).toBe("Acme Robotics");
  });
});

describe("findMentionedCustomers", () => {
  const names = async (text: string) =>
    (await findMentionedCustomers({ db: co.store.prisma, actor: co.users.amy, text })).map((m) => `${m.candidate.name}:${m.key}`).sort();

  it("finds names inside Chinese text with no spaces, and contacts by full name", async () => {
    expect(await names("今天拜访了华东机械,王芳很满意")).toEqual(expect.arrayContaining(["华东机械有限公司:华东机械", "华东机械有限公司:王芳"]));
    expect(await names("给宏达电子打了电话")).toContain("上海宏达电子有限公司:宏达电子");
    // Latin names inside Chinese text, with no spaces around them.
    expect(await names("给Summit Hotels的Robert打了电话")).toContain("Summit Hotels:summit hotels");
  });

  it("finds English names as words, possessives included, but not inside other words", async () => {
    expect(await names("What's Acme's order total?")).toEqual(["Acme Logistics:acme", "Acme Robotics:acme"]);
    expect(await names("summitry is not a customer")).toEqual([]);
    expect(await names("Quick call with Robert King from Summit")).toEqual(["Summit Hotels:robert king", "Summit Hotels:summit"]);
  });

  it("builds a bounded set of text pieces even for a huge message", () => {
    expect(textGrams("x".repeat(4000)).length).toBeLessThanOrEqual(20_000);
    expect(textGrams("叫华东机械")).toEqual(expect.arrayContaining(["华东机械", "华东"]));
  });
});
