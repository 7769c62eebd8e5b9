import { describe, expect, it } from 'vitest';
import {
  acceptShot,
  correctedShots,
  correctedTransitions,
  emptyCorrections,
  historyOf,
  historyPush,
  historyRedo,
  historyUndo,
  isEmptyCorrections,
  labelledShots,
  setAdapted,
  mergeWithNext,
  nextLowConfidence,
  parseCorrections,
  reviewCounts,
  scaleForDigit,
  setShotScale,
  splitAt,
  type ShotSource,
} from './corrections';
import type { Transition } from './shotTypes';
import { SCALE_CODES, type ScaleCode } from './taxonomy';

const cut = (f: number): Transition => ({ kind: 'cut', startFrame: f, endFrame: f, shotStartFrame: f, score: 0.9 });

function probs(code: ScaleCode, p = 0.9): number[] {
  const out = SCALE_CODES.map(() => (1 - p) / 7);
  out[SCALE_CODES.indexOf(code)] = p;
  return out;
}

/** 24 fps, 240 frames, detected cuts at 72 and 144; a sample each second (frame 12, 36, …). */
function source(): ShotSource {
  const labels: ScaleCode[] = ['CU', 'CU', 'CU', 'LS', 'LS', 'LS', 'MS', 'MS', 'MS', 'MS'];
  return {
    transitions: [cut(72), cut(144)],
    frameCount: 240,
    frameRate: { num: 24, den: 1 },
    samples: labels.map((code, i) => ({ index: i, frame: 12 + 24 * i, tSec: i + 0.5, probs: probs(code, i === 5 ? 0.4 : 0.9) })),
  };
}

describe('scaleForDigit', () => {
  it('maps 1–7 to ECU…ELS and 0 to NA', () => {
    expect(['1', '2', '3', '4', '5', '6', '7', '0'].map(scaleForDigit)).toEqual(['ECU', 'CU', 'MCU', 'MS', 'MLS', 'LS', 'ELS', 'NA']);
    expect(scaleForDigit('8')).toBeUndefined();
    expect(scaleForDigit('a')).toBeUndefined();
    expect(scaleForDigit('10')).toBeUndefined();
  });
});

describe('correctedShots', () => {
  it('without corrections equals the model’s shots, none corrected', () => {
    const shots = correctedShots(source(), emptyCorrections('fp'));
    expect(shots.map((s) => [s.startFrame, s.endFrame, s.scale, s.corrected])).toEqual([
      [0, 71, 'CU', false],
      [72, 143, 'LS', false],
      [144, 239, 'MS', false],
    ]);
  });

  it('a set scale overrides the model, with confidence 1 and corrected', () => {
    const c = setShotScale(emptyCorrections('fp'), 72, 'ELS', 5);
    const shots = correctedShots(source(), c);
    expect(shots[1]).toMatchObject({ scale: 'ELS', confidence: 1, corrected: true });
    expect(shots[0].corrected).toBe(false);
    expect(c.updatedAt).toBe(5);
  });

  it('a split cuts the shot at the frame; both parts are corrected and pool their own samples', () => {
    const src = source();
    const shots0 = correctedShots(src, emptyCorrections('fp'));
    const c = splitAt(emptyCorrections('fp'), shots0, 192)!;
    const shots = correctedShots(src, c);
    expect(shots.map((s) => [s.startFrame, s.endFrame, s.corrected])).toEqual([
      [0, 71, false],
      [72, 143, false],
      [144, 191, true],
      [192, 239, true],
    ]);
    expect(shots[3].sampleIndices).toEqual([8, 9]);
    expect(shots[3].transition.kind).toBe('cut');
  });

  it('a merge removes the boundary; the joined shot keeps the first start frame and is corrected', () => {
    const src = source();
    const c = mergeWithNext(emptyCorrections('fp'), correctedShots(src, emptyCorrections('fp')), 0)!;
    expect(c.merges).toEqual([72]);
    const shots = correctedShots(src, c);
    expect(shots.map((s) => [s.startFrame, s.endFrame, s.corrected])).toEqual([
      [0, 143, true],
      [144, 239, false],
    ]);
    expect(correctedTransitions(src.transitions, c).map((t) => t.shotStartFrame)).toEqual([144]);
  });

  it('merging a user split removes the split instead of recording a merge; splitting a merge restores the cut', () => {
    const src = source();
    const split = splitAt(emptyCorrections('fp'), correctedShots(src, emptyCorrections('fp')), 100)!;
    const merged = mergeWithNext(split, correctedShots(src, split), 1)!;
    expect(merged.splits).toEqual([]);
    expect(merged.merges).toEqual([]);
    const m = mergeWithNext(emptyCorrections('fp'), correctedShots(src, emptyCorrections('fp')), 1)!;
    const back = splitAt(m, correctedShots(src, m), 144)!;
    expect(back.merges).toEqual([]);
    expect(correctedShots(src, back).map((s) => s.startFrame)).toEqual([0, 72, 144]);
  });

  it('merge drops the second shot’s set scale; the last shot cannot merge; a start frame cannot be split', () => {
    const src = source();
    let c = setShotScale(emptyCorrections('fp'), 72, 'ECU');
    c = setShotScale(c, 0, 'MCU');
    const m = mergeWithNext(c, correctedShots(src, c), 0)!;
    expect(m.scales).toEqual({ 0: 'MCU' });
    expect(mergeWithNext(c, correctedShots(src, c), 2)).toBeNull();
    expect(splitAt(c, correctedShots(src, c), 72)).toBeNull();
    expect(splitAt(c, correctedShots(src, c), 0)).toBeNull();
    expect(splitAt(c, correctedShots(src, c), 240)).toBeNull();
  });
});

describe('review', () => {
  it('low-confidence shots: found forwards and backwards with wrap-round; accepted and corrected ones are skipped', () => {
    const src = { ...source(), samples: source().samples.map((s) => ({ ...s, probs: probs(s.index < 3 ? 'CU' : s.index < 6 ? 'LS' : 'MS', s.index < 6 ? 0.2 : 0.9) })) };
    const c0 = emptyCorrections('fp');
    const shots = correctedShots(src, c0);
    expect(nextLowConfidence(shots, c0, 0, 1)).toBe(1);
    expect(nextLowConfidence(shots, c0, 1, 1)).toBe(0);
    expect(nextLowConfidence(shots, c0, 0, -1)).toBe(1);
    const c1 = acceptShot(c0, shots[1]);
    expect(nextLowConfidence(correctedShots(src, c1), c1, 0, 1)).toBe(0);
    const c2 = setShotScale(c1, 0, 'CU');
    expect(nextLowConfidence(correctedShots(src, c2), c2, 0, 1)).toBe(-1);
    expect(reviewCounts(correctedShots(src, c2), c2)).toEqual({ corrected: 1, reviewed: 2, low: 0 });
    expect(reviewCounts(shots, c0)).toEqual({ corrected: 0, reviewed: 0, low: 2 });
  });

  it('isEmptyCorrections and parseCorrections', () => {
    expect(isEmptyCorrections(emptyCorrections('x'))).toBe(true);
    const c = setShotScale(emptyCorrections('x'), 3, 'MS', 1);
    expect(isEmptyCorrections(c)).toBe(false);
    expect(parseCorrections(JSON.parse(JSON.stringify(c)))).toEqual(c);
    expect(parseCorrections(null)).toMatch(/not an object/);
    expect(parseCorrections({ ...c, fingerprint: '' })).toMatch(/fingerprint/);
    expect(parseCorrections({ ...c, scales: { 3: 'BIG' } })).toMatch(/scales/);
    expect(parseCorrections({ ...c, splits: [-1] })).toMatch(/splits/);
  });
});

describe('history', () => {
  it('undo and redo walk the states; a new change drops the redo list', () => {
    let h = historyOf(0);
    h = historyPush(h, 1);
    h = historyPush(h, 2);
    h = historyUndo(h);
    expect(h.present).toBe(1);
    h = historyUndo(h);
    expect(h.present).toBe(0);
    expect(historyUndo(h)).toBe(h);
    h = historyRedo(h);
    expect(h.present).toBe(1);
    h = historyPush(h, 5);
    expect(h.future).toEqual([]);
    expect(historyRedo(h)).toBe(h);
    expect(h.past).toEqual([0, 1]);
  });
});

describe('adapted scales', () => {
  it('re-label shots the user did not set; the user’s scales and accepted shots win; removable', () => {
    const src = source();
    let c = setShotScale(emptyCorrections('fp'), 0, 'MCU');
    c = setAdapted(c, { 0: 'ELS', 72: 'MLS', 144: 'ECU' }, 1, 3);
    c = acceptShot(c, { startFrame: 144, scale: 'MS' });
    const shots = correctedShots(src, c);
    expect(shots.map((s) => [s.scale, s.corrected])).toEqual([
      ['MCU', true],
      ['MLS', false],
      ['MS', false],
    ]);
    expect(shots[1].confidence).toBeCloseTo(0.8 / 21, 5);
    expect(labelledShots(shots, c).map((l) => l.scale)).toEqual(['MCU', 'MS']);
    const back = setAdapted(c, null, 0);
    expect(back.adapted).toBeUndefined();
    expect(correctedShots(src, back)[1].scale).toBe('LS');
    expect(parseCorrections(JSON.parse(JSON.stringify(c)))).toEqual(c);
  });
});
