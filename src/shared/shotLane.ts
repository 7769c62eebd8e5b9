import { timelineFrameOf, type FilmTimingFields } from './frameTiming';
import { formatTime } from './format';
import { spanIndexAt } from './shots';
import type { Shot } from './shotTypes';
import { framesToTimecode, isDropFrameRate } from './timecode';

/**
 * Placing shots on the timeline's time axis and relating them to the per-second samples. Both
 * count seconds from the film's first frame (src/shared/timeOrigin.ts).
 */

/** A shot's block on a lane: left edge and width as fractions of the lane. */
export interface LaneBlock {
  shot: Shot;
  left: number;
  width: number;
}

/** A second as the shot helpers need it: sample index, time, and the frame it showed when known. */
export interface SecondRef {
  index: number;
  tSec: number;
  frame?: number;
}

/** Each shot's block on a lane whose axis runs from 0 to `axisEndSec` (clipped to the lane). */
export function laneBlocks(shots: readonly Shot[], axisEndSec: number): LaneBlock[] {
  if (!(axisEndSec > 0)) return [];
  const at = (tSec: number) => Math.min(1, Math.max(0, tSec / axisEndSec));
  return shots.map((shot) => {
    const left = at(shot.startSec);
    return { shot, left, width: at(shot.endSec) - left };
  });
}

/** Index (in `shots`) of the shot on screen at `tSec` from the film's first frame, or −1 outside the film. */
export function shotIndexAtTime(shots: readonly Shot[], tSec: number): number {
  let lo = 0;
  let hi = shots.length - 1;
  if (hi < 0 || tSec < shots[0].startSec || tSec >= shots[hi].endSec) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (shots[mid].startSec <= tSec) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Index of the shot holding a second: by its frame when known, else by its time. */
export function shotIndexOfSecond(shots: readonly Shot[], second: SecondRef): number {
  if (second.frame !== undefined) return spanIndexAt(shots, second.frame);
  return shotIndexAtTime(shots, second.tSec);
}

/**
 * The sample index of the second to show for a shot: of the seconds inside the shot, the one
 * nearest its middle; when none lies inside, the nearest second overall; null without seconds.
 */
export function middleSecondIndex(shot: Shot, seconds: readonly SecondRef[]): number | null {
  if (seconds.length === 0) return null;
  const middleSec = (shot.startSec + shot.endSec) / 2;
  const inside = seconds.filter((s) => (s.frame !== undefined ? s.frame >= shot.startFrame && s.frame <= shot.endFrame : s.tSec >= shot.startSec && s.tSec < shot.endSec));
  const pool = inside.length > 0 ? inside : seconds;
  let best = pool[0];
  for (const s of pool) if (Math.abs(s.tSec - middleSec) < Math.abs(best.tSec - middleSec)) best = s;
  return best.index;
}

/**
 * A shot's in and out points: SMPTE timecode at the film's editing rate (out = the first frame after
 * the shot, as editors read it; a variable-rate film's frames where they land on that rate's
 * timeline), else m:ss.t.
 */
export function shotInOut(shot: Shot, timing?: FilmTimingFields): [string, string] {
  if (!timing) return [formatTime(shot.startSec, true), formatTime(shot.endSec, true)];
  const df = isDropFrameRate(timing.frameRate);
  const tc = (frame: number) => framesToTimecode(timelineFrameOf(frame, timing), timing.frameRate, df);
  return [tc(shot.startFrame), tc(shot.endFrame + 1)];
}
