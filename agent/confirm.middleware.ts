// Confirm first for destructive or bulk changes, whoever drives the tools (an LLM or the rules model): archiving,
// reassigning more than one account, and any batch that would change more than BULK records are not run; each is
// stored as a pending call (structured, on the inbox row — agent/turn.ts) and answered with exactly what would happen.
// A cap on writes per turn stops a model that keeps calling write tools; what it had written is then reported.
import { createMiddleware } from "langchain";
import { AIMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import { isDomainError } from "../domain/errors.ts";
import { previewArchiveCustomer } from "../domain/archive-customer.ts";
import { previewReassignOwner } from "../domain/reassign-owner.ts";
import { domainContext, type TurnContext } from "./turn-context.ts";
import { t as tr } from "./format.ts";

/** More writes than this in one message are a bulk change: confirm first. */
export const BULK = 5;
/** Most writes (run or held) one message may cause; beyond it the turn stops. */
export const WRITE_CAP = 20;

const READS = new Set([
  "list_customers", "my_digest", "draft_message", "list_follow_ups", "find_customer", "last_contact", "customer_summary",
  "list_at_risk", "stale_customers", "order_totals", "deals_closing", "activity_by_rep", "list_complaints",
]);
/** Any tool not known to only read counts as a write (a new tool is held back rather than let through). */
export const isWrite = (tool: string) => !READS.has(tool);
/** Undo is the way back, never held back itself. */
const NEVER_HELD = new Set(["undo"]);

export class WriteCapError extends Error {
  constructor() {
    super(`more than ${WRITE_CAP} changes asked for in one message`);
  }
}

export const HOLD_PREFIX = { en: "Needs your confirmation: ", zh: "需要你确认:" };

export function confirmChanges() {
  return createMiddleware({
    name: "guanxiConfirmChanges",
    wrapToolCall: async (request, handler) => {
      const call = request.toolCall;
      const t = (request.runtime as { context?: TurnContext }).context;
      if (!t || !isWrite(call.name)) return handler(request);
      const reason = t.stopped?.();
      if (reason) throw new Error(reason);
      const c = t.collector;
      if (c.writes + c.pending.length >= WRITE_CAP) {
        c.capped = true;
        throw new WriteCapError();
      }
      const args = (call.args ?? {}) as Record<string, unknown>;
      if (t.confirmed || NEVER_HELD.has(call.name)) {
        c.writes++;
        return handler(request);
      }
      const batch = batchOf(request.state as { messages?: BaseMessage[] }, call.id);
      decideBatch(c, batch);
      const held = (call.id && c.deferred.has(call.id)) || c.pending.length > 0 || (await mustConfirm(call.name, args, batch, t));
      if (!held) {
        c.writes++;
        return handler(request);
      }
      const reply = (content: string) => new ToolMessage({ content, tool_call_id: call.id ?? "", name: call.name });
      try {
        const summary = await describe(call.name, args, t);
        if (summary.unchanged) return reply(summary.unchanged);
        c.pending.push({ tool: call.name, args, summary: summary.text });
        return reply(tr(t.actor, `${HOLD_PREFIX.en}${summary.text}. Not done yet: ask the user to confirm.`, `${HOLD_PREFIX.zh}${summary.text}。尚未执行,请用户确认。`));
      } catch (e) {
        // A refusal (not their account, not a manager, no such customer) comes now, not after they said yes.
        if (isDomainError(e)) return reply(e.userMessage);
        throw e;
      }
    },
  });
}

/** The write calls of the model message that holds this call (one model step). */
function batchOf(state: { messages?: BaseMessage[] }, id: string | undefined): { id?: string; name: string; args: Record<string, unknown> }[] {
  const messages = state.messages ?? [];
  const ai = [...messages].reverse().find((m) => AIMessage.isInstance(m) && m.tool_calls?.some((x) => x.id === id)) as AIMessage | undefined;
  return (ai?.tool_calls ?? []).filter((x) => isWrite(x.name) && !NEVER_HELD.has(x.name)).map((x) => ({ id: x.id, name: x.name, args: x.args as Record<string, unknown> }));
}

/** Decided at the batch's first write: if it would take the turn past BULK, every write in it is held back. */
function decideBatch(c: TurnContext["collector"], batch: { id?: string }[]) {
  const ids = batch.map((b) => b.id).filter((x): x is string => !!x);
  if (!ids.length || ids.some((id) => c.deferred.has(id) || c.decided.has(id))) return;
  for (const id of ids) c.decided.add(id);
  if (c.writes + ids.length > BULK) for (const id of ids) c.deferred.add(id);
}

async function mustConfirm(tool: string, args: Record<string, unknown>, batch: { name: string }[], t: TurnContext): Promise<boolean> {
  if (tool === "update_customer" && args.archive === true) return true;
  // One account handed over is a manager's everyday decision (and undoable); several at once is a bulk change.
  if (tool === "reassign_owner") return batch.filter((b) => b.name === "reassign_owner").length + t.collector.calls.filter((n) => n === "reassign_owner").length > 1;
  return false;
}

/** Exactly what a held call will do, resolved now (names as stored); `unchanged` when it would change nothing. */
async function describe(tool: string, args: Record<string, unknown>, t: TurnContext): Promise<{ text: string; unchanged?: string }> {
  const ctx = domainContext(t);
  if (tool === "update_customer" && args.archive === true) {
    const r = await previewArchiveCustomer(ctx, { customer: String(args.customer ?? "") });
    return { text: tr(t.actor, `archive ${r.customer.name} (its history is kept; it leaves lists, digests and name lookups)`, `归档「${r.customer.name}」(保留历史记录,但不再出现在列表、简报和名称查找中)`) };
  }
  if (tool === "reassign_owner") {
    const to = /^(me|myself|我|我自己)$/i.test(String(args.to ?? "").trim()) ? t.actor.handle : String(args.to ?? "");
    const r = await previewReassignOwner(ctx, { customer: String(args.customer ?? ""), to });
    if (r.unchanged) return { text: "", unchanged: tr(t.actor, `${r.customer.name} is already owned by ${r.to.name}.`, `「${r.customer.name}」本来就由 ${r.to.name} 负责。`) };
    return { text: tr(t.actor, `give ${r.customer.name} to ${r.to.name} (now ${r.from.name}'s)`, `把「${r.customer.name}」转给 ${r.to.name}(现由 ${r.from.name} 负责)`) };
  }
  const fields = Object.entries(args)
    .filter(([, v]) => v !== undefined && v !== null && v !== "")
    .map(([k, v]) => {
      const s = typeof v === "string" ? v : JSON.stringify(v);
      return `${k}: ${s.length > 60 ? `${s.slice(0, 59)}…` : s}`;
    });
  return { text: `${tool.replace(/_/g, " ")} (${fields.join(", ")})` };
}
