// Which date phrases @microsoft/recognizers-text-suite (en-us, zh-cn) reads that our own recognisers
// (agent/recognisers/dates.ts) do not, on ~100 phrases written the way reps write: `npx tsx bench/dates-compare.ts`.
// The clock is fixed (Wednesday 2026-03-04 10:00 in Shanghai). Expected answers are a day (YYYY-MM-DD) or a period
// (from..to, to exclusive). Microsoft's answer counts when any of its resolutions matches (it returns both the past
// and the future reading of "Friday"); ours must match exactly, direction included.
import * as MS from "@microsoft/recognizers-text-suite";
import { recogniseDates, recognisePeriods, isInvalidDate } from "../agent/recognisers/dates.ts";
import { PHRASES } from "./date-phrases.ts";

const now = new Date("2026-03-04T10:00:00+08:00");
const tz = "Asia/Shanghai";
const ref = new Date(2026, 2, 4, 10, 0); // Microsoft's reference: local fields are the user's wall clock



function ours(text: string, expected: string): string {
  if (expected.includes("..")) {
    const p = recognisePeriods(text, { now, timezone: tz })[0];
    return p ? `${p.from}..${p.to}` : "";
  }
  const d = recogniseDates(text, { now, timezone: tz }).find((x) => !isInvalidDate(x));
  return d && !isInvalidDate(d) ? d.date : "";
}

function microsoft(text: string): string[] {
  const culture = /\p{Script=Han}/u.test(text) ? MS.Culture.Chinese : MS.Culture.English;
  const out: string[] = [];
  for (const r of MS.recognizeDateTime(text, culture, 0, ref)) {
    for (const v of (r.resolution?.values ?? []) as Record<string, string>[]) {
      if (v.value) out.push(v.value.slice(0, 10));
      if (v.start && v.end) out.push(`${v.start.slice(0, 10)}..${v.end.slice(0, 10)}`);
      if (v.start && !v.end && v.Mod === "since") out.push(`${v.start.slice(0, 10)}..2026-03-05`);
      if (v.end && !v.start && v.Mod === "before") out.push(v.end.slice(0, 10));
    }
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let a = 0, b = 0;
  const onlyMs: string[] = [], onlyOurs: string[] = [], neither: string[] = [];
  microsoft("warm up"); microsoft("明天");
  let msTime = 0, ourTime = 0;
  for (const [text, expected] of PHRASES) {
    let t0 = performance.now();
    const o = ours(text, expected);
    ourTime += performance.now() - t0;
    t0 = performance.now();
    const m = microsoft(text);
    msTime += performance.now() - t0;
    const okO = o === expected, okM = m.includes(expected);
    a += +okO; b += +okM;
    if (okM && !okO) onlyMs.push(`${text} → ${expected} (ours: ${o || "—"})`);
    if (okO && !okM) onlyOurs.push(`${text} → ${expected} (MS: ${m.join(" / ") || "—"})`);
    if (!okO && !okM) neither.push(`${text} → ${expected} (ours: ${o || "—"}; MS: ${m.join(" / ") || "—"})`);
  }
  const n = PHRASES.length;
  console.log(`${n} phrases. ours ${a}/${n}, Microsoft ${b}/${n} (any of its readings).`);
  console.log(`per phrase: ours ${(ourTime / n).toFixed(2)} ms, Microsoft ${(msTime / n).toFixed(2)} ms (after warm-up)`);
  console.log(`\nMicrosoft only (${onlyMs.length}):\n  ${onlyMs.join("\n  ")}`);
  console.log(`\nours only (${onlyOurs.length}):\n  ${onlyOurs.join("\n  ")}`);
  console.log(`\nneither (${neither.length}):\n  ${neither.join("\n  ")}`);
}
