import { beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { seedCompany, type Company } from "../helpers/company.ts";
import { counts, lastChange } from "../helpers/store-counts.ts";
import { recordSurvey } from "../../domain/record-survey.ts";
import { undoLastChange } from "../../domain/undo-last-change.ts";

let co: Company;
beforeAll(async () => {
  co = await seedCompany(await freshStore());
});
const db = () => co.store.prisma;

describe("recordSurvey", () => {
  it("records an NPS with comment, answered now by default, audited", async () => {
    const r = await recordSurvey(co.ctx("amy"), { customer: "Acme", scale: "nps", score: 9, comment: "fast delivery" });
    const row = await db().survey.findUniqueOrThrow({ where: { id: r.survey.id } });
    expect(row).toMatchObject({ customerId: co.customers.acmeLogistics, scale: "nps", score: 9, comment: "fast delivery" });
    expect(row.respondedAt.toISOString()).toBe("2026-03-02T01:30:00.000Z");
    expect(await lastChange(db())).toMatchObject([{ entity: "survey", action: "create", entityId: row.id }]);
  });

  it("accepts the ends of each scale", async () => {
    await expect(recordSurvey(co.ctx("amy"), { customer: "Acme", scale: "nps", score: 0 })).resolves.toMatchObject({ survey: { score: 0 } });
    await expect(recordSurvey(co.ctx("amy"), { customer: "Acme", scale: "csat", score: 5 })).resolves.toMatchObject({ survey: { score: 5 } });
  });

  it("refuses a rep on another rep's customer and another team's manager; the team's manager may", async () => {
    const before = await counts(db());
    await expect(recordSurvey(co.ctx("amy"), { customer: "Summit", scale: "csat", score: 4 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(recordSurvey(co.ctx("boss"), { customer: "东方电子", scale: "csat", score: 4 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await counts(db())).toEqual(before);
    await expect(recordSurvey(co.ctx("boss"), { customer: "Summit", scale: "csat", score: 4 })).resolves.toBeTruthy();
  });

  it("'a CSAT of 7' is INVALID_INPUT naming the score and the range; so are fractions, bad scales, bad dates", async () => {
    const before = await counts(db());
    const e = await recordSurvey(co.ctx("amy"), { customer: "Acme", scale: "csat", score: 7 }).catch((x) => x);
    expect(e).toMatchObject({ code: "INVALID_INPUT", details: { field: "score" } });
    expect(e.userMessage).toMatch(/score.*1–5.*7/);
    await expect(recordSurvey(co.ctx("amy"), { customer: "Acme", scale: "nps", score: 11 })).rejects.toThrow(/0–10/);
    await expect(recordSurvey(co.ctx("amy"), { customer: "Acme", scale: "csat", score: 0 })).rejects.toMatchObject({ details: { field: "score" } });
    await expect(recordSurvey(co.ctx("amy"), { customer: "Acme", scale: "nps", score: 7.5 })).rejects.toMatchObject({ details: { field: "score" } });
    await expect(recordSurvey(co.ctx("amy"), { customer: "Acme", scale: "stars" as never, score: 3 })).rejects.toMatchObject({ details: { field: "scale" } });
    await expect(recordSurvey(co.ctx("amy"), { customer: "Acme", scale: "nps", score: 3, respondedAt: "2026-02-30" })).rejects.toThrow(/respondedAt.*2026-02-30/);
    await expect(recordSurvey(co.ctx("amy"), { customer: "Contoso", scale: "nps", score: 3 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await counts(db())).toEqual(before);
  });

  it("undo removes it", async () => {
    const r = await recordSurvey(co.ctx("bob"), { customer: "Summit", scale: "nps", score: 3 });
    await undoLastChange(co.ctx("bob"));
    expect(await db().survey.findUnique({ where: { id: r.survey.id } })).toBeNull();
  });
});
