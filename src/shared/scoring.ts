import { ORDERED_SCALES, SCALE_CODES, type ScaleCode } from './taxonomy';

/** True when the predicted code is one of the accepted codes. */
export function isCorrect(pred: ScaleCode, accepted: ReadonlySet<ScaleCode>): boolean {
  return accepted.has(pred);
}

/** True when the prediction is accepted or one step from an accepted code (NA only matches NA). */
export function isWithinOne(pred: ScaleCode, accepted: ReadonlySet<ScaleCode>): boolean {
  if (accepted.has(pred)) return true;
  const i = ORDERED_SCALES.indexOf(pred);
  if (i < 0) return false;
  for (const a of accepted) {
    const j = ORDERED_SCALES.indexOf(a);
    if (j >= 0 && Math.abs(i - j) <= 1) return true;
  }
  return false;
}

/** One scored example. */
export interface ScoredExample {
  pred: ScaleCode;
  accepted: ReadonlySet<ScaleCode>;
  /** The raw label text, used as the confusion-matrix row. */
  label: string;
}

/** Per-class precision, recall and F1 for one code. */
export interface ClassScore {
  support: number;
  predicted: number;
  precision: number;
  recall: number;
  f1: number;
}

/** The summary `npm run eval` prints. */
export interface EvalSummary {
  n: number;
  accuracy: number;
  withinOne: number;
  macroF1: number;
  perClass: Record<string, ClassScore>;
  /** confusion[labelText][predictedCode] = count */
  confusion: Record<string, Record<string, number>>;
}

/**
 * Scores predictions against label sets. Per-class scores are over the label texts that occur
 * (e.g. MEDIUM for a five-class set): an example counts for its label row, and a prediction is a
 * true positive for that row when it is accepted.
 */
export function summarise(examples: readonly ScoredExample[]): EvalSummary {
  const n = examples.length;
  let correct = 0;
  let within = 0;
  const confusion: Record<string, Record<string, number>> = {};
  const rows = new Map<string, { tp: number; support: number; accepted: ReadonlySet<ScaleCode> }>();
  for (const ex of examples) {
    const ok = isCorrect(ex.pred, ex.accepted);
    if (ok) correct++;
    if (isWithinOne(ex.pred, ex.accepted)) within++;
    const row = (confusion[ex.label] ??= {});
    row[ex.pred] = (row[ex.pred] ?? 0) + 1;
    const r = rows.get(ex.label) ?? { tp: 0, support: 0, accepted: ex.accepted };
    r.support++;
    if (ok) r.tp++;
    rows.set(ex.label, r);
  }
  const perClass: Record<string, ClassScore> = {};
  for (const [label, r] of rows) {
    // A prediction "belongs" to this row's class when it is one of the row's accepted codes.
    const predicted = examples.filter((ex) => r.accepted.has(ex.pred)).length;
    const fpFree = examples.filter((ex) => r.accepted.has(ex.pred) && ex.label === label).length;
    const precision = predicted ? fpFree / predicted : 0;
    const recall = r.support ? r.tp / r.support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[label] = { support: r.support, predicted, precision, recall, f1 };
  }
  const f1s = Object.values(perClass).map((c) => c.f1);
  return {
    n,
    accuracy: n ? correct / n : 0,
    withinOne: n ? within / n : 0,
    macroF1: f1s.length ? f1s.reduce((a, b) => a + b, 0) / f1s.length : 0,
    perClass,
    confusion,
  };
}

/** Codes in display order, for printing a confusion matrix's columns. */
export const CONFUSION_COLUMNS: readonly ScaleCode[] = SCALE_CODES;
