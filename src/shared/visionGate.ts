import type { Transition } from './shotTypes';

/** What the last frame that ran face/pose detection saw, as far as the gate needs it. */
export interface VisionMemo {
  /** Its frame number (from the film's first presented frame). */
  frame: number;
  /** Its CNN softmax. */
  modelProbs: readonly number[];
  /** Whether pose ran on it. */
  poseRan: boolean;
  /** Whether it found any face or pose. */
  found: boolean;
  /** Frames whose detection was skipped since it ran. */
  skipped: number;
}

/** Largest change of any CNN class probability under which a frame counts as the same picture. */
export const GATE_MAX_PROB_CHANGE = 0.1;
/** Frames skipped in a row at most before detection runs again anyway. */
export const GATE_MAX_SKIPS = 4;

/** Whether any transition touches the frames after `fromFrame` up to and including `toFrame`. */
export function transitionBetween(transitions: readonly Transition[], fromFrame: number, toFrame: number): boolean {
  return transitions.some((t) => t.kind !== 'start' && t.endFrame > fromFrame && t.startFrame <= toFrame);
}

/**
 * Whether face/pose detection must run on a frame, or can be skipped because its answer cannot
 * differ: the last detection in the same shot (no transition since) found nobody, ran at least
 * what this frame needs (pose), and the CNN sees nearly the same picture (no class probability moved
 * by more than GATE_MAX_PROB_CHANGE). Skipping gives the answer a detection that finds nobody
 * gives; detection runs again after GATE_MAX_SKIPS skips in a row, so a person who enters a
 * static shot is found within a few samples even if the CNN does not notice.
 */
export function visionNeeded(memo: VisionMemo | undefined, frame: number, modelProbs: readonly number[], wantPose: boolean, transitions: readonly Transition[]): boolean {
  if (!memo || memo.found || frame <= memo.frame) return true;
  if (wantPose && !memo.poseRan) return true;
  if (memo.skipped >= GATE_MAX_SKIPS) return true;
  if (memo.modelProbs.length !== modelProbs.length) return true;
  for (let i = 0; i < modelProbs.length; i++) if (Math.abs(memo.modelProbs[i] - modelProbs[i]) > GATE_MAX_PROB_CHANGE) return true;
  return transitionBetween(transitions, memo.frame, frame);
}
