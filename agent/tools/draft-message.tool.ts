// Drafts from reviewed templates (prompts/drafts.*.md) filled with the customer's context: the contact's name, the
// last interaction, open issues. The same tool serves an LLM, which may polish the draft it gets back.
import { z } from "zod";
import { customerSummary } from "../../domain/customer-summary.ts";
import { findContact } from "../../domain/shared.ts";
import { defineTool } from "./define-tool.ts";
import { domainContext } from "../turn-context.ts";
import { fmtDayHuman, t as tr } from "../format.ts";
import { loadPrompt } from "../prompts.ts";

type Purpose = "apology" | "checkin" | "followup" | "thanks" | "inform" | "introduce";

export function purposeOf(text: string): Purpose {
  if (/(sorry|apolog|道歉|抱歉|歉意|对不起)/i.test(text)) return "apology";
  if (/(thank|感谢|谢谢)/i.test(text)) return "thanks";
  if (/(check[- ]?in|checking in|catch up|touch base|问候|近况|关怀)/i.test(text)) return "checkin";
  if (/\b(introduc\w*|present(ing)?|pitch)\b|介绍|推荐/i.test(text)) return "introduce";
  if (/\b(let (him|her|them) know|tell (him|her|them)|inform|notify|remind (him|her|them)|heads[- ]up)\b|告诉|告知|通知|提醒|说一下|说明一下/i.test(text)) return "inform";
  return "followup";
}

function sections(locale: "en" | "zh"): Map<string, string> {
  const out = new Map<string, string>();
  const text = loadPrompt(`drafts.${locale}.md`).replace(/<!--[\s\S]*?-->/g, "");
  for (const part of text.split(/^## /m).slice(1)) {
    const nl = part.indexOf("\n");
    out.set(part.slice(0, nl).trim(), part.slice(nl + 1).trim());
  }
  return out;
}

/** Fills placeholders; a line whose placeholders are all empty is dropped rather than left half-written. */
export function render(template: string, vars: Record<string, string | undefined>): string {
  return template
    .split("\n")
    .filter((line) => [...line.matchAll(/\{\{(\w+)\}\}/g)].every((m) => vars[m[1]!] != null))
    .map((line) => line.replace(/\{\{(\w+)\}\}/g, (_, k: string) => vars[k] ?? ""))
    .join("\n");
}

/** "about the volume discount" → "the volume discount"; "为交货延迟道歉,并说明补发安排" → parts for topic and plan. */
function topicOf(purpose: string): { topic?: string; plan?: string; after?: string } {
  // "a follow-up after the demo": the event it follows, not a topic.
  const after = /\bafter (?:the |our |today's |yesterday's |last week's )?(.+?)[.!?]*$/i.exec(purpose) ?? /(?:在)?(.{1,12}?)(?:之后|以后|后)(?:的)?(?:跟进|问候)/.exec(purpose);
  if (after) return { after: after[1]!.trim() };
  const told = /\b(?:let (?:him|her|them) know|tell (?:him|her|them)|remind (?:him|her|them)|inform (?:him|her|them))\s+(?:that |about )?(.+?)[.!?]*$/i.exec(purpose);
  if (told) return { topic: told[1]!.trim() };
  const intro = /\b(?:introduc\w*|present(?:ing)?)\s+(?:him |her |them )?(?:to )?(.+?)[.!?]*$/i.exec(purpose) ?? /(?:介绍|推荐)(?:一下)?(.+?)[。.!!]*$/.exec(purpose);
  if (intro) return { topic: intro[1]!.trim() };
  const en = /\b(?:about|regarding|re:?|concerning)\s+(.+?)[.!?]*$/i.exec(purpose) ?? /\b(?:on|for)\s+(?!(?:him|her|them|[A-Z]\w+ (?:at|from)\b))(.+?)[.!?]*$/.exec(purpose);
  if (en) return { topic: en[1]!.trim() };
  const zhApology = /为(.+?)(?:道歉|致歉)[,,]?(?:并|同时)?(?:说明|告知|介绍)?(.*?)[。.!!]*$/.exec(purpose);
  if (zhApology) return { topic: zhApology[1]!.trim(), plan: zhApology[2]?.trim() || undefined };
  const thanks = /(?:感谢|谢谢)(?:他|她|您|对方)?(?:的)?(.+?)[。.!!]*$/.exec(purpose) ?? /\bthank (?:him|her|them|you)? ?for (.+?)[.!]*$/i.exec(purpose);
  if (thanks) return { topic: thanks[1]!.trim() };
  const zh = /(?:关于|说一下|讲讲|谈谈|提醒(?:他们|他|她|对方|一下)?|告诉(?:他们|他|她)|问问)(.+?)[。.!!]*$/.exec(purpose);
  if (zh) return { topic: zh[1]!.trim() };
  return {};
}

export const draftMessageTool = defineTool({
  name: "draft_message",
  description: "Draft a message (email, WeChat, chat) to a customer contact, from the customer's context. Sends nothing.",
  schema: z.object({
    customer: z.string().describe("Customer"),
    contact: z.string().optional().describe("Recipient, if named"),
    channel: z.enum(["email", "wechat", "message"]).describe("Where it will be sent"),
    purpose: z.string().describe("What it should say"),
    kind: z.enum(["apology", "checkin", "followup", "thanks", "inform", "introduce"]).optional().describe("Kind of message, if clear"),
  }),
  async run(input, t) {
    const s = await customerSummary(domainContext(t), { customer: input.customer });
    const locale = t.actor.locale;
    const named = input.contact ? await findContact(t.db, s.id, input.contact) : null;
    const contact = (named && s.contacts.find((c) => c.name === named.name)) ?? s.recentInteractions.map((i) => s.contacts.find((c) => c.name === i.contact)).find(Boolean) ?? s.contacts[0];
    const fullName = contact?.name ?? input.contact ?? "";
    const firstName = fullName.split(/\s+/)[0] ?? fullName;
    const last = s.lastInteraction;
    const { topic, plan, after } = topicOf(input.purpose);
    const lastTouch = after
      ? tr(t.actor, `the ${after}`, `${after}`)
      : last
        ? tr(t.actor, `our ${last.kind} on ${fmtDayHuman(last.occurredAt, t.actor, t.now)}`, `${fmtDayHuman(last.occurredAt, t.actor, t.now)}沟通`)
        : undefined;
    const issue = s.openComplaints[0];
    const purpose = input.kind ?? purposeOf(input.purpose);
    const sec = sections(locale);
    const vars = {
      customer: s.name,
      firstName: firstName || tr(t.actor, "there", ""),
      fullName,
      sender: t.actor.name,
      topic: topic ?? (purpose === "apology" && issue ? issue.description : purpose === "thanks" ? tr(t.actor, "your business", "的支持") : undefined),
      topicSuffix: topic ? tr(t.actor, ` about ${topic}`, `关于${topic}的事`) : tr(t.actor, "", "合作的进展"),
      plan: plan ?? (purpose === "apology" ? tr(t.actor, "we are on it and will confirm the details shortly.", "我们正在加紧处理,稍后向您确认具体安排。") : undefined),
      lastTouch: lastTouch ?? tr(t.actor, "we last spoke", "上次沟通"),
      openIssue: issue && purpose !== "apology" ? tr(t.actor, `We are also working on the open issue: ${issue.description}.`, `另外,关于「${issue.description}」的问题我们仍在跟进处理。`) : undefined,
      subject: input.channel === "email" ? (topic ? tr(t.actor, `Re: ${topic}`, `关于${topic}`) : s.name) : undefined,
    };
    const parts = [
      input.channel === "email" ? render(sec.get("subject") ?? "", vars) : "",
      render(sec.get("greeting") ?? "", vars),
      render(sec.get(purpose) ?? "", vars),
      render(sec.get("closing") ?? "", vars),
    ].filter(Boolean);
    const head = tr(t.actor, `Draft ${input.channel === "wechat" ? "WeChat message" : input.channel} to ${fullName || s.name} (${s.name}) — not sent:`,
      `给 ${fullName || s.name}(${s.name})的${input.channel === "email" ? "邮件" : input.channel === "wechat" ? "微信" : "消息"}草稿(未发送):`);
    return `${head}\n\n${parts.join("\n\n")}`;
  },
});
