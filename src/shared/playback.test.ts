import { describe, expect, it } from 'vitest';
import { frameStepTime, sampleIndexAt, shuttle } from './playback';

describe('sampleIndexAt', () => {
  it('maps media time to the second that holds it', () => {
    expect(sampleIndexAt(0, 1, 9)).toBe(0);
    expect(sampleIndexAt(0.99, 1, 9)).toBe(0);
    expect(sampleIndexAt(3.5, 1, 9)).toBe(3);
    expect(sampleIndexAt(3.5, 2, 19)).toBe(7);
  });

  it('clamps to the analysed seconds', () => {
    expect(sampleIndexAt(-1, 1, 9)).toBe(0);
    expect(sampleIndexAt(42, 1, 9)).toBe(9);
    expect(sampleIndexAt(3, 1, -1)).toBe(0);
  });
});

describe('shuttle', () => {
  it('doubles with each press the same way, up to 8×', () => {
    expect(shuttle(0, 'L')).toBe(1);
    expect(shuttle(1, 'L')).toBe(2);
    expect(shuttle(2, 'L')).toBe(4);
    expect(shuttle(4, 'L')).toBe(8);
    expect(shuttle(8, 'L')).toBe(8);
    expect(shuttle(0, 'J')).toBe(-1);
    expect(shuttle(-1, 'J')).toBe(-2);
    expect(shuttle(-8, 'J')).toBe(-8);
  });

  it('turns round at 1× the other way', () => {
    expect(shuttle(4, 'J')).toBe(-1);
    expect(shuttle(-2, 'L')).toBe(1);
  });
});

describe('frameStepTime', () => {
  it('steps one frame and lands mid-frame', () => {
    expect(frameStepTime(1, 1, 24, 10)).toBeCloseTo(25.5 / 24, 9);
    expect(frameStepTime(1, -1, 24, 10)).toBeCloseTo(23.5 / 24, 9);
    expect(frameStepTime(25.5 / 24, -1, 24, 10)).toBeCloseTo(24.5 / 24, 9);
  });

  it('stays inside the film', () => {
    expect(frameStepTime(0, -1, 25, 10)).toBeCloseTo(0.5 / 25, 9);
    expect(frameStepTime(10, 1, 25, 10)).toBeCloseTo(249.5 / 25, 9);
  });

  it("steps a variable-rate film's own frames, not an average rate's", () => {
    const frames = { frameTimesSec: [0, 0.04, 0.12, 0.16], endSec: 0.2 };
    expect(frameStepTime(0.05, 1, frames, 0.2)).toBeCloseTo(0.14, 9);
    expect(frameStepTime(0.13, -1, frames, 0.2)).toBeCloseTo(0.08, 9);
    expect(frameStepTime(0.17, 1, frames, 0.2)).toBeCloseTo(0.18, 9);
    expect(frameStepTime(0.01, -1, frames, 0.2)).toBeCloseTo(0.02, 9);
  });
});
