import { describe, expect, it } from 'vitest';
import { formatAxisTime, timeTicks } from './timeAxis';

describe('timeTicks', () => {
  it('ends a 20 s clip at 0:20, at its true end', () => {
    const ticks = timeTicks(20, 20);
    expect(ticks.at(-1)).toEqual({ tSec: 20, at: 1, end: true });
    expect(formatAxisTime(ticks.at(-1)!.tSec)).toBe('0:20');
    expect(ticks.map((t) => t.tSec)).toEqual([0, 5, 10, 15, 20]);
  });

  it('places the end where the film ends on a longer shared axis', () => {
    const ticks = timeTicks(10, 40);
    expect(ticks.at(-1)).toEqual({ tSec: 10, at: 0.25, end: true });
    expect(ticks[0].at).toBe(0);
  });

  it('drops a round time too close to the end', () => {
    expect(timeTicks(9.2, 10).map((t) => t.tSec)).toEqual([0, 2, 4, 6, 9.2]);
  });

  it('keeps to the tick budget for a two-hour film', () => {
    const ticks = timeTicks(7200, 7200);
    expect(ticks.length).toBeLessThanOrEqual(8);
    expect(ticks.map((t) => formatAxisTime(t.tSec))).toEqual(['0:00', '30:00', '1:00:00', '1:30:00', '2:00:00']);
  });

  it('gives nothing for an unknown duration', () => {
    expect(timeTicks(0, 10)).toEqual([]);
    expect(timeTicks(Number.NaN, 10)).toEqual([]);
  });
});

describe('formatAxisTime', () => {
  it('rounds to the second', () => {
    expect(formatAxisTime(19.96)).toBe('0:20');
    expect(formatAxisTime(59.6)).toBe('1:00');
    expect(formatAxisTime(3725)).toBe('1:02:05');
  });
});

describe('timeTicks with a small budget', () => {
  it('gives the start and the end for a film a quarter as long as the axis', () => {
    expect(timeTicks(8, 8, 2).map((t) => t.tSec)).toEqual([0, 8]);
  });
});
