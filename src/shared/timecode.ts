import type { FrameRate } from './shotTypes';

/**
 * Frame rates, frame ↔ seconds and SMPTE timecode (non-drop and drop-frame), plus the rational
 * time strings of OpenTimelineIO and FCPXML. Frames are counted from 0 at the time origin.
 */

/** Standard rates a measured rate snaps to (23.976, 24, 25, 29.97, 30, 48, 50, 59.94, 60). */
export const STANDARD_RATES: readonly FrameRate[] = [
  { num: 24000, den: 1001 },
  { num: 24, den: 1 },
  { num: 25, den: 1 },
  { num: 30000, den: 1001 },
  { num: 30, den: 1 },
  { num: 48, den: 1 },
  { num: 50, den: 1 },
  { num: 60000, den: 1001 },
  { num: 60, den: 1 },
];

/** Relative distance within which a measured rate snaps to a standard one (half the 24 vs 23.976 gap). */
export const SNAP_TOLERANCE = 0.0005;

/** Frames per second of a rational rate. */
export function fps(rate: FrameRate): number {
  return rate.num / rate.den;
}

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

/** The rate with numerator and denominator divided by their greatest common divisor. */
export function reduceRate(rate: FrameRate): FrameRate {
  const g = gcd(rate.num, rate.den) || 1;
  return { num: rate.num / g, den: rate.den / g };
}

/**
 * The nominal rate of a measured frames-per-second value: the nearest standard rate when within
 * SNAP_TOLERANCE, else an integer or NTSC-style (×1000/1001) rate when that close, else the
 * value as a rational in thousandths.
 */
export function nominalFrameRate(measuredFps: number): FrameRate {
  if (!(measuredFps > 0) || !Number.isFinite(measuredFps)) throw new RangeError(`Frame rate must be positive, got ${measuredFps}`);
  const near = (rate: FrameRate) => Math.abs(measuredFps - fps(rate)) / fps(rate) <= SNAP_TOLERANCE;
  let best: FrameRate | undefined;
  for (const r of STANDARD_RATES) if (near(r) && (!best || Math.abs(measuredFps - fps(r)) < Math.abs(measuredFps - fps(best)))) best = r;
  if (best) return { ...best };
  const integer = { num: Math.round(measuredFps), den: 1 };
  if (integer.num > 0 && near(integer)) return integer;
  const ntsc = { num: Math.round((measuredFps * 1001) / 1000) * 1000, den: 1001 };
  if (ntsc.num > 0 && near(ntsc)) return ntsc;
  return reduceRate({ num: Math.round(measuredFps * 1000), den: 1000 });
}

/** The nominal rate of a film with `frameCount` frames lasting `durationSec`. */
export function frameRateFromCount(frameCount: number, durationSec: number): FrameRate {
  if (!(frameCount > 0) || !(durationSec > 0)) throw new RangeError(`Need frames and a duration, got ${frameCount} frames in ${durationSec} s`);
  return nominalFrameRate(frameCount / durationSec);
}

/** True for 29.97 and 59.94, the rates with a drop-frame timecode. */
export function isDropFrameRate(rate: FrameRate): boolean {
  const r = reduceRate(rate);
  return r.den === 1001 && (r.num === 30000 || r.num === 60000);
}

/** Frames a timecode second counts at this rate: 24 for 23.976, 30 for 29.97. */
export function timecodeBase(rate: FrameRate): number {
  return Math.max(1, Math.round(fps(rate)));
}

/** How frames map to seconds: a constant rate, or each frame's timestamp and the film's end. */
export type FrameTiming = FrameRate | { frameTimesSec: ArrayLike<number>; endSec: number };

function isRate(timing: FrameTiming): timing is FrameRate {
  return 'num' in timing;
}

/** Seconds from the origin to the start of `frame` (frame = frame count gives the film's end). */
export function frameToSec(frame: number, timing: FrameTiming): number {
  if (isRate(timing)) return (frame * timing.den) / timing.num;
  const times = timing.frameTimesSec;
  if (frame >= times.length) return timing.endSec;
  return times[Math.max(0, frame)];
}

/** The frame shown at `tSec` (the last frame starting at or before it), never below 0. */
export function secToFrame(tSec: number, timing: FrameTiming): number {
  if (isRate(timing)) return Math.max(0, Math.floor((tSec * timing.num) / timing.den + 1e-9));
  const times = timing.frameTimesSec;
  let lo = 0;
  let hi = times.length - 1;
  if (hi < 0 || tSec < times[0]) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (times[mid] <= tSec + 1e-9) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** SMPTE timecode of `frame`: HH:MM:SS:FF, or HH:MM:SS;FF drop-frame (29.97 and 59.94 only). */
export function framesToTimecode(frame: number, rate: FrameRate, dropFrame = false): string {
  if (!Number.isInteger(frame) || frame < 0) throw new RangeError(`Frame must be a non-negative integer, got ${frame}`);
  if (dropFrame && !isDropFrameRate(rate)) throw new RangeError(`Drop-frame timecode needs 29.97 or 59.94 fps, got ${rate.num}/${rate.den}`);
  const base = timecodeBase(rate);
  let label = frame;
  if (dropFrame) {
    const dropped = base / 15;
    const perTenMinutes = base * 600 - dropped * 9;
    const perMinute = base * 60 - dropped;
    const tens = Math.floor(frame / perTenMinutes);
    const rest = frame % perTenMinutes;
    label += dropped * 9 * tens + (rest > dropped ? dropped * Math.floor((rest - dropped) / perMinute) : 0);
  }
  const ff = label % base;
  const totalSec = Math.floor(label / base);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(totalSec / 3600))}:${pad(Math.floor(totalSec / 60) % 60)}:${pad(totalSec % 60)}${dropFrame ? ';' : ':'}${pad(ff)}`;
}

/** Frame number of a timecode; `;` before the frames marks drop-frame unless `dropFrame` says otherwise. */
export function timecodeToFrames(timecode: string, rate: FrameRate, dropFrame?: boolean): number {
  const m = /^(\d{2,}):(\d{2}):(\d{2})([:;])(\d{2})$/.exec(timecode.trim());
  if (!m) throw new SyntaxError(`Not a timecode: "${timecode}"`);
  const [hh, mm, ss, ff] = [m[1], m[2], m[3], m[5]].map(Number);
  const df = dropFrame ?? m[4] === ';';
  const base = timecodeBase(rate);
  if (mm > 59 || ss > 59 || ff >= base) throw new RangeError(`Timecode out of range at ${base} fps: "${timecode}"`);
  let frame = (hh * 3600 + mm * 60 + ss) * base + ff;
  if (df) {
    if (!isDropFrameRate(rate)) throw new RangeError(`Drop-frame timecode needs 29.97 or 59.94 fps: "${timecode}"`);
    const dropped = base / 15;
    if (ss === 0 && ff < dropped && mm % 10 !== 0) throw new RangeError(`Drop-frame timecode skips "${timecode}"`);
    const minutes = hh * 60 + mm;
    frame -= dropped * (minutes - Math.floor(minutes / 10));
  }
  return frame;
}

/** An OpenTimelineIO RationalTime: `value` frames at the film's rate. */
export interface OtioRationalTime {
  OTIO_SCHEMA: 'RationalTime.1';
  rate: number;
  value: number;
}

/** An OpenTimelineIO TimeRange. */
export interface OtioTimeRange {
  OTIO_SCHEMA: 'TimeRange.1';
  start_time: OtioRationalTime;
  duration: OtioRationalTime;
}

/** OpenTimelineIO RationalTime of `frames` at `rate`. */
export function otioTime(frames: number, rate: FrameRate): OtioRationalTime {
  return { OTIO_SCHEMA: 'RationalTime.1', rate: fps(rate), value: frames };
}

/** OpenTimelineIO TimeRange from `startFrame` lasting `durationFrames`. */
export function otioRange(startFrame: number, durationFrames: number, rate: FrameRate): OtioTimeRange {
  return { OTIO_SCHEMA: 'TimeRange.1', start_time: otioTime(startFrame, rate), duration: otioTime(durationFrames, rate) };
}

/** FCPXML time of `frames` at `rate`: a reduced fraction of seconds such as `1001/24000s`, `5s` or `0s`. */
export function fcpxmlTime(frames: number, rate: FrameRate): string {
  if (!Number.isInteger(frames)) throw new RangeError(`FCPXML times are whole frames, got ${frames}`);
  if (frames === 0) return '0s';
  const num = frames * rate.den;
  const g = gcd(num, rate.num);
  const n = num / g;
  const d = rate.num / g;
  return d === 1 ? `${n}s` : `${n}/${d}s`;
}

/** Whole frames an FCPXML time string (`1001/24000s`, `5s`, `0s`) stands for at `rate`; throws between frames. */
export function fcpxmlTimeToFrames(time: string, rate: FrameRate): number {
  const m = /^(\d+)(?:\/(\d+))?s$/.exec(time.trim());
  if (!m) throw new SyntaxError(`Not an FCPXML time: "${time}"`);
  const num = Number(m[1]) * rate.num;
  const den = (m[2] ? Number(m[2]) : 1) * rate.den;
  if (num % den !== 0) throw new RangeError(`FCPXML time "${time}" is not on a frame boundary at ${rate.num}/${rate.den} fps`);
  return num / den;
}
