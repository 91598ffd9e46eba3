// The agent layer's front door for bots, the console and the evaluation: who is talking (from the platform
// identity or a handle given on the command line) and the model configuration from the environment.
import type { Db, Actor } from "../domain/context.ts";
import { findUserByHandle } from "../domain/users.ts";
import { createLlm, llmConfigFromEnv } from "./llm.ts";
import type { TurnDeps } from "./turn.ts";

export async function actorByHandle(db: Db, handle: string): Promise<Actor> {
  return findUserByHandle(db, handle);
}

/** The first manager (then admin, then anyone): the default `--as` for `guanxi chat`. */
export async function defaultActor(db: Db): Promise<Actor | null> {
  for (const role of ["manager", "admin", "rep"] as const) {
    const u = await db.user.findFirst({ where: { role }, orderBy: { id: "asc" }, select: { handle: true } });
    if (u) return findUserByHandle(db, u.handle);
  }
  return null;
}

export function turnDepsFromEnv(db: Db, log?: TurnDeps["log"]): TurnDeps {
  return { db, llm: createLlm(llmConfigFromEnv()), log };
}
