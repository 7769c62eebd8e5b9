/** One label on a film's time axis. */
export interface TimeTick {
  tSec: number;
  /** Where the label sits, as a fraction of the axis (0 = left edge, 1 = right edge). */
  at: number;
  /** True for the film's end (its true duration). */
  end: boolean;
}

/** Tick spacings a reader expects, in seconds. */
const STEPS_SEC = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];

/**
 * Labels for a time axis spanning `axisSec`: round times at a spacing that gives at most
 * `maxTicks` labels, then the film's true end `durationSec` (a 20 s clip ends at 0:20); a round
 * time too close to the end gives way to it.
 */
export function timeTicks(durationSec: number, axisSec: number, maxTicks = 8): TimeTick[] {
  if (!(durationSec > 0) || !(axisSec > 0)) return [];
  const step = STEPS_SEC.find((s) => durationSec / s <= maxTicks - 1) ?? Math.ceil(durationSec / (maxTicks - 1) / 3600) * 3600;
  const ticks: TimeTick[] = [];
  for (let t = 0; t < durationSec - 0.6 * step; t += step) ticks.push({ tSec: t, at: t / axisSec, end: false });
  ticks.push({ tSec: durationSec, at: Math.min(1, durationSec / axisSec), end: true });
  return ticks;
}

/** Formats an axis time: m:ss or h:mm:ss, rounded to the nearest second (19.96 s reads 0:20). */
export function formatAxisTime(sec: number): string {
  const s = Math.round(Math.max(0, sec));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
