import { describe, expect, it } from 'vitest';
import { frameLabelOf, poolSeconds, POOL_WINDOW_SEC } from './secondPooling';
import { SCALE_CODES, type ScaleCode } from './taxonomy';
import type { SecondResult } from './types';

/** A second at `t` s (frame = t × 24) whose own answer is `code` with probability `p`. */
function second(t: number, code: ScaleCode, p = 0.5): SecondResult {
  const probs = SCALE_CODES.map((c) => (c === code ? p : (1 - p) / (SCALE_CODES.length - 1)));
  return { index: t, tSec: t + 0.5, frame: Math.round((t + 0.5) * 24), probs, label: code, naProb: code === 'NA' ? p : 0 };
}

/** Shots over frames [0, 239] and [240, 479] (10 s each at 24 fps). */
const shots = [
  { startFrame: 0, endFrame: 239 },
  { startFrame: 240, endFrame: 479 },
];
const frameOf = (r: SecondResult) => r.frame!;
const labels = (rs: readonly SecondResult[]) => rs.map((r) => r.label).join(' ');

describe('poolSeconds', () => {
  it('takes the answer most samples within the window agree on, and says so', () => {
    const rs = ['MS', 'MS', 'LS', 'MS', 'MS'].map((c, t) => second(t, c as ScaleCode));
    const pooled = poolSeconds(rs, { shots, frameOf });
    expect(labels(pooled)).toBe('MS MS MS MS MS');
    expect(pooled[2].pooled).toEqual({ frameLabel: 'LS', votes: 4, of: 5 });
    expect(pooled[2].probs).toEqual(rs[2].probs);
    expect(pooled[0].pooled).toBeUndefined();
  });

  it('never crosses a cut', () => {
    // Seconds 8–9 end shot 1 as CU; seconds 10–11 open shot 2 as LS.
    const rs = [...Array.from({ length: 10 }, (_, t) => second(t, t < 8 ? 'MS' : 'CU')), second(10, 'LS'), second(11, 'LS')];
    expect(labels(poolSeconds(rs, { shots, frameOf })).split(' ').slice(6)).toEqual(['MS', 'MS', 'CU', 'CU', 'LS', 'LS']);
  });

  it('turns a noisy camera move into one change of scale', () => {
    // A push-in from LS to CU in one shot, the frames flickering between the two around the change.
    const rs = ['LS', 'LS', 'CU', 'LS', 'CU', 'CU', 'CU', 'CU'].map((c, t) => second(t, c as ScaleCode));
    const pooled = poolSeconds(rs, { shots, frameOf });
    expect(labels(pooled)).toBe('LS LS LS CU CU CU CU CU');
    expect(pooled[2].pooled).toEqual({ frameLabel: 'CU', votes: 3, of: 5 });
    expect(pooled[3].pooled).toEqual({ frameLabel: 'LS', votes: 3, of: 5 });
  });

  it('keeps the own answer on a tie, and leaves NA seconds out of the vote and unchanged', () => {
    const rs = [second(0, 'MCU'), second(1, 'MS'), second(2, 'NA', 0.9), second(3, 'NA', 0.9), second(4, 'MS')];
    const pooled = poolSeconds(rs, { shots, frameOf });
    // Second 0 sees MCU, MS (NA does not vote): a tie, its own answer stays.
    expect(labels(pooled)).toBe('MCU MS NA NA MS');
  });

  it('looks only within the window', () => {
    expect(POOL_WINDOW_SEC).toBe(2);
    // Second 0 is CU; its window (0–2) holds CU, LS, CU; the LS at 3–5 are out of its reach.
    const rs = ['CU', 'LS', 'CU', 'LS', 'LS', 'LS'].map((c, t) => second(t, c as ScaleCode));
    const pooled = poolSeconds(rs, { shots, frameOf });
    expect(pooled[0].label).toBe('CU');
    expect(pooled[2].label).toBe('LS');
  });

  it('is idempotent, and pooling again after a split starts from each frame’s own answer', () => {
    const rs = ['MS', 'MS', 'LS', 'LS', 'MS', 'MS'].map((c, t) => second(t, c as ScaleCode));
    const once = poolSeconds(rs, { shots, frameOf });
    expect(poolSeconds(once, { shots, frameOf })).toEqual(once);
    // A cut at 2 s: seconds 2–5 are a shot of their own, where LS LS MS MS ties at each end.
    const split = [
      { startFrame: 0, endFrame: 47 },
      { startFrame: 48, endFrame: 479 },
    ];
    const again = poolSeconds(once, { shots: split, frameOf });
    expect(again.map(frameLabelOf)).toEqual(rs.map((r) => r.label));
    expect(labels(again)).toBe('MS MS LS LS MS MS');
    expect(again.every((r) => r.pooled === undefined)).toBe(true);
  });

  it('leaves seconds outside every shot as they are', () => {
    const r = second(30, 'ELS');
    expect(poolSeconds([r], { shots, frameOf })).toEqual([r]);
  });
});
