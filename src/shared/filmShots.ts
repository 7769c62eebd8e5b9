import type { UserMessage } from './errors';
import { formatTime } from './format';
import { sampleTimes } from './sampling';
import { frameLabelOf, poolSeconds } from './secondPooling';
import { buildShots, type ShotSample } from './shots';
import type { FrameRate, Shot, Transition, UnreadableStretch } from './shotTypes';
import { timingOf, vfrEditingRate, type FrameTimes } from './frameTiming';
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
  /** Each frame's own time (s from the first frame), kept for variable-frame-rate films only. */
  frameTimesSec?: number[];
  /** Stretches no frame of which could be decoded (absent when every frame was read); the transitions open each with 'unreadable'. */
  unreadable?: UnreadableStretch[];
}

/** True when a film time lies in one of the stretches found unreadable. */
export function inUnreadable(stretches: readonly UnreadableStretch[] | undefined, tSec: number): boolean {
  return !!stretches?.some((u) => tSec >= u.startSec - 1e-6 && tSec < u.endSec - 1e-6);
}

/** What the card says of a film with unreadable stretches: which, and why; the rest is analysed. */
export function unreadableWarning(cuts: CutSummary, durationSec: number): UserMessage {
  const stretches = cuts.unreadable ?? [];
  const lostSec = stretches.reduce((s, u) => s + (u.endSec - u.startSec), 0);
  const list = stretches.map((u) => `${formatTime(u.startSec)}–${formatTime(u.endSec)} (${u.reason})`).join('; ');
  return {
    title: `Part of the file could not be read: ${stretches.length === 1 ? 'one stretch' : `${stretches.length} stretches`}, ${lostSec.toFixed(1)} s of ${durationSec.toFixed(1)} s`,
    detail: `Skipped: ${list}. Those seconds have no answer; shots, statistics and exports cover the rest.`,
  };
}

/** How many of a film's planned seconds can have an answer: all but those in unreadable stretches. */
export function answerableSeconds(durationSec: number, fps: number, cuts: Pick<CutSummary, 'unreadable'> | undefined): number {
  const times = sampleTimes(durationSec, fps);
  return cuts?.unreadable ? times.filter((t) => !inUnreadable(cuts.unreadable, t)).length : times.length;
}

/** Frames of the film that decoded (all but those in unreadable stretches). */
export function framesRead(cuts: Pick<CutSummary, 'frameCount' | 'unreadable'>): number {
  return cuts.frameCount - (cuts.unreadable ?? []).reduce((n, u) => n + u.endFrame - u.startFrame + 1, 0);
}

/** A variable-frame-rate film's frame times, from what the scan found (undefined for constant rate). */
export function cutsFrameTimes(cuts: Pick<CutSummary, 'endSec' | 'frameTimesSec'>): FrameTimes | undefined {
  return cuts.frameTimesSec ? { frameTimesSec: cuts.frameTimesSec, endSec: cuts.endSec } : undefined;
}

/** The film's editing frame rate: from its frame count and duration, or for a variable-rate film the standard rate its frames run at (frameTiming.ts). */
export function filmFrameRate(cuts: Pick<CutSummary, 'frameCount' | 'endSec' | 'frameTimesSec'>): FrameRate {
  const times = cutsFrameTimes(cuts);
  return times ? vfrEditingRate(times) : frameRateFromCount(cuts.frameCount, cuts.endSec);
}

/** How the film's frames map to seconds: their own times when variable-rate, else the constant rate. */
export function filmTiming(cuts: Pick<CutSummary, 'frameCount' | 'endSec' | 'frameTimesSec'>): FrameTiming {
  return cutsFrameTimes(cuts) ?? filmFrameRate(cuts);
}

/** What a film knows of its shots (the store's Film fields). */
export interface FilmShotFields {
  transitions: Transition[];
  frameCount: number;
  frameRate: FrameRate;
  /** A variable-frame-rate film's frame times (undefined for constant rate). */
  frameTimes?: FrameTimes;
  shots: Shot[];
  shotSamples: SecondResult[];
  /** The film's regular seconds, each answer pooled within its shot. */
  results: SecondResult[];
  /** Stretches no frame of which could be decoded. */
  unreadable?: UnreadableStretch[];
}

/** The 0-based frame a sample showed: its decoded frame when known, else the frame at its time. */
export function sampleFrame(r: Pick<SecondResult, 'frame' | 'tSec'>, timing: FrameTiming): number {
  return r.frame ?? secToFrame(r.tSec, timing);
}

/** A classified sample as the shots see it: placed at its frame, with its own answer. */
export function shotSampleOf(r: SecondResult, timing: FrameTiming): ShotSample {
  return { index: r.index, frame: sampleFrame(r, timing), tSec: r.tSec, probs: r.probs, label: frameLabelOf(r) };
}

/**
 * A film's shots from its transitions and every classified sample (the regular seconds and the
 * extra shot samples), each sample placed at its frame (or the frame shown at its time); and its
 * seconds pooled within those shots.
 */
export function filmShots(cuts: CutSummary, regular: readonly SecondResult[], shotSamples: readonly SecondResult[]): FilmShotFields {
  const frameRate = filmFrameRate(cuts);
  const frameTimes = cutsFrameTimes(cuts);
  const timing = timingOf({ frameRate, frameTimes });
  const shots = buildShots({
    transitions: cuts.transitions,
    frameCount: cuts.frameCount,
    timing,
    samples: [...regular, ...shotSamples].map((r) => shotSampleOf(r, timing)),
  });
  const results = poolSeconds(regular, { shots, frameOf: (r) => sampleFrame(r, timing) });
  return { transitions: cuts.transitions, frameCount: cuts.frameCount, frameRate, frameTimes, shots, shotSamples: [...shotSamples], results, unreadable: cuts.unreadable };
}
