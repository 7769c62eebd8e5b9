import { shownConfidence } from './confidence';
import { describe, expect, it } from 'vitest';
import { distribution, timelineBins, timelineSpanSec } from './timelineBins';
import { SCALE_CODES, type ScaleCode } from './taxonomy';
import type { SecondResult } from './types';

/** A result at `index` whose probability mass is all on `code` (or split as given). */
function res(index: number, code: ScaleCode, p = 1, other: ScaleCode = 'NA'): SecondResult {
  const probs = new Array<number>(SCALE_CODES.length).fill(0);
  probs[SCALE_CODES.indexOf(code)] += p;
  probs[SCALE_CODES.indexOf(other)] += 1 - p;
  return { index, tSec: index + 0.5, probs, label: p >= 0.5 ? code : other, naProb: 0 };
}

describe('timelineBins', () => {
  it('makes one bar per second for short films', () => {
    const bins = timelineBins([res(0, 'CU'), res(1, 'MS'), res(2, 'LS')], 3, 1, 600);
    expect(bins.map((b) => b.label)).toEqual(['CU', 'MS', 'LS']);
    expect(bins.map((b) => b.tSec)).toEqual([0.5, 1.5, 2.5]);
    expect(bins.map((b) => b.index)).toEqual([0, 1, 2]);
    expect(bins.every((b) => b.count === 1 && b.confidence === 1)).toBe(true);
  });

  it('leaves slots without results as empty bars', () => {
    const bins = timelineBins([res(0, 'CU'), res(3, 'ELS')], 5, 1, 600);
    expect(bins).toHaveLength(5);
    expect(bins.map((b) => b.label)).toEqual(['CU', null, null, 'ELS', null]);
    expect(bins[1]).toEqual({ slot: 1, index: 1, tSec: 1.5, count: 0, label: null, confidence: 0, probs: [0, 0, 0, 0, 0, 0, 0, 0] });
  });

  it('shows each second’s answer, also where pooling within its shot changed it from its probabilities’ top', () => {
    const pooled: SecondResult = { ...res(1, 'LS', 0.6, 'MS'), label: 'MS', pooled: { frameLabel: 'LS', votes: 2, of: 3 } };
    const bins = timelineBins([res(0, 'MS'), pooled, res(2, 'MS')], 3, 1, 600);
    expect(bins.map((b) => b.label)).toEqual(['MS', 'MS', 'MS']);
    expect(bins[1].probs[SCALE_CODES.indexOf(bins[1].label!)]).toBeCloseTo(0.4, 12);
    expect(bins[1].confidence).toBeCloseTo(shownConfidence(bins[1].probs, SCALE_CODES.indexOf(bins[1].label!)), 12);
    // A bar of several seconds takes the label most of them have (CU MS MS -> MS); on a tie
    // (LS, MS) the most probable in the bar's mean (LS 0.45 over MS 0.3).
    const binned = timelineBins([res(0, 'CU', 0.9), res(1, 'MS', 0.6), res(2, 'MS', 0.6), res(3, 'LS', 0.9), res(4, 'MS', 0.6)], 6, 1, 2);
    expect(binned.map((b) => b.label)).toEqual(['MS', 'LS']);
  });

  it('bins long films into at most maxBins bars, labelled by the most common label', () => {
    // 10 slots into 4 bars -> 3 slots per bar: [0..2], [3..5], [6..8], [9]
    const results = [res(0, 'CU', 0.9), res(1, 'MS', 0.6), res(2, 'MS', 0.6), res(3, 'LS'), res(9, 'ECU', 0.8)];
    const bins = timelineBins(results, 10, 1, 4);
    expect(bins).toHaveLength(4);
    expect(bins.map((b) => b.index)).toEqual([0, 3, 6, 9]);
    expect(bins.map((b) => b.count)).toEqual([3, 1, 0, 1]);
    // Bar 0: CU 0.3, MS 0.4, NA 0.3 -> MS (two seconds of three) although CU had the most confident second.
    expect(bins[0].label).toBe('MS');
    expect(bins[0].probs[SCALE_CODES.indexOf(bins[0].label!)]).toBeCloseTo(0.4, 12);
    expect(bins[0].confidence).toBeCloseTo(shownConfidence(bins[0].probs, SCALE_CODES.indexOf(bins[0].label!)), 12);
    expect(bins[0].probs[SCALE_CODES.indexOf('CU')]).toBeCloseTo(0.3, 12);
    expect(bins[0].probs[SCALE_CODES.indexOf('NA')]).toBeCloseTo(0.3, 12);
    expect(bins[1].label).toBe('LS');
    expect(bins[2].label).toBeNull();
    expect(bins[3].label).toBe('ECU');
    expect(bins[3].probs[SCALE_CODES.indexOf(bins[3].label!)]).toBeCloseTo(0.8, 12);
    expect(bins[3].confidence).toBeCloseTo(shownConfidence(bins[3].probs, SCALE_CODES.indexOf(bins[3].label!)), 12);
  });

  it('keeps a two-hour film at 1 fps within the bar budget', () => {
    const total = 2 * 3600;
    const results = Array.from({ length: total }, (_, i) => res(i, i < total / 2 ? 'CU' : 'LS'));
    const bins = timelineBins(results, total, 1, 600);
    expect(bins).toHaveLength(600);
    expect(bins.every((b) => b.count === 12)).toBe(true);
    expect(bins[299].label).toBe('CU');
    expect(bins[300].label).toBe('LS');
    expect(bins[1].tSec).toBe(12.5);
    expect(timelineBins([], total + 1, 1, 600).length).toBeLessThanOrEqual(600);
  });

  it('uses the sampling rate for bar times', () => {
    const bins = timelineBins([], 8, 2, 4);
    expect(bins.map((b) => b.tSec)).toEqual([0.25, 1.25, 2.25, 3.25]);
  });

  it('extends past total when results go further', () => {
    const bins = timelineBins([res(0, 'CU'), res(6, 'MS')], 3, 1, 600);
    expect(bins).toHaveLength(7);
    expect(bins[6].label).toBe('MS');
  });

  it('is empty with no slots and no results', () => {
    expect(timelineBins([], 0, 1, 600)).toEqual([]);
  });
});

describe('distribution', () => {
  it('counts labels and their shares in code order', () => {
    const d = distribution([res(0, 'CU'), res(1, 'CU'), res(2, 'LS'), res(3, 'NA')]);
    expect(d.map((x) => x.code)).toEqual([...SCALE_CODES]);
    const byCode = Object.fromEntries(d.map((x) => [x.code, x]));
    expect(byCode.CU).toEqual({ code: 'CU', count: 2, share: 0.5 });
    expect(byCode.LS).toEqual({ code: 'LS', count: 1, share: 0.25 });
    expect(byCode.NA).toEqual({ code: 'NA', count: 1, share: 0.25 });
    expect(byCode.MS.count).toBe(0);
    expect(d.reduce((a, x) => a + x.share, 0)).toBeCloseTo(1, 12);
  });

  it('is all zero without results', () => {
    const d = distribution([]);
    expect(d).toHaveLength(SCALE_CODES.length);
    expect(d.every((x) => x.count === 0 && x.share === 0)).toBe(true);
  });
});

describe('timelineSpanSec', () => {
  it('spans one slot per sample at the sampling rate', () => {
    expect(timelineSpanSec([], 30, 1, 600)).toBe(30);
    expect(timelineSpanSec([], 16, 2, 600)).toBe(8);
  });

  it('rounds up to whole bins for long films, and grows with results beyond the planned total', () => {
    // 1001 samples in bins of 2: 501 bars of 2 s.
    expect(timelineSpanSec([], 1001, 1, 600)).toBe(1002);
    expect(timelineBins([], 1001, 1, 600)).toHaveLength(501);
    expect(timelineSpanSec([res(11, 'CU')], 10, 1, 600)).toBe(12);
  });
});
