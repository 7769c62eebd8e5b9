import { argmax, NA_INDEX, SCALE_CODES, toScaleProbs } from './taxonomy';
import type { SecondResult } from './types';

/** Softmax of one row of logits. */
export function softmax(logits: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]);
  const exps = Array.from(logits, (v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/**
 * Final probabilities for one second: the model's distribution (mapped onto the eight codes)
 * scaled by (1 - pNA), plus the NA detector's probability on NA.
 */
export function fuseSecond(index: number, tSec: number, classes: readonly string[], modelProbs: readonly number[], naProb: number): SecondResult {
  const scale = toScaleProbs(classes, modelProbs);
  const probs = scale.map((p, i) => (i === NA_INDEX ? Math.min(1, p * (1 - naProb) + naProb) : p * (1 - naProb)));
  return { index, tSec, probs, label: SCALE_CODES[argmax(probs)], naProb };
}
