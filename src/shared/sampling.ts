/** Default sampling rate: one frame per second, as in CineScale. */
export const DEFAULT_SAMPLE_FPS = 1;

/**
 * Film times (seconds from the first frame, see timeOrigin.ts) at which to sample a video: the
 * middle of each 1/fps interval, t = (i + 0.5)/fps, for every interval that starts before the end;
 * the last interval, where the film ends inside it, at the middle of the part the film fills. Every
 * time is then strictly inside [0, durationSec), where a frame is shown (the film's end is the end
 * of its last frame: no frame is presented there).
 */
export function sampleTimes(durationSec: number, fps = DEFAULT_SAMPLE_FPS): number[] {
  if (!(durationSec > 0) || !Number.isFinite(durationSec)) return [];
  if (!(fps > 0) || !Number.isFinite(fps)) throw new Error(`Sampling rate must be positive, got ${fps}`);
  const step = 1 / fps;
  // Count intervals as sampleCount() does: testing i * step < durationSec drifts with rounding
  // (e.g. 5/3 s at 3 fps gave a sixth, empty interval).
  const n = sampleCount(durationSec, fps);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = i * step;
    times.push(Math.round(((start + Math.min(start + step, durationSec)) / 2) * 1e6) / 1e6);
  }
  return times;
}

/** Number of samples sampleTimes() gives, without building the array. */
export function sampleCount(durationSec: number, fps = DEFAULT_SAMPLE_FPS): number {
  if (!(durationSec > 0) || !Number.isFinite(durationSec)) return 0;
  return Math.max(1, Math.ceil(durationSec * fps - 1e-9));
}
