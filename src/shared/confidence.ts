/**
 * The confidence the app shows for an answer (a shot's "CU 84 %", the review bar's low-confidence
 * stepping, the confidence column of the exports): the fused probabilities sharpened by a
 * temperature, then read at the answer's code. The fused probabilities themselves are unchanged
 * (the seconds' CSV columns, the inspector's top three, adaptation): only what is said about how
 * sure the answer is. The fused probabilities are under-confident: where the CNN and geometry agree
 * they spread over neighbouring scales.
 *
 * CONFIDENCE_TEMPERATURE was fitted on the Tears of Steel frames (the one fine-labelled film, not a
 * headline source) by the log-loss of the top code, and measured on the fifteen live-action
 * held-out sources: ECE pooled 0.132 → 0.102, and on the five sources scored once 0.135 → 0.108
 * (docs/accuracy.md, "Is the shown confidence calibrated?").
 */
export const CONFIDENCE_TEMPERATURE = 0.4;

/** Probabilities raised to 1/t and renormalised (t < 1 sharpens; the order is kept). */
export function sharpened(probs: readonly number[], t: number = CONFIDENCE_TEMPERATURE): number[] {
  const w = probs.map((p) => Math.pow(Math.max(p, 0), 1 / t));
  const s = w.reduce((a, b) => a + b, 0);
  return s > 0 ? w.map((x) => x / s) : probs.map(() => 0);
}

/** The shown confidence of code `index` under probabilities `probs` (0 when they are all 0). */
export function shownConfidence(probs: readonly number[], index: number): number {
  return sharpened(probs)[index] ?? 0;
}
