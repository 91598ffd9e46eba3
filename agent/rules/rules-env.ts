// What the rules model knows about the turn besides the text: the clock and the user's zone and language (an LLM
// reads these from the system prompt), the names the message mentions (an LLM would look them up with a tool; the
// rules model does it up front so a logging turn stays at two calls), and the question its last reply asked.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Locale } from "../../domain/context.ts";
import type { RecognisedNames } from "../recognisers/names.ts";

export interface RulesEnv {
  now: Date;
  timezone: string;
  locale: Locale;
  actorHandle: string;
  actorName: string;
  role: "rep" | "manager" | "admin";
  /** The user's previous message and the reply to it, when recent (for answers to a question the reply asked). */
  previous(): Promise<{ text: string; reply: string; question?: unknown } | null>;
  /** The to-do the previous message created or changed (from the audit log), for "不对,改成周四" / "tick that off". */
  previousFollowUp(): Promise<{ customer: string; title: string } | null>;
  /** Keeps the question this turn's reply asks (dialogue state), for the next message to answer. */
  remember(pending: object): Promise<void>;
  /** Customers, contacts and colleagues the text names, with spans and ambiguities (agent/recognisers/names.ts). */
  names(text: string): Promise<RecognisedNames>;
}

export const rulesEnv = new AsyncLocalStorage<RulesEnv>();
