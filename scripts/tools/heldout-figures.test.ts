import { describe, expect, it } from 'vitest';
import { calibratedEceFloor, groupFigures, reviewCatch } from './heldout-figures.mjs';
import { calmStretches, pickSegments } from './cuts-foreign-plan.mjs';
import { mulberry32 } from '../../src/shared/random';

const frame = (label: string, pred: string, correct: boolean, confidence: number, withinOne = correct) => ({ label, pred, correct, withinOne, confidence });

describe('held-out figures', () => {
  it('ECE floor: what perfectly calibrated confidences show by chance, shrinking with the number of frames', () => {
    expect(calibratedEceFloor([], mulberry32)).toBe(0);
    // Sure and always right: no chance error at all.
    expect(calibratedEceFloor([1, 1, 1], mulberry32)).toBe(0);
    // Four frames at 50 %: |k/4 − 0.5| is 0.5, 0.25 or 0 (k = 0…4 right), with median 0.25.
    expect(calibratedEceFloor([0.5, 0.5, 0.5, 0.5], mulberry32)).toBeCloseTo(0.25);
    const few = calibratedEceFloor(Array.from({ length: 6 }, (_, i) => 0.45 + 0.08 * i), mulberry32);
    const many = calibratedEceFloor(Array.from({ length: 600 }, (_, i) => 0.45 + 0.08 * (i % 6)), mulberry32);
    expect(few).toBeGreaterThan(0.15);
    expect(many).toBeLessThan(0.05);
    expect(calibratedEceFloor([0.3, 0.6, 0.9], mulberry32, 400, 7)).toBe(calibratedEceFloor([0.3, 0.6, 0.9], mulberry32, 400, 7));
  });

  it('review: the share of the wrong frames among the least sure 20 %', () => {
    const scored = Array.from({ length: 10 }, (_, i) => ({ confidence: i / 10, correct: i >= 2 }));
    expect(reviewCatch(scored)).toBe(1);
    const late = Array.from({ length: 10 }, (_, i) => ({ confidence: i / 10, correct: i < 8 }));
    expect(reviewCatch(late)).toBe(0);
    expect(reviewCatch([{ confidence: 0.5, correct: true }])).toBe(1);
  });

  it('counts NA-labelled frames apart and scores five classes by the label', () => {
    const g = groupFigures([
      frame('MCU|MS', 'MS', true, 0.6),
      frame('MS', 'MLS', false, 0.4, true),
      frame('LS', 'ELS', false, 0.9, true),
      frame('NA', 'NA', true, 0.99),
    ], mulberry32);
    expect(g.n).toBe(3);
    expect(g.exact).toBeCloseTo(1 / 3);
    expect(g.withinOne).toBe(1);
    // MS → MLS stays MEDIUM; LS → ELS does not.
    expect(g.fiveClass).toBeCloseTo(2 / 3);
    expect(g.naN).toBe(1);
    expect(g.naRight).toBe(1);
    expect(g.ece).toBeGreaterThan(0);
  });
});

describe('foreign cut edits', () => {
  it('finds calm stretches and takes two calm spells with no cut between for one shot', () => {
    const scores = new Array(300).fill(0.01);
    scores[100] = 0.6; // a cut
    scores[160] = 0.2; // a stir, not a cut: 101–299 is one shot
    scores[230] = 0.5; // a cut
    expect(calmStretches(scores)).toEqual([
      { from: 1, to: 100 },
      { from: 101, to: 230 },
      { from: 231, to: 300 },
    ]);
  });

  it('judges calm against a grainy film\'s own median', () => {
    const grainy = Array.from({ length: 200 }, (_, i) => (i === 90 ? 0.7 : 0.04 + 0.01 * (i % 3)));
    expect(calmStretches(grainy)).toEqual([{ from: 1, to: 90 }, { from: 91, to: 200 }]);
  });

  it('picks segments from the middle of stretches spread over the film, or none when too few', () => {
    const stretches = [{ from: 0, to: 100 }, { from: 100, to: 200 }, { from: 200, to: 300 }, { from: 300, to: 400 }];
    expect(pickSegments(stretches, [36, 36])).toEqual([{ from: 32, len: 36 }, { from: 232, len: 36 }]);
    expect(pickSegments(stretches, [36, 36, 36, 36, 36])).toBeNull();
  });
});
