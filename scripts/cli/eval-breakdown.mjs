// Per-source scores and calibration for `npm run eval` (pure; tested in eval-breakdown.test.ts).

/** The five coarse classes a five-class data set uses; each of the seven codes falls in one. */
const COARSE = { ECU: 'ECU', CU: 'CU', MCU: 'MEDIUM', MS: 'MEDIUM', MLS: 'MEDIUM', LS: 'LS', ELS: 'ELS', NA: 'NA' };
/** Label aliases, as in src/shared/taxonomy.ts. */
const ALIASES = { MEDIUM: ['MCU', 'MS', 'MLS'], WS: ['LS', 'ELS'] };

/**
 * The coarse classes a label text accepts (MCU|MS → MEDIUM; WS → LS, ELS).
 * @param {string} label
 * @returns {Set<string>}
 */
export function coarseAccepted(label) {
  const out = new Set();
  for (const raw of label.split('|')) {
    const t = raw.trim().toUpperCase();
    if (!t) continue;
    for (const code of /** @type {Record<string, string[]>} */ (ALIASES)[t] ?? [t]) out.add(/** @type {Record<string, string>} */ (COARSE)[code] ?? code);
  }
  return out;
}

/**
 * Whether a predicted code is right on the five coarse classes of a label text (MS for MCU|MS|MLS is).
 * @param {string} label
 * @param {string} pred
 */
export function coarseCorrect(label, pred) {
  return coarseAccepted(label).has(/** @type {Record<string, string>} */ (COARSE)[pred] ?? pred);
}

/**
 * Expected calibration error: the gap between confidence and accuracy, averaged over `bins`
 * equal-width confidence bins weighted by their share of the examples.
 * @param {number[]} confidence top probability of each example, in [0, 1]
 * @param {boolean[]} correct whether each example's answer was accepted
 * @param {number} [bins]
 */
export function expectedCalibrationError(confidence, correct, bins = 15) {
  const n = confidence.length;
  if (n === 0) return 0;
  const sumConf = new Array(bins).fill(0);
  const sumOk = new Array(bins).fill(0);
  const count = new Array(bins).fill(0);
  confidence.forEach((c, i) => {
    const b = Math.min(bins - 1, Math.floor(c * bins));
    sumConf[b] += c;
    sumOk[b] += correct[i] ? 1 : 0;
    count[b]++;
  });
  let ece = 0;
  for (let b = 0; b < bins; b++) if (count[b]) ece += Math.abs(sumOk[b] - sumConf[b]) / n;
  return ece;
}

/**
 * @typedef {{ label: string, pred: string, correct: boolean, withinOne: boolean, probs: Record<string, number> }} Prediction
 * @typedef {{ n: number, accuracy: number, withinOne: number, coarseAccuracy: number, ece: number }} GroupScore
 */

/**
 * Accuracy, within-one, five-class (coarse) accuracy and ECE of a set of scored predictions.
 * @param {Prediction[]} preds
 * @returns {GroupScore}
 */
export function groupScore(preds) {
  const n = preds.length;
  const coarseOk = preds.filter((p) => coarseCorrect(p.label, p.pred)).length;
  return {
    n,
    accuracy: n ? preds.filter((p) => p.correct).length / n : 0,
    withinOne: n ? preds.filter((p) => p.withinOne).length / n : 0,
    coarseAccuracy: n ? coarseOk / n : 0,
    ece: expectedCalibrationError(
      preds.map((p) => Math.max(...Object.values(p.probs))),
      preds.map((p) => p.correct),
    ),
  };
}

/**
 * Scores per source (the CSV's `source` column), in order of first appearance.
 * @param {Prediction[]} preds
 * @param {string[]} sources source of each prediction, same order
 * @returns {Record<string, GroupScore>}
 */
export function scoresBySource(preds, sources) {
  /** @type {Map<string, Prediction[]>} */
  const groups = new Map();
  preds.forEach((p, i) => {
    const s = sources[i] ?? '';
    if (!groups.has(s)) groups.set(s, []);
    groups.get(s)?.push(p);
  });
  return Object.fromEntries([...groups].map(([s, g]) => [s, groupScore(g)]));
}
