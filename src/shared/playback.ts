import type { FrameTimes } from './frameTiming';
import { frameToSec, secToFrame } from './timecode';

/** Shuttle speeds J and L step through (×, as editors' J/K/L: each press doubles, up to 8×). */
export const SHUTTLE_SPEEDS = [1, 2, 4, 8] as const;

/** Index of the sampled second that holds media time `tSec` at `sampleFps` samples a second, within [0, lastIndex]. */
export function sampleIndexAt(tSec: number, sampleFps: number, lastIndex: number): number {
  if (!(lastIndex >= 0)) return 0;
  return Math.max(0, Math.min(lastIndex, Math.floor(Math.max(0, tSec) * sampleFps)));
}

/**
 * The shuttle speed after pressing J (backward) or L (forward) at `speed` (negative = backward, 0 =
 * stopped): the same direction doubles up to 8×; the other direction first slows to 1× that way.
 */
export function shuttle(speed: number, key: 'J' | 'L'): number {
  const dir = key === 'L' ? 1 : -1;
  if (Math.sign(speed) !== dir) return dir;
  const i = SHUTTLE_SPEEDS.indexOf(Math.abs(speed) as (typeof SHUTTLE_SPEEDS)[number]);
  return dir * SHUTTLE_SPEEDS[Math.min(SHUTTLE_SPEEDS.length - 1, i + 1)];
}

/**
 * The time one frame away from `tSec` (delta = ±1), kept inside [0, durationSec]; lands mid-frame so
 * the browser shows that frame. Frames at `frameRateFps`, or a variable-rate film's own frame times.
 */
export function frameStepTime(tSec: number, delta: number, frames: number | FrameTimes, durationSec: number): number {
  if (typeof frames !== 'number') {
    const last = frames.frameTimesSec.length - 1;
    const frame = Math.max(0, Math.min(last, secToFrame(tSec + 1e-6, frames) + delta));
    return (frameToSec(frame, frames) + frameToSec(frame + 1, frames)) / 2;
  }
  const frame = Math.floor(tSec * frames + 1e-6) + delta;
  const lastFrame = Math.max(0, Math.ceil(durationSec * frames) - 1);
  const clamped = Math.max(0, Math.min(lastFrame, frame));
  return (clamped + 0.5) / frames;
}
