import { describe, expect, it } from 'vitest';
import { timelineFrameOf, timingOf, variableFrameTimes, vfrEditingRate } from './frameTiming';
import { frameToSec, secToFrame } from './timecode';

/** Frame times of `n` frames at `rate` with the frames in `dropped` missing (a VFR file with drops). */
function withDrops(n: number, rate: number, dropped: ReadonlySet<number>): { times: number[]; endSec: number } {
  const times: number[] = [];
  for (let k = 0; k < n; k++) if (!dropped.has(k)) times.push(k / rate);
  return { times, endSec: n / rate };
}

describe('variableFrameTimes', () => {
  it('keeps nothing for constant-rate frames, including a timebase that rounds each time to 1 ms', () => {
    expect(variableFrameTimes(Array.from({ length: 240 }, (_, k) => k / 24), 10)).toBeUndefined();
    expect(variableFrameTimes(Array.from({ length: 300 }, (_, k) => Math.round((k * 1001) / 30) / 1000), 300 * (1001 / 30000))).toBeUndefined();
  });

  it("keeps a variable-rate film's own times to the microsecond", () => {
    const { times, endSec } = withDrops(240, 24, new Set([50, 51, 52, 100, 101, 160]));
    const vfr = variableFrameTimes(times, endSec)!;
    expect(vfr.frameTimesSec).toHaveLength(234);
    expect(vfr.frameTimesSec[50]).toBe(Math.round((53 / 24) * 1e6) / 1e6);
    expect(vfr.endSec).toBe(10);
  });

  it('keeps nothing for fewer than two frames', () => {
    expect(variableFrameTimes([0], 0.04)).toBeUndefined();
  });
});

describe('vfrEditingRate', () => {
  it('is the standard rate the frames run at between drops, not their average', () => {
    const dropped = new Set(Array.from({ length: 80 }, (_, i) => i * 3 + 1));
    const { times, endSec } = withDrops(240, 24, dropped);
    // 160 frames in 10 s average 16 fps; the frames run at 24 between the drops.
    expect(vfrEditingRate({ frameTimesSec: times, endSec })).toEqual({ num: 24, den: 1 });
    const ntsc = withDrops(300, 30000 / 1001, new Set([7, 8, 90, 200]));
    expect(vfrEditingRate({ frameTimesSec: ntsc.times, endSec: ntsc.endSec })).toEqual({ num: 30000, den: 1001 });
  });

  it('reads 1/24 s written as 41 and 42 ms as 24 fps', () => {
    const times = Array.from({ length: 100 }, (_, k) => Math.round((k * 1000) / 24) / 1000).filter((_, k) => k % 10 !== 5);
    expect(vfrEditingRate({ frameTimesSec: times, endSec: 100 / 24 })).toEqual({ num: 24, den: 1 });
  });
});

describe('timingOf and timelineFrameOf', () => {
  const frameTimes = { frameTimesSec: [0, 1 / 24, 3 / 24, 4 / 24, 8 / 24], endSec: 9 / 24 };
  const film = { frameRate: { num: 24, den: 1 }, frameTimes };

  it('maps frames through their own times when variable-rate', () => {
    expect(frameToSec(2, timingOf(film))).toBeCloseTo(3 / 24, 12);
    expect(secToFrame(0.3, timingOf(film))).toBe(3);
    expect(frameToSec(5, timingOf(film))).toBeCloseTo(9 / 24, 12);
  });

  it("lands a variable-rate film's frames on the editing timeline at their time × rate", () => {
    expect([0, 1, 2, 3, 4, 5].map((f) => timelineFrameOf(f, film))).toEqual([0, 1, 3, 4, 8, 9]);
  });

  it('leaves constant-rate frames where they are', () => {
    expect(timelineFrameOf(17, { frameRate: { num: 25, den: 1 } })).toBe(17);
    expect(timingOf({ frameRate: { num: 25, den: 1 } })).toEqual({ num: 25, den: 1 });
  });
});
