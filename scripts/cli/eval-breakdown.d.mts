/** A scored prediction as `npm run eval` holds it. */
export interface Prediction {
  label: string;
  pred: string;
  correct: boolean;
  withinOne: boolean;
  probs: Record<string, number>;
}
/** Scores of a group of predictions. */
export interface GroupScore {
  n: number;
  accuracy: number;
  withinOne: number;
  coarseAccuracy: number;
  ece: number;
}
/** The coarse classes a label text accepts. */
export function coarseAccepted(label: string): Set<string>;
/** Expected calibration error over equal-width confidence bins. */
export function expectedCalibrationError(confidence: number[], correct: boolean[], bins?: number): number;
/** Accuracy, within-one, five-class accuracy and ECE of a set of predictions. */
export function groupScore(preds: Prediction[]): GroupScore;
/** Scores per source, in order of first appearance. */
export function scoresBySource(preds: Prediction[], sources: string[]): Record<string, GroupScore>;
