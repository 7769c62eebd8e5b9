import type { FrameRate } from './shotTypes';
import { fps, frameRateFromCount, frameToSec, STANDARD_RATES, type FrameTiming } from './timecode';

/**
 * Variable frame rate (phone video, screen recordings, web downloads with dropped frames): each
 * frame's own timestamp, kept only where the frames do not sit on one constant rate's grid, so
 * that every time the app shows or exports comes from the frames themselves.
 */

/** A film's frame times: each frame's timestamp (seconds from the first frame) and the end of the last frame. */
export interface FrameTimes {
  frameTimesSec: number[];
  endSec: number;
}

/** How far (in frame durations of the nominal rate) a frame may sit from its grid time and the film still be constant-rate. */
export const CFR_TOLERANCE_FRAMES = 0.25;

/**
 * The frames' timestamps when they are variable-rate, or undefined when every frame lies within
 * CFR_TOLERANCE_FRAMES of k / rate at the film's nominal rate (frame count ÷ duration), where
 * frame k's time is k / rate anyway. Times are kept to the microsecond.
 */
export function variableFrameTimes(timesSec: ArrayLike<number>, endSec: number): FrameTimes | undefined {
  const n = timesSec.length;
  if (n < 2 || !(endSec > 0)) return undefined;
  const rate = frameRateFromCount(n, endSec);
  const frameSec = rate.den / rate.num;
  let cfr = true;
  for (let k = 0; k < n && cfr; k++) cfr = Math.abs(timesSec[k] - k * frameSec) <= CFR_TOLERANCE_FRAMES * frameSec;
  if (cfr) return undefined;
  const frameTimesSec = Array.from({ length: n }, (_, k) => Math.round(timesSec[k] * 1e6) / 1e6);
  return { frameTimesSec, endSec: Math.round(endSec * 1e6) / 1e6 };
}

/**
 * The editing rate of a variable-rate film, the way editors conform one: the standard rate
 * (23.976 … 60) nearest to its most common frame duration (the shortest of those nearly as common), the rate the camera or encoder ran at
 * between its dropped or repeated frames. An average over the dropped frames (15.85 fps on a
 * 24 fps file missing a third of its frames) is a rate no editing program has.
 */
export function vfrEditingRate(times: FrameTimes): FrameRate {
  const t = times.frameTimesSec;
  const durations = t.map((tk, k) => (k + 1 < t.length ? t[k + 1] : times.endSec) - tk).filter((d) => d > 0);
  // The most common duration to a tenth of a millisecond, then the mean of those near it
  // (a 1/1000 s timebase writes 1/24 s as 41 and 42 ms).
  const counts = new Map<number, number>();
  for (const d of durations) {
    const bin = Math.round(d * 1e4);
    counts.set(bin, (counts.get(bin) ?? 0) + 1);
  }
  // The shortest duration nearly as common as the most common one: with every other frame dropped,
  // 1/24 s and 2/24 s are equally common, and the frames run at 24.
  const most = Math.max(0, ...counts.values());
  let modeBin = Infinity;
  for (const [bin, c] of counts) if (c >= most / 2 && bin < modeBin) modeBin = bin;
  const near = durations.filter((d) => Math.abs(d * 1e4 - modeBin) <= 0.1 * modeBin);
  const modeSec = near.length ? near.reduce((a, b) => a + b, 0) / near.length : times.endSec / Math.max(1, t.length);
  let rate = STANDARD_RATES[0];
  for (const r of STANDARD_RATES) if (Math.abs(Math.log(fps(r) * modeSec)) < Math.abs(Math.log(fps(rate) * modeSec))) rate = r;
  return { ...rate };
}

/** What a film knows of its frames' timing: its editing rate, and its frames' own times when variable-rate. */
export interface FilmTimingFields {
  frameRate: FrameRate;
  frameTimes?: FrameTimes;
}

/** A film's timing fields once its rate is known (undefined before its frames were scanned). */
export function timingFieldsOf(film: { frameRate?: FrameRate; frameTimes?: FrameTimes }): FilmTimingFields | undefined {
  return film.frameRate ? { frameRate: film.frameRate, frameTimes: film.frameTimes } : undefined;
}

/** How the film's frames map to seconds: their own times when variable-rate, else the constant rate. */
export function timingOf(film: FilmTimingFields): FrameTiming {
  return film.frameTimes ?? film.frameRate;
}

/** The frame of the editing timeline at `rate` where a source frame lands (a VFR film conformed to the rate: its time × rate, rounded). */
export function timelineFrameOf(frame: number, film: FilmTimingFields): number {
  if (!film.frameTimes) return frame;
  return Math.round((frameToSec(frame, film.frameTimes) * film.frameRate.num) / film.frameRate.den);
}
