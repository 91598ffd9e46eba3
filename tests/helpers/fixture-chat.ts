// Chatting with the rules model on the eval fixture, for end-to-end wording tests: a fresh fixture store per test
// file (set up in beforeAll), `say(handle, text)` at the fixture's clock — Monday 09:30 in Shanghai, Sunday 20:30 in
// New York for tom.baker — and small readers for what a turn recorded.
import { beforeAll } from "vitest";
import { fixtureStore } from "./fixture-store.ts";
import { handleTurn, type TurnResult } from "../../agent/turn.ts";
import type { Actor } from "../../domain/context.ts";
import type { Store } from "../../prisma/client.ts";
import { localDate } from "../../domain/time.ts";

export const SH = "2026-03-02T09:30:00+08:00"; // Monday morning in Shanghai
export const NY = "2026-03-01T20:30:00-05:00"; // Sunday evening in New York

/** The calendar day of an instant in a zone (default Shanghai). */
export const day = (iso: unknown, tz = "Asia/Shanghai") => localDate(new Date(String(iso)), tz);
/** "entity.action" of each change a turn made, in order. */
export const kinds = (r: TurnResult) => r.mutations.map((m) => `${m.entity}.${m.action}`);

/** Call at a test file's top level: registers the store's setup and returns `say` and the store. */
export function fixtureChat(idPrefix: string) {
  let store: Store;
  let as: (h: string) => Promise<Actor>;
  let seq = 0;
  beforeAll(async () => {
    ({ store, as } = await fixtureStore());
  });
  return {
    say: async (handle: string, text: string, now = handle === "tom.baker" ? NY : SH): Promise<TurnResult> =>
      handleTurn({ db: store.prisma }, { platform: "test", externalMessageId: `${idPrefix}-${++seq}`, actor: await as(handle), text, now: new Date(now) }),
    store: () => store,
  };
}
