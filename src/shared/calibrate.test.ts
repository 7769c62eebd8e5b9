import { describe, expect, it } from 'vitest';
import { crossValidate, fitParams, fusedAccuracy, getParam, stratifiedFolds, withParam, type CalibrationExample } from './calibrate';
import { FUSION_PARAMS, type FusionParams } from './frameFusion';
import { ANATOMICAL_CALIBRATION, BODY_PARTS } from './geometry';

const CLASSES = ['ECU', 'CU', 'MEDIUM', 'LS', 'ELS'];
const START: FusionParams = { geometry: ANATOMICAL_CALIBRATION, geometryWeight: 0.5 };

/** A whole standing figure of `height` frame heights, feet in frame. */
function standing(height: number) {
  const top = 0.9 - height;
  const lm = Array.from({ length: 33 }, () => ({ x: 0.5, y: 2, visibility: 0 }));
  for (const part of BODY_PARTS) for (const i of part.landmarks) lm[i] = { x: 0.5, y: top + part.height * height, visibility: 0.95 };
  return lm;
}

/** A frame where the CNN is unsure between LS and ELS and a whole figure of `height` is seen. */
function example(height: number, label: string): CalibrationExample {
  return { classes: CLASSES, modelProbs: [0, 0.1, 0.1, 0.4, 0.4], naProb: 0, vision: { faces: [], poses: [{ landmarks: standing(height) }] }, label };
}

describe('withParam / getParam', () => {
  it('changes one number of the recipe and leaves the rest', () => {
    const p = withParam(START, 'lsEls', 0.2);
    expect(getParam(p, 'lsEls')).toBe(0.2);
    expect(p.geometry.cuMcu).toBe(START.geometry.cuMcu);
    expect(getParam(withParam(START, 'geometryWeight', 0.9), 'geometryWeight')).toBe(0.9);
    expect(START.geometry.lsEls).toBe(ANATOMICAL_CALIBRATION.lsEls);
  });
});

describe('stratifiedFolds', () => {
  it('spreads each label evenly over the folds, deterministically', () => {
    const labels = [...Array(10).fill('A'), ...Array(5).fill('B')];
    const folds = stratifiedFolds(labels, 5, 1);
    expect(folds).toEqual(stratifiedFolds(labels, 5, 1));
    for (let k = 0; k < 5; k++) {
      expect(folds.filter((f, i) => f === k && labels[i] === 'A')).toHaveLength(2);
      expect(folds.filter((f, i) => f === k && labels[i] === 'B')).toHaveLength(1);
    }
  });
});

describe('fitParams / crossValidate', () => {
  // Figures 0.28 and 0.3 of the frame high are labelled ELS, 0.5 and 0.6 LS: the LS|ELS boundary
  // (anatomical 0.33) must come down between 0.3 and 0.5 for… it already separates them; move the
  // labels so that it must go up: 0.36 and 0.38 are ELS too.
  const examples = [example(0.28, 'ELS'), example(0.3, 'ELS'), example(0.36, 'ELS'), example(0.38, 'ELS'), example(0.5, 'LS'), example(0.6, 'LS'), example(0.7, 'LS'), example(0.8, 'LS|MLS')];
  it('moves a boundary to where the labels put it', () => {
    expect(fusedAccuracy(examples, START)).toBeLessThan(1);
    const fit = fitParams(examples, { lsEls: [0.2, 0.33, 0.42, 0.6], geometryWeight: [0.5, 1] }, START);
    expect(fit.accuracy).toBe(1);
    expect(fit.params.geometry.lsEls).toBe(0.42);
  });
  it('scores each fold with numbers fitted on the others', () => {
    const many = [...examples, ...examples, ...examples];
    const r = crossValidate(many, { lsEls: [0.2, 0.33, 0.42, 0.6] }, START, 3, 0);
    expect(r.n).toBe(many.length);
    expect(r.foldAccuracy).toHaveLength(3);
    expect(r.cvAccuracy).toBe(1);
    expect(r.startAccuracy).toBeLessThan(1);
    expect(r.params.geometry.lsEls).toBe(0.42);
  });
  it('starts from the shipped recipe by default in the app', () => {
    expect(FUSION_PARAMS.geometryWeight).toBeGreaterThanOrEqual(0);
    expect(FUSION_PARAMS.geometry.mcuMs).toBe(ANATOMICAL_CALIBRATION.mcuMs);
    // MS | MLS is fitted only on fine labels (anatomical crops): it stays between the hips and the knees.
    expect(FUSION_PARAMS.geometry.msMls).toBeGreaterThan(0.52);
    expect(FUSION_PARAMS.geometry.msMls).toBeLessThan(0.72);
  });
});
