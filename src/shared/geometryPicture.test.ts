import { describe, expect, it } from 'vitest';
import { BODY_PARTS, subjectGeometry, type BodyLandmark } from './geometry';
import { ORDERED_SCALES } from './taxonomy';

/** A standing figure (crown at `top`, standing height `height`, frame fractions), every landmark sure. */
function sureFigure(top: number, height: number, x = 0.5): BodyLandmark[] {
  const lm: BodyLandmark[] = Array.from({ length: 33 }, () => ({ x, y: top + height, visibility: 0.95 }));
  for (const part of BODY_PARTS) for (const i of part.landmarks) lm[i] = { x: x + (i % 2 ? -0.03 : 0.03), y: top + part.height * height, visibility: 0.95 };
  return lm;
}

const best = (probs: number[] | null) => ORDERED_SCALES[probs!.indexOf(Math.max(...probs!))];

describe('subjectGeometry counts only what is inside the picture', () => {
  // A 2.39:1 picture in a 16:9 frame: bars of 12.8 % above and below.
  const scope = { top: 0.128, bottom: 0.872, left: 0, right: 1 };

  it('does not see a body that MediaPipe extrapolates into the letterbox bars', () => {
    // Crown at the picture top; hips at 0.128 + 0.52·1.05 ≈ 0.67 (in the picture), knees in the bottom bar, feet below the frame.
    const pose = sureFigure(0.128, 1.05);
    const whole = subjectGeometry([], [pose]);
    expect(whole.why).toContain('cuts at the shins');
    const barred = subjectGeometry([], [pose], undefined, scope);
    expect(barred.lowestPart).toBe('hips');
    expect(['MS', 'MLS']).toContain(best(barred.probs));
    expect(barred.why).not.toContain('shins');
  });

  it('measures the figure against the picture height, not the frame height', () => {
    // A whole figure 0.5 frame heights tall is 0.5 / 0.744 ≈ 0.67 picture heights.
    const g = subjectGeometry([], [sureFigure(0.3, 0.5)], undefined, scope);
    expect(g.figureHeight).toBeCloseTo(0.5 / 0.744, 2);
  });

  it('ignores landmarks beside a pillarboxed picture', () => {
    const pillar = { top: 0, bottom: 1, left: 0.125, right: 0.875 };
    // Head and shoulders inside; hips, knees and feet drawn out to the right, in the bar.
    const pose = sureFigure(0.05, 1.2);
    for (const part of BODY_PARTS.slice(3)) for (const i of part.landmarks) pose[i] = { ...pose[i], x: 0.95 };
    expect(subjectGeometry([], [pose]).lowestPart).not.toBe('elbows');
    expect(subjectGeometry([], [pose], undefined, pillar).lowestPart).toBe('elbows');
  });
});

describe('subjectGeometry with a face and no body', () => {
  it('places the bottom edge on the body from the face box size and place', () => {
    // A face box 35 % of the frame tall, its top at 15 %: the frame ends at the chest (MCU).
    const face = { box: { x: 0.4, y: 0.15, width: 0.2, height: 0.35 }, score: 0.9 };
    const g = subjectGeometry([face], []);
    expect(best(g.probs)).toBe('MCU');
    expect(g.why).toBe('face only, 35% of the frame height → MCU');
    // A small face high in the frame: the whole figure is in it.
    const small = subjectGeometry([{ box: { x: 0.5, y: 0.1, width: 0.03, height: 0.05 }, score: 0.9 }], []);
    expect(['LS', 'ELS']).toContain(best(small.probs));
  });
});
