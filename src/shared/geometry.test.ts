import { describe, expect, it } from 'vitest';
import { BODY_PARTS, DEFAULT_CALIBRATION, poseGeometry, scaleFromCut, subjectGeometry, type BodyLandmark } from './geometry';
import { ORDERED_SCALES } from './taxonomy';

/**
 * A standing figure whose crown is at `top` and whose standing height is `height` (both as
 * fractions of the frame height), facing the camera; parts below the frame get low visibility,
 * as MediaPipe reports for extrapolated landmarks.
 */
function figure(top: number, height: number): BodyLandmark[] {
  const lm: BodyLandmark[] = Array.from({ length: 33 }, () => ({ x: 0.5, y: 2, visibility: 0 }));
  for (const part of BODY_PARTS) {
    for (const i of part.landmarks) {
      const y = top + part.height * height;
      lm[i] = { x: 0.5 + (i % 2 ? -0.05 : 0.05), y, visibility: y <= 1 ? 0.95 : 0.1 };
    }
  }
  for (const i of [29, 30, 31, 32]) lm[i] = { x: 0.5, y: top + height, visibility: top + height <= 1 ? 0.9 : 0.1 };
  return lm;
}

function best(probs: number[] | null): string {
  expect(probs).not.toBeNull();
  return ORDERED_SCALES[probs!.indexOf(Math.max(...probs!))];
}

describe('scaleFromCut', () => {
  it('follows the design table along the body', () => {
    expect(best(scaleFromCut(0.08, null))).toBe('ECU');
    expect(best(scaleFromCut(0.2, null))).toBe('CU');
    expect(best(scaleFromCut(0.32, null))).toBe('MCU');
    expect(best(scaleFromCut(0.5, null))).toBe('MS');
    expect(best(scaleFromCut(0.75, null))).toBe('MLS');
    expect(best(scaleFromCut(1.05, 0.8))).toBe('LS');
    // LS | ELS: the calibrated figure height (geometry-calibration.json) is small: a whole figure
    // must be well under a fifth of the frame height to be ELS.
    expect(best(scaleFromCut(1.05, DEFAULT_CALIBRATION.lsEls - 0.1))).toBe('ELS');
  });
  it('is a distribution and soft at a boundary', () => {
    const p = scaleFromCut(DEFAULT_CALIBRATION.mcuMs, null);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    // The two scales either side of the boundary share most of the mass, about equally.
    expect(p[2] + p[3]).toBeGreaterThan(0.7);
    expect(Math.abs(p[2] - p[3])).toBeLessThan(0.1);
  });
});

describe('poseGeometry', () => {
  it('finds the lowest part in frame and the cut below it', () => {
    // Crown at 0.05, 2.2 frame heights tall: the frame bottom is at (1 - 0.05)/2.2 = 0.43 of stature.
    const g = poseGeometry(figure(0.05, 2.2))!;
    expect(g.lowestPart).toBe('elbows');
    expect(g.bottomCut).toBeCloseTo(0.43, 2);
    expect(g.figureHeight).toBeCloseTo(2.2, 2);
  });
  it('reports the whole figure and its height when the feet are in frame', () => {
    const g = poseGeometry(figure(0.3, 0.5))!;
    expect(g.lowestPart).toBe('ankles');
    expect(g.bottomCut).toBeGreaterThan(1);
    expect(g.figureHeight).toBeCloseTo(0.5, 2);
  });
  it('returns null when nothing of the body is visible', () => {
    expect(poseGeometry(figure(1.5, 1))).toBeNull();
  });
  it('takes no reading from a body that is not upright (its lowest part shown above its highest)', () => {
    // MediaPipe's guess on a close face: every part sure and in frame, the ankles above the face.
    const upsideDown = figure(0.3, 0.5).map((p) => ({ ...p, y: 1.1 - p.y }));
    expect(poseGeometry(upsideDown)).toBeNull();
    // With no reading and no face, geometry leaves the CNN to decide instead of calling it a whole figure.
    expect(subjectGeometry([], [upsideDown]).probs).toBeNull();
    // A figure cut at the elbows whose elbows sit level with its face says nothing either.
    const level = figure(0.05, 2.2).map((p, i) => (BODY_PARTS[2].landmarks.includes(i as 13 | 14) ? { ...p, y: 0.05 + 0.09 * 2.2 - 0.01 } : p));
    expect(poseGeometry(level)).toBeNull();
  });
});

describe('subjectGeometry', () => {
  it.each([
    [0.02, 5.5, 'CU'],
    [0.05, 3.0, 'MCU'],
    [0.05, 1.9, 'MS'],
    [0.05, 1.25, 'MLS'],
    [0.1, 0.85, 'LS'],
    [0.7, 0.05, 'ELS'],
  ])('crown at %f, stature %f frame heights → %s', (top, height, expected) => {
    const g = subjectGeometry([], [figure(top, height)]);
    expect(best(g.probs)).toBe(expected);
    expect(g.confidence).toBeGreaterThan(0.5);
    expect(g.why).toContain(`→ ${expected}`);
  });
  it('calls a face filling the frame ECU', () => {
    const g = subjectGeometry([{ box: { x: 0.2, y: 0.1, width: 0.5, height: 0.85 }, score: 0.9 }], []);
    expect(best(g.probs)).toBe('ECU');
  });
  it('picks the largest person as the main subject', () => {
    const g = subjectGeometry([], [figure(0.6, 0.15), figure(0.05, 1.9)]);
    expect(g.people).toBe(2);
    expect(best(g.probs)).toBe('MS');
  });
  it('says there is no subject when nobody is found', () => {
    const g = subjectGeometry([], []);
    expect(g.probs).toBeNull();
    expect(g.confidence).toBe(0);
  });
});
