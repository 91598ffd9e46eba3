// The built-in model's own replies come from one catalog (replies.yml: each message in English and Chinese side by
// side), read through i18next, so wording changes without touching logic.
import { readFileSync } from "node:fs";
import i18next, { type i18n } from "i18next";
import { parse } from "yaml";

const CATALOG = new URL("./replies.yml", import.meta.url).pathname;
let instance: i18n | undefined;

function load(): i18n {
  if (instance) return instance;
  const doc = parse(readFileSync(CATALOG, "utf8")) as Record<string, { en: string; zh: string }>;
  const en: Record<string, string> = {}, zh: Record<string, string> = {};
  for (const [k, v] of Object.entries(doc)) {
    if (typeof v?.en !== "string" || typeof v?.zh !== "string") throw new Error(`replies.yml: "${k}" needs both en and zh`);
    en[k] = v.en;
    zh[k] = v.zh;
  }
  const i = i18next.createInstance();
  void i.init({ initAsync: false, lng: "en", fallbackLng: "en", resources: { en: { translation: en }, zh: { translation: zh } }, interpolation: { escapeValue: false }, returnNull: false });
  return (instance = i);
}

export type Say = (key: string, vars?: Record<string, unknown>) => string;

export function sayer(zh: boolean): Say {
  const i = load();
  const t = i.getFixedT(zh ? "zh" : "en");
  return (key, vars) => {
    if (!i.exists(key, { lng: "en" })) throw new Error(`replies.yml has no "${key}"`);
    return t(key, vars ?? {}) as string;
  };
}

/** Every key, for the test that each has both languages and every placeholder in both. */
export function catalogKeys(): string[] {
  return Object.keys(parse(readFileSync(CATALOG, "utf8")) as object);
}
