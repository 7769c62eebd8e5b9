import { describe, expect, it } from 'vitest';
import type { Shot } from './shotTypes';
import { compareFilms, filmStats, lengthHistogram, median, movingAverage, polyfit, polyval, sampleSd } from './stats';
import type { ScaleCode } from './taxonomy';

/** Shots of the given lengths (seconds) and scales, back to back from 0. */
function shotsOf(lengthsSec: number[], scales: ScaleCode[]): Shot[] {
  let t = 0;
  return lengthsSec.map((len, index) => {
    const startSec = t;
    t += len;
    return {
      index,
      startFrame: Math.round(startSec * 24),
      endFrame: Math.round(t * 24) - 1,
      startSec,
      endSec: t,
      transition: { kind: index ? 'cut' : 'start', startFrame: 0, endFrame: 0, shotStartFrame: 0, score: 1 },
      probs: [],
      scale: scales[index],
      confidence: 1,
      sampleIndices: [],
      changesScale: index === 2,
      corrected: index === 3,
    };
  });
}

describe('descriptive figures', () => {
  it('computes the median and the sample standard deviation', () => {
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(median(xs)).toBe(4.5);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBe(0);
    // Population SD of this textbook set is 2; the sample SD is sqrt(32 / 7).
    expect(sampleSd(xs)).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(sampleSd([5])).toBe(0);
  });

  it('bins shot lengths with an open last bin', () => {
    const h = lengthHistogram([0.2, 0.99, 1, 1.5, 2.999, 3, 12, 40], 1, 3);
    expect(h.lowerSec).toEqual([0, 1, 2, 3]);
    expect(h.counts).toEqual([2, 2, 1, 3]);
    expect(h.fractions).toEqual([0.25, 0.25, 0.125, 0.375]);
    expect(lengthHistogram([1, 2, 3], 0.5, 1).counts).toEqual([0, 0, 3]);
    expect(() => lengthHistogram([1], 0, 10)).toThrow(RangeError);
  });

  it('fits polynomials exactly when the data lie on one', () => {
    const x = [0, 0.3, 1.1, 2, 2.2, 3.7, 4, 5.5, 6, 7.1, 8, 9.9];
    const f = (v: number) => 3 + 0.5 * v - 0.25 * v ** 2 + 0.01 * v ** 3;
    const c = polyfit(x, x.map(f), 3);
    [3, 0.5, -0.25, 0.01].forEach((want, i) => expect(c[i]).toBeCloseTo(want, 9));
    const c6 = polyfit(x, x.map(f), 6);
    for (const v of [0.5, 4.4, 9]) expect(polyval(c6, v)).toBeCloseTo(f(v), 6);
  });

  it('fits a least-squares line through symmetric noise', () => {
    const x = [0, 1, 2, 3, 4, 5];
    const y = x.map((v, i) => 2 + 0.1 * v + (i % 2 ? 0.3 : -0.3));
    const [a, b] = polyfit(x, y, 1);
    // Slope shifts by Σ(x−x̄)e / Σ(x−x̄)² = (0.75 − 0.45 + 0.15 + 0.15 − 0.45 + 0.75) / 17.5.
    expect(b).toBeCloseTo(0.1 + 0.9 / 17.5, 12);
    expect(a + b * 2.5).toBeCloseTo(2 + 0.1 * 2.5, 12);
  });

  it('lowers the degree when there are too few distinct times', () => {
    expect(polyfit([1, 1, 1], [2, 4, 6], 6)).toEqual([4]);
    expect(polyfit([0, 2], [1, 5], 6)).toHaveLength(2);
    expect(polyfit([], [], 6)).toEqual([0]);
  });

  it('averages over a centred window that shrinks at the ends', () => {
    expect(movingAverage([1, 2, 3, 4, 5, 6, 7], 5)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(movingAverage([0, 0, 9, 0, 0], 3)).toEqual([0, 3, 3, 3, 0]);
  });
});

describe('filmStats', () => {
  const lengths = [2, 4, 4, 4, 5, 5, 7, 9];
  const scales: ScaleCode[] = ['CU', 'MS', 'NA', 'MS', 'CU', 'LS', 'MS', 'NA'];
  const stats = filmStats(shotsOf(lengths, scales), { binSec: 2, maxSec: 8, movingAverageShots: 3 });

  it('computes count, ASL, median, SD and CV over all shots', () => {
    expect(stats.shotCount).toBe(8);
    expect(stats.durationSec).toBe(40);
    expect(stats.aslSec).toBe(5);
    expect(stats.medianSec).toBe(4.5);
    expect(stats.sdSec).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(stats.cv).toBeCloseTo(Math.sqrt(32 / 7) / 5, 12);
    expect([stats.minSec, stats.maxSec]).toEqual([2, 9]);
    expect([stats.naShotCount, stats.changesScaleCount, stats.correctedCount]).toEqual([2, 1, 1]);
    expect(stats.lengthHistogram.counts).toEqual([0, 1, 5, 1, 1]);
  });

  it('distributes scales by count and by screen time, NA included', () => {
    expect(stats.scaleShotCounts).toEqual({ ECU: 0, CU: 2, MCU: 0, MS: 3, MLS: 0, LS: 1, ELS: 0, NA: 2 });
    expect(stats.scaleShotFractions.MS).toBe(3 / 8);
    expect(stats.scaleScreenSec).toEqual({ ECU: 0, CU: 7, MCU: 0, MS: 15, MLS: 0, LS: 5, ELS: 0, NA: 13 });
    expect(stats.scaleScreenFractions.NA).toBe(13 / 40);
  });

  it("gives Salt's counts per 100 shots over the shots with a scale", () => {
    expect(stats.saltPer100.CU).toBeCloseTo(100 / 3, 12);
    expect(stats.saltPer100.MS).toBe(50);
    expect(stats.saltPer100.LS).toBeCloseTo(100 / 6, 12);
    expect(Object.keys(stats.saltPer100)).toEqual(['ECU', 'CU', 'MCU', 'MS', 'MLS', 'LS', 'ELS']);
    const total = Object.values(stats.saltPer100).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(100, 9);
  });

  it('plots length against start time with a trend, a line and a moving average', () => {
    const { points, trend, linear, degree } = stats.series;
    expect(points.map((p) => [p.startSec, p.lengthSec])).toEqual([
      [0, 2],
      [2, 4],
      [6, 4],
      [10, 4],
      [14, 5],
      [19, 5],
      [24, 7],
      [31, 9],
    ]);
    expect(degree).toBe(6);
    expect(points[1].movingAverageSec).toBeCloseTo(10 / 3, 12);
    expect(trend[0].tSec).toBe(0);
    expect(trend[trend.length - 1].tSec).toBe(31);
    expect(trend[0].lengthSec).toBeCloseTo(points[0].trendSec, 9);
    expect(linear.slopeSecPerMin).toBeGreaterThan(0);
    // A degree-6 fit of 8 points leaves residuals; the least-squares residuals sum to zero.
    const residual = points.reduce((a, p) => a + (p.lengthSec - p.trendSec), 0);
    expect(residual).toBeCloseTo(0, 8);
  });

  it('recovers a steady acceleration of the cutting', () => {
    // Shots shrinking by 0.1 s each: 10, 9.9, … over a long film.
    const lens = Array.from({ length: 60 }, (_, i) => 10 - 0.1 * i);
    const s = filmStats(shotsOf(lens, lens.map(() => 'MS')));
    // Length against start time is a smooth (square-root) curve; a degree-6 fit follows it closely.
    for (const p of s.series.points) expect(p.trendSec).toBeCloseTo(p.lengthSec, 2);
    expect(s.series.linear.slopeSecPerMin).toBeLessThan(0);
  });

  it('handles a film without shots', () => {
    const empty = filmStats([]);
    expect([empty.shotCount, empty.aslSec, empty.medianSec, empty.sdSec, empty.cv]).toEqual([0, 0, 0, 0, 0]);
    expect(empty.saltPer100.CU).toBe(0);
    expect(empty.series.trend).toEqual([]);
  });
});

describe('compareFilms', () => {
  it('puts films side by side with shared histogram bins', () => {
    const a = filmStats(shotsOf([2, 4, 4, 4, 5, 5, 7, 9], ['CU', 'MS', 'NA', 'MS', 'CU', 'LS', 'MS', 'NA']));
    const b = filmStats(shotsOf([10, 20], ['LS', 'ELS']), { binSec: 5 });
    const cmp = compareFilms(
      [
        { name: 'A', stats: a },
        { name: 'B', stats: b },
      ],
      { binSec: 5, maxSec: 15 },
    );
    expect(cmp.names).toEqual(['A', 'B']);
    const row = (key: string) => cmp.rows.find((r) => r.key === key)!.values;
    expect(row('shotCount')).toEqual([8, 2]);
    expect(row('aslSec')).toEqual([5, 15]);
    expect(row('medianSec')).toEqual([4.5, 15]);
    expect(row('salt.MS')).toEqual([50, 0]);
    expect(row('salt.ELS')).toEqual([0, 50]);
    expect(row('shots.NA')).toEqual([25, 0]);
    expect(cmp.lengthHistogram.lowerSec).toEqual([0, 5, 10, 15]);
    expect(cmp.lengthHistogram.fractions).toEqual([
      [0.5, 0.5, 0, 0],
      [0, 0, 0.5, 0.5],
    ]);
    expect(cmp.scales.find((s) => s.code === 'LS')!.screenFractions).toEqual([5 / 40, 10 / 30]);
  });
});
