import { frameLabelOf, poolSeconds } from './secondPooling';
import { buildShots, type ShotSample } from './shots';
import type { FrameRate, Shot, Transition } from './shotTypes';
import { frameRateFromCount, secToFrame, type FrameTiming } from './timecode';
import type { SecondResult } from './types';

/** Sample indices at and above this mark the extra samples taken for shots (the middle of short shots), not seconds. */
export const SHOT_SAMPLE_INDEX_BASE = 1_000_000_000;

/** True for a shot's extra sample (not one of the film's regular seconds). */
export function isShotSample(r: Pick<SecondResult, 'index'>): boolean {
  return r.index >= SHOT_SAMPLE_INDEX_BASE;
}

/** What cut detection found in a film. */
export interface CutSummary {
  transitions: Transition[];
  frameCount: number;
  /** Film time at the end of the last frame. */
  endSec: number;
}

/** The film's nominal frame rate from its frame count and duration. */
export function filmFrameRate(cuts: Pick<CutSummary, 'frameCount' | 'endSec'>): FrameRate {
  return frameRateFromCount(cuts.frameCount, cuts.endSec);
}

/** What a film knows of its shots (the store's Film fields). */
export interface FilmShotFields {
  transitions: Transition[];
  frameCount: number;
  frameRate: FrameRate;
  shots: Shot[];
  shotSamples: SecondResult[];
  /** The film's regular seconds, each answer pooled within its shot. */
  results: SecondResult[];
}

/** The 0-based frame a sample showed: its decoded frame when known, else the frame at its time. */
export function sampleFrame(r: Pick<SecondResult, 'frame' | 'tSec'>, timing: FrameTiming): number {
  return r.frame ?? secToFrame(r.tSec, timing);
}

/** A classified sample as the shots see it: placed at its frame, with its own answer. */
export function shotSampleOf(r: SecondResult, frameRate: FrameRate): ShotSample {
  return { index: r.index, frame: sampleFrame(r, frameRate), tSec: r.tSec, probs: r.probs, label: frameLabelOf(r) };
}

/**
 * A film's shots from its transitions and every classified sample (the regular seconds and the
 * extra shot samples), each sample placed at its frame (or the frame shown at its time); and its
 * seconds pooled within those shots.
 */
export function filmShots(cuts: CutSummary, regular: readonly SecondResult[], shotSamples: readonly SecondResult[]): FilmShotFields {
  const frameRate = filmFrameRate(cuts);
  const shots = buildShots({
    transitions: cuts.transitions,
    frameCount: cuts.frameCount,
    timing: frameRate,
    samples: [...regular, ...shotSamples].map((r) => shotSampleOf(r, frameRate)),
  });
  const results = poolSeconds(regular, { shots, frameOf: (r) => sampleFrame(r, frameRate) });
  return { transitions: cuts.transitions, frameCount: cuts.frameCount, frameRate, shots, shotSamples: [...shotSamples], results };
}
