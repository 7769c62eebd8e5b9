import { describe, expect, it } from 'vitest';
import { fuseFrame, NA_SKIP, needsPose } from './frameFusion';
import { ANATOMICAL_CALIBRATION, BODY_PARTS } from './geometry';

const CLASSES = ['ECU', 'CU', 'MEDIUM', 'LS', 'ELS'];
const PARAMS = { geometry: ANATOMICAL_CALIBRATION, geometryWeight: 0.5 };

/** Crown at 0.05, `height` frame heights tall; parts below the frame invisible. */
function figure(height: number) {
  const lm = Array.from({ length: 33 }, () => ({ x: 0.5, y: 2, visibility: 0 }));
  for (const part of BODY_PARTS) for (const i of part.landmarks) {
    const y = 0.05 + part.height * height;
    lm[i] = { x: 0.5, y, visibility: y <= 1 ? 0.95 : 0.1 };
  }
  return lm;
}

describe('needsPose', () => {
  it('skips pose when the CNN is sure of ECU, ELS or the frame is blank', () => {
    expect(needsPose(CLASSES, [0.9, 0.05, 0.02, 0.02, 0.01], 0)).toBe(false);
    expect(needsPose(CLASSES, [0.01, 0.02, 0.02, 0.05, 0.9], 0)).toBe(false);
    expect(needsPose(CLASSES, [0, 0.1, 0.8, 0.1, 0], NA_SKIP)).toBe(false);
    expect(needsPose(CLASSES, [0, 0.1, 0.8, 0.1, 0], 0)).toBe(true);
  });
});

describe('fuseFrame', () => {
  it('splits MEDIUM with the pose where pose runs', () => {
    const a = fuseFrame(CLASSES, { modelProbs: [0, 0.1, 0.8, 0.1, 0], naProb: 0, vision: { faces: [], poses: [{ landmarks: figure(1.25) }] } }, PARAMS);
    expect(a.label).toBe('MLS');
    expect(a.poseRan).toBe(true);
    expect(a.geometry?.lowestPart).toBe('knees');
  });
  it('ignores poses measured where the app would not have run pose', () => {
    const a = fuseFrame(CLASSES, { modelProbs: [0.95, 0.03, 0.01, 0.005, 0.005], naProb: 0, vision: { faces: [], poses: [{ landmarks: figure(1.25) }] } }, PARAMS);
    expect(a.poseRan).toBe(false);
    expect(a.geometry?.probs ?? null).toBeNull();
    expect(a.label).toBe('ECU');
  });
  it('calls a blank frame NA without geometry', () => {
    const a = fuseFrame(CLASSES, { modelProbs: [0.2, 0.2, 0.2, 0.2, 0.2], naProb: 0.95, vision: null }, PARAMS);
    expect(a.label).toBe('NA');
    expect(a.why).toMatch(/blank or title/);
    expect(a.geometry).toBeNull();
  });
  it('lets the CNN decide when vision did not run', () => {
    expect(fuseFrame(CLASSES, { modelProbs: [0, 0.1, 0.8, 0.1, 0], naProb: 0 }, PARAMS).label).toBe('MS');
  });
});
