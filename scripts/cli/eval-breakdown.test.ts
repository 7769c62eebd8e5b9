import { describe, expect, it } from 'vitest';
import { coarseAccepted, expectedCalibrationError, groupScore, scoresBySource } from './eval-breakdown.mjs';

const p = (label: string, pred: string, correct: boolean, top: number) => ({ label, pred, correct, withinOne: correct, probs: { [pred]: top, NA: 1 - top } });

describe('eval breakdown', () => {
  it('maps labels to the five coarse classes', () => {
    expect([...coarseAccepted('MCU|MS')]).toEqual(['MEDIUM']);
    expect([...coarseAccepted('WS')].sort()).toEqual(['ELS', 'LS']);
    expect([...coarseAccepted('CU|ECU')].sort()).toEqual(['CU', 'ECU']);
  });

  it('is zero for a calibrated set and the gap for an overconfident one', () => {
    expect(expectedCalibrationError([0.75, 0.75, 0.75, 0.75], [true, true, true, false])).toBeCloseTo(0, 9);
    expect(expectedCalibrationError([0.9, 0.9], [false, false])).toBeCloseTo(0.9, 9);
  });

  it('scores each source on its own, coarse accuracy counting a wrong medium sub-class as right', () => {
    const preds = [p('MCU', 'MS', false, 0.6), p('MCU', 'MCU', true, 0.8), p('LS', 'ELS', false, 0.9)];
    const by = scoresBySource(preds, ['film', 'film', 'web']);
    expect(Object.keys(by)).toEqual(['film', 'web']);
    expect(by.film).toMatchObject({ n: 2, accuracy: 0.5, coarseAccuracy: 1 });
    expect(by.web).toMatchObject({ n: 1, accuracy: 0, coarseAccuracy: 0 });
    expect(groupScore(preds).coarseAccuracy).toBeCloseTo(2 / 3, 9);
  });
});
