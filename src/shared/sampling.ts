/** Default sampling rate: one frame per second, as in CineScale. */
export const DEFAULT_SAMPLE_FPS = 1;

/**
 * Film times (seconds from the first frame, see timeOrigin.ts) at which to sample a video: the
 * middle of each 1/fps interval, t = (i + 0.5)/fps, for every interval that starts before the end.
 * A clip shorter than half an interval gets its midpoint.
 */
export function sampleTimes(durationSec: number, fps = DEFAULT_SAMPLE_FPS): number[] {
  if (!(durationSec > 0) || !Number.isFinite(durationSec)) return [];
  if (!(fps > 0) || !Number.isFinite(fps)) throw new Error(`Sampling rate must be positive, got ${fps}`);
  const times: number[] = [];
  const step = 1 / fps;
  // Count intervals as sampleCount() does: testing i * step < durationSec drifts with rounding
  // (e.g. 5/3 s at 3 fps gave a sixth, empty interval).
  const n = durationSec < step / 2 ? 0 : sampleCount(durationSec, fps);
  for (let i = 0; i < n; i++) {
    const t = (i + 0.5) * step;
    times.push(Math.min(t, durationSec));
  }
  if (times.length === 0) times.push(durationSec / 2);
  return times.map((t) => Math.round(t * 1e6) / 1e6);
}

/** Number of samples sampleTimes() gives, without building the array. */
export function sampleCount(durationSec: number, fps = DEFAULT_SAMPLE_FPS): number {
  if (!(durationSec > 0) || !Number.isFinite(durationSec)) return 0;
  return Math.max(1, Math.ceil(durationSec * fps - 1e-9));
}
