// The trained language model of the built-in assistant: which acts a (placeholder-substituted) message carries, with
// a probability each, and the value of each slot. Trained from the corpus by `npm run nlu:train` into model.json,
// which is committed; a test checks it matches the corpus.
import { readFileSync } from "node:fs";
import { ACTS, SLOTS, SLOT_NAMES, type Act, type SlotName } from "./acts.ts";
import { corpusHash, type Example } from "./corpus.ts";
import { features } from "./features.ts";
import { dateTokens } from "./recognise.ts";
import { train, type SparseRow } from "./logreg.ts";

/** Bumped when features.ts or the trainer changes, so an old model.json no longer "matches". */
export const FEATURES_VERSION = "f2";

interface Head {
  labels: string[];
  /** Weights laid out [feature][label], as int8 (times `scale`), base64. */
  w: string;
  scale: number;
  b: number[];
}

export interface ModelFile {
  version: string;
  corpus: string;
  trainedOn: number;
  vocab: string[];
  acts: Head;
  slots: Partial<Record<SlotName, Head>>;
}

/** Quantised to one byte a weight: the model file stays ~2 MB and loads in milliseconds; scores move by <1%. */
function toHead(labels: string[], wts: { w: Float64Array; b: Float64Array }): Head {
  let max = 0;
  for (const x of wts.w) max = Math.max(max, Math.abs(x));
  const scale = max / 127 || 1;
  const q = new Int8Array(wts.w.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.round(wts.w[i]! / scale);
  return { labels, w: Buffer.from(q.buffer).toString("base64"), scale, b: [...wts.b].map((x) => Math.round(x * 1e4) / 1e4) };
}

export interface TrainConfig { epochs: number; rate: number; l2: number; slotEpochs: number }
export const TRAIN_CONFIG: TrainConfig = { epochs: 25, rate: 0.5, l2: 1e-5, slotEpochs: 30 };

export function trainModel(examples: Example[], cfg: TrainConfig = TRAIN_CONFIG): ModelFile {
  const vocabIndex = new Map<string, number>();
  const rows: SparseRow[] = examples.map((e) => ({
    f: features(dateTokens(e.text)).map((f) => {
      let i = vocabIndex.get(f);
      if (i == null) vocabIndex.set(f, (i = vocabIndex.size));
      return i;
    }),
  }));
  const n = vocabIndex.size;
  const acts = train(rows, examples.map((e) => e.acts.map((a) => ACTS.indexOf(a))), [...ACTS], n, true, { epochs: cfg.epochs, rate: cfg.rate, l2: cfg.l2 });
  const slots: ModelFile["slots"] = {};
  for (const s of SLOT_NAMES) {
    const values = [...SLOTS[s].values] as string[];
    const idx = examples.map((e, i) => (e.slots[s] ? i : -1)).filter((i) => i >= 0);
    if (idx.length < 10) continue;
    const wts = train(idx.map((i) => rows[i]!), idx.map((i) => [values.indexOf(examples[i]!.slots[s]!)]), values, n, false, { epochs: cfg.slotEpochs, rate: cfg.rate, l2: cfg.l2 });
    slots[s] = toHead(values, wts);
  }
  return { version: FEATURES_VERSION, corpus: corpusHash(examples, FEATURES_VERSION), trainedOn: examples.length, vocab: [...vocabIndex.keys()], acts: toHead([...ACTS], acts), slots };
}

export interface Reading {
  /** Every act with its probability, most likely first. */
  acts: { act: Act; p: number }[];
  slots: Partial<Record<SlotName, { value: string; p: number }>>;
}

export class Classifier {
  private readonly vocab: Map<string, number>;
  constructor(readonly file: ModelFile) {
    this.vocab = new Map(file.vocab.map((f, i) => [f, i]));
  }

  private readonly decoded = new Map<Head, Int8Array>();

  private head(h: Head, f: number[], multi: boolean): number[] {
    let w = this.decoded.get(h);
    if (!w) this.decoded.set(h, (w = new Int8Array(Buffer.from(h.w, "base64"))));
    const L = h.labels.length;
    const z = [...h.b];
    const v = h.scale / Math.sqrt(f.length || 1);
    for (const k of f) for (let l = 0; l < L; l++) z[l] += w[k * L + l]! * v;
    if (multi) return z.map((x) => 1 / (1 + Math.exp(-x)));
    const mx = Math.max(...z);
    const e = z.map((x) => Math.exp(x - mx));
    const s = e.reduce((a, c) => a + c, 0);
    return e.map((x) => x / s);
  }

  read(text: string): Reading {
    const all = features(text);
    // Features the corpus never had carry no weight and don't count towards the row's length.
    const f = all.map((x) => this.vocab.get(x)).filter((i): i is number => i != null);
    const ps = this.head(this.file.acts, f, true);
    const acts = ps.map((p, i) => ({ act: this.file.acts.labels[i] as Act, p })).sort((a, b) => b.p - a.p);
    const slots: Reading["slots"] = {};
    for (const [name, h] of Object.entries(this.file.slots) as [SlotName, Head][]) {
      const q = this.head(h, f, false);
      const best = q.indexOf(Math.max(...q));
      slots[name] = { value: h.labels[best]!, p: q[best]! };
    }
    return { acts, slots };
  }
}


export const MODEL_PATH = new URL("./model.json", import.meta.url).pathname;
let loaded: Classifier | undefined;

export function classifier(): Classifier {
  return (loaded ??= new Classifier(JSON.parse(readFileSync(MODEL_PATH, "utf8")) as ModelFile));
}
