// Prompts are reviewed text files in prompts/, filled with the turn's facts; never inline in code.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Actor, Locale } from "../domain/context.ts";
import { localDate, weekday } from "../domain/time.ts";

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "prompts");
const cache = new Map<string, string>();

export function loadPrompt(name: string): string {
  let p = cache.get(name);
  if (p === undefined) {
    p = readFileSync(path.join(DIR, name), "utf8");
    cache.set(name, p);
  }
  return p;
}

export function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => vars[k] ?? "");
}

const WD = { en: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"], zh: ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"] };

export function systemPrompt(actor: Actor, now: Date, locale: Locale = actor.locale): string {
  const today = localDate(now, actor.timezone);
  return fill(loadPrompt(`system.${locale}.md`), {
    name: actor.name, handle: actor.handle, role: actor.role, today, weekday: WD[locale][weekday(today)], timezone: actor.timezone,
  });
}
