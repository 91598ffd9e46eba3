// What the rules model knows about the turn besides the text: the clock and the user's zone and language (an LLM
// reads these from the system prompt), and a gazetteer of the customer and contact names the message mentions
// (an LLM would look them up with a tool; the rules model does it up front so a logging turn stays at two calls).
import { AsyncLocalStorage } from "node:async_hooks";
import type { Locale } from "../../domain/context.ts";
import type { Mention } from "../../domain/find-customers.ts";
import type { RecognisedNames } from "../recognisers/names.ts";

export interface RulesEnv {
  now: Date;
  timezone: string;
  locale: Locale;
  actorHandle: string;
  actorName: string;
  role: "rep" | "manager" | "admin";
  /** Customers (and contacts) the text names, with each mentioned customer's contact names. */
  mentions(text: string): Promise<{ mentions: Mention[]; contacts: Map<number, string[]> }>;
  /** The user's previous message and the reply to it, when recent (for answers to a question the reply asked). */
  previous(): Promise<{ text: string; reply: string; pending?: unknown } | null>;
  /** Keeps the question this turn's reply asks (dialogue state), for the next message to answer. */
  remember(pending: object): Promise<void>;
  /** Customers, contacts and colleagues the text names, with spans and ambiguities (agent/recognisers/names.ts). */
  names(text: string): Promise<RecognisedNames>;
  /** Users the text may name (for "reassign to Sarah Chen"): handle and display name. */
  users(): Promise<{ handle: string; name: string }[]>;
}

export const rulesEnv = new AsyncLocalStorage<RulesEnv>();
