import { fuseFrame, type FrameFeatures, type FusionParams } from './frameFusion';
import type { GeometryCalibration } from './geometry';
import { parseLabel, type ScaleCode } from './taxonomy';
import { mulberry32 } from './random';

/** One labelled frame for calibration: its features, the model's classes and its label text. */
export interface CalibrationExample extends FrameFeatures {
  classes: readonly string[];
  /** Label in the app's semantics (a code, MEDIUM/WS, or alternatives joined by `|`). */
  label: string;
}

/** A tunable number of the recipe: a geometry boundary or the geometry weight. */
export type ParamName = keyof GeometryCalibration | 'geometryWeight';

/** The values to try for each tunable number (the others stay as they start). */
export type ParamGrid = Partial<Record<ParamName, number[]>>;

/** The recipe with one number changed. */
export function withParam(params: FusionParams, name: ParamName, value: number): FusionParams {
  if (name === 'geometryWeight') return { ...params, geometryWeight: value };
  return { ...params, geometry: { ...params.geometry, [name]: value } };
}

/** A recipe number's value. */
export function getParam(params: FusionParams, name: ParamName): number {
  return name === 'geometryWeight' ? params.geometryWeight : params.geometry[name];
}

interface Prepared {
  ex: CalibrationExample;
  accepted: Set<ScaleCode>;
}

function prepare(examples: readonly CalibrationExample[]): Prepared[] {
  return examples.map((ex) => ({ ex, accepted: parseLabel(ex.label) }));
}

function correctCount(items: readonly Prepared[], params: FusionParams): number {
  let n = 0;
  for (const { ex, accepted } of items) if (accepted.has(fuseFrame(ex.classes, ex, params).label)) n++;
  return n;
}

/** Fraction of examples whose fused answer is in their accepted set. */
export function fusedAccuracy(examples: readonly CalibrationExample[], params: FusionParams): number {
  return examples.length ? correctCount(prepare(examples), params) / examples.length : 0;
}

/**
 * Coordinate ascent on accuracy over the grid, from `start`: each sweep tries every value of each
 * number in turn, keeping the best (ties keep the current value, then prefer the value nearest
 * to it); stops when a sweep changes nothing or after `maxSweeps`.
 */
function fitPrepared(items: readonly Prepared[], grid: ParamGrid, start: FusionParams, maxSweeps: number): { params: FusionParams; correct: number } {
  let params = start;
  let best = correctCount(items, params);
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let changed = false;
    for (const [name, values] of Object.entries(grid) as [ParamName, number[]][]) {
      const current = getParam(params, name);
      for (const v of [...values].sort((a, b) => Math.abs(a - current) - Math.abs(b - current))) {
        if (v === current) continue;
        const trial = withParam(params, name, v);
        const c = correctCount(items, trial);
        if (c > best) {
          best = c;
          params = trial;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  return { params, correct: best };
}

/** Fits the grid's numbers on all examples (see fitPrepared). */
export function fitParams(examples: readonly CalibrationExample[], grid: ParamGrid, start: FusionParams, maxSweeps = 4): { params: FusionParams; accuracy: number } {
  const { params, correct } = fitPrepared(prepare(examples), grid, start, maxSweeps);
  return { params, accuracy: examples.length ? correct / examples.length : 0 };
}


/** Stratified fold of each example (by label text), shuffled with `seed`. */
export function stratifiedFolds(labels: readonly string[], folds: number, seed = 0): number[] {
  const rand = mulberry32(seed);
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => byLabel.set(l, [...(byLabel.get(l) ?? []), i]));
  const fold = new Array<number>(labels.length).fill(0);
  let offset = 0;
  for (const key of [...byLabel.keys()].sort()) {
    const idx = byLabel.get(key)!;
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [idx[i], idx[j]] = [idx[j], idx[i]];
    }
    // Continue the round-robin across labels so the folds stay the same size.
    idx.forEach((ex, k) => (fold[ex] = (offset + k) % folds));
    offset = (offset + idx.length) % folds;
  }
  return fold;
}

/** What `crossValidate` returns. */
export interface CalibrationReport {
  n: number;
  folds: number;
  /** Out-of-sample accuracy of the fused answer: each fold scored with numbers fitted on the others. */
  cvAccuracy: number;
  foldAccuracy: number[];
  /** Numbers fitted on each fold's training part. */
  foldParams: FusionParams[];
  /** Accuracy of the starting recipe on all examples (no fitting). */
  startAccuracy: number;
  /** The numbers fitted on all examples (what the app should use). */
  params: FusionParams;
  /** Their accuracy on all examples (in-sample). */
  fitAccuracy: number;
}

/** k-fold cross-validated calibration, then a final fit on all examples. */
export function crossValidate(examples: readonly CalibrationExample[], grid: ParamGrid, start: FusionParams, folds = 5, seed = 0, maxSweeps = 4): CalibrationReport {
  const items = prepare(examples);
  const fold = stratifiedFolds(
    examples.map((e) => e.label.trim().toUpperCase()),
    folds,
    seed,
  );
  const foldAccuracy: number[] = [];
  const foldParams: FusionParams[] = [];
  let correct = 0;
  for (let k = 0; k < folds; k++) {
    const train = items.filter((_, i) => fold[i] !== k);
    const test = items.filter((_, i) => fold[i] === k);
    const fit = fitPrepared(train, grid, start, maxSweeps);
    const c = correctCount(test, fit.params);
    correct += c;
    foldAccuracy.push(test.length ? c / test.length : 0);
    foldParams.push(fit.params);
  }
  const all = fitPrepared(items, grid, start, maxSweeps);
  const n = items.length;
  return {
    n,
    folds,
    cvAccuracy: n ? correct / n : 0,
    foldAccuracy,
    foldParams,
    startAccuracy: n ? correctCount(items, start) / n : 0,
    params: all.params,
    fitAccuracy: n ? all.correct / n : 0,
  };
}
