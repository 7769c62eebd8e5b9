import { describe, expect, it } from 'vitest';
import { DEFAULT_SAMPLE_FPS, sampleCount, sampleTimes } from './sampling';

describe('sampleTimes', () => {
  it('samples the middle of each second at the default rate', () => {
    expect(DEFAULT_SAMPLE_FPS).toBe(1);
    expect(sampleTimes(4)).toEqual([0.5, 1.5, 2.5, 3.5]);
  });

  it('samples the last, partial interval in the middle of what the film fills, never at its end', () => {
    expect(sampleTimes(3.2)).toEqual([0.5, 1.5, 2.5, 3.1]);
    // 251 and 252 frames at 24 fps: the end (10.458 s, 10.5 s) shows no frame.
    expect(sampleTimes(251 / 24).at(-1)).toBe(10.229167);
    expect(sampleTimes(10.5).at(-1)).toBe(10.25);
    expect(sampleTimes(10.75, 2).at(-1)).toBe(10.625);
  });

  it('keeps every time strictly inside the film, for lengths around every half second at film rates', () => {
    for (const rate of [24000 / 1001, 24, 25, 30000 / 1001, 30]) {
      for (let frames = 1; frames < 400; frames++) {
        const duration = frames / rate;
        for (const fps of [0.5, 1, 2, 4]) {
          const times = sampleTimes(duration, fps);
          expect(times.length).toBe(sampleCount(duration, fps));
          for (const t of times) {
            expect(t).toBeGreaterThan(0);
            expect(t).toBeLessThan(duration);
          }
        }
      }
    }
  });

  it('uses the middle of each 1/fps interval for other rates', () => {
    expect(sampleTimes(2, 2)).toEqual([0.25, 0.75, 1.25, 1.75]);
    expect(sampleTimes(10, 0.5)).toEqual([1, 3, 5, 7, 9]);
    expect(sampleTimes(1, 4)).toEqual([0.125, 0.375, 0.625, 0.875]);
  });

  it('rounds away floating-point noise (microsecond precision)', () => {
    const times = sampleTimes(1, 10);
    expect(times).toEqual([0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95]);
  });

  it('gives a clip shorter than half an interval one sample at its midpoint', () => {
    expect(sampleTimes(0.3)).toEqual([0.15]);
    expect(sampleTimes(0.1, 2)).toEqual([0.05]);
  });

  it('does not add an empty interval when duration × rate is a whole number up to rounding', () => {
    // 5/3 s at 3 fps is exactly five intervals; 5 * (1/3) < 5/3 in floating point.
    expect(sampleTimes(5 / 3, 3)).toEqual([0.166667, 0.5, 0.833333, 1.166667, 1.5]);
    expect(sampleTimes(7 / 24, 24)).toHaveLength(7);
  });

  it('gives exactly half an interval a sample in its middle, not at its end', () => {
    expect(sampleTimes(0.5)).toEqual([0.25]);
  });

  it('returns no samples for zero, negative or non-finite durations', () => {
    expect(sampleTimes(0)).toEqual([]);
    expect(sampleTimes(-5)).toEqual([]);
    expect(sampleTimes(Number.NaN)).toEqual([]);
    expect(sampleTimes(Number.POSITIVE_INFINITY)).toEqual([]);
  });

  it('rejects a non-positive or non-finite rate', () => {
    expect(() => sampleTimes(10, 0)).toThrow(/positive/);
    expect(() => sampleTimes(10, -1)).toThrow(/positive/);
    expect(() => sampleTimes(10, Number.NaN)).toThrow(/positive/);
    expect(() => sampleTimes(10, Number.POSITIVE_INFINITY)).toThrow(/positive/);
  });

  it('is sorted, within the clip and one per started interval', () => {
    const times = sampleTimes(7261.37, 1);
    expect(times.length).toBe(7262);
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]);
    expect(times[0]).toBe(0.5);
    expect(times[times.length - 1]).toBe(7261.185);
  });
});

describe('sampleCount', () => {
  it('is zero for unusable durations', () => {
    expect(sampleCount(0)).toBe(0);
    expect(sampleCount(-1)).toBe(0);
    expect(sampleCount(Number.NaN)).toBe(0);
    expect(sampleCount(Number.POSITIVE_INFINITY)).toBe(0);
  });

  it('counts started intervals', () => {
    expect(sampleCount(4)).toBe(4);
    expect(sampleCount(4.01)).toBe(5);
    expect(sampleCount(0.2)).toBe(1);
    expect(sampleCount(3, 2)).toBe(6);
  });

  it('agrees with sampleTimes().length over many durations and rates', () => {
    const rates = [1, 2, 0.5, 3, 10, 24, 25, 29.97, 1 / 3];
    const mismatches: string[] = [];
    for (const fps of rates) {
      for (let k = 1; k <= 2000; k++) {
        const d = k * 0.01 + (k % 7) * 1e-4;
        for (const dur of [d, k / fps, k / 10]) {
          const n = sampleTimes(dur, fps).length;
          const c = sampleCount(dur, fps);
          if (n !== c) mismatches.push(`d=${dur} fps=${fps}: times=${n} count=${c}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
