// Reads the labelled corpus (corpus/{en,zh}/*.yml) and checks every entry against the act and slot lists, so a typo
// in a label fails training with the file and the entry named instead of teaching the model a new act.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { parse } from "yaml";
import { ACTS, SLOTS, type Act, type SlotName } from "./acts.ts";

export interface Example {
  text: string;
  acts: Act[];
  slots: Partial<Record<SlotName, string>>;
  lang: "en" | "zh";
  /** file:index, for messages about the corpus. */
  where: string;
}

export const CORPUS_DIR = new URL("./corpus/", import.meta.url).pathname;

export function loadCorpus(dir = CORPUS_DIR): Example[] {
  const out: Example[] = [];
  const errors: string[] = [];
  for (const lang of ["en", "zh"] as const) {
    let files: string[] = [];
    try {
      files = readdirSync(join(dir, lang)).filter((f) => f.endsWith(".yml")).sort();
    } catch {
      continue;
    }
    for (const f of files) {
      const doc = parse(readFileSync(join(dir, lang, f), "utf8")) as unknown;
      if (doc == null) continue;
      if (!Array.isArray(doc)) {
        errors.push(`${lang}/${f}: not a list`);
        continue;
      }
      doc.forEach((e: unknown, i: number) => {
        const where = `${lang}/${f}:${i + 1}`;
        const r = e as { text?: unknown; acts?: unknown; slots?: unknown };
        if (typeof r?.text !== "string" || !r.text.trim()) return void errors.push(`${where}: no text`);
        const acts = Array.isArray(r.acts) ? r.acts : [];
        const bad = acts.filter((a) => !(ACTS as readonly string[]).includes(a));
        if (!acts.length || bad.length) return void errors.push(`${where}: unknown or missing acts ${JSON.stringify(bad.length ? bad : acts)}`);
        const slots: Partial<Record<SlotName, string>> = {};
        for (const [k, v] of Object.entries((r.slots as Record<string, unknown>) ?? {})) {
          const def = SLOTS[k as SlotName];
          if (!def || !(def.values as readonly string[]).includes(String(v))) {
            errors.push(`${where}: slot ${k}=${String(v)} is not one of ${def ? def.values.join("/") : Object.keys(SLOTS).join("/")}`);
            continue;
          }
          slots[k as SlotName] = String(v);
        }
        out.push({ text: r.text.trim(), acts: [...new Set(acts as Act[])], slots, lang, where });
      });
    }
  }
  if (errors.length) throw new Error(`corpus has ${errors.length} bad entries:\n${errors.slice(0, 20).join("\n")}`);
  return out;
}

/** A stable fingerprint of what the model is trained on: the model records it, and a test compares. */
export function corpusHash(examples: Example[], extra = ""): string {
  const h = createHash("sha256");
  h.update(extra);
  for (const e of examples) h.update(JSON.stringify([e.lang, e.text, [...e.acts].sort(), Object.entries(e.slots).sort()]) + "\n");
  return h.digest("hex").slice(0, 16);
}

/** Every fifth utterance (by a hash of its text, so the split survives reordering) is held out for evaluation. */
export function isHeldOut(e: Example): boolean {
  return createHash("md5").update(e.text).digest()[0]! % 5 === 0;
}
