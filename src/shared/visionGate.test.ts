import { describe, expect, it } from 'vitest';
import type { Transition } from './shotTypes';
import { GATE_MAX_SKIPS, transitionBetween, visionNeeded, type VisionMemo } from './visionGate';

const probs = [0.1, 0.2, 0.5, 0.15, 0.05];
const nobody: VisionMemo = { frame: 24, modelProbs: probs, poseRan: true, found: false, skipped: 0 };
const cut = (startFrame: number, endFrame = startFrame): Transition => ({ kind: startFrame === endFrame ? 'cut' : 'dissolve', startFrame, endFrame, shotStartFrame: endFrame, score: 0.9 });

describe('vision gate', () => {
  it('runs detection on the first frame and after anyone was found', () => {
    expect(visionNeeded(undefined, 0, probs, true, [])).toBe(true);
    expect(visionNeeded({ ...nobody, found: true }, 48, probs, true, [])).toBe(true);
  });

  it('skips a frame of the same shot that the CNN sees alike, after a detection that found nobody', () => {
    expect(visionNeeded(nobody, 48, [0.12, 0.18, 0.52, 0.13, 0.05], true, [])).toBe(false);
    expect(visionNeeded(nobody, 48, probs, false, [cut(10)])).toBe(false);
  });

  it('runs detection when the CNN sees a different picture', () => {
    expect(visionNeeded(nobody, 48, [0.1, 0.35, 0.35, 0.15, 0.05], true, [])).toBe(true);
    expect(visionNeeded(nobody, 48, [0.25, 0.25, 0.25, 0.25], true, [])).toBe(true);
  });

  it('runs detection across a transition, hard or gradual', () => {
    expect(visionNeeded(nobody, 48, probs, true, [cut(30)])).toBe(true);
    expect(visionNeeded(nobody, 48, probs, true, [cut(48)])).toBe(true);
    expect(visionNeeded(nobody, 48, probs, true, [cut(10, 25)])).toBe(true);
    expect(visionNeeded(nobody, 48, probs, true, [cut(49)])).toBe(false);
  });

  it('runs pose when this frame needs it and the last detection ran face only', () => {
    expect(visionNeeded({ ...nobody, poseRan: false }, 48, probs, true, [])).toBe(true);
    expect(visionNeeded({ ...nobody, poseRan: false }, 48, probs, false, [])).toBe(false);
  });

  it('runs detection again after the most skips in a row, and never backwards', () => {
    expect(visionNeeded({ ...nobody, skipped: GATE_MAX_SKIPS - 1 }, 48, probs, true, [])).toBe(false);
    expect(visionNeeded({ ...nobody, skipped: GATE_MAX_SKIPS }, 48, probs, true, [])).toBe(true);
    expect(visionNeeded(nobody, 24, probs, true, [])).toBe(true);
    expect(visionNeeded(nobody, 10, probs, true, [])).toBe(true);
  });

  it('ignores the film-start marker when looking for transitions', () => {
    const start: Transition = { kind: 'start', startFrame: 0, endFrame: 0, shotStartFrame: 0, score: 1 };
    expect(transitionBetween([start], -1, 48)).toBe(false);
    expect(transitionBetween([cut(30)], 29, 30)).toBe(true);
    expect(transitionBetween([cut(30)], 30, 48)).toBe(false);
  });
});
