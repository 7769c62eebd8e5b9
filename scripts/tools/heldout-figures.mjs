// The figures heldout-score.mjs prints for a group of scored frames (pure; tested in heldout-figures.test.ts).
import { coarseCorrect, expectedCalibrationError } from '../cli/eval-breakdown.mjs';

/** The share of frames, least sure first, that review offers first. */
export const REVIEW_SHARE = 0.2;
const ECE_BINS = 10;

/**
 * The share of the wrong frames among the least sure `share` of all frames (1 when none is wrong).
 * @param {{ confidence: number, correct: boolean }[]} scored
 * @param {number} [share]
 */
export function reviewCatch(scored, share = REVIEW_SHARE) {
  const wrong = scored.filter((s) => !s.correct).length;
  if (wrong === 0) return 1;
  const first = [...scored].sort((a, b) => a.confidence - b.confidence).slice(0, Math.ceil(scored.length * share));
  return first.filter((s) => !s.correct).length / wrong;
}

/** Draws of the calibrated-floor simulation, and its seed (fixed, so the printed figure is reproducible). */
const FLOOR_DRAWS = 400;
const FLOOR_SEED = 1;

/**
 * @typedef {(seed: number) => () => number} SeededRandom A seeded generator of numbers in [0, 1): the
 *   app's `mulberry32` (src/shared/random.ts), passed in because this file runs in plain Node.
 */

/**
 * The ECE that perfectly calibrated confidences would show on this many frames: the median, over
 * simulated draws, of the ECE when each frame is right with exactly its stated confidence. On a
 * handful of frames the binned ECE is large by chance alone, so a measured ECE is read against this
 * floor, not against zero (at n = 5 the floor is typically 0.2 to 0.3).
 * @param {number[]} confidences
 * @param {SeededRandom} seeded
 * @param {number} [draws]
 * @param {number} [seed]
 */
export function calibratedEceFloor(confidences, seeded, draws = FLOOR_DRAWS, seed = FLOOR_SEED) {
  if (confidences.length === 0) return 0;
  const rand = seeded(seed);
  const eces = [];
  for (let d = 0; d < draws; d++) {
    const correct = confidences.map((c) => rand() < c);
    eces.push(expectedCalibrationError(confidences, correct, ECE_BINS));
  }
  eces.sort((a, b) => a - b);
  return eces[Math.floor(draws / 2)];
}

/**
 * Figures of one group of scored frames (NA-labelled ones are counted apart).
 * @param {{ label: string, pred: string, correct: boolean, withinOne: boolean, confidence: number }[]} all
 * @param {SeededRandom} seeded for the ECE floor (calibratedEceFloor)
 */
export function groupFigures(all, seeded) {
  const subject = all.filter((s) => s.label !== 'NA');
  const na = all.filter((s) => s.label === 'NA');
  const n = subject.length;
  const share = (/** @type {(s: any) => boolean} */ f) => (n ? subject.filter(f).length / n : 0);
  return {
    n,
    exact: share((s) => s.correct),
    withinOne: share((s) => s.withinOne),
    fiveClass: share((s) => coarseCorrect(s.label, s.pred)),
    ece: expectedCalibrationError(subject.map((s) => s.confidence), subject.map((s) => s.correct), ECE_BINS),
    eceFloor: calibratedEceFloor(subject.map((s) => s.confidence), seeded),
    review: reviewCatch(subject),
    naN: na.length,
    naRight: na.filter((s) => s.correct).length,
  };
}
