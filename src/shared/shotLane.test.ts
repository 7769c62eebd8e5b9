import { describe, expect, it } from 'vitest';
import { laneBlocks, middleSecondIndex, shotInOut, shotIndexAtTime, shotIndexOfSecond, type SecondRef } from './shotLane';
import { buildShots, type ShotSample } from './shots';
import type { FrameRate, Transition } from './shotTypes';
import { SCALE_CODES } from './taxonomy';

const RATE: FrameRate = { num: 25, den: 1 };
const cut = (frame: number): Transition => ({ kind: 'cut', startFrame: frame, endFrame: frame, shotStartFrame: frame, score: 0.9 });

/** Three shots at 25 fps: frames 0–99 (0–4 s), 100–249 (4–10 s), 250–299 (10–12 s), one sample per second. */
function film() {
  const seconds: (SecondRef & ShotSample)[] = Array.from({ length: 12 }, (_, i) => ({ index: i, tSec: i + 0.5, frame: Math.floor((i + 0.5) * 25), probs: SCALE_CODES.map((c) => (c === 'MS' ? 1 : 0)) }));
  const shots = buildShots({ transitions: [cut(100), cut(250)], frameCount: 300, timing: RATE, samples: seconds });
  return { shots, seconds };
}

describe('laneBlocks', () => {
  it('places shots end to end on the axis', () => {
    const blocks = laneBlocks(film().shots, 12);
    const expected = [
      [0, 4 / 12],
      [4 / 12, 6 / 12],
      [10 / 12, 2 / 12],
    ];
    blocks.forEach((b, i) => {
      expect(b.left).toBeCloseTo(expected[i][0], 12);
      expect(b.width).toBeCloseTo(expected[i][1], 12);
    });
  });

  it('leaves room when the axis runs past the film and clips at the lane end', () => {
    const wide = laneBlocks(film().shots, 24)[2];
    expect(wide.left).toBeCloseTo(10 / 24, 12);
    expect(wide.width).toBeCloseTo(2 / 24, 12);
    const short = laneBlocks(film().shots, 11);
    expect(short[2].left).toBeCloseTo(10 / 11, 12);
    expect(short[2].left + short[2].width).toBe(1);
    expect(laneBlocks(film().shots, 0)).toEqual([]);
  });
});

describe('shotIndexAtTime', () => {
  it('finds the shot on screen, start inclusive and end exclusive', () => {
    const { shots } = film();
    expect([0, 3.99, 4, 9.99, 10, 11.99].map((t) => shotIndexAtTime(shots, t))).toEqual([0, 0, 1, 1, 2, 2]);
    expect(shotIndexAtTime(shots, 12)).toBe(-1);
    expect(shotIndexAtTime(shots, -0.1)).toBe(-1);
    expect(shotIndexAtTime([], 1)).toBe(-1);
  });
});

describe('shotIndexOfSecond', () => {
  it('uses the frame when known, else the time', () => {
    const { shots } = film();
    expect(shotIndexOfSecond(shots, { index: 0, tSec: 0.5, frame: 100 })).toBe(1);
    expect(shotIndexOfSecond(shots, { index: 4, tSec: 4.5 })).toBe(1);
    expect(shotIndexOfSecond(shots, { index: 3, tSec: 3.99 })).toBe(0);
  });
});

describe('middleSecondIndex', () => {
  it('picks the second inside the shot nearest its middle', () => {
    const { shots, seconds } = film();
    expect(middleSecondIndex(shots[0], seconds)).toBe(1);
    expect(middleSecondIndex(shots[1], seconds)).toBe(6);
    expect(middleSecondIndex(shots[2], seconds)).toBe(10);
  });

  it('judges "inside" by frame when seconds carry one', () => {
    const { shots } = film();
    // The second at 4.2 s shows frame 99, the last of shot 1; the one at 6.5 s lies nearer shot 1's middle (2 s) than shot 2's.
    const seconds: SecondRef[] = [
      { index: 0, tSec: 4.2, frame: 99 },
      { index: 1, tSec: 6.5, frame: 162 },
    ];
    expect(middleSecondIndex(shots[0], seconds)).toBe(0);
    expect(middleSecondIndex(shots[1], seconds)).toBe(1);
  });

  it('falls back to the nearest second when none lies inside, and to null without seconds', () => {
    const { shots } = film();
    expect(middleSecondIndex(shots[2], [{ index: 3, tSec: 3.5 }, { index: 8, tSec: 8.5 }])).toBe(8);
    expect(middleSecondIndex(shots[0], [])).toBeNull();
  });
});

describe('shotInOut', () => {
  it('gives timecodes with an exclusive out, drop-frame at 29.97, or times without a rate', () => {
    const { shots } = film();
    expect(shotInOut(shots[1], { frameRate: RATE })).toEqual(['00:00:04:00', '00:00:10:00']);
    const ntsc = { ...shots[0], startFrame: 1700, endFrame: 1799 };
    expect(shotInOut(ntsc, { frameRate: { num: 30000, den: 1001 } })).toEqual(['00:00:56;20', '00:01:00;02']);
    expect(shotInOut(shots[2])).toEqual(['0:10.0', '0:12.0']);
  });
});
