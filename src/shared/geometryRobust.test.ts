import { describe, expect, it } from 'vitest';
import { ANATOMICAL_CALIBRATION, BODY_PARTS, FACE_FRACTION, poseGeometry, subjectGeometry, type BodyLandmark } from './geometry';
import { ORDERED_SCALES } from './taxonomy';

/** Head and shoulders in frame (crown 0.05, 3 frame heights tall), and MediaPipe's guess of a
 * lower body squeezed into the bottom of the frame with high visibility. */
function hallucinated(): BodyLandmark[] {
  const lm: BodyLandmark[] = Array.from({ length: 33 }, () => ({ x: 0.5, y: 2, visibility: 0 }));
  const at: Record<string, number> = { face: 0.05 + 0.09 * 3, shoulders: 0.05 + 0.19 * 3, elbows: 0.8, hips: 0.95, knees: 1.2, ankles: 1.4 };
  const vis: Record<string, number> = { face: 1, shoulders: 1, elbows: 0.9, hips: 0.85, knees: 0.3, ankles: 0.1 };
  for (const part of BODY_PARTS) for (const i of part.landmarks) lm[i] = { x: 0.5, y: at[part.name], visibility: vis[part.name] };
  return lm;
}

const best = (p: number[] | null) => ORDERED_SCALES[p!.indexOf(Math.max(...p!))];
/** The face box of a figure 3 frame heights tall. */
const FACE = { box: { x: 0.4, y: 0.12, width: 0.25, height: FACE_FRACTION * 3 }, score: 0.9 };

describe('robustness rules', () => {
  it('anatomical recipe believes the guessed hips', () => {
    expect(poseGeometry(hallucinated(), ANATOMICAL_CALIBRATION)!.lowestPart).toBe('hips');
  });
  it('bottomMargin drops lower parts hugging the bottom edge', () => {
    expect(poseGeometry(hallucinated(), { ...ANATOMICAL_CALIBRATION, bottomMargin: 0.08 })!.lowestPart).toBe('elbows');
  });
  it('lowerVisibility drops lower parts MediaPipe is not sure of', () => {
    expect(poseGeometry(hallucinated(), { ...ANATOMICAL_CALIBRATION, lowerVisibility: 0.95 })!.lowestPart).toBe('shoulders');
  });
  it('minScaleRatio cuts a body shorter than its face implies back to the shoulders', () => {
    const off = subjectGeometry([FACE], [hallucinated()], ANATOMICAL_CALIBRATION);
    expect(off.lowestPart).toBe('hips');
    const on = subjectGeometry([FACE], [hallucinated()], { ...ANATOMICAL_CALIBRATION, minScaleRatio: 0.6 });
    expect(on.lowestPart).toBe('shoulders');
    expect(['CU', 'MCU']).toContain(best(on.probs));
    expect(on.why).toContain('lower body guessed');
  });
  it('minScaleRatio leaves a body in proportion alone', () => {
    // A true waist-up figure (1.7 frame heights tall) with a face box of the matching size.
    const lm: BodyLandmark[] = Array.from({ length: 33 }, () => ({ x: 0.5, y: 2, visibility: 0 }));
    for (const part of BODY_PARTS) for (const i of part.landmarks) {
      const y = 0.02 + part.height * 1.7;
      lm[i] = { x: 0.5, y, visibility: y <= 1 ? 0.95 : 0.1 };
    }
    const face = { box: { x: 0.4, y: 0.06, width: 0.2, height: FACE_FRACTION * 1.7 }, score: 0.9 };
    const g = subjectGeometry([face], [lm], { ...ANATOMICAL_CALIBRATION, minScaleRatio: 0.6 });
    expect(g.lowestPart).toBe('hips');
    expect(best(g.probs)).toBe('MS');
  });
});
