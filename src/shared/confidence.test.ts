import { describe, expect, it } from 'vitest';
import { CONFIDENCE_TEMPERATURE, sharpened, shownConfidence } from './confidence';

describe('shown confidence', () => {
  it('sharpens the fused probabilities without changing their order', () => {
    const p = [0.05, 0.5, 0.3, 0.1, 0.05];
    const s = sharpened(p);
    expect(s.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(s[1]).toBeGreaterThan(0.5);
    expect([...s.keys()].sort((i, j) => s[j] - s[i])).toEqual([...p.keys()].sort((i, j) => p[j] - p[i] || i - j));
    // T > 1 softens instead; T = 1 renormalises.
    expect(sharpened(p, 2)[1]).toBeLessThan(0.5);
    expect(sharpened([2, 2], 1)).toEqual([0.5, 0.5]);
  });

  it('reads the answer’s code: sure answers rise, an even spread stays even, nothing gives 0', () => {
    expect(CONFIDENCE_TEMPERATURE).toBeLessThan(1);
    const peaked = [0.7, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05];
    expect(shownConfidence(peaked, 0)).toBeGreaterThan(0.9);
    expect(shownConfidence(new Array(8).fill(0.125), 3)).toBeCloseTo(0.125, 12);
    expect(shownConfidence([0, 0, 0], 1)).toBe(0);
    expect(shownConfidence([0.5, 0.5], 5)).toBe(0);
  });
});
