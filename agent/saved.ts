// Short lines saying what a turn changed, from its audit-log mutations: the "Recorded" footer under a reply, and the
// "Saved before the error" list of a turn that failed after some of its tools wrote.
import type { Mutation } from "../domain/audit.repository.ts";

export function describeSaved(mutations: Mutation[], zh: boolean): string[] {
  const verbs = zh ? { create: "新增", update: "更新", delete: "删除" } : { create: "Added", update: "Updated", delete: "Deleted" };
  return mutations.map((m) => {
    const d = m.data as Record<string, unknown>;
    const what = [d.customer ?? d.name, d.title ?? d.summary ?? d.kind].filter((x) => typeof x === "string" && x).join(" — ");
    const short = what.length > 120 ? `${what.slice(0, 119)}…` : what;
    return `${verbs[m.action]} ${m.entity}${short ? `: ${short}` : ""}`;
  });
}
