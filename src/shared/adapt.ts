import { mulberry32 } from './random';
/**
 * Learning from a reviewer's corrections within one film: a small head re-fitted on the items'
 * probability vectors. The head maps log-probabilities z to logits W·z + b, starting from W = I,
 * b = 0 (exactly the model's answer) and pulled back towards it by an L2 penalty, so a few
 * corrections shift the film's systematic biases (this film's "CU" is the model's "MCU") without
 * forgetting the model. Fitted by full-batch gradient descent on the mean cross-entropy of the
 * corrected items; deterministic.
 */

/** The fitted head over K classes. */
export interface AdaptHead {
  /** K × K weights over log-probabilities (row = output class). */
  weights: number[][];
  bias: number[];
}

/** Options of fitHead. */
export interface FitOptions {
  /** L2 pull towards the model's own answer (W = I, b = 0). */
  lambda?: number;
  iterations?: number;
  learningRate?: number;
}

/** Fewer corrected items than this: nothing is fitted. */
export const MIN_ADAPT_ITEMS = 5;

const FLOOR = 1e-4;

/** The head's input for a probability vector: log-probabilities, floored. */
export function logFeatures(probs: readonly number[]): number[] {
  return probs.map((p) => Math.log(Math.max(FLOOR, p)));
}

function softmax(logits: number[]): number[] {
  const m = Math.max(...logits);
  const e = logits.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

function logitsOf(head: AdaptHead, z: readonly number[]): number[] {
  return head.weights.map((row, k) => row.reduce((acc, w, j) => acc + w * z[j], head.bias[k]));
}

/** The identity head: it gives back the model's probabilities (renormalised). */
export function identityHead(k: number): AdaptHead {
  return { weights: Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? 1 : 0))), bias: new Array<number>(k).fill(0) };
}

/** Fits the head on probability vectors `probs` labelled with class indices `labels`. */
export function fitHead(probs: readonly (readonly number[])[], labels: readonly number[], opts: FitOptions = {}): AdaptHead {
  const k = probs[0]?.length ?? 0;
  const head = identityHead(k);
  const n = probs.length;
  if (n === 0) return head;
  const { lambda = 2, iterations = 400, learningRate = 0.5 } = opts;
  const zs = probs.map(logFeatures);
  const scale = Math.max(1, ...zs.flat().map(Math.abs));
  const xs = zs.map((z) => z.map((v) => v / scale));
  // The weights act on z / scale; start at the identity on z.
  const w = head.weights.map((row) => row.map((v) => v * scale));
  const b = head.bias;
  const w0 = w.map((row) => [...row]);
  // A step the penalty cannot overshoot (its curvature is 2λ).
  const step = learningRate / (1 + 2 * lambda);
  for (let it = 0; it < iterations; it++) {
    const gw = w.map((row, i) => row.map((v, j) => 2 * lambda * (v - w0[i][j]) / (scale * scale)));
    const gb = b.map((v) => 2 * lambda * v);
    for (let s = 0; s < n; s++) {
      const p = softmax(w.map((row, i) => row.reduce((acc, v, j) => acc + v * xs[s][j], b[i])));
      for (let i = 0; i < k; i++) {
        const d = (p[i] - (labels[s] === i ? 1 : 0)) / n;
        gb[i] += d;
        for (let j = 0; j < k; j++) gw[i][j] += d * xs[s][j];
      }
    }
    for (let i = 0; i < k; i++) {
      b[i] -= step * gb[i];
      for (let j = 0; j < k; j++) w[i][j] -= step * gw[i][j];
    }
  }
  return { weights: w.map((row) => row.map((v) => v / scale)), bias: b };
}

/** The head's probabilities for one item. */
export function headProbs(head: AdaptHead, probs: readonly number[]): number[] {
  return softmax(logitsOf(head, logFeatures(probs)));
}

/** Index of the largest value. */
export function argmaxOf(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** A deterministic pseudo-random sequence in [0, 1), for the evaluation's draws. */
export const seededRandom = mulberry32;

/** One simulated review: accuracy on the items not corrected, with and without the head fitted on `corrections` drawn items. */
export function simulateReview(probs: readonly (readonly number[])[], labels: readonly number[], corrections: number, seed: number, opts?: FitOptions): { before: number; after: number; n: number } {
  const rand = seededRandom(seed);
  const order = probs.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const train = order.slice(0, corrections);
  const test = order.slice(corrections);
  const head = train.length >= MIN_ADAPT_ITEMS ? fitHead(train.map((i) => probs[i]), train.map((i) => labels[i]), opts) : identityHead(probs[0].length);
  let before = 0;
  let after = 0;
  for (const i of test) {
    if (argmaxOf(probs[i]) === labels[i]) before++;
    if (argmaxOf(headProbs(head, probs[i])) === labels[i]) after++;
  }
  return { before: before / test.length, after: after / test.length, n: test.length };
}
