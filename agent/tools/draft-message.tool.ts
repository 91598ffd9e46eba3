// Drafts from reviewed templates (prompts/drafts.*.md) filled with the customer's context: the contact's name, the
// last interaction, open issues. The same tool serves an LLM, which may polish the draft it gets back.
import { z } from "zod";
import { customerSummary } from "../../domain/customer-summary.ts";
import { findContact } from "../../domain/shared.ts";
import { defineTool } from "./define-tool.ts";
import { domainContext } from "../turn-context.ts";
import { fmtDayHuman, t as tr } from "../format.ts";
import { loadPrompt } from "../prompts.ts";
import { readBrief, type Purpose } from "./draft-brief.ts";

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

export const draftMessageTool = defineTool({
  name: "draft_message",
  description: "Draft a message (email, WeChat, chat) to a customer contact, from the customer's context. Sends nothing.",
  schema: z.object({
    customer: z.string().describe("Customer"),
    contact: z.string().optional().describe("Recipient, if named"),
    channel: z.enum(["email", "wechat", "message"]).describe("Where it will be sent"),
    purpose: z.string().describe("What it should say"),
    kind: z.enum(["apology", "checkin", "followup", "thanks", "inform", "introduce", "greeting", "payment", "confirm", "send"]).optional().describe("Kind of message, if clear"),
    salutation: z.string().optional().describe("How to address the recipient, as the user wrote it (王总, 郑校长), if not by name"),
    language: z.enum(["en", "zh"]).optional().describe("Language of the draft, if the user asked for one"),
  }),
  async run(input, t) {
    const s = await customerSummary(domainContext(t), { customer: input.customer });
    // The draft is in the language asked for, else the one the rep wrote in; the note around it in the rep's.
    const locale = input.language ?? t.actor.locale;
    const voice = { ...t.actor, locale };
    const L = (en: string, zh: string) => (locale === "zh" ? zh : en);
    const named = input.contact ? await findContact(t.db, s.id, input.contact) : null;
    const contact = (named && s.contacts.find((c) => c.name === named.name)) ?? s.recentInteractions.map((i) => s.contacts.find((c) => c.name === i.contact)).find(Boolean) ?? s.contacts[0];
    const fullName = contact?.name ?? input.contact ?? "";
    const firstName = fullName.split(/\s+/)[0] ?? fullName;
    // "陈总", "郑校长": the rep's own form of address; a Chinese greeting uses it, an English one the first name.
    const titled = input.salutation && /\p{Script=Han}/u.test(input.salutation) ? input.salutation : undefined;
    const last = s.lastInteraction;
    const brief = readBrief(input.purpose);
    // A topic in the other script would sit oddly in the draft ("Thank you for 二月份那个大单"): leave it to the template.
    const fits = (x?: string) => (x && (locale === "zh" || !/\p{Script=Han}/u.test(x)) ? x : undefined);
    const topic = fits(brief.topic);
    const lastTouch = brief.after
      ? L(`the ${brief.after}`, `${brief.after}`)
      : last
        ? L(`our ${last.kind} on ${fmtDayHuman(last.occurredAt, voice, t.now)}`, `${fmtDayHuman(last.occurredAt, voice, t.now)}沟通`)
        : undefined;
    const issue = s.openComplaints[0];
    const purpose = choosePurpose(brief.sure, input.kind, input.purpose);
    const sec = sections(locale);
    const vars: Record<string, string | undefined> = {
      customer: s.name,
      firstName: firstName || L("there", ""),
      fullName: titled ?? fullName,
      sender: t.actor.name,
      topic: topic ?? (purpose === "apology" && issue ? issue.description : purpose === "thanks" ? L("your business", "的支持") : purpose === "payment" ? L("the outstanding payment", "款项") : undefined),
      thanksWhat: topic ? (/^(?:您|贵司)/.test(topic) ? topic : `您的${topic}`) : "您的支持",
      payWhat: topic ? topic.replace(/回款|催款/g, "款项") : L("the outstanding payment", "款项"),
      topicSuffix: topic ? L(` about ${topic}`, `关于${topic}的事`) : L("", "合作的进展"),
      plan: brief.plan ?? (purpose === "apology" ? L("we are on it and will confirm the details shortly.", "我们正在加紧处理,稍后向您确认具体安排。") : undefined),
      lastTouch: lastTouch ?? L("we last spoke", "上次沟通"),
      openIssue: issue && purpose !== "apology" ? L(`We are also working on the open issue: ${issue.description}.`, `另外,关于「${issue.description}」的问题我们仍在跟进处理。`) : undefined,
      wish: purpose === "greeting" ? wish(brief.occasion, locale) : undefined,
      ask: fits(brief.asks.join(L(", and ", ","))) || undefined,
      mention: fits(brief.mentions.join(L("; ", ";"))) || undefined,
    };
    vars.subject = input.channel === "email" ? subject(purpose, topic, brief.occasion, s.name, L) : undefined;
    const parts = [
      input.channel === "email" ? render(sec.get("subject") ?? "", vars) : "",
      render(sec.get("greeting") ?? "", vars),
      render(sec.get(purpose === "greeting" ? "wishes" : purpose) ?? "", vars),
      render(sec.get("extras") ?? "", vars),
      render(sec.get("closing") ?? "", vars),
    ].filter(Boolean);
    const head = tr(t.actor, `Draft ${input.channel === "wechat" ? "WeChat message" : input.channel} to ${fullName || s.name} (${s.name}) — not sent:`,
      `给 ${fullName || s.name}(${s.name})的${input.channel === "email" ? "邮件" : input.channel === "wechat" ? "微信" : "消息"}草稿(未发送):`);
    return `${head}\n\n${parts.join("\n\n")}`;
  },
});

/** The wording's sure purpose (a wish, a payment chase) beats the classifier; the classifier's apology, thanks,
 * check-in or introduction beats a weaker reading of the words (confirm, send); a plain follow-up comes last. */
function choosePurpose(sure: Purpose | undefined, kind: Purpose | undefined, text: string): Purpose {
  if (sure === "greeting" || sure === "payment") return sure;
  if (kind === "greeting") return "checkin";
  if (kind && kind !== "followup" && kind !== "inform") return kind;
  return sure ?? kind ?? purposeOf(text);
}

function wish(occasion: string | undefined, locale: "en" | "zh"): string {
  if (locale === "zh") {
    if (!occasion || occasion === "节日") return "祝您和家人节日快乐,阖家幸福、万事如意!";
    if (occasion === "生日") return "祝您生日快乐,身体健康,万事如意!";
    return `${occasion}快到了,提前祝您和家人${occasion}快乐,阖家幸福、万事如意!`;
  }
  if (!occasion || /^the /i.test(occasion) || /[\p{Script=Han}]/u.test(occasion)) return "Wishing you and your family a wonderful holiday season!";
  if (/birthday/i.test(occasion)) return "Happy birthday! Wishing you a wonderful year ahead.";
  return `Wishing you and your family a happy ${occasion.replace(/^\w/, (c) => c.toUpperCase())}!`;
}

function subject(purpose: Purpose, topic: string | undefined, occasion: string | undefined, customer: string, L: (en: string, zh: string) => string): string {
  if (purpose === "thanks") return topic ? L(`Thank you for ${topic}`, "感谢") : L("Thank you", "感谢");
  if (purpose === "greeting") return occasion && !/^the /.test(occasion) ? L(`Happy ${occasion}`, `${occasion}快乐`) : L("Season's greetings", "节日问候");
  if (purpose === "apology") return topic ? L(`Our apologies: ${topic}`, `致歉:${topic}`) : L("Our apologies", "致歉");
  return topic ? L(`Re: ${topic}`, `关于${topic}`) : customer;
}
