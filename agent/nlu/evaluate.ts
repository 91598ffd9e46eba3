// npm run nlu:eval — trains on the corpus without its held-out fifth and reports act F1 and slot accuracy on that
// fifth, per act and per language. Exits 1 when a figure falls below the ones committed in corpus/baseline.json.
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { loadCorpus, isHeldOut, CORPUS_DIR } from "./corpus.ts";
import { Classifier, trainModel } from "./model.ts";
import { scoreReadings, type Scores } from "./metrics.ts";
import { dateTokens } from "./recognise.ts";

const BASELINE = `${CORPUS_DIR}baseline.json`;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function heldOutScores(): { all: Scores; en: Scores; zh: Scores; trainMs: number; sizes: { train: number; held: number } } {
  const examples = loadCorpus();
  const trainSet = examples.filter((e) => !isHeldOut(e));
  const held = examples.filter(isHeldOut);
  const t0 = performance.now();
  const model = new Classifier(trainModel(trainSet));
  const trainMs = performance.now() - t0;
  const items = held.map((e) => ({ e, r: model.read(dateTokens(e.text)) }));
  return {
    all: scoreReadings(items),
    en: scoreReadings(items.filter((i) => i.e.lang === "en")),
    zh: scoreReadings(items.filter((i) => i.e.lang === "zh")),
    trainMs,
    sizes: { train: trainSet.length, held: held.length },
  };
}

function report(s: ReturnType<typeof heldOutScores>): string {
  const lines = [`held-out: ${s.sizes.held} utterances (trained on ${s.sizes.train}, ${(s.trainMs / 1000).toFixed(1)} s)`];
  lines.push(`act micro-F1  all ${pct(s.all.microF1)}  en ${pct(s.en.microF1)}  zh ${pct(s.zh.microF1)}   exact act set ${pct(s.all.exact)}`);
  lines.push(`slot accuracy all ${pct(s.all.slotAccuracy)}  en ${pct(s.en.slotAccuracy)}  zh ${pct(s.zh.slotAccuracy)}`);
  lines.push("act                    n    F1     en     zh");
  for (const [a, c] of Object.entries(s.all.perAct).sort()) {
    const n = c.tp + c.fn;
    const f = (x?: { f1: number }) => (x ? pct(x.f1).padStart(6) : "     -");
    lines.push(`${a.padEnd(20)} ${String(n).padStart(3)} ${f(c)} ${f(s.en.perAct[a])} ${f(s.zh.perAct[a])}`);
  }
  lines.push("slot                   n  accuracy");
  for (const [k, c] of Object.entries(s.all.slots).sort()) lines.push(`${k.padEnd(20)} ${String(c.n).padStart(3)}  ${pct(c.accuracy)}`);
  return lines.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const s = heldOutScores();
  process.stdout.write(report(s) + "\n");
  const now = { microF1: s.all.microF1, slotAccuracy: s.all.slotAccuracy };
  if (process.argv.includes("--write-baseline")) {
    writeFileSync(BASELINE, JSON.stringify({ microF1: Math.floor(now.microF1 * 1000) / 1000, slotAccuracy: Math.floor(now.slotAccuracy * 1000) / 1000 }, null, 2) + "\n");
    process.stdout.write(`baseline written: ${BASELINE}\n`);
  } else if (existsSync(BASELINE)) {
    const base = JSON.parse(readFileSync(BASELINE, "utf8")) as typeof now;
    const drops = (Object.keys(base) as (keyof typeof now)[]).filter((k) => now[k] + 1e-9 < base[k]);
    if (drops.length) {
      process.stderr.write(`nlu:eval: below the committed baseline: ${drops.map((k) => `${k} ${pct(now[k])} < ${pct(base[k])}`).join(", ")}\n`);
      process.exit(1);
    }
  }
}
