// Logistic regression over sparse binary features, trained deterministically (fixed order, fixed seed, AdaGrad):
// one sigmoid per act (a message may carry several) and one softmax per slot. Small enough to train in seconds
// and to ship as a JSON file; scoring at run time is model.ts's Classifier.
export interface SparseRow {
  /** Feature indices (unique). */
  f: number[];
}

export interface TrainOptions {
  epochs?: number;
  rate?: number;
  l2?: number;
  seed?: number;
}

/** Weights laid out [feature][label]; bias per label. */
export interface Weights {
  labels: string[];
  nFeatures: number;
  w: Float64Array;
  b: Float64Array;
}

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function order(n: number, epoch: number, seed: number): number[] {
  const idx = Array.from({ length: n }, (_, i) => i);
  const r = rng(seed + epoch * 7919);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx;
}

/**
 * Multi-label (sigmoid) when `multi`, else multi-class (softmax; y has exactly one label per row). Rows are L2
 * normalised, so long messages don't shout.
 */
export function train(rows: SparseRow[], y: number[][], labels: string[], nFeatures: number, multi: boolean, o: TrainOptions = {}): Weights {
  const L = labels.length;
  const epochs = o.epochs ?? 30, rate = o.rate ?? 0.5, l2 = o.l2 ?? 1e-5, seed = o.seed ?? 42;
  const w = new Float64Array(nFeatures * L), b = new Float64Array(L);
  const gw = new Float64Array(nFeatures * L).fill(1e-8), gb = new Float64Array(L).fill(1e-8);
  const z = new Float64Array(L), g = new Float64Array(L);
  for (let ep = 0; ep < epochs; ep++) {
    for (const i of order(rows.length, ep, seed)) {
      const f = rows[i]!.f;
      const v = 1 / Math.sqrt(f.length || 1);
      for (let l = 0; l < L; l++) z[l] = b[l]!;
      for (const k of f) for (let l = 0; l < L; l++) z[l] += w[k * L + l]! * v;
      const yi = y[i]!;
      if (multi) {
        for (let l = 0; l < L; l++) g[l] = 1 / (1 + Math.exp(-z[l]!)) - (yi.includes(l) ? 1 : 0);
      } else {
        let m = -Infinity;
        for (let l = 0; l < L; l++) m = Math.max(m, z[l]!);
        let s = 0;
        for (let l = 0; l < L; l++) s += (g[l] = Math.exp(z[l]! - m));
        for (let l = 0; l < L; l++) g[l] = g[l]! / s - (yi[0] === l ? 1 : 0);
      }
      for (let l = 0; l < L; l++) {
        gb[l] += g[l]! * g[l]!;
        b[l] -= (rate * g[l]!) / Math.sqrt(gb[l]!);
      }
      for (const k of f)
        for (let l = 0; l < L; l++) {
          const j = k * L + l;
          const grad = g[l]! * v + l2 * w[j]!;
          gw[j] += grad * grad;
          w[j] -= (rate * grad) / Math.sqrt(gw[j]!);
        }
    }
  }
  return { labels, nFeatures, w, b };
}
